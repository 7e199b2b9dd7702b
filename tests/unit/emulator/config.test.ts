import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "@/emulator/config";

describe("loadConfig", () => {
  it("defaults to ARM's numbers, ports 8443/8444 and .emulator in the working directory", () => {
    expect(loadConfig({})).toEqual({
      port: 8443,
      dataPort: 8444,
      stateDir: resolve(".emulator"),
      readsCapacity: 250,
      readsRefillPerSecond: 25,
      pageSize: 2,
      lroPolls: 0,
      lroMode: "async",
      lroRetryAfter: 0,
      replicationLagMs: 3000,
      activityPageSize: 5,
      activityDelayMs: 0,
      vantages: ["westeurope", "southeastasia"],
    });
  });

  it("reads every setting from the environment", () => {
    const config = loadConfig({
      EMULATOR_PORT: "0",
      EMULATOR_DATA_PORT: "0",
      EMULATOR_DIR: "/tmp/x",
      EMULATOR_READS_CAPACITY: "5",
      EMULATOR_READS_REFILL: "1",
      EMULATOR_PAGE_SIZE: "10",
      EMULATOR_LRO_POLLS: "3",
      EMULATOR_LRO_MODE: "Location",
      EMULATOR_LRO_RETRY_AFTER: "1",
      EMULATOR_REPLICATION_LAG_MS: "0",
      EMULATOR_ACTIVITY_PAGE_SIZE: "50",
      EMULATOR_ACTIVITY_DELAY_MS: "60000",
    });
    expect(config).toMatchObject({ activityPageSize: 50, activityDelayMs: 60000 });
    expect(config).toMatchObject({ port: 0, dataPort: 0, stateDir: "/tmp/x", readsCapacity: 5 });
    expect(config).toMatchObject({
      pageSize: 10,
      lroPolls: 3,
      lroMode: "location",
      lroRetryAfter: 1,
    });
  });

  it.each([
    [{ EMULATOR_PORT: "http" }, "EMULATOR_PORT"],
    [{ EMULATOR_PAGE_SIZE: "0" }, "EMULATOR_PAGE_SIZE"],
    [{ EMULATOR_LRO_MODE: "later" }, "EMULATOR_LRO_MODE"],
  ])("refuses %j", (env, name) => {
    expect(() => loadConfig(env)).toThrow(name);
  });
});
