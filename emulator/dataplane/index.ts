import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import { createServer as createTcpServer, type Server, type Socket } from "node:net";
import { performance } from "node:perf_hooks";
import { createSecureContext, TLSSocket, type SecureContext } from "node:tls";
import type { DataPlane, DataPlaneOptions } from "../contracts";
import { sendErrors } from "./acr-http";
import { parseClientHello, UNRECOGNIZED_NAME_ALERT } from "./client-hello";
import type { RequestContext } from "./context";
import { latencyLink } from "./latency-link";
import { handleRequest } from "./requests";
import { regionState, routeHost, type ConnectionTarget } from "./routing";
import { findRegistryAgain, type RegistryFound } from "../store/finders";
import type { RegistryState } from "../store/types";
import { possibleHostNames } from "../store/hosts";
import { createTokenSigner, loadTokenKey } from "./tokens";

/** A client must send its ClientHello this soon after connecting. */
const HELLO_TIMEOUT_MS = 10_000;

interface Connection {
  target: ConnectionTarget;
  clientIp: string;
  /** The registry its last request found (looked up again only when the store changed). */
  registry?: RegistryFound;
}

/**
 * The registry data plane: one TCP listener for every registry host name. Each connection's
 * ClientHello is read first (SNI), which decides the registry and the region it lands on; the
 * connection is then fed, through a link that delays client bytes by the region's RTT, into a TLS
 * socket with that host's certificate and an HTTP server. See emulator/README.md, "Data plane".
 */
