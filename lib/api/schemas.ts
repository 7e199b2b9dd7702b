import "server-only";
import { z } from "zod";
import {
  REGION_PATTERN,
  REGISTRY_NAME_PATTERN,
  RESOURCE_GROUP_MAX_LENGTH,
  RESOURCE_GROUP_PATTERN,
  SUBSCRIPTION_ID_PATTERN,
} from "../arm-id";
import { ApiError } from "../errors";

/**
 * Route input schemas, with messages that say which field is wrong and how. ARM's own naming
 * rules: resource groups 1-90 of letters, digits, `-_.()` (Unicode letters count, as in .NET's
 * `\w`) not ending with `.`; registry names 5-50 alphanumerics.
 */

export const subscriptionIdSchema = z
  .string()
  .regex(
    SUBSCRIPTION_ID_PATTERN,
    "must be a subscription GUID such as 00000000-0000-0000-0000-000000000000",
  );

export const resourceGroupSchema = z
  .string()
  .min(1, "must not be empty")
  .max(RESOURCE_GROUP_MAX_LENGTH, `must be at most ${RESOURCE_GROUP_MAX_LENGTH} characters`)
  .regex(RESOURCE_GROUP_PATTERN, "may contain only letters, digits, '-', '_', '.', '(' and ')'")
  .refine((value) => !value.endsWith("."), "must not end with '.'");

export const registryNameSchema = z
  .string()
  .regex(REGISTRY_NAME_PATTERN, "must be 5 to 50 letters or digits");

export const regionSchema = z
  .string()
  .regex(
    REGION_PATTERN,
    "must be an Azure region name in lowercase letters and digits, such as westeurope",
  );

/** Path parameters of every route under `/api/subscriptions/{s}/resourceGroups/{rg}/registries/{n}`. */
export const registryParamsSchema = z.object({
  subscriptionId: subscriptionIdSchema,
  resourceGroup: resourceGroupSchema,
  registryName: registryNameSchema,
});

/** Query of the replication list: the registry's location marks the home replica without a second ARM read. */
export const replicasQuerySchema = z.object({
  location: regionSchema.optional(),
});

/** Query of the registry's recent changes: how many days back (the Activity Log keeps 90). */
export const changesQuerySchema = z
  .object({
    days: z
      .string()
      .regex(/^[0-9]{1,2}$/, "must be a whole number of days from 1 to 90")
      .transform(Number)
      .pipe(
        z
          .number()
          .min(1, "must be at least 1")
          .max(90, "must be at most 90 (the Activity Log keeps 90 days)"),
      )
      .default(7),
  })
  .strict();

/** One validation issue as the 400 body's `details` lists it. */
export interface InputIssue {
  field: string;
  message: string;
  code: string;
}

/** A ZodError as the 400 ApiError every route returns for malformed input. */
export function invalidInput(error: z.ZodError): ApiError {
  const issues: InputIssue[] = error.issues.map((issue) => ({
    field: issue.path.map(String).join(".") || "input",
    message: issue.message,
    code: issue.code,
  }));
  const message = issues.map((i) => `${i.field} ${i.message}`).join("; ");
  return ApiError.invalidInput(message, issues);
}

/** Parses route input; throws the 400 ApiError on failure. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw invalidInput(result.error);
  return result.data;
}

/** The query string as a plain object (last value wins), for `parseInput`. */
export function queryOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}
