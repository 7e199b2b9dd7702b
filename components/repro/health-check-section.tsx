"use client";
import { Button, Caption1, makeStyles, Spinner, Text, tokens } from "@fluentui/react-components";
import { DismissRegular, PlayRegular } from "@fluentui/react-icons";
import { useRef, useState, type ReactNode } from "react";
import { useApiClient } from "@/lib/queries/api-client-provider";
import { runHealthCheck } from "@/lib/queries/registry-data";
import type { HealthCheckResult } from "@/lib/repro/types";
import type { RegistryRef } from "@/lib/types";
import { ApiErrorMessage } from "../ui/api-error-message";
import { Section } from "../ui/section";
import { HealthCheckTable } from "./health-check-table";

/** The section's anchor (the registry page links to it). */
export const HEALTH_CHECK_SECTION_ID = "health-check";

/** Endpoints checked at once when a run checks them one by one (`hosts`). */
const PARALLEL_ENDPOINTS = 4;

const useStyles = makeStyles({
  actions: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center" },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** Where a run stands: endpoints finished of those asked for. */
interface Progress {
  done: number;
  total: number;
}

/**
 * Like `az acr check-health`, for the endpoints of one region (or every endpoint): runnable and
 * cancellable; the last result is kept by the page (`result`, `onResult`). Given `hosts`, each
 * endpoint is checked by its own request: the table fills in as they finish, and a cancel keeps
 * what finished.
 */
export function HealthCheckSection({
  registryRef,
  region,
  hosts,
  repository,
  tag,
  imageValid,
  result,
  onResult,
  children,
}: {
  registryRef: RegistryRef;
  region?: string;
  /** The endpoints to check one by one (ARM's host names for the registry, in table order). */
  hosts?: readonly string[];
  repository: string;
  tag: string;
  imageValid: boolean;
  result: HealthCheckResult | null;
  /** The run's result; null when a run by host starts (its endpoints then arrive one by one). */
  onResult: (result: HealthCheckResult | null) => void;
  /** Shown above the results (the registry page's image picker). */
  children?: ReactNode;
}) {
  const styles = useStyles();
  const api = useApiClient();
  const controller = useRef<AbortController | null>(null);
  const progressRef = useRef<Progress | null>(null);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [canceled, setCanceled] = useState<Progress | null>(null);
  const [error, setError] = useState<unknown>(null);

  const track = (next: Progress | null) => {
    progressRef.current = next;
    setProgress(next);
  };

  /** Every host by its own request, a few at a time, each answer shown as it arrives. */
  const runByHost = async (list: readonly string[], abort: AbortController) => {
    const image = imageValid ? { repository, tag } : {};
    const answers: (HealthCheckResult | undefined)[] = list.map(() => undefined);
    let next = 0;
    let done = 0;
    track({ done, total: list.length });
    onResult(null);
    const worker = async () => {
      while (next < list.length && !abort.signal.aborted) {
        const index = next++;
        const answer = await runHealthCheck(
          api,
          registryRef,
          { host: list[index], ...image },
          abort.signal,
        );
        if (abort.signal.aborted) return;
        answers[index] = answer;
        done += 1;
        track({ done, total: list.length });
        const finished = answers.filter((a): a is HealthCheckResult => a !== undefined);
        onResult({ ...finished[0]!, endpoints: finished.flatMap((a) => a.endpoints) });
      }
    };
    try {
      await Promise.all(
        Array.from({ length: Math.min(PARALLEL_ENDPOINTS, list.length) }, () => worker()),
      );
    } catch (err) {
      // One refused request (ARM's 403, a lost session) refuses them all: stop the others.
      abort.abort();
      throw err;
    }
  };

  const run = async () => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setRunning(true);
    setError(null);
    setCanceled(null);
    try {
      if (hosts && hosts.length > 0) {
        await runByHost(hosts, abort);
      } else {
        const image = imageValid ? { repository, tag } : {};
        onResult(await runHealthCheck(api, registryRef, { region, ...image }, abort.signal));
      }
    } catch (err) {
      if (controller.current === abort) setError(err);
    } finally {
      if (controller.current === abort) {
        controller.current = null;
        setRunning(false);
        track(null);
      }
    }
  };
  const cancel = () => {
    const abort = controller.current;
    controller.current = null;
    setCanceled(progressRef.current ?? { done: 0, total: 1 });
    abort?.abort();
    setRunning(false);
    track(null);
  };
  return (
    <Section
      title="Health check"
      id={HEALTH_CHECK_SECTION_ID}
      actions={
        <div className={styles.actions}>
          <Button
            appearance="primary"
            icon={<PlayRegular />}
            disabled={running}
            onClick={() => void run()}
          >
            Run health check
          </Button>
          {running ? (
            <>
              <Spinner
                size="tiny"
                label={
                  progress ? `Checking: ${progress.done} of ${progress.total} done` : "Checking"
                }
              />
              <Button icon={<DismissRegular />} onClick={cancel}>
                Cancel
              </Button>
            </>
          ) : null}
        </div>
      }
    >
      <Text>
        DNS, TCP, TLS, the /v2/ challenge, the token exchange with your own identity, a manifest
        HEAD of the chosen image and a blob&apos;s redirect to its data endpoint, for each endpoint
        {region ? ` in ${region}` : " of the registry"}, from the console&apos;s server.
      </Text>
      {children}
      {error ? (
        <ApiErrorMessage error={error} what="the health check" onRetry={() => void run()} />
      ) : null}
      {canceled ? (
        <Text role="status" weight="semibold">
          {hosts && hosts.length > 0
            ? `Health check canceled: ${canceled.done} of ${canceled.total} endpoints checked, the others not.`
            : "Health check canceled: no endpoint checked."}
        </Text>
      ) : null}
      {result ? (
        <>
          <Caption1 className={styles.muted}>
            Run at {result.at} from {result.vantage}
            {result.repository ? ` for ${result.repository}:${result.tag}` : " without an image"}
          </Caption1>
          <HealthCheckTable result={result} />
        </>
      ) : null}
    </Section>
  );
}
