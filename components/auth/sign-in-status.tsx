"use client";
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
} from "@fluentui/react-components";

type Props =
  { state: "starting" | "redirecting" } | { state: "failed"; error: Error; onRetry: () => void };

/** What the page shows while sign-in is under way, or why it failed. */
export function SignInStatus(props: Props) {
  if (props.state === "failed") {
    const code = "errorCode" in props.error ? String(props.error.errorCode) : undefined;
    return (
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Sign-in failed</MessageBarTitle>
          {props.error.message}
          {code ? ` (${code})` : null} Try again; if it keeps failing, check that the console&apos;s
          redirect URI is registered with the identity provider.
        </MessageBarBody>
        <MessageBarActions>
          <Button onClick={props.onRetry}>Sign in again</Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
  return (
    <Spinner
      label={props.state === "redirecting" ? "Redirecting to sign-in…" : "Signing in…"}
      labelPosition="below"
    />
  );
}
