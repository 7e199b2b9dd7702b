"use client";
import { Badge, Tooltip } from "@fluentui/react-components";
import type { ProbeSample, Verdict } from "@/lib/probe/shared/types";

type BadgeColor = "success" | "warning" | "danger" | "severe" | "informative" | "subtle";

const COLOR: Record<Verdict | "waiting", BadgeColor> = {
  ok: "success",
  throttled: "warning",
  forbidden: "severe",
  error: "danger",
  tls: "danger",
  dns: "danger",
  refused: "danger",
  timeout: "danger",
  waiting: "subtle",
};

/** What each verdict means, in ACR's terms (the badge's tooltip). */
export const VERDICT_MEANING: Record<Verdict | "waiting", string> = {
  ok: "Reachable: GET /v2/ answered 401 with a Bearer challenge naming the host (or 200).",
  forbidden: "403: blocked by the registry's firewall rules, or public network access is off.",
  throttled: "429: the replica is throttling; the probe backs off (ACR does not fail over on 429).",
  error: "An unexpected answer: another status, or a challenge that does not name the host.",
  tls: "The TLS handshake or the certificate failed.",
  dns: "The host name did not resolve.",
  refused: "No connection: refused or reset before TLS (a region down, or a firewall).",
  timeout: "No complete answer within the probe timeout: counted as loss.",
  waiting: "No sample yet.",
};

/** A sample's verdict, colored by health, with what it means and the error code on hover. */
export function VerdictBadge({
  verdict,
  sample,
}: {
  verdict: Verdict | "waiting";
  sample?: ProbeSample;
}) {
  const detail = [
    VERDICT_MEANING[verdict],
    sample?.error ? `(${sample.error})` : null,
    sample?.retryAfter ? `Retry-After: ${sample.retryAfter}` : null,
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <Tooltip content={detail} relationship="description">
      <Badge appearance="filled" color={COLOR[verdict]} data-verdict={verdict} tabIndex={0}>
        {verdict}
      </Badge>
    </Tooltip>
  );
}
