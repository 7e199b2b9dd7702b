/** Resource Graph settings; read once from the environment at start. */
export interface GraphConfig {
  /** How long after a write Resource Graph still answers the old row. */
  lagMs: number;
  /** Queries a caller may send per window before 429. */
  quota: number;
  /** Length of the quota window. */
  windowMs: number;
}

type Env = Record<string, string | undefined>;

function intFrom(env: Env, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be a whole number >= ${min}, got "${raw}"`);
  }
  return value;
}

/**
 * `EMULATOR_GRAPH_LAG_MS` (default 5000), `EMULATOR_GRAPH_QUOTA` (15) and
 * `EMULATOR_GRAPH_WINDOW_MS` (5000): the example quota Azure's throttling guidance gives (15
 * queries per 5-second window) and an indexing lag of a few seconds.
 */
export function loadGraphConfig(env: Env = process.env): GraphConfig {
  return {
    lagMs: intFrom(env, "EMULATOR_GRAPH_LAG_MS", 5000, 0),
    quota: intFrom(env, "EMULATOR_GRAPH_QUOTA", 15, 1),
    windowMs: intFrom(env, "EMULATOR_GRAPH_WINDOW_MS", 5000, 100),
  };
}
