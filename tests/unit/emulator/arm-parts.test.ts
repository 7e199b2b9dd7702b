import { describe, expect, it } from "vitest";
import { FaultList, FaultValidationError, parseFault } from "@/emulator/arm/faults";
import { OperationStore, OPERATION_TIMEOUT_MS } from "@/emulator/arm/operations";
import { page } from "@/emulator/arm/paging";
import { isAllowed, rolesAt, scopeCovers } from "@/emulator/arm/rbac";
import { ReadThrottle } from "@/emulator/arm/throttle";
import type { PrincipalState } from "@/emulator/store/types";

describe("ReadThrottle", () => {
  it("lets `capacity` reads through, then asks to retry until the bucket refills", () => {
    let now = 0;
    const throttle = new ReadThrottle(3, 2, () => now);
    expect([1, 2, 3].map(() => throttle.take("a"))).toEqual([
      { ok: true, remaining: 2 },
      { ok: true, remaining: 1 },
      { ok: true, remaining: 0 },
    ]);
    expect(throttle.take("a")).toEqual({ ok: false, retryAfter: 1 });
    expect(throttle.take("b")).toEqual({ ok: true, remaining: 2 });
    now = 500; // one read refilled at 2 per second
    expect(throttle.take("a")).toEqual({ ok: true, remaining: 0 });
    now = 60_000;
    expect(throttle.take("a")).toEqual({ ok: true, remaining: 2 });
  });
});

describe("faults", () => {
  it.each([
    [{ status: 429 }, { match: {}, status: 429, count: 1 }],
    [
      { match: { method: "get", path: "registries" }, status: 503, count: 2 },
      { match: { method: "GET", path: "registries" }, status: 503, count: 2 },
    ],
    [{ lro: "Failed" }, { match: {}, count: 1, lro: "Failed" }],
    [{ delayMs: 50 }, { match: {}, count: 1, delayMs: 50 }],
  ])("accepts %j", (body, expected) => {
    expect(parseFault(body)).toMatchObject(expected);
  });

  it.each([
    [[], "JSON object"],
    [{}, "at least one"],
    [{ status: 42 }, "'status'"],
    [{ status: 500, count: 0 }, "'count'"],
    [{ status: 500, match: { path: "(" } }, "regular expression"],
    [{ lro: "Maybe" }, "'lro'"],
    [{ status: 500, colour: "red" }, "Unknown field"],
  ])("refuses %j", (body, reason) => {
    expect(() => parseFault(body)).toThrow(FaultValidationError);
    expect(() => parseFault(body)).toThrow(reason);
  });

  it("uses a request fault up on matching requests and keeps LRO faults for PATCHes", () => {
    const faults = new FaultList();
    faults.add(
      parseFault({ match: { method: "GET", path: "/registries/a\\?" }, status: 500, count: 2 }),
    );
    faults.add(parseFault({ match: { method: "PATCH" }, lro: "Failed" }));
    expect(faults.takeRequestFault("GET", "/registries/b?api-version=1")).toBeUndefined();
    expect(faults.takeRequestFault("PATCH", "/registries/a?api-version=1")).toBeUndefined();
    expect(faults.takeRequestFault("GET", "/registries/a?api-version=1")?.status).toBe(500);
    expect(faults.takeRequestFault("GET", "/registries/a?api-version=1")?.status).toBe(500);
    expect(faults.takeRequestFault("GET", "/registries/a?api-version=1")).toBeUndefined();
    expect(faults.takeLroFault("PATCH", "/registries/a")?.lro).toBe("Failed");
    expect(faults.list()).toEqual([]);
  });
});

describe("OperationStore", () => {
  const start = (store: OperationStore, polls: number, outcomes: string[]) =>
    store.start({
      kind: "replications",
      resourceId: "/subscriptions/s/x",
      apiVersion: "2025-11-01",
      shape: "async",
      polls,
      outcome: "Succeeded",
      finish: (o) => outcomes.push(o),
      render: () => ({}),
    });

  it("answers InProgress for the configured polls, then ends once", () => {
    const outcomes: string[] = [];
    const store = new OperationStore();
    const op = start(store, 2, outcomes);
    expect(store.busy("/SUBSCRIPTIONS/s/x")).toBe(true);
    expect([1, 2, 3, 4].map(() => store.poll(op).status)).toEqual([
      "InProgress",
      "InProgress",
      "Succeeded",
      "Succeeded",
    ]);
    expect(outcomes).toEqual(["Succeeded"]);
    expect(store.busy("/subscriptions/s/x")).toBe(false);
  });

  it("ends an operation nobody polls after its timeout", () => {
    let now = 0;
    const outcomes: string[] = [];
    const store = new OperationStore(() => now);
    start(store, 100, outcomes);
    now = OPERATION_TIMEOUT_MS;
    expect(store.busy("/subscriptions/s/x")).toBe(false);
    expect(outcomes).toEqual(["Succeeded"]);
  });
});

describe("page", () => {
  const url = (q: string) => new URL(`https://localhost:1/subscriptions/s/x?api-version=v${q}`);
  it("cuts lists into pages linked by absolute nextLinks that keep the api-version", () => {
    const first = page([1, 2, 3, 4, 5], url(""), "https://localhost:1", 2);
    expect(first).toEqual({
      value: [1, 2],
      nextLink: "https://localhost:1/subscriptions/s/x?api-version=v&$skipToken=2",
    });
    const last = page([1, 2, 3, 4, 5], url("&$skipToken=4"), "https://localhost:1", 2);
    expect(last).toEqual({ value: [5] });
  });
  it("refuses a skip token that is not an offset", () => {
    expect(() => page([1], url("&$skipToken=abc"), "https://localhost:1", 2)).toThrow("skip token");
  });
});

describe("rbac", () => {
  const principal = (scope: string, role: "Reader" | "Contributor"): PrincipalState => ({
    kind: "user",
    objectId: "o",
    displayName: "x",
    persona: "x",
    assignments: [{ scope, role }],
  });
  const registry =
    "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/r";

  it.each([
    ["/", "/subscriptions/s1", true],
    ["/subscriptions/s1", registry, true],
    ["/subscriptions/s1", "/subscriptions/s10", false],
    ["/subscriptions/S1", "/subscriptions/s1/", true],
  ])("%s covers %s: %s", (outer, inner, expected) => {
    expect(scopeCovers(outer, inner)).toBe(expected);
  });

  it("grants a Contributor writes but not role assignments, a Reader reads only", () => {
    const contributor = principal("/", "Contributor");
    const reader = principal("/subscriptions/s1", "Reader");
    expect(isAllowed(contributor, "Microsoft.ContainerRegistry/registries/write", registry)).toBe(
      true,
    );
    expect(isAllowed(contributor, "Microsoft.Authorization/roleAssignments/write", registry)).toBe(
      false,
    );
    expect(isAllowed(reader, "Microsoft.ContainerRegistry/registries/read", registry)).toBe(true);
    expect(
      isAllowed(reader, "Microsoft.ContainerRegistry/registries/replications/write", registry),
    ).toBe(false);
    expect(
      isAllowed(reader, "Microsoft.ContainerRegistry/registries/read", "/subscriptions/s2"),
    ).toBe(false);
    expect(rolesAt(undefined, registry)).toEqual([]);
  });
});
