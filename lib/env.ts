import "server-only";
import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { CLOUD_NAMES, resolveCloud, tokenIssuers, type Cloud } from "./cloud";
import { parseSettings, SETTING_VARIABLES, type Settings } from "./settings";
import type { PublicConfig } from "./types";

export type { PublicConfig, Settings };

/**
 * The console's one validated configuration, and the only reader of `process.env`. Server-only
 * (reads files); the browser gets `getPublicConfig()` through the root layout.
 *
 * Two modes, chosen explicitly (`CONSOLE_MODE`) or by what is set, never by a file lying around:
 * - `azure`: `AZURE_TENANT_ID` + `AZURE_CLIENT_ID` (a SPA app registration) are set.
 * - `emulator`: `CONSOLE_MODE=emulator` (or `EMULATOR_ENDPOINTS_FILE` set), from the emulator's
 *   discovery file (`EMULATOR_ENDPOINTS_FILE`, default `<cwd>/.emulator/endpoints.json`).
 * Neither is a ConfigError: a production server must not pick up an emulator it happens to find.
 * The cloud (`AZURE_CLOUD`: AzureCloud, AzureUSGovernment or AzureChinaCloud; lib/cloud.ts) gives
 * ARM's endpoint and token resource, the identity provider and the registry suffix; optional
 * overrides in both modes: `ARM_ENDPOINT`, `AZURE_AUTHORITY_HOST`, `ACR_LOGIN_SERVER_SUFFIX`,
 * `ARM_TOKEN_ISSUER` (one more accepted `iss`, `{tenantId}` replaced). Operational settings
 * (limits, timeouts, logging) are `getSettings()`, valid in either mode.
 */

export interface TokenValidation {
  /** Accepted `iss` values. */
  issuers: string[];
  /** Accepted `aud` values. */
  audiences: string[];
  /** Expected `tid` claim. */
  tenantId: string;
  /** JWKS URL when known up front (Azure); otherwise read from `discoveryUrl`. */
  jwksUri?: string;
  /** OpenID discovery document of the issuer (emulator). */
  discoveryUrl?: string;
}

export interface ServerConfig {
  mode: "azure" | "emulator";
  tenantId: string;
  /** The SPA client id the browser signs in with. */
  clientId: string;
  /** MSAL authority, `https://<host>/<tenant>`. */
  authority: string;
  /** ARM base URL, without trailing slash. */
  armEndpoint: string;
  /** The cloud (lib/cloud.ts) with the overrides applied: host names, suffixes, token resource. */
  cloud: Cloud;
  /** Scope the server asks its pipeline to authorize for (the caller's own token is sent). */
  armScopes: string[];
  /** Extra CA (PEM) to trust for ARM, the identity provider and the registry hosts. */
  caPem?: string;
  token: TokenValidation;
  /**
   * `host:port` every registry host name on port 443 is connected to instead of DNS (the
   * `--connect-to` override for probes against the emulator). Absent against Azure.
   */
  dataPlaneAddress?: string;
}

/**
 * Raised when the console is started without a usable configuration. `message` is for the
 * server's log and may name files; `publicMessage` is what a visitor of the configuration error
 * page sees: the same advice without absolute paths (they tell an attacker how the host is laid
 * out).
 */
export class ConfigError extends Error {
  readonly publicMessage: string;

  constructor(message: string, publicMessage = withoutPaths(message)) {
    super(message);
    this.name = "ConfigError";
    this.publicMessage = publicMessage;
  }
}

