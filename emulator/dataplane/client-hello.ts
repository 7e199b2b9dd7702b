/**
 * Reads the server name (SNI) out of a TLS ClientHello without terminating TLS, so the data plane
 * can pick the region (and its latency) before the handshake starts. Only what SNI needs is parsed:
 * record framing, the handshake header, and the extension list.
 */

export type ClientHelloResult =
  | { state: "incomplete" }
  | { state: "invalid"; reason: string }
  | { state: "complete"; serverName: string | null };

const RECORD_HEADER = 5;
const CONTENT_HANDSHAKE = 22;
const HANDSHAKE_CLIENT_HELLO = 1;
const EXTENSION_SERVER_NAME = 0;
const NAME_TYPE_HOST = 0;
/** A ClientHello with post-quantum key shares is ~2 KB; anything far larger is not a client hello. */
const MAX_HELLO = 64 * 1024;

/** Parses the bytes received so far; asks for more until the whole ClientHello is there. */
export function parseClientHello(data: Buffer): ClientHelloResult {
  // The handshake message may be split over several records: join their payloads first.
  const fragments: Buffer[] = [];
  let payloadLength = 0;
  let offset = 0;
  for (;;) {
    if (data.length < offset + RECORD_HEADER) return { state: "incomplete" };
    if (data[offset] !== CONTENT_HANDSHAKE) return { state: "invalid", reason: "not a handshake" };
    if (data[offset + 1] !== 3) return { state: "invalid", reason: "not TLS" };
    const length = data.readUInt16BE(offset + 3);
    if (data.length < offset + RECORD_HEADER + length) return { state: "incomplete" };
    fragments.push(data.subarray(offset + RECORD_HEADER, offset + RECORD_HEADER + length));
    payloadLength += length;
    offset += RECORD_HEADER + length;
    if (payloadLength >= 4) {
      const handshake = fragments.length === 1 ? fragments[0]! : Buffer.concat(fragments);
      if (handshake[0] !== HANDSHAKE_CLIENT_HELLO) {
        return { state: "invalid", reason: "not a ClientHello" };
      }
      const bodyLength = handshake.readUIntBE(1, 3);
      if (bodyLength > MAX_HELLO) return { state: "invalid", reason: "ClientHello too large" };
      if (handshake.length >= 4 + bodyLength) {
        return readServerName(handshake.subarray(4, 4 + bodyLength));
      }
    }
    if (offset > MAX_HELLO) return { state: "invalid", reason: "ClientHello too large" };
  }
}

function readServerName(body: Buffer): ClientHelloResult {
  const invalid = { state: "invalid", reason: "malformed ClientHello" } as const;
  let p = 2 + 32; // legacy_version, random
  if (body.length < p + 1) return invalid;
  p += 1 + body[p]!; // session id
  if (body.length < p + 2) return invalid;
  p += 2 + body.readUInt16BE(p); // cipher suites
  if (body.length < p + 1) return invalid;
  p += 1 + body[p]!; // compression methods
  if (body.length === p) return { state: "complete", serverName: null }; // no extensions at all
  if (body.length < p + 2) return invalid;
  const end = p + 2 + body.readUInt16BE(p);
  if (end > body.length) return invalid;
  p += 2;
  while (p + 4 <= end) {
    const type = body.readUInt16BE(p);
    const length = body.readUInt16BE(p + 2);
    p += 4;
    if (p + length > end) return invalid;
    if (type === EXTENSION_SERVER_NAME) return hostNameIn(body.subarray(p, p + length));
    p += length;
  }
  return { state: "complete", serverName: null };
}

function hostNameIn(ext: Buffer): ClientHelloResult {
  if (ext.length < 2) return { state: "invalid", reason: "malformed server_name" };
  const end = Math.min(ext.length, 2 + ext.readUInt16BE(0));
  let p = 2;
  while (p + 3 <= end) {
    const type = ext[p]!;
    const length = ext.readUInt16BE(p + 1);
    p += 3;
    if (p + length > end) break;
    if (type === NAME_TYPE_HOST) {
      return { state: "complete", serverName: ext.toString("ascii", p, p + length).toLowerCase() };
    }
    p += length;
  }
  return { state: "invalid", reason: "malformed server_name" };
}

/** A fatal `unrecognized_name` alert: what a TLS server says for a name it does not serve. */
export const UNRECOGNIZED_NAME_ALERT = Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x70]);
