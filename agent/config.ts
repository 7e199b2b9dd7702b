import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { parseRegistryId } from "@/lib/arm-id";
import { CLOUD_NAMES, type CloudName } from "@/lib/cloud";
import type { RegistryRef } from "@/lib/types";

/**
 * A probe agent's configuration, from the environment or from one JSON file
 * (`AGENT_CONFIG_FILE`), never both. Every problem is reported at once, each with the variable or
 * file field it is about.
 *
 * | variable                 | file field        | default          |                                                    |
 * | ------------------------ | ----------------- | ---------------- | -------------------------------------------------- |
 * | `AGENT_VANTAGE`          | `vantage`         | (required)       | this vantage's name, e.g. `aks-westeurope`          |
 * | `AGENT_REGISTRIES`       | `registries`      | `all`            | registry ARM ids (comma-separated), or `all`        |
 * | `AGENT_INTERVAL_MS`      | `intervalMs`      | `10000`          | probe interval per endpoint (1000 to 60000)         |
 * | `AGENT_LISTEN`           | `listen`          | `0.0.0.0:9465`   | address of /metrics, the stream and the health checks |
 * | `AGENT_STREAM_TOKEN`     | `streamToken`     | unset (no stream) | bearer token of the sample stream (16+ characters)  |
 * | `AGENT_REFRESH_MS`       | `refreshMs`       | `300000`         | how often the registries are read again from ARM    |
 * | `AGENT_TIMEOUT_MS`       | `timeoutMs`       | `5000`           | per probe                                          |
 * | `AZURE_CLOUD`            | `cloud`           | `AzureCloud`     | `AzureCloud`, `AzureUSGovernment`, `AzureChinaCloud` |
 * | `ARM_ENDPOINT`           | `armEndpoint`     | the cloud's      | ARM's base URL (else the emulator's, or the cloud's) |
 * | `EMULATOR_ENDPOINTS_FILE`| `emulatorEndpointsFile` | unset      | run against the emulator (its endpoints.json)       |
 */
export interface AgentConfig {
  vantage: string;
  /** Registries to probe, or `all` (every registry the identity can read). */
  registries: RegistryRef[] | "all";
  intervalMs: number;
  listen: { host: string; port: number };
  streamToken?: string;
  refreshMs: number;
  timeoutMs: number;
  /** The cloud: its ARM endpoint and the resource ARM tokens are asked for. */
  cloud: CloudName;
  /** ARM's base URL when set; else the emulator's (against it) or the cloud's. */
  armEndpoint?: string;
  /** Against the emulator: where its discovery file is. */
  emulatorEndpointsFile?: string;
}

export class AgentConfigError extends Error {
  constructor(
    readonly problems: string[],
    readonly source: string,
  ) {
    super(
      `Invalid probe agent configuration (${source}):\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "AgentConfigError";
  }
}

const ENV_NAMES: Record<string, string> = {
  vantage: "AGENT_VANTAGE",
  registries: "AGENT_REGISTRIES",
  intervalMs: "AGENT_INTERVAL_MS",
  listen: "AGENT_LISTEN",
  streamToken: "AGENT_STREAM_TOKEN",
  refreshMs: "AGENT_REFRESH_MS",
  timeoutMs: "AGENT_TIMEOUT_MS",
  cloud: "AZURE_CLOUD",
  armEndpoint: "ARM_ENDPOINT",
  emulatorEndpointsFile: "EMULATOR_ENDPOINTS_FILE",
};

const wholeNumber = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
    z
      .number({ error: "must be a whole number" })
      .int("must be a whole number")
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`),
  );

const ID_SHAPE =
  "/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.ContainerRegistry/registries/<name>";

/** `all`, or registry ARM ids: a comma-separated string (environment) or a list (file). */
const registriesSchema = z.unknown().transform((value, ctx): RegistryRef[] | "all" => {
  if (value === undefined || value === "all") return "all";
  const list =
    typeof value === "string"
      ? value
          .split(",")
          .map((x) => x.trim())
          .filter(Boolean)
      : Array.isArray(value)
        ? value
        : null;
  if (!list || list.length === 0) {
    ctx.addIssue({ code: "custom", message: `must be "all" or registry ARM ids (${ID_SHAPE})` });
    return z.NEVER;
  }
  const refs: RegistryRef[] = [];
  list.forEach((raw, i) => {
    const ref = typeof raw === "string" ? parseRegistryId(raw.trim(), { strict: true }) : undefined;
    if (ref) refs.push(ref);
    else {
      ctx.addIssue({
        code: "custom",
        path: [i],
        message: `${JSON.stringify(raw)} is not a registry ARM id (${ID_SHAPE})`,
      });
    }
  });
  return refs;
});

const schema = z.strictObject({
  vantage: z
    .string({ error: "is required: the name of this vantage point, e.g. aks-westeurope" })
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, "must be 1 to 63 letters, digits, '.', '_' or '-'"),
  registries: registriesSchema.optional(),
  intervalMs: wholeNumber(1_000, 60_000).default(10_000),
  listen: z
    .string()
    .trim()
    .regex(/^(\[[0-9a-fA-F:]+\]|[^\s:]+):\d{1,5}$/, "must be host:port, e.g. 0.0.0.0:9465")
    .transform((s) => {
      const at = s.lastIndexOf(":");
      return { host: s.slice(0, at).replace(/^\[|\]$/g, ""), port: Number(s.slice(at + 1)) };
    })
    .refine((l) => l.port <= 65_535, "port must be at most 65535")
    .default({ host: "0.0.0.0", port: 9465 }),
  streamToken: z
    .string()
    .min(16, "must be at least 16 characters (a random secret)")
    .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces")
    .optional(),
  refreshMs: wholeNumber(10_000, 86_400_000).default(300_000),
  timeoutMs: wholeNumber(500, 60_000).default(5_000),
  armEndpoint: z
    .url({ protocol: /^https$/, error: "must be an https:// URL" })
    .transform((u) => u.replace(/\/+$/, ""))
    .optional(),
  cloud: z
    .enum(CLOUD_NAMES, { error: `must be one of ${CLOUD_NAMES.join(", ")}` })
    .default("AzureCloud"),
  emulatorEndpointsFile: z.string().trim().min(1).optional(),
});

