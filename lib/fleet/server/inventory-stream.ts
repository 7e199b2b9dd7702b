import "server-only";
import type { ArmClients, BearerToken } from "@/lib/azure/client";
import { toApiError } from "@/lib/azure/errors";
import { ApiError } from "@/lib/errors";
import type { InventoryLine } from "@/lib/types";
import { getInventoryWithHealth } from "./inventory";

/** The media type of the inventory as it arrives: one JSON `InventoryLine` per line. */
export const INVENTORY_LINES_TYPE = "application/x-ndjson";

/** True when the caller asked for the inventory line by line (`Accept: application/x-ndjson`). */
export function wantsInventoryLines(request: Request): boolean {
  return (request.headers.get("accept") ?? "").includes(INVENTORY_LINES_TYPE);
}

/**
 * `GET /api/registries` line by line: each subscription's registries as soon as ARM listed them
 * (`part`), then the whole inventory with its health columns (`inventory`), so the page shows rows
 * before the last subscription and the fleet reading are done. A failure before the first line
 * (the token, the subscription list) is thrown, for the route's usual error answer; one after it
 * is the last line (`error`), as the status has been sent.
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
  const work = getInventoryWithHealth(arm, caller, (part) => emit({ type: "part", ...part }))
    .then((inventory) => emit({ type: "inventory", inventory }))
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
