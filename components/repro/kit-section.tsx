"use client";
import { Field, Input, makeStyles, Select, Switch, Text, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { parseRegistryId } from "@/lib/arm-id";
import { regionOfHost } from "@/lib/endpoints/host";
import { probeRows } from "@/lib/probe/browser/table";
import { useProbeRun } from "@/lib/probe/browser/use-probe-run";
import { imagePath } from "@/lib/repro/names";
import { buildKit } from "@/lib/repro/kit";
import { useVantages } from "@/lib/queries/vantages";
import type { Registry } from "@/lib/types";
import { regionalLatencies } from "@/lib/vantages/shared/ranking";
import { Section } from "../ui/section";
import { Artefact } from "./artefact";

const useStyles = makeStyles({
  root: {
    display: "grid",
    gap: tokens.spacingVerticalM,
    minWidth: 0,
    // A long line of a file scrolls inside its block instead of widening the page.
    gridTemplateColumns: "minmax(0, 1fr)",
  },
  // Host names have no break opportunity of their own.
  code: { overflowWrap: "anywhere" },
  inputs: { display: "flex", gap: tokens.spacingHorizontalM, flexWrap: "wrap", alignItems: "end" },
});

/** Probes of every regional endpoint (for the mirror order) are this far apart. */
const MEASURE_INTERVAL_MS = 5_000;

/**
 * The pinning and client-side failover kit for a chosen image and target region: the pinned
 * reference, a Deployment patch, a kustomize override, the login and pull commands, and a
 * containerd hosts.toml whose mirrors are the regional endpoints in order of measured latency,
 * with the global login server as the final fallback.
 */
export function KitSection({
  registry,
  region,
  repository,
  tag,
  latencies,
  vantage,
}: {
  registry: Registry;
  region: string;
  repository: string;
  tag: string;
  /** Median TTFB per host measured by the page's own run. */
  latencies: Record<string, number | null>;
  vantage: string;
}) {
  const styles = useStyles();
  const regions = registry.regionalEndpointHostNames
    .map((h) => regionOfHost(h))
    .filter((r): r is string => r !== null);
  const [target, setTarget] = useState(region);
  const [deployment, setDeployment] = useState("my-app");
  const [container, setContainer] = useState("app");
  const [measure, setMeasure] = useState(false);
  // The mirror order as measured from a probe agent's vantage (e.g. the cluster's own region),
  // once agents are configured; else this console's probes.
  const [from, setFrom] = useState("");
  // The registry is ARM's own answer: its id always parses.
  const vantages = useVantages(parseRegistryId(registry.id)!);
  const agents = (vantages.data?.vantages ?? []).filter(
    (v) => v.source === "agent" && v.status === "live",
  );
  const agent = agents.find((v) => v.name === from);
  const all = useProbeRun({
    registryId: measure ? registry.id : undefined,
    intervalMs: MEASURE_INTERVAL_MS,
    paused: !measure,
  });
  const measured = agent ? regionalLatencies(agent.endpoints) : { ...latencies };
  if (measure && !agent) {
    for (const row of probeRows(all.run.endpoints.values())) {
      if (row.kind === "regional" && row.stats?.medianMs != null)
        measured[row.host] = row.stats.medianMs;
    }
  }
  const kit = buildKit({
    registry,
    repository: repository || "<repository>",
    reference: tag || "<tag>",
    region: target,
    latencies: measured,
    vantage: agent ? `probe agent ${agent.name}` : vantage,
    deployment,
    container,
  });
  const image = imagePath(repository || "<repository>", tag || "<tag>");
  return (
    <Section title="Pinning and failover kit" id="kit">
      <div className={styles.root}>
        <div className={styles.inputs}>
          <Field label="Target region">
            <Select value={target} onChange={(_, d) => setTarget(d.value)}>
              {(regions.length > 0 ? regions : [region]).map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Deployment">
            <Input value={deployment} onChange={(_, d) => setDeployment(d.value)} />
          </Field>
          <Field label="Container">
            <Input value={container} onChange={(_, d) => setContainer(d.value)} />
          </Field>
          {agents.length > 0 ? (
            <Field label="Mirror order measured from">
              <Select value={agent ? agent.name : ""} onChange={(_, d) => setFrom(d.value)}>
                <option value="">this console ({vantage})</option>
                {agents.map((v) => (
                  <option key={v.name} value={v.name}>
                    probe agent {v.name}
                  </option>
                ))}
              </Select>
            </Field>
          ) : null}
          <Switch
            disabled={agent !== undefined}
            label="Measure every regional endpoint for the mirror order"
            checked={measure}
            onChange={(_, d) => setMeasure(d.checked)}
          />
        </div>
        {kit.host ? (
          <Text>
            {image} pinned to {target}:{" "}
            <Text font="monospace" className={styles.code}>
              {kit.imageRef}
            </Text>
          </Text>
        ) : (
          <Text>
            {registry.name} has no regional endpoint in {target}
            {registry.regionalEndpoints === "Enabled" ? "" : " (regional endpoints are off)"}: the
            kit uses the global login server.
          </Text>
        )}
        <Artefact title="Pinned image reference" text={kit.imageRef} />
        <Artefact title="Log in and pull" text={`${kit.login}\n${kit.pull}\n`} />
        <Artefact
          title="Deployment patch"
          text={kit.deploymentPatch}
          fileName="deployment-patch.yaml"
          mimeType="application/yaml"
        />
        <Artefact
          title="kustomize images override"
          text={kit.kustomization}
          fileName="kustomization.yaml"
          mimeType="application/yaml"
        />
        <Artefact
          title={`containerd ${kit.hostsTomlPath}`}
          text={kit.hostsToml}
          fileName="hosts.toml"
          mimeType="application/toml"
        />
        <Text>
          Mirrors in order:{" "}
          {kit.mirrors.length === 0
            ? "none (no regional endpoints)"
            : kit.mirrors
                .map(
                  (m) =>
                    `${m.region} (${m.latencyMs === null ? "not measured" : `${m.latencyMs} ms`})`,
                )
                .join(", ")}
          ; then the global login server {registry.loginServer}.
        </Text>
        <Text>
          A node also needs credentials for these names: a kubelet credential provider must match{" "}
          {kit.credentialPatterns.map((p, i) => (
            <span key={p}>
              {i > 0 ? " and " : ""}
              <Text font="monospace">{p}</Text>
            </span>
          ))}{" "}
          (each * matches one DNS label). ACR tokens work on the global and regional names alike;
          kubelet managed-identity pulls from *.geo.azurecr.io need a recent AKS node image,
          otherwise use an image pull secret.
        </Text>
      </div>
    </Section>
  );
}
