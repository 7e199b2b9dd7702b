"use client";
import { Button, Field, makeStyles, Select, tokens } from "@fluentui/react-components";
import { PauseRegular, PlayRegular } from "@fluentui/react-icons";
import { memo, useId } from "react";
import { PROBE_INTERVALS_MS } from "@/lib/probe/shared/intervals";

const useStyles = makeStyles({
  root: { display: "flex", alignItems: "end", flexWrap: "wrap", gap: tokens.spacingHorizontalM },
  interval: { minWidth: "120px" },
});

/**
 * Pause/resume and the interval of this viewer's probes. Both are per viewer: pausing closes this
 * page's stream only, and a longer interval thins what this page receives; the server's shared
 * loop runs at the shortest interval any current viewer asked for.
 */
export const ProbeControls = memo(function ProbeControls({
  paused,
  onPausedChange,
  intervalMs,
  onIntervalChange,
}: {
  paused: boolean;
  onPausedChange: (paused: boolean) => void;
  intervalMs: number;
  onIntervalChange: (ms: number) => void;
}) {
  const styles = useStyles();
  const id = useId();
  return (
    <div className={styles.root}>
      <Field label="Probe interval" className={styles.interval}>
        <Select
          id={id}
          value={String(intervalMs)}
          onChange={(_, data) => onIntervalChange(Number(data.value))}
        >
          {PROBE_INTERVALS_MS.map((ms) => (
            <option key={ms} value={ms}>
              every {ms / 1000} s
            </option>
          ))}
        </Select>
      </Field>
      <Button
        icon={paused ? <PlayRegular /> : <PauseRegular />}
        onClick={() => onPausedChange(!paused)}
      >
        {paused ? "Resume probes" : "Pause probes"}
      </Button>
    </div>
  );
});
