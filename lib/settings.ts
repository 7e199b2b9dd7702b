import "server-only";
import { z } from "zod";

/**
 * The console's operational settings: what it logs, how long it waits for ARM, how much probing
 * one caller may cause, how it shuts down. Parsed from the variables lib/env.ts reads (it is the
 * only reader of `process.env`); every one is optional with the default below.
 */

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Settings {
  /** `NODE_ENV=production` (what `next start` sets): refuse to start without a configuration. */
  production: boolean;
  /** `NODE_ENV=development` (`next dev`): the CSP allows what React's dev tooling needs. */
  development: boolean;
  /** `LOG_LEVEL`, default `info`. */
  logLevel: LogLevel;
  /** `ARM_TIMEOUT_MS`: longest wait for one ARM answer, default 30 s. */
  armTimeoutMs: number;
  /** `PROBE_VANTAGE_NAME`: where probes run from, as streams name it (never the host name). */
  vantageName: string;
  /** `PROBE_STREAMS_PER_CALLER`: open probe streams per signed-in identity, default 10. */
  streamsPerCaller: number;
  /** `PROBE_HOSTS_PER_CALLER`: distinct hosts one identity's streams may have probed, default 100. */
  hostsPerCaller: number;
  /** `PROBE_HOSTS_TOTAL`: hosts the server probes at once for everyone, default 3000. */
  hostsTotal: number;
  /** `SHUTDOWN_GRACE_MS`: longest wait for in-flight changes after SIGTERM, default 20 s. */
  shutdownGraceMs: number;
  /** `HSTS_MAX_AGE`: seconds of `Strict-Transport-Security` on pages; unset sends none. */
  hstsMaxAge?: number;
}

/** The variables behind Settings, in the order the README lists them. */
export const SETTING_VARIABLES = [
  "NODE_ENV",
  "LOG_LEVEL",
  "ARM_TIMEOUT_MS",
  "PROBE_VANTAGE_NAME",
  "PROBE_STREAMS_PER_CALLER",
  "PROBE_HOSTS_PER_CALLER",
  "PROBE_HOSTS_TOTAL",
  "SHUTDOWN_GRACE_MS",
  "HSTS_MAX_AGE",
] as const;

const whole = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^[0-9]{1,9}$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().min(min).max(max));

const schema = z.object({
  NODE_ENV: z.string().optional(),
  LOG_LEVEL: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }))
    .default("info"),
  ARM_TIMEOUT_MS: whole(1_000, 600_000).default(30_000),
  PROBE_VANTAGE_NAME: z
    .string()
    .trim()
    .regex(/^[\w .:()-]{1,64}$/, "must be 1 to 64 letters, digits, spaces or . : ( ) - _")
    .default("console"),
  PROBE_STREAMS_PER_CALLER: whole(1, 1_000).default(10),
  PROBE_HOSTS_PER_CALLER: whole(1, 100_000).default(100),
  PROBE_HOSTS_TOTAL: whole(1, 1_000_000).default(3_000),
  SHUTDOWN_GRACE_MS: whole(0, 600_000).default(20_000),
  HSTS_MAX_AGE: whole(0, 100_000_000).optional(),
});

export type SettingsInput = Partial<Record<(typeof SETTING_VARIABLES)[number], string | undefined>>;

/** Validates the raw variables (empty means unset); the problem names each bad variable. */
export function parseSettings(
  raw: SettingsInput,
): { ok: true; settings: Settings } | { ok: false; problem: string } {
  const input = Object.fromEntries(
    Object.entries(raw).filter(([, v]) => v !== undefined && v.trim() !== ""),
  );
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problem: parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; "),
    };
  }
  const v = parsed.data;
  const settings: Settings = {
    production: v.NODE_ENV === "production",
    development: v.NODE_ENV === "development",
    logLevel: v.LOG_LEVEL,
    armTimeoutMs: v.ARM_TIMEOUT_MS,
    vantageName: v.PROBE_VANTAGE_NAME,
    streamsPerCaller: v.PROBE_STREAMS_PER_CALLER,
    hostsPerCaller: v.PROBE_HOSTS_PER_CALLER,
    hostsTotal: v.PROBE_HOSTS_TOTAL,
    shutdownGraceMs: v.SHUTDOWN_GRACE_MS,
  };
  if (v.HSTS_MAX_AGE !== undefined) settings.hstsMaxAge = v.HSTS_MAX_AGE;
  return { ok: true, settings };
}
