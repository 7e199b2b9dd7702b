import "server-only";
import { Agent, type RequestOptions } from "node:https";
import type { Duplex } from "node:stream";
import { TLSSocket } from "node:tls";

/**
 * An https Agent whose new connections check the server's name at a fraction of Node's cost.
 *
 * On every full handshake Node checks the host name with
 * `checkServerIdentity(host, socket.getPeerCertificate(true))`. The detailed call turns the whole
 * chain into objects, every issuer with its fingerprints and public key: about 0.2-0.4 ms of CPU
 * per new connection, where the server's own certificate alone takes 0.05 ms, and the check reads
 * only that one (its alternative names, else its subject's CN). Until its handshake is over, a
 * socket of this Agent answers the call with the server's certificate alone; the check is Node's
 * own and decides as it always does, and OpenSSL has verified the chain before it. Afterwards the
 * socket answers as any other. (`getPeerX509Certificate` would be cheaper still, but Node 20's
 * takes the certificate out of the socket's chain, so later reads of it find nothing.)
 */
export class ProbeAgent extends Agent {
  /**
   * What the Agent keeps sockets, queued requests and TLS sessions by: the host, port and name
   * asked for. Node's own name also spells out every TLS option a request may carry, about 2 KB
   * of strings built for each request; the prober's TLS options are the Agent's, the same for
   * every request.
   */
  override getName(options: RequestOptions = {}): string {
    return `${options.host ?? "localhost"}:${options.port ?? ""}:${options.servername ?? ""}`;
  }

  override createConnection(
    options: RequestOptions,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const created = super.createConnection(options, callback);
    if (created instanceof TLSSocket) checkServerCertificateOnly(created);
    return created;
  }
}

const fullPeerCertificate = TLSSocket.prototype.getPeerCertificate;

/** Until `secureConnect`, `getPeerCertificate` leaves the issuers out. */
export function checkServerCertificateOnly(socket: TLSSocket): void {
  socket.getPeerCertificate = function serverCertificateOnly(this: TLSSocket) {
    return fullPeerCertificate.call(this, false);
  } as TLSSocket["getPeerCertificate"];
  const restore = () => {
    delete (socket as Partial<Pick<TLSSocket, "getPeerCertificate">>).getPeerCertificate;
    socket.removeListener("secureConnect", restore);
    socket.removeListener("close", restore);
  };
  socket.once("secureConnect", restore);
  socket.once("close", restore);
}
