import "server-only";
import { request, type Agent } from "node:https";
import type { Socket } from "node:net";
import { createSecureContext, rootCertificates, type SecureContext } from "node:tls";
import { overrideLookup, type ConnectTo } from "./connect-to";
import { ProbeAgent } from "./peer-identity";
import { classify, PROBE_TIMEOUT, type FailureStage, type ProbeOutcome } from "./classify";
import type { Phases, ProbeResult } from "@/lib/probe/shared/types";

export { parseConnectTo, type ConnectTo } from "./connect-to";

export interface HttpProberOptions {
  /** Reach every host here instead of DNS + port 443 (the emulator). SNI and Host stay the host. */
  connectTo?: ConnectTo;
  /** Extra CA certificates (PEM) to trust next to Node's bundled roots (the emulator's CA). */
  ca?: string | string[];
  /** Per-probe timeout; a probe that has not finished by then is a lost `timeout` sample. */
  timeoutMs?: number;
  /**
   * False: every probe opens its own connection and closes it after the answer (the fleet sweep:
   * thousands of hosts probed once a minute must hold no sockets between rounds). Default true.
   */
  keepAlive?: boolean;
}

export interface ProbeCallOptions {
  /** Aborting ends the probe; an abort whose reason is a `TimeoutError` counts as `timeout`. */
  signal?: AbortSignal;
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 3000;
/** The only request a probe makes. */
export const PROBE_PATH = "/v2/";
const USER_AGENT = "acr-geo-console-prober/1";
const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

class ProbeFailure extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = "ProbeFailure";
  }
}

interface Attempt {
  outcome: ProbeOutcome;
  reused: boolean;
  remoteAddress: string | null;
  phases: Phases;
  /** The failure was a reset of a reused connection before any answer (stale keep-alive). */
  staleReuse: boolean;
}

/**
 * Room in the keep-alive Agent's TLS session cache: one session per host name, for more hosts
 * than one process probes (the hub's cap), so a reconnection always finds its own.
 */
const SESSIONS_KEPT = 20_000;

/**
 * Probes registry hosts with `GET https://<host>/v2/` and no credentials. One keep-alive Agent
 * with a single socket per host, so consecutive probes of a host reuse the connection (warm)
 * until the server closes it; the next probe then opens a new one (cold). The Agent keeps its
 * sockets, queued requests and TLS sessions by host name: one for every host weighs 5 KB less
 * per host than an Agent each.
 */
export class HttpProber {
  private keepAliveAgent?: Agent;
  /** The one agent of a prober without keep-alive: no socket outlives its probe. */
  private oneShot?: Agent;
  private readonly timeoutMs: number;
  /** Built once: parsing the CA for every new connection would show up in cold phases. */
  private readonly secureContext?: SecureContext;

  constructor(private readonly options: HttpProberOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (options.ca) {
      const extra = typeof options.ca === "string" ? [options.ca] : options.ca;
      this.secureContext = createSecureContext({ ca: [...rootCertificates, ...extra] });
    }
  }

  /**
   * One probe of `host`. Never rejects: every failure is a verdict. A reset of a reused
   * connection before any answer byte (the server closed it while idle, a race every keep-alive
   * client has) is retried once on a new connection within the same timeout, and the sample
   * reports that new connection.
   */
  async probe(host: string, call: ProbeCallOptions = {}): Promise<ProbeResult> {
    if (!HOST_NAME.test(host)) throw new TypeError(`not a host name: ${JSON.stringify(host)}`);
    const at = new Date().toISOString();
    const deadline = performance.now() + (call.timeoutMs ?? this.timeoutMs);
    let attempt = await this.attempt(host, deadline, call.signal);
    if (attempt.staleReuse) attempt = await this.attempt(host, deadline, call.signal);
    const verdict = classify(attempt.outcome);
    const result: ProbeResult = {
      at,
      verdict: verdict.verdict,
      status: attempt.outcome.type === "response" ? attempt.outcome.status : null,
      reused: attempt.reused,
      remoteAddress: attempt.remoteAddress,
      phases: attempt.phases,
    };
    if (verdict.retryAfter !== undefined) result.retryAfter = verdict.retryAfter;
    if (verdict.error !== undefined) result.error = verdict.error;
    return result;
  }

  /** Whether the next probe of `host` would reuse an open, idle connection. */
  connected(host: string): boolean {
    const agent = this.keepAliveAgent;
    // A socket just destroyed leaves the free list only with its close event.
    const free = agent?.freeSockets[agent.getName(this.requestTarget(host))];
    return free?.some((socket) => !socket.destroyed) ?? false;
  }

  /** Closes the kept-alive connection of a host (its next probe is a new connection). */
  forget(host: string): void {
    const agent = this.keepAliveAgent;
    if (!agent) return;
    const name = agent.getName(this.requestTarget(host));
    for (const socket of [...(agent.freeSockets[name] ?? []), ...(agent.sockets[name] ?? [])]) {
      socket.destroy();
    }
  }

  /** Closes every kept-alive connection. */
  close(): void {
    this.keepAliveAgent?.destroy();
    this.keepAliveAgent = undefined;
    this.oneShot?.destroy();
    this.oneShot = undefined;
  }

  /** Where a probe of `host` goes: what the Agent names its connections by. */
  private requestTarget(host: string) {
    return { host, port: this.options.connectTo?.port ?? 443, servername: host };
  }

