import { beforeAll, describe, expect, it } from "vitest";
import { PATCH as patchReplica } from "@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/replications/[replicationName]/route";
import { PATCH as patchRegistry } from "@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/route";
import { MAX_BODY_BYTES } from "@/lib/api/body";
import { control } from "../support/emulator-client";
import {
  armRequests,
  pointConsoleAtEmulator,
  registryParams,
  tokenFor,
} from "./console-api-support";

/*
 * A PATCH body is refused with 413 before it is read when its Content-Length is too large, and as
 * soon as too much has arrived when no length is declared. "Read" is measured at the source: the
 * test's body stream counts the bytes the route pulled from it.
 */

const endpoints = pointConsoleAtEmulator();
const CHUNK = 64 * 1024;

let reader: string;
let params: Awaited<ReturnType<typeof registryParams>>;

beforeAll(async () => {
  await control(endpoints, "reset");
  // A reader may not change anything: the body must be refused before ARM says so.
  reader = await tokenFor(endpoints, "teamlead");
  params = await registryParams(endpoints, reader, "fabrikamstaging");
});

/** A body of `total` bytes of JSON-ish filler, counting what is pulled from it. */
function countingBody(total: number) {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled >= total) {
          controller.close();
          return;
        }
        const size = Math.min(CHUNK, total - pulled);
        pulled += size;
        controller.enqueue(new Uint8Array(size).fill(0x20));
      },
      // Nothing is produced ahead of a read: what was pulled is what the route asked for.
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => pulled };
}

type Route = typeof patchRegistry;

const routes: [string, Route, () => Record<string, string>][] = [
  ["PATCH R", patchRegistry, () => params],
  ["PATCH R/replications/{r}", patchReplica, () => ({ ...params, replicationName: "eastus" })],
];

async function send(route: Route, routeParams: Record<string, string>, init: RequestInit) {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${reader}`);
  headers.set("content-type", "application/json");
  const request = new Request("http://console.test/api", {
    ...init,
    method: "PATCH",
    headers,
    duplex: "half",
  } as RequestInit);
  const response = await route(request, { params: Promise.resolve(routeParams) });
  return { status: response.status, body: (await response.json()) as { error: { code: string } } };
}

describe.each(routes)("%s refuses large bodies", (_, route, routeParams) => {
  it("413 from the Content-Length alone: not a byte of a 200 MB body is read", async () => {
    const body = countingBody(200 * 1024 * 1024);
    const answer = await send(route, routeParams(), {
      body: body.stream,
      headers: { "content-length": String(200 * 1024 * 1024) },
    });
    expect(answer.status).toBe(413);
    expect(answer.body.error.code).toBe("PayloadTooLarge");
    expect(body.pulled()).toBe(0);
  });

  it("413 while streaming a body without a length: reading stops past the limit", async () => {
    await control(endpoints, "requests", undefined, "DELETE");
    const body = countingBody(5 * 1024 * 1024);
    const answer = await send(route, routeParams(), { body: body.stream });
    expect(answer.status).toBe(413);
    expect(answer.body.error.code).toBe("PayloadTooLarge");
    // The chunk that crossed the limit is the last one read: far from 5 MB.
    expect(body.pulled()).toBeLessThanOrEqual(MAX_BODY_BYTES + CHUNK);
    expect((await armRequests(endpoints)).filter((r) => r.method === "PATCH")).toEqual([]);
  });

  it("413 when the Content-Length understates the body", async () => {
    const body = countingBody(1024 * 1024);
    const answer = await send(route, routeParams(), {
      body: body.stream,
      headers: { "content-length": "20" },
    });
    expect(answer.status).toBe(413);
    expect(body.pulled()).toBeLessThanOrEqual(MAX_BODY_BYTES + CHUNK);
  });

  it("still reads a small body: a reader's change reaches ARM and ARM refuses it", async () => {
    const json =
      route === patchRegistry ? { regionalEndpoints: "Enabled" } : { globalEndpointRouting: false };
    const answer = await send(route, routeParams(), { body: JSON.stringify(json) });
    expect(answer.status).toBe(403);
  });
});