type Env = Record<string, string | undefined>;

function describe(error: z.ZodError, name: (field: string) => string): string[] {
  return error.issues.map((issue) => {
    const [field, ...rest] = issue.path.map(String);
    if (issue.code === "unrecognized_keys") return `unknown field(s): ${issue.keys.join(", ")}`;
    const where =
      field === undefined
        ? "configuration"
        : name(field) + (rest.length ? `[${rest.join(".")}]` : "");
    return `${where} ${issue.message}`;
  });
}

/** The agent's configuration: from `AGENT_CONFIG_FILE` when set, else from the environment. */
export function loadAgentConfig(env: Env = process.env): AgentConfig {
  const file = env.AGENT_CONFIG_FILE?.trim();
  const fromEnv = Object.fromEntries(
    Object.entries(ENV_NAMES)
      .map(([field, name]) => [field, env[name]?.trim() ? env[name] : undefined] as const)
      .filter(([, value]) => value !== undefined),
  );
  if (file) {
    const agentVariables = Object.entries(ENV_NAMES)
      .filter(([field, name]) => name.startsWith("AGENT_") && fromEnv[field] !== undefined)
      .map(([, name]) => name);
    if (agentVariables.length > 0) {
      throw new AgentConfigError(
        [`AGENT_CONFIG_FILE is set, and so are ${agentVariables.join(", ")}: use one or the other`],
        "environment",
      );
    }
    const path = resolve(file);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, "utf8"));
    } catch (error) {
      throw new AgentConfigError([`cannot read ${path}: ${(error as Error).message}`], path);
    }
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      throw new AgentConfigError(["the file must hold one JSON object"], path);
    }
    // AZURE_CLOUD, ARM_ENDPOINT and EMULATOR_ENDPOINTS_FILE may still come from the environment.
    const merged = { ...pick(fromEnv, ["armEndpoint", "cloud", "emulatorEndpointsFile"]), ...raw };
    const parsed = schema.safeParse(merged);
    if (!parsed.success)
      throw new AgentConfigError(
        describe(parsed.error, (f) => `"${f}"`),
        path,
      );
    return finish(parsed.data);
  }
  const parsed = schema.safeParse(fromEnv);
  if (!parsed.success) {
    throw new AgentConfigError(
      describe(parsed.error, (f) => ENV_NAMES[f] ?? f),
      "environment",
    );
  }
  return finish(parsed.data);
}

function pick(values: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => values[k] !== undefined).map((k) => [k, values[k]]));
}

function finish(data: z.output<typeof schema>): AgentConfig {
  return {
    vantage: data.vantage,
    registries: data.registries ?? "all",
    intervalMs: data.intervalMs,
    listen: data.listen,
    ...(data.streamToken ? { streamToken: data.streamToken } : {}),
    refreshMs: data.refreshMs,
    timeoutMs: data.timeoutMs,
    cloud: data.cloud,
    ...(data.armEndpoint ? { armEndpoint: data.armEndpoint } : {}),
    ...(data.emulatorEndpointsFile ? { emulatorEndpointsFile: data.emulatorEndpointsFile } : {}),
  };
}
