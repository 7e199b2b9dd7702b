import "server-only";
import type { LookupFunction } from "node:net";
import { connect, type SecureContext, type TLSSocket } from "node:tls";
import { checkServerCertificateOnly } from "./peer-identity";

/** The probe using a connection: what the connection reports to it. */
export interface ConnectionUser {
  data(bytes: Buffer): void;
  /** The connection failed (`error`) or the server closed it (no error). */
  ended(error?: NodeJS.ErrnoException): void;
}

export interface ConnectionsOptions {
  port: number;
  /** Keep one idle connection per host for its next probe; false: close each after its answer. */
  keepAlive: boolean;
  secureContext?: SecureContext;
  /** Resolves every host name (the connect-to override); default DNS. */
  lookup?: LookupFunction;
  /** TLS sessions kept, one per host name (the oldest is dropped when full). */
  sessionsKept: number;
}

/**
 * One TLS connection to one registry host. Its listeners are set once, when it opens, and pass
 * what happens to the probe using it; while it waits idle for the next probe, any byte from the
 * server is out of turn and closes it.
 */
export class RegistryConnection {
  user?: ConnectionUser;
  /** Kept from the connect event: a socket that is reset later no longer reports it. */
  remoteAddress: string | null = null;

  constructor(
    readonly host: string,
    readonly socket: TLSSocket,
    onClose: (connection: RegistryConnection, failed: boolean) => void,
  ) {
    let failed = false;
    socket.once("connect", () => {
      this.remoteAddress = socket.remoteAddress ?? null;
    });
    socket.on("data", (bytes: Buffer) => {
      if (this.user) this.user.data(bytes);
      else socket.destroy();
    });
    socket.on("error", (error: NodeJS.ErrnoException) => {
      failed = true;
      this.end(error);
    });
    socket.on("end", () => this.end());
    socket.on("close", () => {
      this.end();
      onClose(this, failed);
    });
  }

  /** Whether a probe can send its request on this connection now. */
  get idle(): boolean {
    return this.user === undefined && this.socket.writable && !this.socket.destroyed;
  }

  private end(error?: NodeJS.ErrnoException) {
    const user = this.user;
    this.user = undefined;
    user?.ended(error);
  }
}

/**
 * The prober's connections: with keep-alive, one per host that stays open between its probes
 * (while idle it does not keep the process alive), and the TLS session of each host, so that a
 * reconnection resumes its own session, never another host's.
 */
export class Connections {
  /** The connection each host's probes reuse, busy or idle. */
  private readonly kept = new Map<string, RegistryConnection>();
  private readonly open = new Set<RegistryConnection>();
  private readonly sessions = new Map<string, Buffer>();

  constructor(private readonly options: ConnectionsOptions) {}

  /** The host's idle connection, now in use; undefined when it has none. */
  take(host: string): RegistryConnection | undefined {
    const connection = this.kept.get(host);
    if (!connection?.idle) return undefined;
    connection.socket.ref();
    return connection;
  }

  /** A new connection to `host`, resuming its TLS session if one is kept. */
  connect(host: string): RegistryConnection {
    const { port, secureContext, lookup } = this.options;
    const socket = connect({
      host,
      port,
      servername: host,
      ...(secureContext ? { secureContext } : {}),
      ...(lookup ? { lookup } : {}),
      ...(this.sessions.has(host) ? { session: this.sessions.get(host) } : {}),
    });
    socket.setNoDelay(true);
    checkServerCertificateOnly(socket);
    const connection = new RegistryConnection(host, socket, (closed, failed) => {
      this.open.delete(closed);
      if (this.kept.get(host) === closed) this.kept.delete(host);
      if (failed) this.sessions.delete(host);
    });
    socket.on("session", (session: Buffer) => this.keepSession(host, session));
    this.open.add(connection);
    if (this.options.keepAlive && !this.kept.has(host)) this.kept.set(host, connection);
    return connection;
  }

  /**
   * A probe is done with a connection. It waits for the host's next probe if it carried a whole
   * answer that leaves it reusable and it is the host's kept one; otherwise it is closed.
   */
  release(connection: RegistryConnection, reusable: boolean): void {
    connection.user = undefined;
    if (!reusable || this.kept.get(connection.host) !== connection) connection.socket.destroy();
    else connection.socket.unref();
  }

  /** Whether the host's next probe would reuse an open, idle connection. */
  connected(host: string): boolean {
    return this.kept.get(host)?.idle ?? false;
  }

  /** Closes the host's kept connection. */
  forget(host: string): void {
    this.kept.get(host)?.socket.destroy();
  }

  /** Closes every connection. */
  close(): void {
    for (const connection of this.open) connection.socket.destroy();
  }

  private keepSession(host: string, session: Buffer) {
    if (!this.sessions.has(host) && this.sessions.size >= this.options.sessionsKept) {
      const oldest = this.sessions.keys().next();
      if (!oldest.done) this.sessions.delete(oldest.value);
    }
    this.sessions.set(host, session);
  }
}
