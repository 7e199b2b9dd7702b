import { createServer as createHttpsServer, type Server } from "node:https";
import {
  createServer as createNetServer,
  type AddressInfo,
  type Server as NetServer,
  type Socket,
} from "node:net";
import { createServer as createTlsServer, type TLSSocket } from "node:tls";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { HttpProber, parseConnectTo } from "@/lib/probe/server";
import { makeTestPki, type TestPki } from "./tls-fixture";

/**
 * A local HTTPS server that plays a registry data plane for every `*.probe.test` name: the
 * first label picks the behaviour. The prober reaches it only through the connect-to override,
 * exactly as the console reaches the emulator.
 */
let pki: TestPki;
let server: Server;
let port: number;
const seen: {
  servername: string | undefined;
  host: string | undefined;
  path: string | undefined;
}[] = [];
const sockets = new Set<Socket>();
const probers: HttpProber[] = [];

function prober(opts: { ca?: boolean; timeoutMs?: number; port?: number } = {}) {
  const p = new HttpProber({
    connectTo: { host: "127.0.0.1", port: opts.port ?? port },
    ca: opts.ca === false ? undefined : pki.caPem,
    timeoutMs: opts.timeoutMs,
  });
  probers.push(p);
  return p;
}

async function listen(s: NetServer): Promise<number> {
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  return (s.address() as AddressInfo).port;
}

beforeAll(async () => {
  pki = makeTestPki(["*.probe.test"]);
  server = createHttpsServer({ key: pki.keyPem, cert: pki.certPem }, (req, res) => {
    const host = req.headers.host ?? "";
    seen.push({
      servername: (req.socket as TLSSocket).servername || undefined,
      host,
      path: req.url,
    });
    const label = host.split(".")[0];
    if (label === "hang") return; // never answers
    if (label === "chunked") {
      res.writeHead(401, {
        "www-authenticate": `Bearer realm="https://${host}/oauth2/token",service="${host}"`,
      });
      res.write('{"errors":');
      return res.end("[]}");
    }
    if (label === "closing") {
      res.shouldKeepAlive = false;
      return res.writeHead(403).end();
    }
    if (label === "forbidden") return res.writeHead(403).end();
    if (label === "throttled") return res.writeHead(429, { "retry-after": "7" }).end();
    if (label === "other") {
      return res
        .writeHead(401, {
          "www-authenticate":
            'Bearer realm="https://elsewhere.test/oauth2/token",service="elsewhere.test"',
        })
        .end();
    }
    res.writeHead(401, {
      "content-type": "application/json",
      "www-authenticate": `Bearer realm="https://${host}/oauth2/token",service="${host}"`,
    });
    res.end(
      JSON.stringify({ errors: [{ code: "UNAUTHORIZED", message: "authentication required" }] }),
    );
  });
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  port = await listen(server);
});

afterEach(() => {
  for (const p of probers.splice(0)) p.close();
  seen.length = 0;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => server.close(resolve));
});

