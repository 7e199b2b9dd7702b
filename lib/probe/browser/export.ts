import { windowStats } from "@/lib/probe/shared/stats";
import {
  VERDICTS,
  type ProbeSample,
  type ProbeTarget,
  type Verdict,
} from "@/lib/probe/shared/types";
import type { Vantage } from "@/lib/probe/shared/events";
import { markdownCode, markdownText } from "@/lib/exports/markdown";
import { formatMs, formatPct } from "./table";

/** Figures of one connection class over a whole run (not the server's rolling window). */
export interface ClassFigures {
  n: number;
  medianMs: number | null;
  p90Ms: number | null;
  minMs: number | null;
  maxMs: number | null;
}

export interface EndpointSummary extends ProbeTarget {
  samples: number;
  verdicts: Record<Verdict, number>;
  lossPct: number;
  warm: ClassFigures;
  cold: ClassFigures;
}

/** A run of the pinned view, summarised for a support ticket. */
export interface RunSummary {
  registryId: string;
  registryName: string;
  region: string | null;
  vantage: Vantage | null;
  /** Start of the first and of the last sample (ISO), null for an empty run. */
  from: string | null;
  to: string | null;
  intervalMs: number | null;
  samples: number;
  /** Samples of the run no longer kept (the oldest, past the view's limit). */
  dropped: number;
  verdicts: Record<Verdict, number>;
  endpoints: EndpointSummary[];
}

export interface RunInput {
  registryId: string;
  registryName: string;
  region: string | null;
  vantage: Vantage | null;
  intervalMs: number | null;
  targets: readonly ProbeTarget[];
  samples: readonly ProbeSample[];
  dropped?: number;
}

function figures(samples: readonly ProbeSample[], reused: boolean): ClassFigures {
  const { n, medianMs, p90Ms, minMs, maxMs } = windowStats(samples, reused);
  return { n, medianMs, p90Ms, minMs, maxMs };
}

function countVerdicts(samples: readonly ProbeSample[]): Record<Verdict, number> {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const s of samples) counts[s.verdict]++;
  return counts;
}

/**
 * Summarises every sample of a run per endpoint: verdict counts, loss, and warm and cold TTFB
 * figures over the whole run (numeric sort, even-n median, linear p90: lib/probe/stats).
 */
export function summarizeRun(input: RunInput): RunSummary {
  const times = input.samples.map((s) => Date.parse(s.at)).filter(Number.isFinite);
  const iso = (t: number) => new Date(t).toISOString();
  return {
    registryId: input.registryId,
    registryName: input.registryName,
    region: input.region,
    vantage: input.vantage,
    from: times.length ? iso(Math.min(...times)) : null,
    to: times.length ? iso(Math.max(...times)) : null,
    intervalMs: input.intervalMs,
    samples: input.samples.length,
    dropped: input.dropped ?? 0,
    verdicts: countVerdicts(input.samples),
    endpoints: input.targets.map((target) => {
      const own = input.samples.filter((s) => s.host === target.host);
      const lost = own.filter((s) => s.status === null).length;
      return {
        ...target,
        samples: own.length,
        verdicts: countVerdicts(own),
        lossPct: own.length ? (lost / own.length) * 100 : 0,
        warm: figures(own, true),
        cold: figures(own, false),
      };
    }),
  };
}

/** The run as JSON: the summary and every sample, as the stream sent them. */
export function runJson(input: RunInput): string {
  return `${JSON.stringify({ summary: summarizeRun(input), samples: input.samples }, null, 2)}\n`;
}

function verdictList(counts: Record<Verdict, number>): string {
  const parts = VERDICTS.filter((v) => counts[v] > 0).map((v) => `${v} ${counts[v]}`);
  return parts.length ? parts.join(", ") : "none";
}

/** Escapes a table cell of the console's own text for Markdown. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

/**
 * A Markdown summary of the run to paste into a support ticket: what was probed, from where
 * (the console server, not the viewer's machine), when, the verdict counts and the TTFB figures.
 * The registry name, region and id come from the page's URL and the rest from ARM or the server:
 * each is escaped (lib/exports/markdown.ts) so a crafted URL cannot put links, images or HTML
 * into the ticket.
 */
export function runMarkdown(input: RunInput): string {
  const s = summarizeRun(input);
  const where = s.region ? ` in ${markdownText(s.region)}` : "";
  const lines = [
    `## Endpoint probes: ${markdownText(s.registryName)}${where}`,
    "",
    `- Registry: ${markdownCode(s.registryId)}`,
    `- Vantage point: console server ${markdownCode(s.vantage?.consoleHost ?? "unknown")}${
      s.vantage?.mode === "emulator" ? " (emulated data plane)" : ""
    }`,
    `- Time (UTC): ${s.from ?? "—"} to ${s.to ?? "—"}`,
    `- Interval: ${s.intervalMs ? `${s.intervalMs / 1000} s` : "—"}; probe: \`GET /v2/\` without credentials`,
    `- Samples: ${s.samples}${s.dropped ? ` (the oldest ${s.dropped} not kept)` : ""}; verdicts: ${verdictList(s.verdicts)}`,
    "",
    "| Endpoint | Kind | Samples | Verdicts | Loss | Warm TTFB median | Warm p90 | Cold TTFB median | Cold p90 |",
    "| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ...s.endpoints.map((e) =>
      [
        markdownCode(e.host, { inTable: true }),
        markdownText(e.kind),
        String(e.samples),
        cell(verdictList(e.verdicts)),
        formatPct(e.lossPct),
        `${formatMs(e.warm.medianMs)} (n=${e.warm.n})`,
        formatMs(e.warm.p90Ms),
        `${formatMs(e.cold.medianMs)} (n=${e.cold.n})`,
        formatMs(e.cold.p90Ms),
      ]
        .join(" | ")
        .replace(/^/, "| ")
        .concat(" |"),
    ),
    "",
    "TTFB is the time from sending the request to the first response byte; warm samples reuse a kept-alive connection, cold ones include DNS, TCP and TLS set-up. A 401 with a Bearer challenge counts as ok.",
    "",
  ];
  return lines.join("\n");
}

/** File name of an export: `probes-contosoprod-westeurope-20260102-030405.json`. */
export function runFileName(
  input: Pick<RunInput, "registryName" | "region">,
  ext: string,
  now = new Date(),
): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
  return `probes-${input.registryName}${input.region ? `-${input.region}` : ""}-${stamp}.${ext}`;
}