  private agent(): Agent {
    if (this.options.keepAlive === false) {
      const { connectTo } = this.options;
      this.oneShot ??= new ProbeAgent({
        keepAlive: false,
        maxSockets: Infinity,
        ...(this.secureContext ? { secureContext: this.secureContext } : {}),
        ...(connectTo ? { lookup: overrideLookup(connectTo) } : {}),
      });
      return this.oneShot;
    }
    const { connectTo } = this.options;
    // Per host: one socket, kept while idle.
    this.keepAliveAgent ??= new ProbeAgent({
      keepAlive: true,
      maxSockets: 1,
      maxFreeSockets: 1,
      maxCachedSessions: SESSIONS_KEPT,
      ...(this.secureContext ? { secureContext: this.secureContext } : {}),
      ...(connectTo ? { lookup: overrideLookup(connectTo) } : {}),
    });
    return this.keepAliveAgent;
  }

  private attempt(host: string, deadline: number, signal?: AbortSignal): Promise<Attempt> {
    return new Promise<Attempt>((resolve) => {
      const t0 = performance.now();
      const marks: { lookup?: number; connect?: number; secure?: number; finish?: number } = {};
      let firstByte: number | undefined;
      let stage: FailureStage = "dns";
      let reused = false;
      let socket: Socket | undefined;
      // Kept from the connect event: a socket that is reset later no longer reports it.
      let remoteAddress: string | null = null;
      let settled = false;

      const phases = (end: number): Phases => {
        const span = (from: number | undefined, to: number | undefined) =>
          from === undefined || to === undefined ? null : round(to - from);
        // The request counts as sent when Node has handed its last byte to the OS ('finish'):
        // time before that is this process queueing its own work, not the endpoint. 'finish'
        // comes from a later event-loop phase than socket reads, so on a busy loop it can trail
        // the first response byte; the request was then sent by the time it was ready.
        const ready = reused ? t0 : marks.secure;
        let sent: number | undefined;
        if (ready !== undefined && marks.finish !== undefined) {
          sent = firstByte === undefined || marks.finish <= firstByte ? marks.finish : ready;
          sent = Math.max(sent, ready);
        } else if (ready !== undefined && firstByte !== undefined) {
          sent = ready;
        }
        return {
          dnsMs: reused ? null : span(t0, marks.lookup),
          connectMs: reused ? null : span(marks.lookup ?? t0, marks.connect),
          tlsMs: reused ? null : span(marks.connect, marks.secure),
          sendMs: span(ready, sent),
          ttfbMs: span(sent, firstByte),
          totalMs: round(end - t0),
        };
      };

      const onLookup = () => {
        marks.lookup = performance.now();
        stage = "connect";
      };
      const onConnect = () => {
        marks.connect = performance.now();
        stage = "tls";
        remoteAddress = socket?.remoteAddress ?? null;
      };
      const onSecure = () => {
        marks.secure = performance.now();
        stage = "request";
      };

      const settle = (outcome: ProbeOutcome) => {
        if (settled) return;
        settled = true;
        const end = performance.now();
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        socket?.removeListener("lookup", onLookup);
        socket?.removeListener("connect", onConnect);
        socket?.removeListener("secureConnect", onSecure);
        const staleReuse =
          outcome.type === "failure" &&
          reused &&
          firstByte === undefined &&
          (outcome.code === "ECONNRESET" || outcome.code === "EPIPE");
        resolve({
          outcome,
          reused,
          remoteAddress: socket?.remoteAddress ?? remoteAddress,
          phases: phases(end),
          staleReuse,
        });
      };

      const req = request({
        ...this.requestTarget(host),
        path: PROBE_PATH,
        method: "GET",
        agent: this.agent(),
        // With a connect-to port the default Host would carry it; ACR routes on the bare name.
        headers: { host, "user-agent": USER_AGENT },
      });

      const fail = (code: string) => {
        settle({ type: "failure", code, stage });
        req.destroy(new ProbeFailure(code));
      };
      const onAbort = () => {
        const reason: unknown = signal?.reason;
        const timedOut = reason instanceof Error && reason.name === "TimeoutError";
        fail(timedOut ? PROBE_TIMEOUT : "ABORTED");
      };
      const timer = setTimeout(() => fail(PROBE_TIMEOUT), Math.max(0, deadline - t0));
      if (signal?.aborted) {
        queueMicrotask(onAbort);
      } else {
        signal?.addEventListener("abort", onAbort, { once: true });
      }

      req.once("socket", (s: Socket) => {
        socket = s;
        reused = req.reusedSocket;
        if (reused) {
          stage = "request";
          return;
        }
        s.once("lookup", onLookup);
        s.once("connect", onConnect);
        s.once("secureConnect", onSecure);
      });
      req.once("finish", () => {
        marks.finish = performance.now();
      });
      req.on("error", (err: NodeJS.ErrnoException) => {
        settle({ type: "failure", code: err.code, message: err.message, stage });
      });
      req.once("response", (res) => {
        firstByte = performance.now();
        stage = "response";
        const outcome: ProbeOutcome = {
          type: "response",
          host,
          status: res.statusCode ?? 0,
          wwwAuthenticate: res.headersDistinct["www-authenticate"],
          retryAfter: res.headers["retry-after"],
        };
        res.on("error", (err: NodeJS.ErrnoException) => {
          settle({ type: "failure", code: err.code ?? "ECONNRESET", message: err.message, stage });
        });
        // Read the body to the end so the Agent keeps the connection for the next (warm) probe.
        res.once("end", () => settle(outcome));
        res.resume();
      });
      req.end();
    });
  }
}
