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
 * chunks cut anywhere, and the whole (with health) is what the query keeps.
 */

const A = registry({ name: "alpha" });
const B = registry({ name: "bravo" });
const whole: RegistryInventory = {
  registries: [A, B],
  failures: [],
  health: { source: "resource-graph", asOf: "2026-01-01T00:00:00Z" },
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
      res.end(
        lines(
          { type: "part", registries: [B], read: 2, subscriptions: 2 },
          { type: "inventory", inventory: whole },
        ),
      );
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