/** Replaces absolute file paths (POSIX, or a drive letter) with `<path>`; URLs are kept. */
export function withoutPaths(text: string): string {
  return text.replace(/(^|[\s('"`])(?:[A-Za-z]:)?[\\/][^\s'"`)]*/g, "$1<path>");
}

const NO_MODE =
  "No configuration: set AZURE_TENANT_ID and AZURE_CLIENT_ID to run against Azure, or " +
  "CONSOLE_MODE=emulator to run against the emulator (`npm run emulator`; its discovery file " +
  ".emulator/endpoints.json, or the file in EMULATOR_ENDPOINTS_FILE).";

const httpsUrl = z
  .url({ protocol: /^https$/, error: "must be an https:// URL" })
  .transform((u) => u.replace(/\/+$/, ""));

const envSchema = z.object({
  CONSOLE_MODE: z
    .enum(["azure", "emulator"], { error: 'must be "azure" or "emulator"' })
    .optional(),
  AZURE_TENANT_ID: z.string().trim().min(1).optional(),
  AZURE_CLIENT_ID: z.string().trim().min(1).optional(),
  AZURE_CLOUD: z
    .enum(CLOUD_NAMES, { error: `must be one of ${CLOUD_NAMES.join(", ")}` })
    .optional(),
  ARM_ENDPOINT: httpsUrl.optional(),
  AZURE_AUTHORITY_HOST: httpsUrl.optional(),
  ACR_LOGIN_SERVER_SUFFIX: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, "must be a DNS suffix such as azurecr.io")
    .optional(),
  ARM_TOKEN_ISSUER: z.url({ protocol: /^https$/, error: "must be an https:// URL" }).optional(),
  EMULATOR_ENDPOINTS_FILE: z.string().trim().min(1).optional(),
});

const millis = (min: number, max: number) =>
  z
    .string()
    .regex(/^[0-9]{1,9}$/, "must be a whole number of milliseconds")
    .transform(Number)
    .pipe(z.number().min(min).max(max));

const fleetEnvSchema = z.object({
  FLEET_SWEEP_INTERVAL_MS: millis(1_000, 3_600_000).default(60_000),
  FLEET_SWEEP_CONCURRENCY: z
    .string()
    .regex(/^[0-9]{1,4}$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().min(1).max(1024))
    .default(64),
  FLEET_SWEEP_TIMEOUT_MS: millis(500, 60_000).default(5_000),
  FLEET_STUCK_AFTER_MS: millis(0, 7 * 86_400_000).default(30 * 60_000),
  FLEET_AVAILABILITY_MIN_PCT: z
    .string()
    .regex(/^[0-9]{1,3}(\.[0-9]{1,3})?$/, "must be a percentage, e.g. 99 or 99.9")
    .transform(Number)
    .pipe(z.number().min(0).max(100))
    .default(99),
});

/** The fleet view's settings: the endpoint sweep and the attention rules' threshold. */
export interface FleetSettings {
  /** How often every endpoint of the fleet is probed (default 60 s). */
  sweepIntervalMs: number;
  /** Probes in flight at once during a sweep (default 64). */
  sweepConcurrency: number;
  /** Per-probe timeout of the sweep (default 5 s). */
  sweepTimeoutMs: number;
  /** A replica updating or syncing for longer than this needs attention (default 30 min). */
  stuckAfterMs: number;
  /** A replica available less than this over 24 h needs attention (percent, default 99). */
  availabilityMinPct: number;
}

/**
 * `FLEET_SWEEP_INTERVAL_MS`, `FLEET_SWEEP_CONCURRENCY`, `FLEET_SWEEP_TIMEOUT_MS`,
 * `FLEET_STUCK_AFTER_MS` and `FLEET_AVAILABILITY_MIN_PCT`, validated; throws ConfigError naming a bad value.
 */
export function getFleetSettings(): FleetSettings {
  const parsed = fleetEnvSchema.safeParse({
    FLEET_SWEEP_INTERVAL_MS: emptyToUndefined(process.env.FLEET_SWEEP_INTERVAL_MS),
    FLEET_SWEEP_CONCURRENCY: emptyToUndefined(process.env.FLEET_SWEEP_CONCURRENCY),
    FLEET_SWEEP_TIMEOUT_MS: emptyToUndefined(process.env.FLEET_SWEEP_TIMEOUT_MS),
    FLEET_STUCK_AFTER_MS: emptyToUndefined(process.env.FLEET_STUCK_AFTER_MS),
    FLEET_AVAILABILITY_MIN_PCT: emptyToUndefined(process.env.FLEET_AVAILABILITY_MIN_PCT),
  });
  if (!parsed.success) throw new ConfigError(`Invalid environment: ${formatIssues(parsed.error)}`);
  return {
    sweepIntervalMs: parsed.data.FLEET_SWEEP_INTERVAL_MS,
    sweepConcurrency: parsed.data.FLEET_SWEEP_CONCURRENCY,
    sweepTimeoutMs: parsed.data.FLEET_SWEEP_TIMEOUT_MS,
    stuckAfterMs: parsed.data.FLEET_STUCK_AFTER_MS,
    availabilityMinPct: parsed.data.FLEET_AVAILABILITY_MIN_PCT,
  };
}

const agentSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, "must be 1 to 63 letters, digits, '.', '_' or '-'"),
  url: z
    .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
    .transform((u) => u.replace(/\/+$/, "")),
  token: z.string().min(16, "must be the agent's stream token (16+ characters)"),
});

