import type { DigestOverall, DigestReach, DigestRow, DigestVerdict } from "./types";

/** How long "Watch until consistent" waits before calling a matrix that still differs diverged. */
export const WATCH_LIMIT_MS = 10 * 60_000;
/** The watch's steady re-check interval. */
export const WATCH_INTERVAL_MS = 2_000;

/** One row's verdict against the home replica's digest. */
export function rowVerdict(
  row: { isHome: boolean; digest: string | null; reach: DigestReach },
  homeDigest: string | null,
): DigestVerdict {
  if (row.reach !== "answered") return row.reach;
  if (row.digest === null) return "missing";
  if (row.isHome) return "home";
  return row.digest === homeDigest ? "same" : "different";
}

/**
 * The matrix's overall verdict. Consistent: every replica that answered holds the home's digest.
 * Propagating: some lack the tag or hold one other digest (an older push still being replaced,
 * the eventually consistent replication ACR documents). Diverged: the replicas hold three or
 * more digests, or a watch has waited `limitMs` without convergence. Unknown: the home replica
 * did not answer with a digest.
 */
export function overallVerdict(
  rows: readonly Pick<DigestRow, "verdict" | "digest" | "kind">[],
  watch: { elapsedMs: number; limitMs?: number } | null = null,
): DigestOverall {
  const replicas = rows.filter(
    (r) => r.kind === "regional" || rows.every((x) => x.kind === "global"),
  );
  const home = replicas.find((r) => r.verdict === "home");
  if (!home) return "unknown";
  const differing = replicas.filter((r) => r.verdict === "different" || r.verdict === "missing");
  if (differing.length === 0) return "consistent";
  if (watch && watch.elapsedMs >= (watch.limitMs ?? WATCH_LIMIT_MS)) return "diverged";
  const digests = new Set(replicas.filter((r) => r.digest !== null).map((r) => r.digest));
  return digests.size >= 3 ? "diverged" : "propagating";
}

/** Builds the rows' verdicts from raw answers: the home row first decides what "same" means. */
export function withVerdicts(
  rows: readonly Omit<DigestRow, "verdict">[],
  reach: (row: Omit<DigestRow, "verdict">) => DigestReach,
): DigestRow[] {
  const home =
    rows.find((r) => r.isHome && r.kind === "regional") ?? rows.find((r) => r.kind === "global");
  const homeDigest = home && reach(home) === "answered" ? home.digest : null;
  return rows.map((row) => ({
    ...row,
    verdict: rowVerdict(
      { isHome: row === home, digest: row.digest, reach: reach(row) },
      homeDigest,
    ),
  }));
}
