import "server-only";
import { createSecureContext, rootCertificates } from "node:tls";
import { overrideLookup, type ConnectTo } from "./connect-to";
import { Connections, type ConnectionUser } from "./connections";
import { ResponseReader, type ReadState } from "./http1-response";
import { classify, PROBE_TIMEOUT, type FailureStage, type ProbeOutcome } from "./classify";
import { roundMs } from "@/lib/probe/shared/stats";
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

/** The probe's request: `GET /v2/` naming the host, and asking to close when nothing is kept. */
function requestHead(host: string, keepAlive: boolean): string {
  const close = keepAlive ? "" : "Connection: close\r\n";
  return `GET ${PROBE_PATH} HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: ${USER_AGENT}\r\n${close}\r\n`;
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
 * Room for TLS sessions: one per host name, for more hosts than one process probes (the hub's
 * cap), so a reconnection always finds its own.
 */
const SESSIONS_KEPT = 20_000;

/**
 * Probes registry hosts with `GET https://<host>/v2/` and no credentials, over its own HTTP/1.1
 * exchange on a TLS connection: the one request a probe makes needs none of a general client's
 * machinery, which cost as much CPU again per probe and 2.5 KB more heap per kept connection. With
 * keep-alive, one connection per host stays open, so consecutive probes of a host reuse it (warm)
 * until the server closes it; the next probe then opens a new one (cold).
 */
export class HttpProber {
  private readonly connections: Connections;
  private readonly timeoutMs: number;
  private readonly keepAlive: boolean;

  constructor(options: HttpProberOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.keepAlive = options.keepAlive !== false;
    const { connectTo, ca } = options;
    this.connections = new Connections({
      port: connectTo?.port ?? 443,
      keepAlive: this.keepAlive,
      sessionsKept: SESSIONS_KEPT,
      // Built once: parsing the CA for every new connection would show up in cold phases.
      ...(ca
        ? { secureContext: createSecureContext({ ca: [...rootCertificates, ...[ca].flat()] }) }
        : {}),
      ...(connectTo ? { lookup: overrideLookup(connectTo) } : {}),
    });
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
    return this.connections.connected(host);
  }

  /** Closes the kept-alive connection of a host (its next probe is a new connection). */
  forget(host: string): void {
    this.connections.forget(host);
  }

  /** Closes every connection. */
  close(): void {
    this.connections.close();
  }

  private attempt(host: string, deadline: number, signal?: AbortSignal): Promise<Attempt> {
    return new Promise<Attempt>((resolve) => {
      const t0 = performance.now();
      const marks: { lookup?: number; connect?: number; secure?: number; finish?: number } = {};
      let firstByte: number | undefined;
      let stage: FailureStage = "dns";
      let settled = false;
      const reader = new ResponseReader();
      const taken = this.connections.take(host);
      const reused = taken !== undefined;
      const connection = taken ?? this.connections.connect(host);
      const { socket } = connection;

      const phases = (end: number): Phases => {
        const span = (from: number | undefined, to: number | undefined) =>
          from === undefined || to === undefined ? null : roundMs(to - from);
        // The request counts as sent when Node has handed its last byte to the OS (the write's
        // callback): time before that is this process queueing its own work, not the endpoint.
        // On a busy loop that callback can trail the first answer byte; the request was then
        // sent by the time it was ready.
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
          totalMs: roundMs(end - t0),
        };
      };

      const send = () => {
        stage = "request";
        socket.write(requestHead(host, this.keepAlive), (error) => {
          if (!error) marks.finish = performance.now();
        });
      };
      const onLookup = () => {
        marks.lookup = performance.now();
        stage = "connect";
      };
      const onConnect = () => {
        marks.connect = performance.now();
        stage = "tls";
      };
      const onSecure = () => {
        marks.secure = performance.now();
        send();
      };

      const settle = (outcome: ProbeOutcome) => {
        if (settled) return;
        settled = true;
        const end = performance.now();
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        socket.removeListener("lookup", onLookup);
        socket.removeListener("connect", onConnect);
        socket.removeListener("secureConnect", onSecure);
        if (connection.user === user) {
          if (outcome.type === "response") this.connections.release(connection, reader.reusable);
          else this.connections.release(connection, false);
        }
        const staleReuse =
          outcome.type === "failure" &&
          reused &&
          firstByte === undefined &&
          (outcome.code === "ECONNRESET" || outcome.code === "EPIPE");
        resolve({
          outcome,
          reused,
          remoteAddress: connection.remoteAddress ?? socket.remoteAddress ?? null,
          phases: phases(end),
          staleReuse,
        });
      };
      const fail = (code: string, message?: string) =>
        settle({ type: "failure", code, stage, ...(message ? { message } : {}) });

      const answered = () => {
        const head = reader.head;
        settle({
          type: "response",
          host,
          status: head?.status ?? 0,
          wwwAuthenticate: head?.wwwAuthenticate,
          retryAfter: head?.retryAfter,
        });
      };
      const read = (state: ReadState) => {
        if (state === "done") answered();
        else if (state !== "more") fail(state);
      };
      const user: ConnectionUser = {
        data(bytes) {
          firstByte ??= performance.now();
          stage = "response";
          read(reader.feed(bytes));
        },
        ended(error) {
          if (error) fail(error.code ?? "ECONNRESET", error.message);
          // Closed before a whole answer: what Node calls a hang-up.
          else if (reader.head === undefined) fail("ECONNRESET", "socket hang up");
          else read(reader.end());
        },
      };
      connection.user = user;

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

      if (reused) {
        send();
        return;
      }
      socket.once("lookup", onLookup);
      socket.once("connect", onConnect);
      socket.once("secureConnect", onSecure);
    });
  }
}