describe("HttpProber against a local HTTPS registry", () => {
  it("measures a cold probe, then a warm one over the same connection", async () => {
    const p = prober();
    const cold = await p.probe("myreg.probe.test");
    const warm = await p.probe("myreg.probe.test");

    expect(cold).toMatchObject({
      verdict: "ok",
      status: 401,
      reused: false,
      remoteAddress: "127.0.0.1",
    });
    expect(cold.error).toBeUndefined();
    expect(Number.isNaN(Date.parse(cold.at))).toBe(false);
    for (const phase of ["dnsMs", "connectMs", "tlsMs", "sendMs", "ttfbMs"] as const) {
      expect(cold.phases[phase]).toBeTypeOf("number");
      expect(cold.phases[phase]).toBeGreaterThanOrEqual(0);
    }
    const { dnsMs, connectMs, tlsMs, sendMs, ttfbMs, totalMs } = cold.phases;
    expect(ttfbMs!).toBeLessThanOrEqual(totalMs);
    // The phases follow each other: together they never exceed the total.
    expect(dnsMs! + connectMs! + tlsMs! + sendMs! + ttfbMs!).toBeLessThanOrEqual(totalMs + 0.01);

    expect(warm).toMatchObject({
      verdict: "ok",
      status: 401,
      reused: true,
      remoteAddress: "127.0.0.1",
    });
    expect(warm.phases).toMatchObject({ dnsMs: null, connectMs: null, tlsMs: null });
    expect(warm.phases.sendMs).toBeTypeOf("number");
    expect(warm.phases.sendMs! + warm.phases.ttfbMs!).toBeLessThanOrEqual(
      warm.phases.totalMs + 0.01,
    );

    // The override changes only where the socket goes: SNI and Host stay the registry's name.
    expect(seen).toEqual([
      { servername: "myreg.probe.test", host: "myreg.probe.test", path: "/v2/" },
      { servername: "myreg.probe.test", host: "myreg.probe.test", path: "/v2/" },
    ]);
  });

  it("keeps one connection per host", async () => {
    const p = prober();
    await p.probe("a.probe.test");
    await p.probe("b.probe.test");
    const again = await Promise.all([p.probe("a.probe.test"), p.probe("b.probe.test")]);
    expect(again.map((r) => r.reused)).toEqual([true, true]);
  });

  it("says whether a host's next probe would reuse an open connection", async () => {
    const p = prober();
    expect(p.connected("a.probe.test")).toBe(false);
    await p.probe("a.probe.test");
    expect(p.connected("a.probe.test")).toBe(true);
    expect(p.connected("b.probe.test")).toBe(false);
    await p.probe("b.probe.test");
    p.forget("a.probe.test");
    expect(p.connected("a.probe.test")).toBe(false);
    // Only that host's connection was closed.
    expect(p.connected("b.probe.test")).toBe(true);
    expect((await p.probe("a.probe.test")).reused).toBe(false);
    expect((await p.probe("b.probe.test")).reused).toBe(true);
  });

  it("reuses a connection after a chunked answer, and not one the server closes", async () => {
    const p = prober();
    const chunked = [await p.probe("chunked.probe.test"), await p.probe("chunked.probe.test")];
    expect(chunked.map((r) => [r.verdict, r.reused])).toEqual([
      ["ok", false],
      ["ok", true],
    ]);
    const closing = [await p.probe("closing.probe.test"), await p.probe("closing.probe.test")];
    expect(closing.map((r) => [r.verdict, r.reused])).toEqual([
      ["forbidden", false],
      ["forbidden", false],
    ]);
    expect(p.connected("closing.probe.test")).toBe(false);
  });

  it("gives a second probe of a host in flight its own connection, and keeps the first", async () => {
    const p = prober();
    const opened: Socket[] = [];
    const onConnection = (socket: Socket) => opened.push(socket);
    server.on("connection", onConnection);
    const both = await Promise.all([p.probe("a.probe.test"), p.probe("a.probe.test")]);
    expect(both.map((r) => [r.verdict, r.reused])).toEqual([
      ["ok", false],
      ["ok", false],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    server.off("connection", onConnection);
    // The extra connection was closed after its answer; the host's own is kept and reused.
    expect(opened.map((socket) => socket.destroyed).sort()).toEqual([false, true]);
    expect((await p.probe("a.probe.test")).reused).toBe(true);
  });

  it("reports an answer that is not HTTP as error, and drops a connection spoken on while idle", async () => {
    // A TLS server that answers "garbage.*" with something else than HTTP, and "chatty.*" with
    // a good answer followed, once idle, by bytes nobody asked for.
    const raw = createTlsServer({ key: pki.keyPem, cert: pki.certPem }, (s) => {
      s.on("error", () => {});
      s.once("data", () => {
        if (String(s.servername).startsWith("garbage."))
          return s.end("SSH-2.0-OpenSSH_9.2\r\n\r\n");
        s.write(
          `HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm="https://${s.servername}/t"\r\nContent-Length: 0\r\n\r\n`,
        );
        setTimeout(() => s.write("HTTP/1.1 200 OK\r\n\r\n"), 50);
      });
    });
    const rawPort = await listen(raw);
    try {
      const p = prober({ port: rawPort });
      expect(await p.probe("garbage.probe.test")).toMatchObject({
        verdict: "error",
        status: null,
        error: "HPE_INVALID_CONSTANT",
      });
      expect(await p.probe("chatty.probe.test")).toMatchObject({ verdict: "ok", reused: false });
      expect(p.connected("chatty.probe.test")).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(p.connected("chatty.probe.test")).toBe(false);
    } finally {
      await new Promise((resolve) => raw.close(resolve));
    }
  });

  it("does not keep the process alive with an idle connection", async () => {
    // Connections that hold the process open, less the server's ends of its connections.
    const held = () =>
      process.getActiveResourcesInfo().filter((type) => type === "TCPSocketWrap").length -
      sockets.size;
    const p = prober();
    const before = held();
    await p.probe("idle.probe.test");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(p.connected("idle.probe.test")).toBe(true);
    expect(held()).toBe(before);
  });

  it("reports 403 as forbidden and 429 as throttled with its Retry-After", async () => {
    const p = prober();
    expect(await p.probe("forbidden.probe.test")).toMatchObject({
      verdict: "forbidden",
      status: 403,
    });
    expect(await p.probe("throttled.probe.test")).toMatchObject({
      verdict: "throttled",
      status: 429,
      retryAfter: "7",
    });
  });

  it("reports a challenge naming another host as error", async () => {
    const result = await prober().probe("other.probe.test");
    expect(result).toMatchObject({ verdict: "error", status: 401 });
    expect(result.error).toContain("elsewhere.test");
  });

  it("reports an untrusted certificate and a name outside the certificate as tls", async () => {
    const untrusted = await prober({ ca: false }).probe("myreg.probe.test");
    expect(untrusted).toMatchObject({ verdict: "tls", status: null });
    expect(untrusted.error).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED|ISSUER/);
    expect(untrusted.phases.connectMs).toBeTypeOf("number");
    expect(untrusted.phases.tlsMs).toBeNull();

    const wrongName = await prober().probe("myreg.elsewhere.test");
    expect(wrongName).toMatchObject({ verdict: "tls", error: "ERR_TLS_CERT_ALTNAME_INVALID" });
  });

  it("reports a closed port as refused", async () => {
    const closed = createNetServer();
    const closedPort = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    const result = await prober({ port: closedPort }).probe("myreg.probe.test");
    expect(result).toMatchObject({ verdict: "refused", status: null, error: "ECONNREFUSED" });
    expect(result.phases.connectMs).toBeNull();
  });

  it("reports a connection reset before the TLS session as refused", async () => {
    const resetter = createNetServer((s) => s.resetAndDestroy());
    const resetPort = await listen(resetter);
    try {
      const result = await prober({ port: resetPort }).probe("myreg.probe.test");
      expect(result).toMatchObject({ verdict: "refused", status: null, error: "ECONNRESET" });
    } finally {
      await new Promise((resolve) => resetter.close(resolve));
    }
  });

  it("times out a server that accepts and never answers, as loss", async () => {
    const silent = createNetServer(() => {});
    const silentPort = await listen(silent);
    try {
      const result = await prober({ port: silentPort, timeoutMs: 300 }).probe("myreg.probe.test");
      expect(result).toMatchObject({ verdict: "timeout", status: null, error: "PROBE_TIMEOUT" });
      expect(result.phases.connectMs).toBeTypeOf("number");
      expect(result.phases.tlsMs).toBeNull();
      expect(result.phases.totalMs).toBeGreaterThanOrEqual(299);
    } finally {
      silent.close();
    }
  });

  it("times out a request the server never answers, after the TLS handshake", async () => {
    const p = prober({ timeoutMs: 300 });
    const hung = await p.probe("hang.probe.test");
    expect(hung).toMatchObject({ verdict: "timeout", status: null });
    expect(hung.phases.tlsMs).toBeTypeOf("number");
    expect(hung.phases.sendMs).toBeTypeOf("number");
    expect(hung.phases.ttfbMs).toBeNull();
  });

  it("honours an abort signal whose reason is a timeout", async () => {
    const controller = new AbortController();
    const pending = prober().probe("hang.probe.test", { signal: controller.signal });
    setTimeout(() => controller.abort(new DOMException("late", "TimeoutError")), 100);
    expect(await pending).toMatchObject({ verdict: "timeout" });
  });

  /**
   * A registry that closes each connection 100 ms after its answer (announcing the usual 5 s
   * keep-alive), for the duration of `run` (given the server, to watch, and a prober reaching it).
   */
  async function withShortKeepAlive(run: (short: Server, p: HttpProber) => Promise<void>) {
    const short = createHttpsServer({ key: pki.keyPem, cert: pki.certPem }, (req, res) => {
      const host = req.headers.host ?? "";
      res.writeHead(401, {
        "www-authenticate": `Bearer realm="https://${host}/oauth2/token",service="${host}"`,
      });
      res.end(() => setTimeout(() => req.socket.destroy(), 100));
    });
    const shortPort = await listen(short);
    try {
      await run(short, prober({ port: shortPort }));
    } finally {
      short.closeAllConnections();
      await new Promise((resolve) => short.close(resolve));
    }
  }

  it("opens a new connection after the server closed the idle one", async () => {
    await withShortKeepAlive(async (_short, p) => {
      expect((await p.probe("myreg.probe.test")).reused).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const next = await p.probe("myreg.probe.test");
      expect(next).toMatchObject({ verdict: "ok", reused: false });
    });
  });

  it("resumes a host's TLS session when it reconnects, never another host's", async () => {
    await withShortKeepAlive(async (short, p) => {
      const handshakes: string[] = [];
      short.on("secureConnection", (s: TLSSocket) => {
        handshakes.push(`${String(s.servername)} ${s.isSessionReused() ? "resumed" : "full"}`);
      });
      // Each probe after the server closed the idle connection opens a new one.
      for (const host of ["myreg.probe.test", "other-reg.probe.test", "myreg.probe.test"]) {
        expect(await p.probe(host)).toMatchObject({ verdict: "ok", reused: false });
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      // A resumed session skips the certificate: allowed only for the name it was verified for.
      expect(handshakes).toEqual([
        "myreg.probe.test full",
        "other-reg.probe.test full",
        "myreg.probe.test resumed",
      ]);
    });
  });

  it("reports a name that does not resolve as dns", async () => {
    const p = new HttpProber({ timeoutMs: 2500 });
    probers.push(p);
    const result = await p.probe("no-such-registry.invalid");
    // `.invalid` never resolves (RFC 6761); without any resolver the error is EAI_AGAIN, also dns.
    expect(result).toMatchObject({ verdict: "dns", status: null });
    expect(result.error).toMatch(/ENOTFOUND|EAI_AGAIN/);
  });

  it("refuses anything that is not a bare host name", async () => {
    const p = prober();
    for (const bad of ["", "a b", "host:443", "https://x.test", "x.test/v2", "x.test@evil"]) {
      await expect(p.probe(bad)).rejects.toThrow(TypeError);
    }
  });

  it("parses the emulator's host:port address", () => {
    expect(parseConnectTo("127.0.0.1:8444")).toEqual({ host: "127.0.0.1", port: 8444 });
    expect(parseConnectTo("[::1]:9000")).toEqual({ host: "::1", port: 9000 });
    expect(() => parseConnectTo("127.0.0.1")).toThrow();
    expect(() => parseConnectTo("127.0.0.1:70000")).toThrow();
  });
});
