/**
 * How the emulator's parts plug together inside its one process. Each part is built by its own
 * module; main.ts wires them. Keep these signatures stable: other parts rely on them.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmulatorState } from "./store/types";
import type { VantageTable } from "./vantages";

export interface Store {
  /** The live state. Mutate it in place, then call save(). */
  readonly state: EmulatorState;
  /** Persist to the state file (cheap to call often). */
  save(): void;
  /** Back to the seed (a deep copy), persisted. */
  reset(): void;
}

export interface Pki {
  caCertPem: string;
  /** Absolute path of the CA certificate (PEM) clients must trust. */
  caFile: string;
  /** A key and certificate for these host names, signed by the CA; cached per host set. */
  certificateFor(hostnames: string[]): { keyPem: string; certPem: string };
}

export interface RequestLogEntry {
  plane: "arm" | "identity" | "data" | "control";
  method: string;
  /** Path with query string, as received. */
  path: string;
  /** Host header / SNI (data plane). */
  host?: string;
  status: number;
  at: string;
  /** Object id of the caller, when known. */
  caller?: string;
}

export interface RequestLog {
  add(entry: RequestLogEntry): void;
  list(): RequestLogEntry[];
  clear(): void;
}

/** Claims of an access token issued by the emulated identity (Entra's v1 shape for ARM). */
export interface AccessTokenClaims {
  iss: string;
  aud: string;
  tid: string;
  oid: string;
  sub: string;
  exp: number;
  iat: number;
  name?: string;
  preferred_username?: string;
  upn?: string;
  unique_name?: string;
  ver?: string;
  scp?: string;
  roles?: string[];
  idtyp?: "user" | "app";
  appid?: string;
  azp?: string;
}

export class InvalidTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidTokenError";
  }
}

export interface Identity {
  tenantId: string;
  /** `https://localhost:<port>/<tenantId>`: what MSAL takes as `authority`. */
  authority: string;
  /** The `iss` of its id tokens and OpenID discovery (`<authority>/v2.0`). */
  issuer: string;
  /** The `iss` of its ARM access tokens: Entra's v1 issuer, `https://sts.windows.net/<tenant>/`. */
  accessTokenIssuer: string;
  tokenEndpoint: string;
  /** Serves every request whose path starts with `/<tenantId>/` (and the login pages). */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /**
   * Verifies signature, issuer, audience (default `https://management.azure.com`) and expiry.
   * Throws InvalidTokenError with a reason otherwise.
   */
  verifyAccessToken(token: string, audience?: string): Promise<AccessTokenClaims>;
  close(): Promise<void>;
}

export interface IdentityOptions {
  /** `https://localhost:<port>`, the public origin of the ARM/identity server. */
  baseUrl: string;
  stateDir: string;
  store: Store;
  log: RequestLog;
}

export interface DataPlane {
  /** `127.0.0.1:<port>` */
  address: string;
  /** Every address it listens on: `address`, then 443 when configured. */
  addresses: string[];
  port: number;
  /** One address per vantage point (its own listener, its own RTT matrix and routing). */
  vantages: { name: string; address: string }[];
  close(): Promise<void>;
}

export interface DataPlaneOptions {
  host: string;
  port: number;
  /** More ports serving the same data plane (443, so that tools need no port in URLs). */
  extraPorts?: number[];
  pki: Pki;
  store: Store;
  identity: Pick<Identity, "verifyAccessToken" | "tenantId">;
  log: RequestLog;
  /** Lag before a pushed digest reaches the other replicas. */
  replicationLagMs: number;
  /** Where the ACR token signing key is kept across restarts; without it, a key per process. */
  stateDir?: string;
  /** The vantage points, each served on its own port (none: the main address only). */
  vantages?: VantageTable;
}

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
