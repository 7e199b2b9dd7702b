import { randomBytes } from "node:crypto";

/** What an agent needs of the emulator's discovery file. */
export interface AgentEmulatorEndpoints {
  authority: string;
  tenantId: string;
  automationClient: { clientId: string; clientSecret: string };
}

/** The demo's two probe agents: a cluster in Europe and one in Asia (emulator vantages). */
export const DEMO_AGENTS = [
  { vantage: "westeurope", port: 9465 },
  { vantage: "southeastasia", port: 9466 },
] as const;

/** A fresh random stream token (the console and the agent share it). */
export function newStreamToken(): string {
  return randomBytes(24).toString("base64url");
}

/**
 * The environment of a probe agent on the emulator: its vantage and listen address, the stream
 * token, and the automation client as DefaultAzureCredential's EnvironmentCredential reads it
 * (AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET), with the emulator's authority host.
 */
export function agentEnv(
  endpoints: AgentEmulatorEndpoints,
  endpointsFile: string,
  agent: { vantage: string; listen: string; token: string; intervalMs?: number },
): Record<string, string> {
  return {
    EMULATOR_ENDPOINTS_FILE: endpointsFile,
    AGENT_VANTAGE: agent.vantage,
    AGENT_LISTEN: agent.listen,
    AGENT_STREAM_TOKEN: agent.token,
    AGENT_INTERVAL_MS: String(agent.intervalMs ?? 2_000),
    AZURE_TENANT_ID: endpoints.tenantId,
    AZURE_CLIENT_ID: endpoints.automationClient.clientId,
    AZURE_CLIENT_SECRET: endpoints.automationClient.clientSecret,
    AZURE_AUTHORITY_HOST: new URL(endpoints.authority).origin,
  };
}
