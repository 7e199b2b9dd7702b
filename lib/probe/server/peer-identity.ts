import "server-only";
import { TLSSocket } from "node:tls";

const fullPeerCertificate = TLSSocket.prototype.getPeerCertificate;

/**
 * Lets a new connection check the server's name at a fraction of Node's cost.
 *
 * On every full handshake Node checks the host name with
 * `checkServerIdentity(host, socket.getPeerCertificate(true))`. The detailed call turns the whole
 * chain into objects, every issuer with its fingerprints and public key: about 0.2-0.4 ms of CPU
 * per new connection, where the server's own certificate alone takes 0.05 ms, and the check reads
 * only that one (its alternative names, else its subject's CN). Until its handshake is over, the
 * socket answers the call with the server's certificate alone; the check is Node's own and
 * decides as it always does, and OpenSSL has verified the chain before it. Afterwards the socket
 * answers as any other. (`getPeerX509Certificate` would be cheaper still, but Node 20's takes the
 * certificate out of the socket's chain, so later reads of it find nothing.)
 */
export function checkServerCertificateOnly(socket: TLSSocket): void {
  socket.getPeerCertificate = function serverCertificateOnly(this: TLSSocket) {
    return fullPeerCertificate.call(this, false);
  } as TLSSocket["getPeerCertificate"];
  const restore = () => {
    // Put back, not deleted: deleting a property turns the socket's properties into a hash
    // table, 3 KB of heap for every connection kept.
    socket.getPeerCertificate = fullPeerCertificate;
    socket.removeListener("secureConnect", restore);
    socket.removeListener("close", restore);
  };
  socket.once("secureConnect", restore);
  socket.once("close", restore);
}
