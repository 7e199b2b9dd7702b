import { describe, expect, it } from "vitest";
import { createArmClients } from "@/lib/azure/client";
import { getRegistryPermissions } from "@/lib/azure/permissions";
import {
  registryParams,
  tokenFor,
  pointConsoleAtEmulator,
  type Persona,
} from "./console-api-support";

const endpoints = pointConsoleAtEmulator();

describe("what a caller may change, as ARM's permissions API says", () => {
  it.each<[Persona, boolean]>([
    ["operator", true],
    ["teamlead", false],
    ["support", false],
    ["auditor", false],
  ])("%s may write registry and replicas: %s", async (persona, canWrite) => {
    const token = await tokenFor(endpoints, persona);
    const operator = await tokenFor(endpoints, "operator");
    const { subscriptionId, resourceGroup, registryName } = await registryParams(
      endpoints,
      operator,
      "contosoprod",
    );
    const arm = createArmClients({ token, expiresOnTimestamp: Date.now() + 600_000 });
    const permissions = await getRegistryPermissions(arm, {
      subscriptionId,
      resourceGroup,
      name: registryName,
    });
    expect(permissions).toEqual({ canWriteRegistry: canWrite, canWriteReplications: canWrite });
  });
});
