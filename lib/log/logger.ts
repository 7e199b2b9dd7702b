import "server-only";
import pino, { type DestinationStream, type Logger } from "pino";
import { getSettings } from "../env";
import type { LogLevel } from "../settings";

/**
 * The console's one logger: JSON lines (pino) on stdout, one object per event. Level and
 * redaction are set here and nowhere else. Tokens are never passed to it; the redaction is the
 * second line of defence for anything that looks like a credential in a logged object.
 */

/** Keys whose values never reach the log, at the top level or one object down. */
export const REDACTED_KEYS = [
  "token",
  "accessToken",
  "refreshToken",
  "authorization",
  "cookie",
  "password",
  "clientSecret",
  "secret",
] as const;

const REDACT_PATHS = [
  ...REDACTED_KEYS,
  ...REDACTED_KEYS.map((key) => `*.${key}`),
  "headers.authorization",
  "*.headers.authorization",
  "headers.cookie",
  "*.headers.cookie",
];

const stdout: DestinationStream = { write: (line: string) => void process.stdout.write(line) };

interface Holder {
  level: LogLevel;
  destination: DestinationStream;
  logger: Logger;
}

// On globalThis: Next.js bundles server code more than once (routes, proxy, instrumentation);
// one logger per process keeps one level and one destination.
const holder = globalThis as typeof globalThis & { __acrConsoleLogger?: Holder };
let destination: DestinationStream = stdout;

function levelFromSettings(): LogLevel {
  try {
    return getSettings().logLevel;
  } catch {
    // A bad LOG_LEVEL is reported at start; the log itself must not fail meanwhile.
    return "info";
  }
}

/** The process's logger, at `LOG_LEVEL` (default info). */
export function logger(): Logger {
  const level = levelFromSettings();
  const current = holder.__acrConsoleLogger;
  if (current && current.level === level && current.destination === destination) {
    return current.logger;
  }
  const created = pino(
    {
      level,
      base: { service: "acr-geo-console" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    },
    destination,
  );
  holder.__acrConsoleLogger = { level, destination, logger: created };
  return created;
}

/**
 * Sends log lines somewhere else until the returned function is called (tests read the lines the
 * console writes; nothing else should need this).
 */
export function redirectLog(to: DestinationStream): () => void {
  destination = to;
  return () => {
    if (destination === to) destination = stdout;
  };
}
