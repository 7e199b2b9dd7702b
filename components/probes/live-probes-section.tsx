"use client";
import { makeStyles, tokens } from "@fluentui/react-components";
import { useState, type ReactNode } from "react";
import type { useProbeRun } from "@/lib/probe/browser/use-probe-run";
import { DEFAULT_PROBE_INTERVAL_MS } from "@/lib/probe/shared/intervals";
import { Section } from "../ui/section";
import { ProbeControls } from "./probe-controls";
import { StreamStatus } from "./stream-status";

const useStyles = makeStyles({
  body: { display: "grid", gap: tokens.spacingVerticalM, gridTemplateColumns: "minmax(0, 1fr)" },
});

/** What a page's own probe settings are: paused or not, and its interval (per viewer). */
export interface ProbeSettings {
  paused: boolean;
  setPaused: (paused: boolean) => void;
  intervalMs: number;
  setIntervalMs: (intervalMs: number) => void;
}

/** A page's own probe settings, starting unpaused at the default interval. */
export function useProbeSettings(): ProbeSettings {
  const [paused, setPaused] = useState(false);
  const [intervalMs, setIntervalMs] = useState(DEFAULT_PROBE_INTERVAL_MS);
  return { paused, setPaused, intervalMs, setIntervalMs };
}

/**
 * The frame every live-probe view shares: pause and interval controls, the stream's status line,
 * then the view's own figures.
 */
export function LiveProbesSection({
  title,
  id,
  settings,
  probes,
  children,
}: {
  title: string;
  id?: string;
  settings: ProbeSettings;
  probes: Pick<ReturnType<typeof useProbeRun>, "run" | "visible" | "retry">;
  children: ReactNode;
}) {
  const styles = useStyles();
  const { paused, setPaused, intervalMs, setIntervalMs } = settings;
  return (
    <Section
      title={title}
      id={id}
      actions={
        <ProbeControls
          paused={paused}
          onPausedChange={setPaused}
          intervalMs={intervalMs}
          onIntervalChange={setIntervalMs}
        />
      }
    >
      <div className={styles.body}>
        <StreamStatus
          state={probes.run.state}
          paused={paused}
          visible={probes.visible}
          intervalMs={intervalMs}
          vantage={probes.run.meta?.vantage}
          onRetry={probes.retry}
        />
        {children}
      </div>
    </Section>
  );
}
