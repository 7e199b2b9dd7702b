import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import type { ReactNode } from "react";
import { ConfigErrorPage } from "@/components/shell/config-error-page";
import { AppProviders } from "@/components/providers/app-providers";
import { parseThemePreference, THEME_COOKIE } from "@/components/providers/theme";
import { ConfigError, getPublicConfig, type PublicConfig } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import "./globals.css";

// Read the configuration per request: one production build serves any emulator port or tenant.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "ACR Geo Console", template: "%s · ACR Geo Console" },
  description: "Endpoints, replicas and routing of geo-replicated Azure Container Registries",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The user's theme, on <html> before anything paints (see components/providers/theme.ts).
  const theme = parseThemePreference((await cookies()).get(THEME_COOKIE)?.value);
  // The page's CSP nonce (proxy.ts): Fluent UI's style elements must carry it.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  let config: PublicConfig | null = null;
  let problem: string | null = null;
  try {
    config = getPublicConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // Visitors are not signed in: they get the advice, the server's log gets the file names.
    logger().error({ event: "configuration", error: error.message }, "not configured");
    problem = error.publicMessage;
  }
  return (
    <html lang="en" dir="ltr" data-theme={theme}>
      <body>
        {config ? (
          <AppProviders config={config} nonce={nonce}>
            {children}
          </AppProviders>
        ) : (
          <ConfigErrorPage message={problem ?? "The console has no configuration."} nonce={nonce} />
        )}
      </body>
    </html>
  );
}