const vantageEnvSchema = z.object({
  PROBE_AGENTS: z
    .string()
    .transform((raw, ctx) => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: 'must be JSON: [{"name","url","token"}, ...]' });
        return z.NEVER;
      }
    })
    .pipe(z.array(agentSchema).max(50))
    .refine((list) => new Set(list.map((a) => a.name)).size === list.length, "names an agent twice")
    .optional(),
  PROMETHEUS_URL: z
    .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
    .transform((u) => u.replace(/\/+$/, ""))
    .optional(),
  PROMETHEUS_AUTH: z.enum(["none", "azure"], { error: "must be none or azure" }).default("none"),
  PROMETHEUS_SCOPE: z
    .url({
      protocol: /^https$/,
      error: "must be an https:// scope, e.g. https://prometheus.monitor.azure.com/.default",
    })
    .optional(),
  METRICS_TOKEN: z
    .string()
    .min(16, "must be at least 16 characters (a random secret)")
    .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces")
    .optional(),
  METRICS_LISTEN: z
    .string()
    .regex(/^[^\s:]+:\d{1,5}$/, "must be host:port, e.g. 0.0.0.0:9464")
    .optional(),
  HISTORY_MAX_SERIES: z
    .string()
    .regex(/^[0-9]{1,6}$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().min(1).max(100_000))
    .default(1_000),
});

/** A probe agent the console reads (server side only; the browser sees its name alone). */
export interface ProbeAgentSetting {
  name: string;
  url: string;
  token: string;
}

/** Vantage points, history and metrics: see "Probe agents and history" in the README. */
export interface VantageSettings {
  /** `PROBE_AGENTS`: the agents whose samples join the registry page and the history. */
  agents: ProbeAgentSetting[];
  /** `PROMETHEUS_URL`: history from Prometheus's HTTP API; unset, from the embedded store. */
  prometheusUrl?: string;
  /**
   * `PROMETHEUS_AUTH`: `azure` sends an Entra bearer token (DefaultAzureCredential) with every
   * Prometheus query, as Azure Monitor managed Prometheus requires; `none` (default) sends none.
   */
  prometheusAuth: "none" | "azure";
  /** `PROMETHEUS_SCOPE`: the token scope for `azure`, instead of the cloud's (lib/cloud.ts). */
  prometheusScope?: string;
  /** `METRICS_TOKEN`: serve GET /metrics on the console's port to this bearer token. */
  metricsToken?: string;
  /** `METRICS_LISTEN`: serve GET /metrics (no token) on a separate address. */
  metricsListen?: { host: string; port: number };
  /** `HISTORY_MAX_SERIES`: endpoints x vantages the embedded history keeps (default 1000, about 85 KB each). */
  historyMaxSeries: number;
}

