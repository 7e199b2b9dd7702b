import type { EventData } from "@azure/arm-monitor";
import { describe, expect, it } from "vitest";
import { changesFilter, foldChanges, isRegistryChange } from "@/lib/azure/activity-log";

const ref = {
  subscriptionId: "6b1f3e2a-4c5d-4e8f-9a0b-1c2d3e4f5a60",
  resourceGroup: "rg-web",
  name: "contosoweb",
};
const REGISTRY = `/subscriptions/${ref.subscriptionId}/resourceGroups/rg-web/providers/Microsoft.ContainerRegistry/registries/contosoweb`;
const REPLICA_OP = "Microsoft.ContainerRegistry/registries/replications/write";
const REGISTRY_OP = "Microsoft.ContainerRegistry/registries/write";

function ev(partial: Partial<Record<keyof EventData, unknown>> & { at: string }): EventData {
  const { at, ...rest } = partial;
  return {
    caller: "operator@contoso.example",
    correlationId: "corr-1",
    operationId: "op-1",
    resourceId: `${REGISTRY}/replications/eastus`,
    operationName: { value: REPLICA_OP },
    eventName: { value: "EndRequest" },
    httpRequest: { method: "PATCH" },
    eventTimestamp: new Date(at),
    ...rest,
  } as EventData;
}

describe("the registry's Activity Log query", () => {
  it("asks for the time range and the registry's resource group, quotes escaped", () => {
    expect(
      changesFilter(
        { ...ref, resourceGroup: "o'brien" },
        new Date("2026-01-01T00:00:00Z"),
        new Date("2026-01-08T00:00:00Z"),
      ),
    ).toBe(
      "eventTimestamp ge '2026-01-01T00:00:00.000Z' and eventTimestamp le '2026-01-08T00:00:00.000Z' and resourceGroupName eq 'o''brien'",
    );
  });

  it.each([
    [REGISTRY, REGISTRY_OP, true],
    [REGISTRY.toUpperCase(), REGISTRY_OP.toLowerCase(), true],
    [`${REGISTRY}/replications/eastus`, REPLICA_OP, true],
    [
      `${REGISTRY}/replications/eastus`,
      "Microsoft.ContainerRegistry/registries/replications/delete",
      true,
    ],
    [REGISTRY, "Microsoft.ContainerRegistry/registries/listCredentials/action", false],
    [REGISTRY, "Microsoft.ContainerRegistry/registries/read", false],
    [`${REGISTRY}/webhooks/hook`, "Microsoft.ContainerRegistry/registries/webhooks/write", false],
    [`${REGISTRY}2`, REGISTRY_OP, false],
    [REGISTRY.replace("contosoweb", "contosoprod"), REGISTRY_OP, false],
  ])("%s %s is a change of the registry: %s", (resourceId, operation, expected) => {
    expect(
      isRegistryChange(
        ref,
        ev({ at: "2026-01-01T00:00:00Z", resourceId, operationName: { value: operation } }),
      ),
    ).toBe(expected);
  });
});

describe("folding events into changes", () => {
  it("one change per operation: first event's time, latest event's result, newest first", () => {
    const changes = foldChanges(ref, [
      ev({
        at: "2026-01-01T10:00:02Z",
        status: { value: "Succeeded" },
        subStatus: { value: "OK" },
      }),
      ev({
        at: "2026-01-01T10:00:00Z",
        status: { value: "Started" },
        eventName: { value: "BeginRequest" },
      }),
      ev({
        at: "2026-01-01T10:00:01Z",
        status: { value: "Accepted" },
        subStatus: { value: "Created" },
      }),
      ev({
        at: "2026-01-01T11:00:00Z",
        operationId: "op-2",
        correlationId: "corr-2",
        resourceId: REGISTRY,
        operationName: { value: REGISTRY_OP },
        status: { value: "Started" },
        eventName: { value: "BeginRequest" },
      }),
    ]);
    expect(changes).toEqual([
      {
        operationId: "op-2",
        correlationId: "corr-2",
        at: "2026-01-01T11:00:00.000Z",
        lastAt: "2026-01-01T11:00:00.000Z",
        caller: "operator@contoso.example",
        operationName: REGISTRY_OP,
        target: { kind: "registry" },
        resourceId: REGISTRY,
        method: "PATCH",
        result: "Started",
      },
      {
        operationId: "op-1",
        correlationId: "corr-1",
        at: "2026-01-01T10:00:00.000Z",
        lastAt: "2026-01-01T10:00:02.000Z",
        caller: "operator@contoso.example",
        operationName: REPLICA_OP,
        target: { kind: "replica", name: "eastus" },
        resourceId: `${REGISTRY}/replications/eastus`,
        method: "PATCH",
        result: "Succeeded",
        subStatus: "OK",
      },
    ]);
  });

  it("a failed change carries ARM's error from the log, its message bounded", () => {
    const long = "x".repeat(1000);
    const [change] = foldChanges(ref, [
      ev({
        at: "2026-01-01T10:00:00Z",
        status: { value: "Started" },
        eventName: { value: "BeginRequest" },
      }),
      ev({
        at: "2026-01-01T10:00:00Z",
        status: { value: "Failed" },
        subStatus: { value: "Forbidden" },
        properties: {
          statusMessage: JSON.stringify({ error: { code: "AuthorizationFailed", message: long } }),
        },
      }),
    ]);
    expect(change).toMatchObject({
      result: "Failed",
      subStatus: "Forbidden",
      error: { code: "AuthorizationFailed" },
    });
    expect(change!.error!.message!.length).toBeLessThanOrEqual(300);
  });

  it("an event of another registry or a read is left out", () => {
    expect(
      foldChanges(ref, [
        ev({ at: "2026-01-01T10:00:00Z", resourceId: REGISTRY.replace("contosoweb", "other1") }),
        ev({
          at: "2026-01-01T10:00:00Z",
          operationName: { value: "Microsoft.ContainerRegistry/registries/read" },
        }),
      ]),
    ).toEqual([]);
  });
});
