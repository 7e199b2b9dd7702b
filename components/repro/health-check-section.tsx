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

const useStyles = makeStyles({
  actions: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center" },
  muted: { color: tokens.colorNeutralForeground3 },
});

/**
 * Like `az acr check-health`, for the endpoints of one region (or every endpoint): runnable and
 * cancellable; the last result is kept by the page (`result`, `onResult`).
 */
export function HealthCheckSection({
  registryRef,
  region,
  repository,
  tag,
  imageValid,
  result,
  onResult,
  children,
}: {
  registryRef: RegistryRef;
  region?: string;
  repository: string;
  tag: string;
  imageValid: boolean;
  result: HealthCheckResult | null;
  onResult: (result: HealthCheckResult) => void;
  /** Shown above the results (the registry page's image picker). */
  children?: ReactNode;
}) {
  const styles = useStyles();
  const api = useApiClient();
  const controller = useRef<AbortController | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setRunning(true);
    setError(null);
    try {
      const image = imageValid ? { repository, tag } : {};
      onResult(await runHealthCheck(api, registryRef, { region, ...image }, abort.signal));
    } catch (err) {
      if (!abort.signal.aborted) setError(err);
    } finally {
      if (controller.current === abort) {
        controller.current = null;
        setRunning(false);
      }
    }
  };
  const cancel = () => {
    controller.current?.abort();
    controller.current = null;
    setRunning(false);
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
              <Spinner size="tiny" label="Checking" />
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
