import "server-only";
import type { ArmClients, BearerToken } from "@/lib/azure/client";
import { toApiError } from "@/lib/azure/errors";
import { ApiError } from "@/lib/errors";
import type { InventoryLine, Registry, RegistryInventory, RegistryReading } from "@/lib/types";
import { getInventoryWithHealth } from "./inventory";

/** The media type of the inventory as it arrives: one JSON `InventoryLine` per line. */
export const INVENTORY_LINES_TYPE = "application/x-ndjson";

/** True when the caller asked for the inventory line by line (`Accept: application/x-ndjson`). */
export function wantsInventoryLines(request: Request): boolean {
  return (request.headers.get("accept") ?? "").includes(INVENTORY_LINES_TYPE);
}

/**
 * The end of the inventory as a line: what the whole adds to the registries the parts already
 * sent (replica counts and health, in the order `listed` has them), its failures and the health's
 * source, without sending every registry again (a thousand registries are a megabyte of JSON the
 * page would parse again just to find two more columns).
 */
export function endOf(inventory: RegistryInventory, listed: readonly Registry[]): InventoryLine {
  const byId = new Map(inventory.registries.map((r) => [r.id.toLowerCase(), r]));
  return {
    type: "end",
    failures: inventory.failures,
    health: inventory.health,
    registries: listed.map((r): RegistryReading => {
      const read = byId.get(r.id.toLowerCase());
      return { replicaCount: read?.replicaCount, health: read?.health };
    }),
  };
}

/**
 * `GET /api/registries` line by line: each subscription's registries as soon as ARM listed them
 * (`part`), then what the fleet reading adds to them with the failures (`end`, see `endOf`), so
 * the page shows rows before the last subscription and the fleet reading are done. A failure
 * before the first line (the token, the subscription list) is thrown, for the route's usual error
 * answer; one after it is the last line (`error`), as the status has been sent.
 */
export async function inventoryLines(arm: ArmClients, caller: BearerToken): Promise<Response> {
  const encoder = new TextEncoder();
  const pending: string[] = [];
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let started!: () => void;
  const firstLine = new Promise<void>((resolve) => (started = resolve));
  const emit = (line: InventoryLine) => {
    const text = `${JSON.stringify(line)}\n`;
    if (!controller) pending.push(text);
    else {
      try {
        controller.enqueue(encoder.encode(text));
      } catch {
        // The client went away; the reading finishes for the cache of kept answers.
      }
    }
    started();
  };
  let done = false;
  // The registries in the order the parts listed them, which the end's readings follow.
  const listed: Registry[] = [];
  const work = getInventoryWithHealth(arm, caller, (part) => {
    listed.push(...part.registries);
    emit({ type: "part", ...part });
  })
    .then((inventory) => emit(endOf(inventory, listed)))
    .catch((error: unknown) => {
      if (pending.length === 0 && !controller) throw error;
      const mapped = toApiError(error);
      const apiError = mapped instanceof ApiError ? mapped : ApiError.internal();
      emit({ type: "error", error: apiError.toBody().error });
    })
    .finally(() => {
      done = true;
      try {
        controller?.close();
      } catch {
        // The client went away.
      }
    });
  await Promise.race([firstLine, work]);
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      for (const text of pending.splice(0)) c.enqueue(encoder.encode(text));
      if (done) c.close();
    },
    cancel() {
      controller = undefined;
    },
  });
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": `${INVENTORY_LINES_TYPE}; charset=utf-8`,
      "cache-control": "no-store",
    },
  });
}
