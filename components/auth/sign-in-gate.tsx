"use client";
import {
  EventType,
  InteractionStatus,
  InteractionType,
  type EventMessage,
} from "@azure/msal-browser";
import { useMsal } from "@azure/msal-react";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import type { PublicConfig } from "@/lib/types";
import { loginRequest } from "@/lib/auth/browser/msal-config";
import { acquireArmToken, currentAccount } from "@/lib/auth/browser/msal-token";
import { ApiClientProvider } from "@/lib/queries/api-client-provider";
import { AppShell } from "../shell/app-shell";
import { AccountMenu } from "./account-menu";
import { SignInStatus } from "./sign-in-status";

/**
 * Renders its children only for a signed-in user. Anyone else is sent to sign in with a redirect
 * that starts from the current URL, so a deep link lands back on the page that was asked for.
 */
export function SignInGate({ config, children }: { config: PublicConfig; children: ReactNode }) {
  const { instance, inProgress, accounts } = useMsal();
  const [error, setError] = useState<Error | null>(null);

  // Registered before MsalProvider handles the redirect response (child effects run first).
  useEffect(() => {
    const id = instance.addEventCallback((event: EventMessage) => {
      // MSAL 5 reports a failed redirect sign-in (including one handled on return) this way.
      const failed = event.eventType === EventType.ACQUIRE_TOKEN_FAILURE;
      if (failed && event.interactionType === InteractionType.Redirect && event.error) {
        setError(event.error);
      }
    });
    return () => {
      if (id) instance.removeEventCallback(id);
    };
  }, [instance]);

  const account = accounts.length > 0 ? currentAccount(instance) : null;

  useEffect(() => {
    if (account && !instance.getActiveAccount()) instance.setActiveAccount(account);
  }, [account, instance]);

  // One redirect per attempt, even if the effect runs again before the page unloads.
  const started = useRef(false);
  const startSignIn = useCallback(() => {
    if (started.current) return;
    started.current = true;
    instance.loginRedirect(loginRequest(config)).catch((e: unknown) => {
      started.current = false;
      setError(e instanceof Error ? e : new Error(String(e)));
    });
  }, [config, instance]);

  useEffect(() => {
    if (inProgress === InteractionStatus.None && !account && !error) startSignIn();
  }, [account, error, inProgress, startSignIn]);

  // Clearing the error lets the effect above start a new sign-in.
  const retry = useCallback(() => setError(null), []);

  const getToken = useCallback(
    () => acquireArmToken(instance, config.armScope),
    [config, instance],
  );

  if (error && !account) {
    return (
      <AppShell>
        <SignInStatus state="failed" error={error} onRetry={retry} />
      </AppShell>
    );
  }
  if (!account) {
    return (
      <AppShell>
        <SignInStatus state={inProgress === InteractionStatus.None ? "redirecting" : "starting"} />
      </AppShell>
    );
  }
  return (
    <AppShell account={<AccountMenu account={account} />}>
      <ApiClientProvider getToken={getToken}>{children}</ApiClientProvider>
    </AppShell>
  );
}