/** The variables of `getVantageSettings`, validated; throws ConfigError naming a bad value. */
export function getVantageSettings(): VantageSettings {
  const parsed = vantageEnvSchema.safeParse({
    PROBE_AGENTS: emptyToUndefined(process.env.PROBE_AGENTS),
    PROMETHEUS_URL: emptyToUndefined(process.env.PROMETHEUS_URL),
    PROMETHEUS_AUTH: emptyToUndefined(process.env.PROMETHEUS_AUTH)?.trim().toLowerCase(),
    PROMETHEUS_SCOPE: emptyToUndefined(process.env.PROMETHEUS_SCOPE),
    METRICS_TOKEN: emptyToUndefined(process.env.METRICS_TOKEN),
    METRICS_LISTEN: emptyToUndefined(process.env.METRICS_LISTEN),
    HISTORY_MAX_SERIES: emptyToUndefined(process.env.HISTORY_MAX_SERIES),
  });
  if (!parsed.success) throw new ConfigError(`Invalid environment: ${formatIssues(parsed.error)}`);
  const d = parsed.data;
  const listen = d.METRICS_LISTEN?.split(":");
  return {
    agents: d.PROBE_AGENTS ?? [],
    ...(d.PROMETHEUS_URL ? { prometheusUrl: d.PROMETHEUS_URL } : {}),
    prometheusAuth: d.PROMETHEUS_AUTH,
    ...(d.PROMETHEUS_SCOPE ? { prometheusScope: d.PROMETHEUS_SCOPE } : {}),
    ...(d.METRICS_TOKEN ? { metricsToken: d.METRICS_TOKEN } : {}),
    ...(listen ? { metricsListen: { host: listen[0]!, port: Number(listen[1]) } } : {}),
    historyMaxSeries: d.HISTORY_MAX_SERIES,
  };
}

const guid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "must be a GUID");

/** The fields of the emulator's discovery file the console needs. */
const emulatorEndpointsSchema = z.object({
  armEndpoint: httpsUrl,
  authority: httpsUrl,
  issuer: z.string().min(1),
  /** The `iss` of ARM access tokens when it is not `issuer` (Entra's v1 issuer). */
  accessTokenIssuer: z.string().min(1).optional(),
  tenantId: z.string().min(1),
  caFile: z.string().min(1),
  spaClientId: z.string().min(1),
  dataPlaneAddress: z.string().regex(/^[^\s:]+:\d+$/, "must be host:port"),
});

type Env = z.infer<typeof envSchema>;

