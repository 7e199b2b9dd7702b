"use client";
import {
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  tokens,
} from "@fluentui/react-components";
import type { StreamState } from "@/lib/probe/browser/stream";
import type { Vantage } from "@/lib/probe/shared/events";
import { ApiErrorMessage } from "../ui/api-error-message";

const useStyles = makeStyles({
  line: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** Where this view's probes stand: live (and from where), paused, hidden, reconnecting or failed. */
export function StreamStatus({
  state,
  paused,
  visible,
  intervalMs,
  vantage,
  onRetry,
}: {
  state: StreamState;
  paused: boolean;
  visible: boolean;
  intervalMs: number;
  vantage?: Vantage;
  onRetry: () => void;
}) {
  const styles = useStyles();
  if (paused) {
    return (
      <Caption1 className={styles.muted} role="status">
        Paused. This page receives no samples; other viewers of this registry keep theirs, and the
        server stops probing 30 s after its last viewer leaves.
      </Caption1>
    );
  }
  if (!visible) {
    return (
      <Caption1 className={styles.muted} role="status">
        Paused while the tab is hidden.
      </Caption1>
    );
  }
  switch (state.state) {
    case "failed":
      return <ApiErrorMessage error={state.error} what="the probe stream" onRetry={onRetry} />;
    case "retrying":
      return (
        <MessageBar intent="warning" role="status">
          <MessageBarBody>
            The probe stream was interrupted ({state.error.message}). Reconnecting in{" "}
            {Math.round(state.inMs / 1000)} s; missed samples are replayed.
          </MessageBarBody>
        </MessageBar>
      );
    case "live":
      return (
        <Caption1 className={styles.muted} role="status">
          Live: probes of <code>GET /v2/</code> every {intervalMs / 1000} s from the console server
          {vantage ? (
            <>
              {" "}
              <code>{vantage.consoleHost}</code>
            </>
          ) : null}
          , not from this browser.
        </Caption1>
      );
    default:
      return (
        <span className={styles.line} role="status">
          <Spinner size="extra-tiny" />
          <Caption1>Connecting to the probe stream…</Caption1>
        </span>
      );
  }
}
