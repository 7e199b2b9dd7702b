import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestLog, Store } from "../contracts";
import type { FaultList } from "../arm/faults";
import { FaultValidationError, parseFault } from "../arm/faults";
import { BodyError, isLoopback, readJson, sendJson } from "../http/respond";
import { handleRegions } from "./regions";
import { handleReplicate } from "./replicate";
import { handleVantage, listVantages } from "./vantages";
import type { VantageTable } from "../vantages";

export interface ControlOptions {
  store: Store;
  log: RequestLog;
  faults: FaultList;
  replicationLagMs: number;
  /** Everything else a reset must forget (ARM operations and throttle buckets). */
  onReset(): void;
  vantages: VantageTable;
  /** The data-plane address of each vantage, once the data plane listens. */
  vantageAddresses: Map<string, string>;
}

const PLANES = ["arm", "identity", "data", "control"];

function error(res: ServerResponse, status: number, code: string, message: string) {
  sendJson(res, status, { error: { code, message } });
}

/**
 * `/_emulator/*`: reset, faults, regions, vantages, replicate and the request log. Answers loopback callers
 * only; the console never calls it.
 */
export function createControl(opts: ControlOptions) {
  async function dispatch(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    query: URLSearchParams,
  ) {
    const method = (req.method ?? "GET").toUpperCase();
    const parts = path.split("/").filter(Boolean);
    const [head, arg] = parts;

    if (head === "reset" && parts.length === 1 && method === "POST") {
      opts.store.reset();
      opts.faults.clear();
      opts.vantages.reset();
      opts.onReset();
      opts.log.clear();
      return sendJson(res, 200, { reset: true });
    }
    if (head === "requests" && parts.length === 1) {
      if (method === "GET") {
        const plane = query.get("plane");
        if (plane && !PLANES.includes(plane)) {
          return error(res, 400, "InvalidRequest", `'plane' must be one of ${PLANES.join(", ")}.`);
        }
        const entries = opts.log.list().filter((e) => !plane || e.plane === plane);
        return sendJson(res, 200, entries);
      }
      if (method === "DELETE") {
        opts.log.clear();
        return sendJson(res, 200, { cleared: true });
      }
    }
    if (head === "requests" && arg === "clear" && parts.length === 2 && method === "POST") {
      opts.log.clear();
      return sendJson(res, 200, { cleared: true });
    }
    if (head === "faults" && parts.length === 1) {
      if (method === "GET") return sendJson(res, 200, opts.faults.list());
      if (method === "DELETE") {
        opts.faults.clear();
        return sendJson(res, 200, { cleared: true });
      }
      if (method === "POST") {
        try {
          const added = opts.faults.add(parseFault(await readJson(req)));
          return sendJson(res, 201, added);
        } catch (err) {
          if (err instanceof FaultValidationError)
            return error(res, 400, "InvalidRequest", err.message);
          throw err;
        }
      }
    }
    if (head === "regions" && arg && parts.length === 2 && method === "POST") {
      const result = handleRegions(
        opts.store,
        decodeURIComponent(arg),
        (await readJson(req)) ?? {},
      );
      return sendJson(res, result.status, result.body);
    }
    if (head === "regions" && parts.length === 1 && method === "GET") {
      return sendJson(res, 200, opts.store.state.regions);
    }
    if (head === "vantages" && parts.length === 1 && method === "GET") {
      return sendJson(res, 200, listVantages(opts.vantages, opts.vantageAddresses));
    }
    if (head === "vantages" && arg && parts.length === 2 && method === "POST") {
      const result = handleVantage(
        opts.store,
        opts.vantages,
        decodeURIComponent(arg),
        (await readJson(req)) ?? {},
      );
      return sendJson(res, result.status, result.body);
    }
    if (head === "replicate" && parts.length === 1 && method === "POST") {
      const result = handleReplicate(opts.store, await readJson(req), opts.replicationLagMs);
      return sendJson(res, result.status, result.body);
    }
    return error(res, 404, "NotFound", `No control endpoint ${method} /_emulator/${path}.`);
  }

  return async function handleControl(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "https://localhost");
    const path = url.pathname.replace(/^\/_emulator\/?/, "");
    const method = (req.method ?? "GET").toUpperCase();
    res.once("finish", () => {
      // Reading the log is not itself logged: it would only add noise to what tests count.
      if (path === "requests" && method === "GET") return;
      opts.log.add({
        plane: "control",
        method,
        path: req.url ?? "/",
        status: res.statusCode,
        at: new Date().toISOString(),
      });
    });
    if (!isLoopback(req))
      return error(res, 403, "Forbidden", "The control API answers on loopback only.");
    try {
      await dispatch(req, res, path, url.searchParams);
    } catch (err) {
      if (err instanceof BodyError) return error(res, 400, "InvalidRequest", err.message);
      console.error("control: request failed:", err instanceof Error ? err.stack : err);
      if (!res.headersSent) error(res, 500, "InternalServerError", "The control request failed.");
    }
  };
}
