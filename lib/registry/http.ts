import "server-only";
import { lookup as dnsLookup } from "node:dns/promises";
import { request } from "node:https";
import { connect as tcpConnect, type Socket } from "node:net";
import {
  checkServerIdentity,
  connect as tlsConnect,
  rootCertificates,
  type PeerCertificate,
  type TLSSocket,
} from "node:tls";
import { getServerConfig } from "@/lib/env";
import { overrideLookup, parseConnectTo, type ConnectTo } from "@/lib/probe/server/connect-to";

/** The longest wait for one data-plane exchange. */
export const REGISTRY_TIMEOUT_MS = 10_000;
/** Bodies larger than this are cut (manifests, lists and error bodies are small). */
const MAX_BODY_BYTES = 1 << 20;
const USER_AGENT = "acr-geo-console/1";

export interface RegistryHttpOptions {
  /** Reach every host here instead of DNS + 443 (the emulator); SNI and Host stay the host. */
  connectTo?: ConnectTo;
  /** Extra trusted CA certificates (the emulator's). */
  ca?: string;
}

export interface RegistryReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  ms: number;
}

export interface TlsFacts {
  /** Where the connection went (IP:port). */
  remoteAddress: string;
  tcpMs: number;
  tlsMs: number;
  /** The certificate's names cover the host (RFC 6125, as Node checks). */
  coversHost: boolean;
  coverError?: string;
  /** The chain ends at a trusted root. */
  chainTrusted: boolean;
  chainError?: string;
  subject: string;
  issuer: string;
  validTo: string;
  /** Days left until `validTo` (negative once expired). */
  daysLeft: number;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/**
 * HTTPS to registry hosts from the server: one new connection per request (nothing kept between
 * requests, so no credential outlives its request), against the emulator through the same
 * connect-to override and CA as the prober.
 */
export class RegistryHttp {
  private readonly ca: string[];

  constructor(private readonly options: RegistryHttpOptions = {}) {
    this.ca = options.ca ? [...rootCertificates, options.ca] : [...rootCertificates];
  }

  /** The addresses a host resolves to (the override address against the emulator). */
  async resolve(host: string): Promise<string[]> {
    if (this.options.connectTo) return [`${this.options.connectTo.host}`];
    const answers = await dnsLookup(host, { all: true });
    return answers.map((a) => a.address);
  }

  private where(host: string): { host: string; port: number } {
    return this.options.connectTo ?? { host, port: 443 };
  }

  /** A TCP connect and TLS handshake to `host`, with what the certificate says. */
  async handshake(host: string, signal?: AbortSignal): Promise<TlsFacts> {
    const target = this.where(host);
    const start = performance.now();
    const raw = await new Promise<Socket>((resolve, reject) => {
      const socket = tcpConnect({ host: target.host, port: target.port, signal });
      socket.setTimeout(REGISTRY_TIMEOUT_MS, () => socket.destroy(timeoutError()));
      socket.once("connect", () => resolve(socket));
      socket.once("error", reject);
    });
    const connected = performance.now();
    try {
      const tls = await new Promise<TLSSocket>((resolve, reject) => {
        const socket = tlsConnect({
          socket: raw,
          servername: host,
          ca: this.ca,
          rejectUnauthorized: false,
          ALPNProtocols: ["http/1.1"],
          checkServerIdentity: () => undefined,
        });
        socket.once("secureConnect", () => resolve(socket));
        socket.once("error", reject);
      });
      const done = performance.now();
      const cert = tls.getPeerCertificate(false) as PeerCertificate;
      const cover = checkServerIdentity(host, cert);
      const validTo = new Date(cert.valid_to).toISOString();
      const facts: TlsFacts = {
        remoteAddress: `${raw.remoteAddress ?? target.host}:${raw.remotePort ?? target.port}`,
        tcpMs: round(connected - start),
        tlsMs: round(done - connected),
        coversHost: cover === undefined,
        chainTrusted: tls.authorized,
        subject: cert.subject?.CN ? String(cert.subject.CN) : "",
        issuer: cert.issuer?.CN ? String(cert.issuer.CN) : "",
        validTo,
        daysLeft: Math.floor((Date.parse(validTo) - Date.now()) / 86_400_000),
      };
      if (cover) facts.coverError = cover.message;
      if (!tls.authorized && tls.authorizationError) {
        facts.chainError = String(tls.authorizationError);
      }
      tls.destroy();
      return facts;
    } finally {
      raw.destroy();
    }
  }

  /** One request to `https://<host><path>`; never follows redirects. */
  send(
    host: string,
    path: string,
    init: {
      method?: string;
      headers?: Record<string, string>;
      body?: string;
      signal?: AbortSignal;
    } = {},
  ): Promise<RegistryReply> {
    const start = performance.now();
    const connectTo = this.options.connectTo;
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host,
          port: connectTo?.port ?? 443,
          servername: host,
          method: init.method ?? "GET",
          path,
          ca: this.ca,
          agent: false,
          lookup: connectTo ? overrideLookup(connectTo) : undefined,
          signal: init.signal,
          timeout: REGISTRY_TIMEOUT_MS,
          headers: {
            "user-agent": USER_AGENT,
            ...init.headers,
            ...(init.body !== undefined
              ? { "content-length": String(Buffer.byteLength(init.body)) }
              : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size <= MAX_BODY_BYTES) chunks.push(chunk);
          });
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString("utf8"),
              ms: round(performance.now() - start),
            }),
          );
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(timeoutError()));
      req.on("error", reject);
      req.end(init.body);
    });
  }
}

function timeoutError(): Error {
  const error = new Error(`no answer within ${REGISTRY_TIMEOUT_MS / 1000} s`);
  (error as NodeJS.ErrnoException).code = "ETIMEDOUT";
  return error;
}

/** The registry client of this server: against the emulator, its data-plane address and CA. */
export function registryHttp(): RegistryHttp {
  const config = getServerConfig();
  return new RegistryHttp({
    connectTo: config.dataPlaneAddress ? parseConnectTo(config.dataPlaneAddress) : undefined,
    ca: config.caPem,
  });
}
