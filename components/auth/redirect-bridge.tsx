"use client";
import { MessageBar, MessageBarBody, MessageBarTitle, Spinner } from "@fluentui/react-components";
import Link from "next/link";
import { useEffect, useState } from "react";

let started = false;

/**
 * The redirect URI page. MSAL 5 no longer lets the main page read the identity provider's
 * response from its own URL: this page hands it over (`broadcastResponseToMainFrame`) and returns
 * to the page that started sign-in, which finishes it. It must not create an MSAL instance.
 */
export function RedirectBridge() {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (started) return;
    started = true;
    void import("@azure/msal-browser/redirect-bridge")
      .then(({ broadcastResponseToMainFrame }) => broadcastResponseToMainFrame())
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  if (error) {
    return (
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Sign-in could not be completed</MessageBarTitle>
          {error} <Link href="/">Start again</Link>.
        </MessageBarBody>
      </MessageBar>
    );
  }
  return <Spinner label="Completing sign-in…" labelPosition="below" />;
}
