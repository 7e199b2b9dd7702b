import { markdownCode, markdownText } from "@/lib/exports/markdown";
import { windowStats } from "@/lib/probe/shared/stats";
import type { ProbeSample } from "@/lib/probe/shared/types";
import { imagePath } from "./names";
import { STEP_LABELS, type DigestMatrix, type HealthCheckResult } from "./types";

/** Samples listed one by one in the bundle (the newest); all count in the figures. */
export const BUNDLE_SAMPLES = 50;

export interface BundleInput {
  registryId: string;
  registryName: string;
  loginServer: string;
  region: string;
  /** The regional endpoint pinned to, or null (regional endpoints off). */
  endpoint: string | null;
  /** When the bundle was made (ISO). */
  at: string;
  vantage: string;
  repository: string;
  tag: string;
  health: HealthCheckResult | null;
  digests: DigestMatrix | null;
  samples: readonly ProbeSample[];
  /** The absolute URL that reopens this view. */
  link: string;
}

export interface BundleCommands {
  login: string;
  pull: string;
  curl: string;
}

/** The exact commands that reproduce the view from a shell. */
export function bundleCommands(input: BundleInput): BundleCommands {
  const host = input.endpoint ?? input.loginServer;
  const image = `${host}/${imagePath(input.repository || "<repository>", input.tag || "<tag>")}`;
  return {
    login: input.endpoint
      ? `az acr login --name ${input.registryName} --endpoint ${input.region}`
      : `az acr login --name ${input.registryName}`,
    pull: `docker pull ${image}`,
    curl: `curl -v https://${host}/v2/`,
  };
}

interface EndpointFigures {
  host: string;
  samples: number;
  warmMedianMs: number | null;
  coldMedianMs: number | null;
  failures: number;
}

function probeFigures(samples: readonly ProbeSample[]): EndpointFigures[] {
  const byHost = new Map<string, ProbeSample[]>();
  for (const s of samples) byHost.set(s.host, [...(byHost.get(s.host) ?? []), s]);
  return [...byHost].map(([host, list]) => ({
    host,
    samples: list.length,
    warmMedianMs: windowStats(list, true).medianMs,
    coldMedianMs: windowStats(list, false).medianMs,
    failures: list.filter((s) => s.verdict !== "ok").length,
  }));
}

/** The bundle as JSON: every value as the page holds it, and the commands. */
export function bundleJson(input: BundleInput): string {
  const { samples, ...rest } = input;
  return `${JSON.stringify(
    {
      ...rest,
      commands: bundleCommands(input),
      probes: { endpoints: probeFigures(samples), samples: samples.slice(-BUNDLE_SAMPLES) },
    },
    null,
    2,
  )}\n`;
}

const t = markdownText;
const cell = (value: string) => markdownCode(value, { inTable: true });
const ms = (value: number | null | undefined) =>
  value === null || value === undefined ? "" : `${value} ms`;

/** A code fence longer than any backtick run in the commands, so none can close it. */
function fenceFor(commands: BundleCommands): string {
  const runs = Object.values(commands).flatMap((v) => v.match(/`+/g) ?? []);
  return "`".repeat(Math.max(3, ...runs.map((r) => r.length + 1)));
}

/** A Markdown report for a support ticket; every value from a URL or a user is escaped. */
export function bundleMarkdown(input: BundleInput): string {
  const c = bundleCommands(input);
  const lines: string[] = [
    `# Repro: ${t(input.registryName)} in ${t(input.region)}`,
    "",
    `- Registry: ${markdownCode(input.registryId)}`,
    `- Replica: ${t(input.region)}`,
    `- Endpoint: ${markdownCode(input.endpoint ?? `${input.loginServer} (regional endpoints off)`)}`,
    `- Image: ${markdownCode(imagePath(input.repository || "<repository>", input.tag || "<tag>"))}`,
    `- Time: ${t(input.at)}`,
    `- Vantage: ${t(input.vantage)}`,
    `- Reopen this view: ${markdownCode(input.link)}`,
    "",
    "## Reproduce from a shell",
    "",
    `${fenceFor(c)}sh`,
    c.login,
    c.pull,
    c.curl,
    fenceFor(c),
    "",
    "## Health check",
    "",
  ];
  if (!input.health) lines.push("Not run.");
  else {
    lines.push(`Run at ${t(input.health.at)}.`, "");
    for (const endpoint of input.health.endpoints) {
      lines.push(
        `### ${t(endpoint.host)} (${t(endpoint.kind)}): ${t(endpoint.verdict)}`,
        "",
        "| Step | Result | Time | Detail | ACR code | Message | Advice |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        ...endpoint.steps.map(
          (s) =>
            `| ${t(STEP_LABELS[s.step])} | ${t(s.status)} | ${ms(s.ms)} | ${t(s.detail)} | ${s.code ? cell(s.code) : ""} | ${t(s.message ?? "")} | ${t(s.advice ?? "")} |`,
        ),
        "",
      );
    }
  }
  lines.push("## Digests", "");
  if (!input.digests) lines.push("Not checked.", "");
  else {
    const d = input.digests;
    lines.push(
      `${markdownCode(imagePath(d.repository, d.tag))} at ${t(d.at)}: ${t(d.overall)}.`,
      "",
      "| Endpoint | Host | Digest | Verdict | Code |",
      "| --- | --- | --- | --- | --- |",
      ...d.rows.map(
        (r) =>
          `| ${t(r.region ?? "global")} | ${cell(r.host)} | ${r.digest ? cell(r.digest) : ""} | ${t(r.verdict)} | ${r.code ? cell(r.code) : ""} |`,
      ),
      "",
    );
  }
  const figures = probeFigures(input.samples);
  lines.push("## Probe samples", "");
  if (figures.length === 0) lines.push("No samples.", "");
  else {
    lines.push(
      "| Endpoint | Samples | Warm median | Cold median | Not ok |",
      "| --- | --- | --- | --- | --- |",
      ...figures.map(
        (f) =>
          `| ${cell(f.host)} | ${f.samples} | ${ms(f.warmMedianMs)} | ${ms(f.coldMedianMs)} | ${f.failures} |`,
      ),
      "",
      `Last ${Math.min(BUNDLE_SAMPLES, input.samples.length)} samples:`,
      "",
      "| Time | Endpoint | Verdict | Status | TTFB |",
      "| --- | --- | --- | --- | --- |",
      ...input.samples
        .slice(-BUNDLE_SAMPLES)
        .map(
          (s) =>
            `| ${t(s.at)} | ${cell(s.host)} | ${t(s.verdict)} | ${s.status ?? ""} | ${ms(s.phases.ttfbMs)} |`,
        ),
      "",
    );
  }
  return lines.join("\n");
}
