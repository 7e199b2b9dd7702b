import { metricsGet } from "@/lib/vantages/server/metrics-route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** `GET /metrics`: the console's prober in Prometheus's format, to `METRICS_TOKEN` only. */
export const GET = metricsGet;
