"use client";
import { Badge, Tooltip } from "@fluentui/react-components";
import { memo } from "react";
import type { ProbeSample } from "@/lib/probe/shared/types";
import type { RowStatus } from "@/lib/probe/browser/table";

type BadgeColor = "success" | "warning" | "danger" | "severe" | "informative" | "subtle";

const COLOR: Record<RowStatus, BadgeColor> = {
  ok: "success",
  throttled: "warning",
  forbidden: "severe",
  error: "danger",
  tls: "danger",
  dns: "danger",
  refused: "danger",
  timeout: "danger",
  waiting: "subtle",
  down: "danger",
};

/** What each verdict means, in ACR's terms (the badge's tooltip). */
export const VERDICT_MEANING: Record<RowStatus, string> = {
  ok: "Reachable: GET /v2/ answered 401 with a Bearer challenge naming the host (or 200).",
  forbidden: "403: blocked by the registry's firewall rules, or public network access is off.",
  throttled: "429: the replica is throttling; the probe backs off (ACR does not fail over on 429).",
  error: "An unexpected answer: another status, or a challenge that does not name the host.",
  tls: "The TLS handshake or the certificate failed.",
  dns: "The host name did not resolve.",
  refused: "No connection: refused or reset before TLS (a region down, or a firewall).",
  timeout: "No complete answer within the probe timeout: counted as loss.",
  waiting: "No sample yet.",
  down: "Down: no probe in the window got an answer (100 % loss).",
};

/**
 * A sample's verdict (or `down`), colored by health, with what it means and the error code on
 * hover or focus. `focusable={false}` where the badge repeats what a table nearby explains, to
 * keep the tab order short.
 */
export function VerdictBadge({
  verdict,
  sample,
  focusable = true,
}: {
  verdict: RowStatus;
  sample?: ProbeSample;
  focusable?: boolean;
}) {
  const detail = [
    VERDICT_MEANING[verdict],
    sample?.error ? `(${sample.error})` : null,
    sample?.retryAfter ? `Retry-After: ${sample.retryAfter}` : null,
  ]
    .filter(Boolean)
    .join(" ");
  return <TipBadge verdict={verdict} detail={detail} focusable={focusable} />;
}

/**
 * The badge and its tooltip, rendered again only when what they say changes: a new sample with
 * the same verdict (the usual case, every second per endpoint) leaves them alone.
 */
const TipBadge = memo(function TipBadge({
  verdict,
  detail,
  focusable,
}: {
  verdict: RowStatus;
  detail: string;
  focusable: boolean;
}) {
  return (
    <Tooltip content={detail} relationship="description">
      <Badge
        appearance="filled"
        color={COLOR[verdict]}
        data-verdict={verdict}
        tabIndex={focusable ? 0 : undefined}
      >
        {verdict}
      </Badge>
    </Tooltip>
  );
});
