import { createHash, randomBytes } from "node:crypto";
import type { Store } from "../contracts";
import { findRegistryByNameOrLoginServer, replicationsOf } from "../store/finders";
import { pushDigest } from "../dataplane/replication";

const REPOSITORY =
  /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

function bad(message: string) {
  return { status: 400, body: { error: { code: "InvalidRequest", message } } };
}

function notFound(message: string) {
  return { status: 404, body: { error: { code: "NotFound", message } } };
}

/** The longest replication lag one push may ask for. */
const MAX_LAG_MS = 600_000;

/**
 * `POST /_emulator/replicate` with `{ registry (name or login server), repository, tag, region,
 * digest?, lagMs? }`: the replica in `region` holds the new digest at once, the registry's other
 * replicas after `lagMs` (the body's, else the emulator's). Without `digest`, a fresh one is made
 * up. Answers the digest and when each other replica receives it.
 */
export function handleReplicate(
  store: Store,
  body: unknown,
  lagMs: number,
): { status: number; body: unknown } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return bad("The body must be a JSON object.");
  }
  const b = body as Record<string, unknown>;
  for (const field of ["registry", "repository", "tag", "region"] as const) {
    if (typeof b[field] !== "string" || b[field] === "") return bad(`'${field}' must be a string.`);
  }
  const name = (b.registry as string).toLowerCase();
  const repository = b.repository as string;
  const tag = b.tag as string;
  const region = (b.region as string).toLowerCase();
  if (!REPOSITORY.test(repository) || repository.length > 256) {
    return bad(`'${repository}' is not a valid repository name.`);
  }
  if (!TAG.test(tag)) return bad(`'${tag}' is not a valid tag.`);
  if (b.digest !== undefined && (typeof b.digest !== "string" || !DIGEST.test(b.digest))) {
    return bad("'digest' must look like sha256:<64 hex digits>.");
  }
  const lag = b.lagMs ?? lagMs;
  if (typeof lag !== "number" || !Number.isInteger(lag) || lag < 0 || lag > MAX_LAG_MS) {
    return bad(`'lagMs' must be a whole number of milliseconds from 0 to ${MAX_LAG_MS}.`);
  }
  const registry = findRegistryByNameOrLoginServer(store.state, name);
  if (!registry) return notFound(`Registry '${b.registry as string}' not found.`);
  if (!replicationsOf(store.state, registry).some((r) => r.region === region)) {
    return notFound(`Registry '${registry.name}' has no replica in '${region}'.`);
  }
  const digest =
    (b.digest as string | undefined) ??
    `sha256:${createHash("sha256").update(randomBytes(32)).digest("hex")}`;
  const result = pushDigest(store.state, registry, { repository, tag, region, digest }, lag);
  store.save();
  return {
    status: 200,
    body: { registry: registry.loginServer, repository, tag, region, ...result },
  };
}
