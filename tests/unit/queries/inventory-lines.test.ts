import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "@/lib/errors";
import { ApiClient } from "@/lib/queries/api";
import { getRegistryInventory } from "@/lib/queries/inventory";
import type { InventoryLine, Registry, RegistryInventory } from "@/lib/types";
import { registry } from "../fixtures";

/*
 * The inventory read line by line: rows are handed on per subscription as they arrive, in
 * chunks cut anywhere, and the whole (the rows with what the end adds to them: replica counts
 * and health) is what the query keeps.
 */

const idOf = (name: string) =>
  `/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-prod/providers/Microsoft.ContainerRegistry/registries/${name}`;
// As ARM lists them: no replica counts yet (the fleet reading has them).
const A = registry({ id: idOf("alpha"), name: "alpha", sku: "Premium", replicaCount: undefined });
const B = registry({ id: idOf("bravo"), name: "bravo", sku: "Basic", replicaCount: undefined });
const HEALTH = { source: "resource-graph", asOf: "2026-01-01T00:00:00Z" } as const;
const FAILURE = {
  subscriptionId: "sub-c",
  error: { code: "AuthorizationFailed", message: "No access", status: 403 },
};
const whole: RegistryInventory = {
  registries: [
    { ...A, replicaCount: 3, health: { readyReplicas: 2, replicas: 3, attention: 1 } },
    { ...B, health: { readyReplicas: 0, replicas: 0, attention: 0 } },
  ],
  failures: [FAILURE],
  health: HEALTH,
};
/** The end of the answer: what the fleet reading adds to A and B, in the order listed. */
const END: Extract<InventoryLine, { type: "end" }> = {
  type: "end",
  registries: [
    { replicaCount: 3, health: { readyReplicas: 2, replicas: 3, attention: 1 } },
    { health: { readyReplicas: 0, replicas: 0, attention: 0 } },
  ],
  failures: [FAILURE],
  health: HEALTH,
};

let server: Server;
let base = "";
let release: (() => void) | undefined;

function lines(...items: InventoryLine[]) {
  return items.map((l) => `${JSON.stringify(l)}\n`).join("");
}

function handler(req: IncomingMessage, res: ServerResponse) {
  if (req.headers.accept !== "application/x-ndjson") {
    res.writeHead(406).end();
    return;
  }
  res.writeHead(200, { "content-type": "application/x-ndjson" });
  if (req.url === "/slow") {
    // The first subscription, cut in the middle of its line; the rest once released.
    const first = lines({ type: "part", registries: [A], read: 1, subscriptions: 2 });
    res.write(first.slice(0, 17));
    res.write(first.slice(17));
    release = () =>
      res.end(lines({ type: "part", registries: [B], read: 2, subscriptions: 2 }, END));
    return;
  }
  if (req.url === "/unread") {
    // The fleet reading had nothing on B (say, created since Resource Graph's last index).
    const end: InventoryLine = { ...END, registries: [END.registries[0] ?? {}, {}] };
    res.end(lines({ type: "part", registries: [A, B], read: 1, subscriptions: 1 }, end));
    return;
  }
  if (req.url === "/short") {
    // An end with readings for more registries than the parts listed.
    res.end(lines({ type: "part", registries: [A], read: 1, subscriptions: 1 }, END));
    return;
  }
  if (req.url === "/failing") {
    res.end(
      lines(
        { type: "part", registries: [A], read: 1, subscriptions: 2 },
        {
          type: "error",
          error: { code: "ResourceGraphFailed", message: "Graph down", status: 503 },
        },
      ),
    );
    return;
  }
  res.end(lines({ type: "part", registries: [A], read: 1, subscriptions: 2 }));
}

beforeAll(async () => {
  server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const api = (path: string) => {
  const client = new ApiClient(async () => "token");
  return {
    getLines: <T>(_: string, onLine: (line: T) => void, signal?: AbortSignal) =>
      client.getLines<T>(`${base}${path}`, onLine, signal),
  } as unknown as ApiClient;
};

describe("getRegistryInventory", () => {
  it("hands on each subscription's rows before the last arrives, and returns the whole", async () => {
    const partials: RegistryInventory[] = [];
    const done = getRegistryInventory(api("/slow"), undefined, (p) => partials.push(p));
    await expect.poll(() => partials.length).toBe(1);
    expect(partials[0]).toEqual({
      registries: [A],
      failures: [],
      loading: { read: 1, subscriptions: 2 },
    });
    release?.();
    await expect(done).resolves.toEqual(whole);
    expect(partials.map((p) => p.registries.map((r: Registry) => r.name))).toEqual([
      ["alpha"],
      ["alpha", "bravo"],
    ]);
  });

  it("keeps a row the end adds nothing to as it was listed", async () => {
    const inventory = await getRegistryInventory(api("/unread"));
    expect(inventory.registries).toEqual([whole.registries[0], B]);
    expect(inventory.registries[1]).not.toHaveProperty("health");
    expect(inventory.registries[1]).not.toHaveProperty("replicaCount");
  });

  it("fails when the end's readings do not match the rows listed", async () => {
    await expect(getRegistryInventory(api("/short"))).rejects.toMatchObject({
      code: "NetworkError",
    });
  });

  it("fails with the server's error when the stream ends in one", async () => {
    const error = await getRegistryInventory(api("/failing")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503, code: "ResourceGraphFailed" });
  });

  it("fails when the stream stops before the whole inventory", async () => {
    await expect(getRegistryInventory(api("/cut"))).rejects.toMatchObject({
      code: "NetworkError",
    });
  });
});
