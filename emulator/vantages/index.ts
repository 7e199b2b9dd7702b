import { rttBetween } from "./geo";

/**
 * The emulator's vantage points: places a client may sit (an AKS cluster in westeurope, a CI
 * runner in eastus), each reaching the data plane through its own listening address with its own
 * round trip to every region. The console's own address (the data plane's main port) is the
 * default vantage and keeps the regions' `latencyMs` (the control API's `regions` call).
 */
export interface VantageTable {
  /** Vantage names, in configuration order. */
  names(): string[];
  has(name: string): boolean;
  /** The RTT (ms) from `vantage` to `region`, given the region's own (default-vantage) RTT. */
  rttMs(vantage: string, region: string, fallbackMs: number): number;
  /** The vantage's whole matrix as set (regions without an entry use the region's own RTT). */
  matrix(vantage: string): Record<string, number>;
  /** Sets some of the vantage's round trips; the others are kept. */
  set(vantage: string, rttMs: Record<string, number>): Record<string, number>;
  /** Back to the geographic defaults. */
  reset(): void;
}

/**
 * The vantages named in the configuration, each starting from the geographic matrix of its own
 * region (a vantage is named after the region it sits in) over `regions`.
 */
export function createVantageTable(
  names: readonly string[],
  regions: () => string[],
): VantageTable {
  const matrices = new Map<string, Record<string, number>>();
  const defaults = (vantage: string): Record<string, number> => {
    const matrix: Record<string, number> = {};
    for (const region of regions()) {
      const rtt = rttBetween(vantage, region);
      if (rtt !== null) matrix[region] = rtt;
    }
    return matrix;
  };
  const reset = () => {
    matrices.clear();
    for (const name of names) matrices.set(name, defaults(name));
  };
  reset();
  return {
    names: () => [...names],
    has: (name) => matrices.has(name),
    rttMs(vantage, region, fallbackMs) {
      const matrix = matrices.get(vantage);
      return matrix && Object.hasOwn(matrix, region) ? matrix[region]! : fallbackMs;
    },
    matrix: (vantage) => ({ ...(matrices.get(vantage) ?? {}) }),
    set(vantage, rttMs) {
      const matrix = matrices.get(vantage);
      if (!matrix) throw new Error(`unknown vantage ${vantage}`);
      Object.assign(matrix, rttMs);
      return { ...matrix };
    },
    reset,
  };
}

/** `EMULATOR_VANTAGES`: comma-separated region names; each must have a known location. */
export function parseVantageNames(
  raw: string | undefined,
  known: (name: string) => boolean,
): string[] {
  const value = raw === undefined ? DEFAULT_VANTAGES : raw;
  const names = value
    .split(",")
    .map((n) => n.trim().toLowerCase())
    .filter(Boolean);
  for (const name of names) {
    if (!/^[a-z0-9]+$/.test(name) || !known(name)) {
      throw new Error(
        `EMULATOR_VANTAGES: "${name}" is not an emulated region (a vantage is named after the region it sits in)`,
      );
    }
  }
  if (new Set(names).size !== names.length)
    throw new Error("EMULATOR_VANTAGES names a vantage twice");
  return names;
}

/** Two vantages far apart by default: a cluster in Europe and one in Asia. */
export const DEFAULT_VANTAGES = "westeurope,southeastasia";
