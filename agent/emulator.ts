import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { AgentConfigError } from "./config";

/** What a probe agent needs of the emulator's discovery file (`.emulator/endpoints.json`). */
export interface EmulatorTarget {
  armEndpoint: string;
  /** `https://localhost:<port>`: the identity's authority host (AZURE_AUTHORITY_HOST). */
  authorityHost: string;
  tenantId: string;
  caPem: string;
  /** The data-plane address of this agent's vantage: every registry host connects there. */
  dataPlaneAddress: string;
}

const endpointsSchema = z.object({
  armEndpoint: z.string().url(),
  authority: z.string().url(),
  tenantId: z.string().min(1),
  caFile: z.string().min(1),
  vantages: z.array(z.object({ name: z.string(), dataPlaneAddress: z.string() })).default([]),
});

/**
 * Reads the emulator's discovery file for an agent at `vantage`: the vantage must be one the
 * emulator serves (`EMULATOR_VANTAGES`), since each has its own address and round trips.
 */
export function readEmulatorTarget(file: string, vantage: string): EmulatorTarget {
  const path = resolve(file);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new AgentConfigError(
      [
        `EMULATOR_ENDPOINTS_FILE: cannot read ${path} (${(error as Error).message}); start the emulator first`,
      ],
      "environment",
    );
  }
  const parsed = endpointsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AgentConfigError(
      parsed.error.issues.map((i) => `${path}: ${i.path.join(".")} ${i.message}`),
      "environment",
    );
  }
  const e = parsed.data;
  const match = e.vantages.find((v) => v.name.toLowerCase() === vantage.toLowerCase());
  if (!match) {
    const names = e.vantages.map((v) => v.name).join(", ") || "none";
    throw new AgentConfigError(
      [
        `AGENT_VANTAGE "${vantage}" is not a vantage of the emulator (it serves ${names}; see EMULATOR_VANTAGES)`,
      ],
      "environment",
    );
  }
  let caPem: string;
  try {
    caPem = readFileSync(e.caFile, "utf8");
  } catch (error) {
    throw new AgentConfigError(
      [`the emulator's CA ${e.caFile} cannot be read: ${(error as Error).message}`],
      "environment",
    );
  }
  return {
    armEndpoint: e.armEndpoint.replace(/\/+$/, ""),
    authorityHost: new URL(e.authority).origin,
    tenantId: e.tenantId,
    caPem,
    dataPlaneAddress: match.dataPlaneAddress,
  };
}