function readEnv(): Env {
  const parsed = envSchema.safeParse({
    CONSOLE_MODE: emptyToUndefined(process.env.CONSOLE_MODE)?.trim().toLowerCase(),
    AZURE_TENANT_ID: emptyToUndefined(process.env.AZURE_TENANT_ID),
    AZURE_CLIENT_ID: emptyToUndefined(process.env.AZURE_CLIENT_ID),
    AZURE_CLOUD: emptyToUndefined(process.env.AZURE_CLOUD)?.trim(),
    ARM_ENDPOINT: emptyToUndefined(process.env.ARM_ENDPOINT),
    AZURE_AUTHORITY_HOST: emptyToUndefined(process.env.AZURE_AUTHORITY_HOST),
    ACR_LOGIN_SERVER_SUFFIX: emptyToUndefined(process.env.ACR_LOGIN_SERVER_SUFFIX),
    ARM_TOKEN_ISSUER: emptyToUndefined(process.env.ARM_TOKEN_ISSUER)?.trim(),
    EMULATOR_ENDPOINTS_FILE: emptyToUndefined(process.env.EMULATOR_ENDPOINTS_FILE),
  });
  if (!parsed.success) throw new ConfigError(`Invalid environment: ${formatIssues(parsed.error)}`);
  return parsed.data;
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

function formatIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "value"} ${i.message}`).join("; ");
}

/** The cloud of AZURE_CLOUD with the explicit overrides. */
function cloudOf(env: Env): Cloud {
  return resolveCloud(env.AZURE_CLOUD, {
    ...(env.ARM_ENDPOINT ? { armEndpoint: env.ARM_ENDPOINT } : {}),
    ...(env.AZURE_AUTHORITY_HOST ? { authorityHost: env.AZURE_AUTHORITY_HOST } : {}),
    ...(env.ACR_LOGIN_SERVER_SUFFIX ? { registrySuffix: env.ACR_LOGIN_SERVER_SUFFIX } : {}),
  });
}

/** `ARM_TOKEN_ISSUER` with `{tenantId}` replaced, when set. */
function extraIssuer(env: Env, tenantId: string): string[] {
  return env.ARM_TOKEN_ISSUER ? [env.ARM_TOKEN_ISSUER.replaceAll("{tenantId}", tenantId)] : [];
}

function azureConfig(env: Env, tenantId: string, clientId: string): ServerConfig {
  if (!guid.safeParse(tenantId).success) {
    throw new ConfigError("AZURE_TENANT_ID must be the directory (tenant) id, a GUID");
  }
  if (!guid.safeParse(clientId).success) {
    throw new ConfigError("AZURE_CLIENT_ID must be the application (client) id, a GUID");
  }
  const cloud = cloudOf(env);
  return {
    mode: "azure",
    tenantId,
    clientId,
    authority: `${cloud.authorityHost}/${tenantId}`,
    armEndpoint: cloud.armEndpoint,
    cloud,
    armScopes: [`${cloud.armResource}/.default`],
    token: {
      issuers: [...extraIssuer(env, tenantId), ...tokenIssuers(cloud, tenantId)],
      audiences: cloud.armAudiences,
      tenantId,
      jwksUri: `${cloud.authorityHost}/${tenantId}/discovery/v2.0/keys`,
    },
  };
}

function emulatorConfig(env: Env, file: string): ServerConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigError(
      `No configuration: AZURE_TENANT_ID and AZURE_CLIENT_ID are not set (real Azure), and the ` +
        `emulator discovery file ${file} cannot be read (${(error as Error).message}). Start the ` +
        `emulator with \`npm run emulator\`, or point EMULATOR_ENDPOINTS_FILE at its endpoints.json.`,
      "No configuration: AZURE_TENANT_ID and AZURE_CLIENT_ID are not set (real Azure), and the " +
        "emulator's discovery file cannot be read (the server's log names it). Start the " +
        "emulator with `npm run emulator`, or point EMULATOR_ENDPOINTS_FILE at its endpoints.json.",
    );
  }
  const parsed = emulatorEndpointsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      `Emulator discovery file ${file} is invalid: ${formatIssues(parsed.error)}`,
      `The emulator's discovery file is invalid: ${withoutPaths(formatIssues(parsed.error))}`,
    );
  }
  const e = parsed.data;
  let caPem: string;
  try {
    caPem = readFileSync(e.caFile, "utf8");
  } catch (error) {
    throw new ConfigError(
      `Emulator CA file ${e.caFile} cannot be read: ${(error as Error).message}`,
      "The emulator's CA file cannot be read (the server's log names it).",
    );
  }
  const issuer = e.issuer;
  const authority = env.AZURE_AUTHORITY_HOST
    ? `${env.AZURE_AUTHORITY_HOST}/${e.tenantId}`
    : e.authority;
  // The emulator plays the cloud named by AZURE_CLOUD (default AzureCloud: its registries are
  // `*.azurecr.io`), at its own ARM and sign-in addresses.
  const cloud = resolveCloud(env.AZURE_CLOUD, {
    armEndpoint: env.ARM_ENDPOINT ?? e.armEndpoint,
    authorityHost: new URL(authority).origin,
    ...(env.ACR_LOGIN_SERVER_SUFFIX ? { registrySuffix: env.ACR_LOGIN_SERVER_SUFFIX } : {}),
  });
  return {
    mode: "emulator",
    tenantId: e.tenantId,
    clientId: e.spaClientId,
    authority,
    armEndpoint: cloud.armEndpoint,
    cloud,
    armScopes: [`${cloud.armResource}/.default`],
    caPem,
    token: {
      // ARM access tokens carry Entra's v1 issuer, as real Azure's do; the keys are the issuer's.
      issuers: [
        ...extraIssuer(env, e.tenantId),
        ...(e.accessTokenIssuer ? [e.accessTokenIssuer, issuer] : [issuer]),
      ],
      audiences: [cloud.armResource, `${cloud.armResource}/`],
      tenantId: e.tenantId,
      discoveryUrl: `${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`,
    },
    dataPlaneAddress: e.dataPlaneAddress,
  };
}

