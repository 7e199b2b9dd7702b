import "server-only";
import { z } from "zod";
import { ApiError } from "../errors";
import { REPLICATION_NAME_PATTERN } from "../arm-id";
import { REGIONAL_ENDPOINTS_VALUES } from "../types";
import { readBodyText } from "./body";
import { regionSchema, registryParamsSchema } from "./schemas";

/**
 * Inputs of the two switch routes. Each accepts exactly the one member it needs (strict: any other
 * member is a 400), so a request can never carry a change the user did not see in the dialog.
 */

/** `PATCH .../registries/{name}`: the registry-wide regional endpoints switch. */
export const regionalEndpointsBodySchema = z.strictObject({
  regionalEndpoints: z.enum(REGIONAL_ENDPOINTS_VALUES, {
    error: 'must be "Enabled" or "Disabled"',
  }),
});

/** `PATCH .../registries/{name}/replications/{replicationName}`: one replica's global endpoint routing. */
export const globalEndpointRoutingBodySchema = z.strictObject({
  globalEndpointRouting: z.boolean({ error: "must be true or false" }),
});

/**
 * ARM's rule for replication names (5-50 letters or digits). ACR names a replication after its
 * region, so this segment is the region name in practice.
 */
export const replicationNameSchema = z
  .string()
  .regex(
    REPLICATION_NAME_PATTERN,
    "must be the replication's name (its region), 5 to 50 letters or digits",
  );

export const replicationParamsSchema = registryParamsSchema.extend({
  replicationName: replicationNameSchema,
});

/** The query of the replication PATCH: only the optional home region (as the replica list takes). */
export const replicationPatchQuerySchema = z.strictObject({
  location: regionSchema.optional(),
});

/** A query string that must be empty (the switch routes take everything from path and body). */
export const noQuerySchema = z.strictObject({});

/**
 * The request's JSON body, unvalidated. A missing body, another content type or malformed JSON is
 * a 400 that says so; a body over the limit is a 413 before it is read (lib/api/body.ts).
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw ApiError.invalidInput("The body must be JSON (Content-Type: application/json).");
  }
  const text = await readBodyText(request);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw ApiError.invalidInput("The body is not valid JSON.");
  }
}
