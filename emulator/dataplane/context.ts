import type { IncomingMessage, ServerResponse } from "node:http";
import type { DataPlaneOptions } from "../contracts";
import type { RegistryState } from "../store/types";
import type { ConnectionTarget } from "./routing";
import type { AcrTokenClaims, TokenSigner } from "./tokens";

/** Everything a data-plane request handler needs. */
export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  opts: DataPlaneOptions;
  signer: TokenSigner;
  /** Where the connection landed (region fixed at connect time). */
  target: ConnectionTarget;
  registry: RegistryState;
  /** The name the client asked for (Host header, else SNI). */
  host: string;
  clientIp: string;
  /** Object id of the caller once known, for the request log. */
  caller?: string;
}

const MAX_FORM = 64 * 1024;

/** Reads an `application/x-www-form-urlencoded` body (repeated keys kept, e.g. `scope`). */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM) return null;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

/** A valid ACR access token for this registry from `Authorization: Bearer`, or why not. */
export function bearerClaims(
  ctx: RequestContext,
): { claims: AcrTokenClaims } | { error: "missing" | "invalid_token" } {
  const header = ctx.req.headers.authorization ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) return { error: "missing" };
  const claims = ctx.signer.verify(match[1]!);
  if (
    !claims ||
    !Array.isArray(claims.access) ||
    claims.aud.toLowerCase() !== ctx.registry.loginServer.toLowerCase()
  ) {
    return { error: "invalid_token" };
  }
  ctx.caller = claims.sub;
  return { claims };
}
