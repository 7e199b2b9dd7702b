import "server-only";
import { z } from "zod";
import { isRepositoryName, REPOSITORY_MAX_LENGTH, TAG_PATTERN } from "@/lib/repro/names";
import { regionSchema } from "./schemas";

/** Inputs of the data-plane routes: names in the distribution grammar, nothing else accepted. */

export const repositorySchema = z
  .string()
  .max(REPOSITORY_MAX_LENGTH, `must be at most ${REPOSITORY_MAX_LENGTH} characters`)
  .refine(
    isRepositoryName,
    "must be a repository name: lowercase letters and digits, separated by '.', '_', '__', '-' or '/'",
  );

export const tagSchema = z
  .string()
  .regex(
    TAG_PATTERN,
    "must be a tag: up to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'",
  );

const hostSchema = z
  .string()
  .max(253)
  .regex(/^[a-z0-9.-]+$/i, "must be a host name");

export const healthCheckQuerySchema = z
  .object({
    region: regionSchema.optional(),
    host: hostSchema.optional(),
    repository: repositorySchema.optional(),
    tag: tagSchema.optional(),
  })
  .strict()
  .refine((q) => (q.repository === undefined) === (q.tag === undefined), {
    message: "repository and tag go together",
    path: ["tag"],
  });

export const digestsQuerySchema = z
  .object({ repository: repositorySchema, tag: tagSchema })
  .strict();

export const listingQuerySchema = z.object({ repository: repositorySchema.optional() }).strict();
