"use client";
import type { PublicClientApplication } from "@azure/msal-browser";
import { MsalProvider } from "@azure/msal-react";
import { usePathname } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";
import type { PublicConfig } from "@/lib/types";
import { PUBLIC_PATHS } from "@/lib/auth/browser/msal-config";
import { AppShell } from "../shell/app-shell";
import { SignInGate } from "./sign-in-gate";
import { SignInStatus } from "./sign-in-status";

/**
 * Sign-in for every page except the redirect bridge and the signed-out page, which must run
 * without an MSAL instance (the bridge hands the response to the page that started sign-in).
 */
export function AuthProvider({ config, children }: { config: PublicConfig; children: ReactNode }) {
  const pathname = usePathname();
  if (PUBLIC_PATHS.includes(pathname)) return <AppShell>{children}</AppShell>;
  return <MsalRoot config={config}>{children}</MsalRoot>;
}

function MsalRoot({ config, children }: { config: PublicConfig; children: ReactNode }) {
  // MSAL needs the browser: the server renders the "signing in" shell, the browser takes over.
  const [instance, setInstance] = useState<PublicClientApplication | null>(null);
  useEffect(() => {
    let cancelled = false;
    void import("./msal-instance").then(({ msalInstanceFor }) => {
      if (!cancelled) setInstance(msalInstanceFor(config));
    });
    return () => {
      cancelled = true;
    };
  }, [config]);

  if (!instance) {
    return (
      <AppShell>
        <SignInStatus state="starting" />
      </AppShell>
    );
  }
  return (
    <MsalProvider instance={instance}>
      <SignInGate config={config}>{children}</SignInGate>
    </MsalProvider>
  );
}
