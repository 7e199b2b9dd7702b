import "server-only";
import { z } from "zod";
import { invalidInput, regionSchema } from "@/lib/api/schemas";
import { MAX_REGISTRY_ID_LENGTH, parseRegistryId } from "@/lib/arm-id";
import { ApiError } from "@/lib/errors";
import { STREAM_MAX_INTERVAL_MS, STREAM_MIN_INTERVAL_MS } from "@/lib/probe/shared/intervals";
import type { RegistryRef } from "@/lib/types";

/**
 * Input of `GET /api/probes/stream`. Strict on purpose: the stream makes the server open
 * connections, so nothing but an ARM registry id (and a few numbers) is accepted, and unknown
 * or repeated parameters are refused rather than ignored. Host names never come from here.
 */

/** A registry's ARM resource id, parsed into its parts; anything else (URLs, hosts, paths) fails. */
export const registryIdSchema = z
  .string()
  .max(MAX_REGISTRY_ID_LENGTH, `must be at most ${MAX_REGISTRY_ID_LENGTH} characters`)
  .transform((value, ctx): RegistryRef => {
    const ref = parseRegistryId(value, { strict: true });
    if (!ref) {
      ctx.addIssue({
        code: "custom",
        message:
          "must be a registry's ARM resource id: /subscriptions/<subscription GUID>/resourceGroups/<group>/providers/Microsoft.ContainerRegistry/registries/<name>",
      });
      return z.NEVER;
    }
    return ref;
  });

/**
 * A resume cursor: the `id` of the last event a client saw, `<hub epoch>:<seq>`. The epoch
 * changes when the server's probe loops are rebuilt (restart, new configuration), where the
 * sequence numbers start over.
 */
export const cursorSchema = z
  .string()
  .regex(/^[a-z0-9]{1,16}:[0-9]{1,15}$/, "must be the id of an event of this stream")
  .transform((value) => {
    const [epoch = "", seq = "0"] = value.split(":");
    return { epoch, seq: Number(seq) };
  });

export type StreamCursor = z.output<typeof cursorSchema>;

const integerString = (min: number, max: number) =>
  z
    .string()
    .regex(/^[0-9]{1,6}$/, "must be a whole number of milliseconds")
    .transform(Number)
    .pipe(z.number().min(min).max(max));

export const probeStreamQuerySchema = z.strictObject({
  registryId: registryIdSchema,
  /** Only this region's endpoints (the pin-to-one-replica view). */
  region: regionSchema.optional(),
  /** This viewer's interval; the shared loop runs at the smallest interval its viewers ask. */
  intervalMs: integerString(STREAM_MIN_INTERVAL_MS, STREAM_MAX_INTERVAL_MS).optional(),
  /** Resume after this event id (for clients that cannot send `Last-Event-ID`). */
  since: cursorSchema.optional(),
});

export interface ProbeStreamQuery {
  registry: RegistryRef;
  region?: string;
  intervalMs?: number;
  since?: StreamCursor;
}

/**
 * Reads and validates the stream's query string and `Last-Event-ID` header. Throws the 400
 * ApiError for a missing, malformed, unknown or repeated parameter.
 */
export function parseProbeStreamQuery(request: Request): ProbeStreamQuery {
  const params = new URL(request.url).searchParams;
  const input: Record<string, string> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    if (values.length > 1) {
      throw ApiError.invalidInput(`${key} must be given once`, [
        { field: key, message: "must be given once", code: "repeated" },
      ]);
    }
    input[key] = values[0] ?? "";
  }
  const parsed = probeStreamQuerySchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  let since = parsed.data.since;
  const lastEventId = request.headers.get("last-event-id");
  if (lastEventId !== null && lastEventId !== "") {
    const header = cursorSchema.safeParse(lastEventId);
    if (!header.success) {
      throw ApiError.invalidInput("Last-Event-ID must be the id of an event of this stream", [
        {
          field: "Last-Event-ID",
          message: "must be the id of an event of this stream",
          code: "invalid_format",
        },
      ]);
    }
    // The header is what a reconnecting EventSource sends: it is the newer position.
    since = header.data;
  }
  return {
    registry: parsed.data.registryId,
    ...(parsed.data.region ? { region: parsed.data.region } : {}),
    ...(parsed.data.intervalMs ? { intervalMs: parsed.data.intervalMs } : {}),
    ...(since ? { since } : {}),
  };
}