let cached: { key: string; config: ServerConfig } | undefined;

/**
 * The server configuration, read on first use (so tests can set the environment first) and
 * cached. In emulator mode the cache follows the discovery file, so a restarted emulator on new
 * ports is picked up without restarting the console. Throws ConfigError with what to do.
 */
export function getServerConfig(): ServerConfig {
  const env = readEnv();
  const azureSet = Boolean(env.AZURE_TENANT_ID || env.AZURE_CLIENT_ID);
  if (!env.CONSOLE_MODE && azureSet && env.EMULATOR_ENDPOINTS_FILE) {
    throw new ConfigError(
      "Both AZURE_TENANT_ID/AZURE_CLIENT_ID and EMULATOR_ENDPOINTS_FILE are set: say which to use with CONSOLE_MODE=azure or CONSOLE_MODE=emulator.",
    );
  }
  const mode =
    env.CONSOLE_MODE ?? (azureSet ? "azure" : env.EMULATOR_ENDPOINTS_FILE ? "emulator" : undefined);
  if (!mode) throw new ConfigError(NO_MODE);
  if (mode === "azure") {
    if (!env.AZURE_TENANT_ID || !env.AZURE_CLIENT_ID) {
      const missing = env.AZURE_TENANT_ID ? "AZURE_CLIENT_ID" : "AZURE_TENANT_ID";
      throw new ConfigError(
        `${missing} is missing: real Azure needs both AZURE_TENANT_ID and AZURE_CLIENT_ID`,
      );
    }
    const key = JSON.stringify(env);
    if (cached?.key !== key)
      cached = { key, config: azureConfig(env, env.AZURE_TENANT_ID, env.AZURE_CLIENT_ID) };
    return cached.config;
  }
  // The file is read at run time, never bundled: keep the build from tracing the whole project.
  const file = resolve(
    /* turbopackIgnore: true */ env.EMULATOR_ENDPOINTS_FILE ?? ".emulator/endpoints.json",
  );
  let mtime = "missing";
  try {
    mtime = String(statSync(/* turbopackIgnore: true */ file).mtimeMs);
  } catch {
    // emulatorConfig reports the missing file with what to do.
  }
  const key = `${JSON.stringify(env)}|${file}|${mtime}`;
  if (cached?.key !== key) cached = { key, config: emulatorConfig(env, file) };
  return cached.config;
}

/** What the browser needs to sign in (no secrets): passed to the MSAL provider per request. */
export function getPublicConfig(): PublicConfig {
  const config = getServerConfig();
  return {
    mode: config.mode,
    clientId: config.clientId,
    tenantId: config.tenantId,
    authority: config.authority,
    knownAuthorities: [new URL(config.authority).host],
    armScope: `${config.cloud.armResource}/user_impersonation`,
  };
}

let settingsCache: { key: string; settings: Settings } | undefined;

/**
 * The console's operational settings (limits, timeouts, logging, shutdown), valid in either mode
 * and read even when the Azure/emulator configuration is broken. Throws ConfigError for a value
 * out of range. See lib/settings.ts for each variable and its default.
 */
export function getSettings(): Settings {
  const raw = Object.fromEntries(SETTING_VARIABLES.map((name) => [name, process.env[name]]));
  const key = JSON.stringify(raw);
  if (settingsCache?.key !== key) {
    const parsed = parseSettings(raw);
    if (!parsed.ok) throw new ConfigError(`Invalid environment: ${parsed.problem}`);
    settingsCache = { key, settings: parsed.settings };
  }
  return settingsCache.settings;
}
