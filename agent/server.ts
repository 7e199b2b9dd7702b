import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { SSE_HEADERS } from "@/lib/api/sse";
import { bearerMatches } from "@/lib/auth/server/shared-secret";
import { ApiError } from "@/lib/errors";
import { isDraining } from "@/lib/lifecycle/state";
import type { ProbeHub } from "@/lib/probe/server";
import type { ProbeMetrics } from "@/lib/probe/server/metrics";
import { parseProbeStreamQuery } from "@/lib/probe/server/stream/query";
import { probeEventStream } from "@/lib/probe/server/stream/stream";
import type { AgentConfig } from "./config";
import type { RegistrySet } from "./registries";

export interface AgentServerOptions {
  config: AgentConfig;
  hub: ProbeHub;
  metrics: ProbeMetrics;
  registries: RegistrySet;
  mode: "azure" | "emulator";
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    ...headers,
  });
  res.end(JSON.stringify(body));
}

function fail(res: ServerResponse, error: ApiError) {
  json(res, error.status, error.toBody());
}

/**
 * The agent's HTTP server: `GET /metrics` (Prometheus text format), `GET /healthz` (live),
 * `GET /readyz` (registries read from ARM), and, with a stream token configured,
 * `GET /api/registries` (what it probes) and `GET /api/probes/stream?registryId=` (the console's
 * sample stream, same query and events), both requiring `Authorization: Bearer <token>`.
 */
export function createAgentServer(options: AgentServerOptions): Server {
  const { config, hub, metrics, registries } = options;

  const authorized = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (!config.streamToken) {
      json(res, 404, {
        error: {
          code: "StreamNotConfigured",
          message: "This agent has no stream token (AGENT_STREAM_TOKEN): its stream is off.",
          status: 404,
        },
      });
      return false;
    }
    if (!bearerMatches(req.headers.authorization, config.streamToken)) {
      json(
        res,
        401,
        {
          error: {
            code: "Unauthorized",
            message: "Send Authorization: Bearer <the agent's stream token>.",
            status: 401,
          },
        },
        { "www-authenticate": 'Bearer realm="probe-agent"' },
      );
      return false;
    }
    return true;
  };

  const stream = (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const request = new Request(url, {
      headers: Object.entries(req.headers).flatMap(([k, v]) =>
        typeof v === "string" ? [[k, v] as [string, string]] : [],
      ),
    });
    let query;
    try {
      query = parseProbeStreamQuery(request);
    } catch (error) {
      return fail(res, error instanceof ApiError ? error : ApiError.internal());
    }
    if (isDraining()) {
      return json(
        res,
        503,
        { error: { code: "ShuttingDown", message: "The agent is stopping.", status: 503 } },
        { "retry-after": "1" },
      );
    }
    const id = `/subscriptions/${query.registry.subscriptionId}/resourceGroups/${query.registry.resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${query.registry.name}`;
    const probed = registries.get(id);
    if (!probed) {
      return json(res, 404, {
        error: {
          code: "RegistryNotProbed",
          message: `This agent does not probe ${query.registry.name}.`,
          status: 404,
        },
      });
    }
    const targetsOf = () => {
      const current = registries.get(id);
      if (!current)
        throw new ApiError(
          404,
          "RegistryNotProbed",
          `This agent no longer probes ${query.registry.name}.`,
        );
      return query.region
        ? current.targets.filter((t) => t.region === query.region)
        : current.targets;
    };
    const targets = targetsOf();
    if (targets.length === 0) {
      return json(res, 404, {
        error: {
          code: "NoEndpointsInRegion",
          message: `No endpoint of ${probed.name} in ${query.region}.`,
          status: 404,
        },
      });
    }
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    const body = probeEventStream({
      hub,
      group: probed.id.toLowerCase(),
      meta: {
        registryId: probed.id,
        registryName: probed.name,
        region: query.region ?? null,
        targets,
        vantage: { consoleHost: config.vantage, mode: options.mode },
      },
      // A viewer may thin the stream, never speed up the agent's own probing.
      intervalMs: Math.max(query.intervalMs ?? config.intervalMs, config.intervalMs),
      includeAddresses: query.region !== undefined,
      since: query.since,
      signal: abort.signal,
      recheck: async () => targetsOf(),
      recheckEveryMs: 30_000,
    });
    res.writeHead(200, { ...SSE_HEADERS });
    res.flushHeaders();
    Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>).pipe(res);
  };

  return createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://agent.invalid");
    if (req.method !== "GET" && req.method !== "HEAD") {
      return json(
        res,
        405,
        { error: { code: "MethodNotAllowed", message: "Only GET.", status: 405 } },
        { allow: "GET, HEAD" },
      );
    }
    switch (url.pathname) {
      case "/metrics":
        void metrics.exposition().then(
          ({ body, contentType }) => {
            res.writeHead(200, { "content-type": contentType, "cache-control": "no-store" });
            res.end(body);
          },
          () =>
            json(res, 500, {
              error: { code: "InternalError", message: "metrics failed", status: 500 },
            }),
        );
        return;
      case "/healthz":
        return json(res, isDraining() ? 503 : 200, { status: isDraining() ? "stopping" : "ok" });
      case "/readyz": {
        const ready = !isDraining() && registries.lastRefreshAt !== null;
        return json(res, ready ? 200 : 503, {
          status: ready ? "ok" : "not-ready",
          vantage: config.vantage,
          registries: registries.list().length,
          endpoints: registries.hosts().size,
          ...(registries.lastError ? { problem: registries.lastError } : {}),
        });
      }
      case "/api/registries":
        if (!authorized(req, res)) return;
        return json(res, 200, {
          vantage: config.vantage,
          intervalMs: config.intervalMs,
          registries: registries.list(),
        });
      case "/api/probes/stream":
        if (!authorized(req, res)) return;
        return stream(req, res, url);
      default:
        return json(res, 404, {
          error: { code: "NotFound", message: `No ${url.pathname} here.`, status: 404 },
        });
    }
  });
}
