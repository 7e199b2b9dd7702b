import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sharedProbeHub } from "@/lib/probe/server";
import { control } from "../support/emulator-client";
import {
  armRequests,
  pointConsoleAtEmulator,
  tamperSignature,
  tokenFor,
} from "./console-api-support";
import {
  clearRequestLog,
  dataPlaneRequests,
  registryIdOf,
  refusal,
  type StreamCall,
} from "./probe-stream-support";

/*
 * The stream makes the console's server open connections, so it must refuse anything that could
 * point it elsewhere, and start probing only once ARM said the caller may read the registry.
 * "No probe sent" is read from the emulator's data-plane request log.
 */

const endpoints = pointConsoleAtEmulator();

let operator: string;
let prodId: string;

beforeAll(async () => {
  await control(endpoints, "reset");
  operator = await tokenFor(endpoints, "operator");
  prodId = await registryIdOf(endpoints, "contosoprod");
});

beforeEach(async () => {
  sharedProbeHub().close();
  await clearRequestLog(endpoints);
});

afterAll(() => sharedProbeHub().close());

/** Nothing reached the data plane (a probe would be logged at once: first rounds start at 0 ms). */
async function expectNoProbe() {
  await new Promise((r) => setTimeout(r, 500));
  expect(await dataPlaneRequests(endpoints)).toEqual([]);
}

describe("GET /api/probes/stream refuses callers before anything else", () => {
  it.each<[string, StreamCall]>([
    ["no Authorization header", {}],
    ["a Basic header", { authorization: "Basic b3BlcmF0b3I6T3BlcmF0b3ItZGVtby0x" }],
    ["a malformed bearer token", { authorization: "Bearer not-a-jwt" }],
  ])("401 for %s, with no ARM read and no probe", async (_, call) => {
    const { status, body } = await refusal({ ...call, query: { registryId: prodId } });
    expect(status).toBe(401);
    expect(["Unauthorized", "InvalidToken"]).toContain(body.error.code);
    expect(await armRequests(endpoints)).toEqual([]);
    await expectNoProbe();
  });

  it("401 for a token whose signature was tampered with", async () => {
    const { status, body } = await refusal({
      token: tamperSignature(operator),
      query: { registryId: prodId },
    });
    expect(status).toBe(401);
    expect(body.error.code).toBe("InvalidToken");
    await expectNoProbe();
  });

  it("checks the token before the input: a bad token with a hostile query is still 401", async () => {
    const { status } = await refusal({ rawQuery: "registryId=https://evil.example/" });
    expect(status).toBe(401);
  });
});

describe("a registry the caller cannot read", () => {
  it("passes ARM's 403 or 404 through as JSON and sends no probe", async () => {
    // The support user is Reader on Contoso Production only; fabrikamstaging is in Staging.
    const support = await tokenFor(endpoints, "support");
    const stagingId = await registryIdOf(endpoints, "fabrikamstaging");
    const { status, body } = await refusal({ token: support, query: { registryId: stagingId } });
    expect([403, 404]).toContain(status);
    expect(body.error.code).toMatch(/AuthorizationFailed|NotFound/);
    await expectNoProbe();
  });

  it("404 for a registry that does not exist, without a probe", async () => {
    const missing = prodId.replace(/contosoprod$/, "contosonothere");
    const { status } = await refusal({ token: operator, query: { registryId: missing } });
    expect(status).toBe(404);
    await expectNoProbe();
  });
});

