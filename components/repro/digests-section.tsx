"use client";
import { Button, Caption1, makeStyles, Spinner, Text, tokens } from "@fluentui/react-components";
import { EyeRegular, PlayRegular, StopRegular } from "@fluentui/react-icons";
import { useEffect, useRef, useState } from "react";
import { useApiClient } from "@/lib/queries/api-client-provider";
import { getDigestMatrix } from "@/lib/queries/registry-data";
import { pullAdvice } from "@/lib/repro/access-advice";
import { overallVerdict, WATCH_INTERVAL_MS, WATCH_LIMIT_MS } from "@/lib/repro/digests";
import type { DigestMatrix } from "@/lib/repro/types";
import type { RegistryRef } from "@/lib/types";
import { ApiErrorMessage } from "../ui/api-error-message";
import { Section } from "../ui/section";
import { DigestsTable } from "./digests-table";

const useStyles = makeStyles({
  actions: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center" },
  muted: { color: tokens.colorNeutralForeground3 },
});

const OVERALL: Record<DigestMatrix["overall"], string> = {
  consistent: "Consistent: every replica serves the home replica's digest.",
  propagating: "Propagating: some replicas lack the tag or still serve another digest.",
  diverged: "Diverged: the replicas serve different digests and have not converged.",
  unknown: "Unknown: the home replica did not answer with a digest.",
};

interface Watch {
  startedAt: number;
  /** Seconds until the matrix was consistent, once it was. */
  convergedAfterS?: number;
}

/**
 * The digest matrix: one check, or "Watch until consistent" (a check every two seconds until
 * every replica serves the same digest, then how long that took: push-then-pull in CI/CD).
 */
export function DigestsSection({
  registryRef,
  repository,
  tag,
  imageValid,
  matrix,
  onMatrix,
}: {
  registryRef: RegistryRef;
  repository: string;
  tag: string;
  imageValid: boolean;
  matrix: DigestMatrix | null;
  onMatrix: (matrix: DigestMatrix) => void;
}) {
  const styles = useStyles();
  const api = useApiClient();
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [watch, setWatch] = useState<Watch | null>(null);
  const controller = useRef<AbortController | null>(null);

  const check = async (watching: Watch | null): Promise<DigestMatrix | null> => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setRunning(true);
    try {
      const answer = await getDigestMatrix(api, registryRef, { repository, tag }, abort.signal);
      const elapsedMs = watching ? Date.now() - watching.startedAt : 0;
      const judged = watching
        ? {
            ...answer,
            overall: overallVerdict(answer.rows, { elapsedMs, limitMs: WATCH_LIMIT_MS }),
          }
        : answer;
      setError(null);
      onMatrix(judged);
      return judged;
    } catch (err) {
      if (!abort.signal.aborted) setError(err);
      return null;
    } finally {
      if (controller.current === abort) setRunning(false);
    }
  };

  // The watch: a steady interval between the end of one check and the start of the next.
  const watching = watch !== null && watch.convergedAfterS === undefined;
  useEffect(() => {
    if (!watch || watch.convergedAfterS !== undefined) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const tick = async () => {
      const judged = await check(watch);
      if (stopped) return;
      if (judged?.overall === "consistent") {
        setWatch({
          ...watch,
          convergedAfterS: Math.round((Date.now() - watch.startedAt) / 100) / 10,
        });
        return;
      }
      // Waiting does not help where the identity may not pull: only a role assignment does.
      const denied = judged?.rows.some((r) => r.isHome && r.verdict === "denied") ?? false;
      if (
        judged?.overall === "diverged" ||
        denied ||
        Date.now() - watch.startedAt >= WATCH_LIMIT_MS
      ) {
        setWatch(null);
        return;
      }
      timer = setTimeout(() => void tick(), WATCH_INTERVAL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
      controller.current?.abort();
    };
    // One loop per watch; the image is fixed while it runs (the buttons are disabled).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [watch?.startedAt]);

  const stop = () => {
    setWatch(null);
    controller.current?.abort();
    setRunning(false);
  };

  return (
    <Section
      title="Digests"
      id="digests"
      actions={
        <div className={styles.actions}>
          <Button
            icon={<PlayRegular />}
            disabled={!imageValid || running || watching}
            onClick={() => {
              setWatch(null);
              void check(null);
            }}
          >
            Check digests
          </Button>
          {watching ? (
            <Button icon={<StopRegular />} onClick={stop}>
              Stop watching
            </Button>
          ) : (
            <Button
              icon={<EyeRegular />}
              disabled={!imageValid || running}
              onClick={() => setWatch({ startedAt: Date.now() })}
            >
              Watch until consistent
            </Button>
          )}
          {running ? <Spinner size="tiny" label="Checking" /> : null}
        </div>
      }
    >
      {!imageValid ? <Text>Choose a repository and a tag to compare their digests.</Text> : null}
      {error ? <ApiErrorMessage error={error} what="the digest matrix" /> : null}
      {matrix ? (
        <>
          {!matrix.regionalEndpoints ? (
            <Text>
              Regional endpoints are off: per-replica digests need them (each replica is reached
              through its own regional endpoint). Only the global endpoint&apos;s answer is shown.
            </Text>
          ) : null}
          <Text weight="semibold" role="status">
            {OVERALL[matrix.overall]}
            {watch?.convergedAfterS !== undefined
              ? ` Converged ${watch.convergedAfterS} s after the watch started.`
              : watching
                ? " Watching..."
                : ""}
          </Text>
          <Caption1 className={styles.muted}>
            {matrix.repository}:{matrix.tag} checked at {matrix.at}
          </Caption1>
          <DigestsTable matrix={matrix} />
          {matrix.rows.some((r) => r.verdict === "denied") ? (
            <Text>{pullAdvice(matrix.repository)}</Text>
          ) : null}
        </>
      ) : null}
    </Section>
  );
}