export async function startDataPlane(opts: DataPlaneOptions): Promise<DataPlane> {
  const signer = createTokenSigner(loadTokenKey(opts.stateDir));
  const contexts = new Map<string, SecureContext>();
  const connections = new WeakMap<object, Connection>();
  const sockets = new Set<Socket>();

  // One certificate per host name; the large fleet (20,000 names) gets one wildcard per parent
  // domain instead (`*.azurecr.io`, `*.<region>.geo.azurecr.io`, ...), or start-up would spend a
  // minute of CPU issuing certificates.
  // Storage accounts present Azure Storage's own wildcard certificate.
  const certificateName = (host: string): string =>
    opts.store.state.fleet === "large" || host.endsWith(".blob.core.windows.net")
      ? `*.${host.split(".").slice(1).join(".")}`
      : host;

  const secureContextFor = (host: string): SecureContext => {
    const name = certificateName(host);
    let context = contexts.get(name);
    if (!context) {
      const { keyPem, certPem } = opts.pki.certificateFor([name]);
      context = createSecureContext({ key: keyPem, cert: certPem });
      contexts.set(name, context);
    }
    return context;
  };

  const http = createHttpServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    void serve(req, res);
  });
  http.on("clientError", (_err, socket) => socket.destroy());

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const connection = connections.get(req.socket);
    const host = (req.headers.host ?? "").replace(/:\d+$/, "").toLowerCase();
    const at = new Date().toISOString();
    if (!connection) return void res.destroy();
    connection.registry = findRegistryAgain(
      opts.store.state,
      connection.target.registryKey,
      connection.registry,
    );
    const ctx: RequestContext = {
      req,
      res,
      opts,
      signer,
      target: connection.target,
      registry: connection.registry?.registry as RegistryState,
      host: host || connection.target.host,
      clientIp: connection.clientIp,
    };
    res.on("finish", () => {
      opts.log.add({
        plane: "data",
        host: ctx.host,
        method: req.method ?? "GET",
        path: req.url ?? "/",
        status: res.statusCode,
        at,
        ...(ctx.caller ? { caller: ctx.caller } : {}),
      });
    });
    try {
      // Routing is by SNI; a Host naming another endpoint would be answered by the wrong one.
      if (host && host !== connection.target.host) {
        return sendErrors(res, 421, [
          {
            code: "MISDIRECTED_REQUEST",
            message: `this connection serves ${connection.target.host}`,
          },
        ]);
      }
      // The registry may have been removed by a reset since the connection was made.
      if (!ctx.registry) {
        return sendErrors(res, 404, [{ code: "NOT_FOUND", message: "registry not found" }]);
      }
      await handleRequest(ctx);
    } catch (err) {
      console.error("data plane:", err);
      if (!res.headersSent) {
        sendErrors(res, 500, [{ code: "UNKNOWN", message: "internal error" }]);
      } else res.destroy();
    }
  };

  /** The RTT from a vantage (undefined: the main address, the console's) to a region. */
  const rttOf =
    (vantage: string | undefined) =>
    (region: string, own: { latencyMs: number }): number =>
      vantage && opts.vantages
        ? opts.vantages.rttMs(vantage, region, own.latencyMs)
        : own.latencyMs;

  const start = (
    raw: Socket,
    target: ConnectionTarget,
    early: { at: number; chunk: Buffer }[],
    vantage: string | undefined,
  ) => {
    const link = latencyLink(
      raw,
      () => {
        const region = regionState(opts.store.state, target.region);
        return { delayMs: rttOf(vantage)(target.region, region), down: region.down };
      },
      early,
    );
    const tls = new TLSSocket(link, {
      isServer: true,
      secureContext: secureContextFor(target.host),
      ALPNProtocols: ["http/1.1"],
    });
    tls.on("error", () => tls.destroy());
    connections.set(tls, { target, clientIp: raw.remoteAddress ?? "127.0.0.1" });
    http.emit("connection", tls);
  };

  const accept = (raw: Socket, vantage?: string) => {
    sockets.add(raw);
    raw.on("close", () => sockets.delete(raw));
    raw.on("error", () => raw.destroy());
    raw.setNoDelay(true);
    const early: { at: number; chunk: Buffer }[] = [];
    let received: Buffer = Buffer.alloc(0);
    const timer = setTimeout(() => raw.destroy(), HELLO_TIMEOUT_MS);
    const stop = () => {
      clearTimeout(timer);
      raw.pause();
      raw.off("data", onData);
      raw.off("end", onEnd);
    };
    const onEnd = () => {
      stop();
      raw.destroy();
    };
    const onData = (chunk: Buffer) => {
      early.push({ at: performance.now(), chunk });
      received = received.length === 0 ? chunk : Buffer.concat([received, chunk]);
      const hello = parseClientHello(received);
      if (hello.state === "incomplete") return;
      stop();
      if (hello.state === "invalid") return void raw.destroy();
      const target = hello.serverName
        ? routeHost(opts.store.state, hello.serverName, rttOf(vantage))
        : null;
      // A name that does not resolve: fail the handshake as a server that does not serve it.
      if (!target) {
        raw.end(UNRECOGNIZED_NAME_ALERT);
        setTimeout(() => raw.destroy(), 1_000).unref();
        return;
      }
      try {
        start(raw, target, early, vantage);
      } catch (err) {
        // A bad certificate must cost this connection, not the emulator.
        console.error(`data plane: cannot serve ${target.host}:`, err);
        raw.destroy();
      }
    };
    raw.on("data", onData);
    raw.on("end", onEnd);
  };

  // Certificates are made on first use; making them now keeps that cost out of the first
  // handshake a prober times. Every name a registry could get is covered, enabled or not.
  const prewarm = () => {
    // One host per certificate: the large fleet's wildcards cover many names each.
    const byCertificate = new Map<string, string>();
    for (const host of possibleHostNames(opts.store.state)) {
      byCertificate.set(certificateName(host.toLowerCase()), host);
    }
    const names = [...byCertificate.values()];
    const next = () => {
      const host = names.shift();
      if (host === undefined) return;
      try {
        secureContextFor(host.toLowerCase());
      } catch (err) {
        console.error(`data plane: no certificate for ${host}:`, err);
      }
      setImmediate(next);
    };
    setImmediate(next);
  };

  const listen = (port: number, vantage?: string) =>
    new Promise<Server>((resolve, reject) => {
      const server = createTcpServer({ allowHalfOpen: true, noDelay: true }, (raw) =>
        accept(raw, vantage),
      );
      server.once("error", reject);
      server.listen(port, opts.host, () => {
        server.off("error", reject);
        resolve(server);
      });
    });
  const servers = [await listen(opts.port)];
  // 443 as well, where configured: tools build https://<login server>/v2/ without a port.
  for (const extra of opts.extraPorts ?? []) {
    try {
      servers.push(await listen(extra));
    } catch (err) {
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
      throw new DataPlanePortError(extra, err);
    }
  }
  // One listener per vantage point, on a free port: the address its clients connect to.
  const vantageServers: { name: string; server: Server }[] = [];
  for (const name of opts.vantages?.names() ?? []) {
    vantageServers.push({ name, server: await listen(0, name) });
  }
  prewarm();
  const portOf = (server: Server) => {
    const address = server.address();
    return typeof address === "object" && address ? address.port : opts.port;
  };
  const port = portOf(servers[0]!);
  return {
    address: `${opts.host}:${port}`,
    addresses: servers.map((server) => `${opts.host}:${portOf(server)}`),
    port,
    vantages: vantageServers.map(({ name, server }) => ({
      name,
      address: `${opts.host}:${portOf(server)}`,
    })),
    async close() {
      const all = [...servers, ...vantageServers.map((v) => v.server)];
      const closed = Promise.all(all.map((s) => new Promise<void>((r) => s.close(() => r()))));
      for (const socket of sockets) socket.destroy();
      http.close();
      await closed;
    },
  };
}

/** An extra data-plane port (443) could not be bound: say why and what allows it. */
export class DataPlanePortError extends Error {
  constructor(port: number, cause: unknown) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    const why =
      code === "EACCES"
        ? "binding a port below 1024 needs root, CAP_NET_BIND_SERVICE, or net.ipv4.ip_unprivileged_port_start lowered"
        : code === "EADDRINUSE"
          ? "another process listens on it"
          : String(cause);
    super(`the data plane cannot listen on port ${port}: ${why}`, { cause });
    this.name = "DataPlanePortError";
  }
}