describe("nothing in the query string can make the server contact another host", () => {
  const valid = () => prodId;
  const hostile: [string, () => string][] = [
    ["a URL as registryId", () => `registryId=${encodeURIComponent("https://evil.example/")}`],
    ["a host name as registryId", () => "registryId=evil.example"],
    ["a host:port as registryId", () => "registryId=127.0.0.1:8444"],
    [
      "a URL ending in a valid id",
      () => `registryId=${encodeURIComponent(`https://evil.example${valid()}`)}`,
    ],
    [
      "a protocol-relative id",
      () => `registryId=${encodeURIComponent(`//evil.example${valid()}`)}`,
    ],
    [
      "path traversal after the id",
      () => `registryId=${encodeURIComponent(`${valid()}/../../../evil`)}`,
    ],
    [
      "path traversal in the resource group",
      () =>
        `registryId=${encodeURIComponent(valid().replace("/resourceGroups/", "/resourceGroups/../../"))}`,
    ],
    ["a dotted registry name", () => `registryId=${encodeURIComponent(`${valid()}.evil.example`)}`],
    [
      "a user-info registry name",
      () => `registryId=${encodeURIComponent(`${valid()}@evil.example`)}`,
    ],
    [
      "a query inside the id",
      () => `registryId=${encodeURIComponent(`${valid()}?host=evil.example`)}`,
    ],
    ["a fragment inside the id", () => `registryId=${encodeURIComponent(`${valid()}#evil`)}`],
    [
      "an encoded newline",
      () => `registryId=${encodeURIComponent(valid())}%0AHost:%20evil.example`,
    ],
    ["an encoded CRLF", () => `registryId=${encodeURIComponent(valid())}%0D%0Ahost=evil.example`],
    ["an encoded NUL", () => `registryId=${encodeURIComponent(valid())}%00`],
    [
      "a fullwidth slash",
      () => `registryId=${encodeURIComponent(valid().replace(/\/registries\//, "／registries／"))}`,
    ],
    [
      "another provider",
      () =>
        `registryId=${encodeURIComponent(valid().replace("Microsoft.ContainerRegistry", "Microsoft.Web"))}`,
    ],
    ["a very long id", () => `registryId=${encodeURIComponent(valid() + "a".repeat(10_000))}`],
    ["no registryId", () => ""],
    ["an empty registryId", () => "registryId="],
    [
      "an extra host parameter",
      () => `registryId=${encodeURIComponent(valid())}&host=evil.example`,
    ],
    [
      "an extra url parameter",
      () => `registryId=${encodeURIComponent(valid())}&url=https://evil.example/v2/`,
    ],
    [
      "an extra endpoint parameter",
      () => `registryId=${encodeURIComponent(valid())}&endpoint=evil.example`,
    ],
    [
      "a repeated registryId",
      () => `registryId=${encodeURIComponent(valid())}&registryId=evil.example`,
    ],
    [
      "a host name as region",
      () => `registryId=${encodeURIComponent(valid())}&region=evil.example`,
    ],
    ["traversal as region", () => `registryId=${encodeURIComponent(valid())}&region=..%2Fevil`],
    [
      "an interval below the floor",
      () => `registryId=${encodeURIComponent(valid())}&intervalMs=10`,
    ],
    ["a non-numeric interval", () => `registryId=${encodeURIComponent(valid())}&intervalMs=1e3`],
    ["a host name as cursor", () => `registryId=${encodeURIComponent(valid())}&since=evil.example`],
  ];

  it.each(hostile)("400 for %s, with no ARM read and no probe", async (_, query) => {
    const { status, body } = await refusal({ token: operator, rawQuery: query() });
    expect(status).toBe(400);
    expect(body.error.code).toBe("InvalidInput");
    expect(await armRequests(endpoints)).toEqual([]);
    expect(await dataPlaneRequests(endpoints)).toEqual([]);
  });

  it("400 for a Last-Event-ID that is not an event id", async () => {
    const { status } = await refusal({
      token: operator,
      query: { registryId: prodId },
      lastEventId: "https://evil.example/",
    });
    expect(status).toBe(400);
    await expectNoProbe();
  });

  it("sends no probe after any of them", async () => {
    for (const [, query] of hostile) await refusal({ token: operator, rawQuery: query() });
    await expectNoProbe();
  });
});
