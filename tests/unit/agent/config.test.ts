import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AgentConfigError, loadAgentConfig } from "@/agent/config";

const ID =
  "/subscriptions/6b1f3e2a-4c5d-4e8f-9a0b-1c2d3e4f5a60/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/contosoprod";

function problems(env: Record<string, string>): string[] {
  try {
    loadAgentConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(AgentConfigError);
    return (error as AgentConfigError).problems;
  }
  throw new Error("the configuration was accepted");
}

function file(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "agent-config-")), "agent.json");
  writeFileSync(path, content);
  return path;
}

describe("probe agent configuration", () => {
  it("takes defaults for everything but the vantage", () => {
    expect(loadAgentConfig({ AGENT_VANTAGE: "aks-westeurope" })).toEqual({
      vantage: "aks-westeurope",
      registries: "all",
      intervalMs: 10_000,
      listen: { host: "0.0.0.0", port: 9465 },
      refreshMs: 300_000,
      timeoutMs: 5_000,
      cloud: "AzureCloud",
    });
  });

  it("takes the cloud from AZURE_CLOUD and refuses one it does not know", () => {
    const config = loadAgentConfig({ AGENT_VANTAGE: "gov", AZURE_CLOUD: "AzureUSGovernment" });
    expect(config.cloud).toBe("AzureUSGovernment");
    expect(() => loadAgentConfig({ AGENT_VANTAGE: "x", AZURE_CLOUD: "Mars" })).toThrow(
      /AZURE_CLOUD must be one of AzureCloud, AzureUSGovernment, AzureChinaCloud/,
    );
  });

  it("reads registries, interval, listen address and token from the environment", () => {
    const config = loadAgentConfig({
      AGENT_VANTAGE: "ci-eastus",
      AGENT_REGISTRIES: ` ${ID} ,${ID.replace("contosoprod", "other")}`,
      AGENT_INTERVAL_MS: "1000",
      AGENT_LISTEN: "[::]:9100",
      AGENT_STREAM_TOKEN: "s3cret-s3cret-s3cret",
    });
    expect(config.registries).toEqual([
      {
        subscriptionId: "6b1f3e2a-4c5d-4e8f-9a0b-1c2d3e4f5a60",
        resourceGroup: "rg",
        name: "contosoprod",
      },
      {
        subscriptionId: "6b1f3e2a-4c5d-4e8f-9a0b-1c2d3e4f5a60",
        resourceGroup: "rg",
        name: "other",
      },
    ]);
    expect(config.listen).toEqual({ host: "::", port: 9100 });
    expect(config.intervalMs).toBe(1000);
  });

  it.each([
    [{}, "AGENT_VANTAGE is required: the name of this vantage point, e.g. aks-westeurope"],
    [
      { AGENT_VANTAGE: "has space" },
      "AGENT_VANTAGE must be 1 to 63 letters, digits, '.', '_' or '-'",
    ],
    [{ AGENT_VANTAGE: "v", AGENT_INTERVAL_MS: "500" }, "AGENT_INTERVAL_MS must be at least 1000"],
    [{ AGENT_VANTAGE: "v", AGENT_INTERVAL_MS: "2s" }, "AGENT_INTERVAL_MS must be a whole number"],
    [
      { AGENT_VANTAGE: "v", AGENT_LISTEN: "9465" },
      "AGENT_LISTEN must be host:port, e.g. 0.0.0.0:9465",
    ],
    [
      { AGENT_VANTAGE: "v", AGENT_LISTEN: "0.0.0.0:99999" },
      "AGENT_LISTEN port must be at most 65535",
    ],
    [
      { AGENT_VANTAGE: "v", AGENT_STREAM_TOKEN: "short" },
      "AGENT_STREAM_TOKEN must be at least 16 characters (a random secret)",
    ],
    [{ AGENT_VANTAGE: "v", ARM_ENDPOINT: "http://arm" }, "ARM_ENDPOINT must be an https:// URL"],
  ])("%j is refused: %s", (env, message) => {
    expect(problems(env as Record<string, string>)).toContain(message);
  });

  it("names a registry id that is not one", () => {
    const [problem] = problems({ AGENT_VANTAGE: "v", AGENT_REGISTRIES: "contosoprod" });
    expect(problem).toMatch(/^AGENT_REGISTRIES\[0\] "contosoprod" is not a registry ARM id/);
  });

  it("reports every problem at once", () => {
    expect(problems({ AGENT_INTERVAL_MS: "0", AGENT_LISTEN: "x" })).toHaveLength(3);
  });

  it("reads one JSON file instead, naming its fields in errors", () => {
    const good = file(JSON.stringify({ vantage: "aks-sea", registries: [ID], intervalMs: 2000 }));
    expect(loadAgentConfig({ AGENT_CONFIG_FILE: good })).toMatchObject({
      vantage: "aks-sea",
      intervalMs: 2000,
      registries: [{ name: "contosoprod" }],
    });
    const bad = file(JSON.stringify({ vantage: "v", intervalMs: 10, colour: "red" }));
    const list = problems({ AGENT_CONFIG_FILE: bad });
    expect(list).toContain('"intervalMs" must be at least 1000');
    expect(list).toContain("unknown field(s): colour");
    expect(problems({ AGENT_CONFIG_FILE: file("{ not json") })[0]).toMatch(
      /^cannot read .*agent\.json/,
    );
  });

  it("refuses a file and AGENT_ variables together", () => {
    expect(problems({ AGENT_CONFIG_FILE: file("{}"), AGENT_VANTAGE: "v" })).toEqual([
      "AGENT_CONFIG_FILE is set, and so are AGENT_VANTAGE: use one or the other",
    ]);
  });
});
