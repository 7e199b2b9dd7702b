import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { control } from "../support/emulator-client";
import { tokenFor, pointConsoleAtEmulator } from "./console-api-support";
import { graphQuery, GRAPH_PATH } from "./fleet-support";

/*
 * The emulator's Resource Graph answers as the REST spec shapes them (QueryResponse, Error), for
 * the console's own query and for what a caller might send.
 */

const endpoints = pointConsoleAtEmulator();
const REGISTRIES = "microsoft.containerregistry/registries";
const QUERY =
  "resources | where type in~ ('microsoft.containerregistry/registries', 'microsoft.containerregistry/registries/replications') | project id, name, type, status = properties.status | order by id asc";

let token: string;
beforeAll(async () => {
  token = await tokenFor(endpoints, "operator");
});
beforeEach(async () => {
  await control(endpoints, "reset");
});

/** The QueryResponse definition's required members and their types (resourcegraph.json). */
function expectQueryResponse(body: Record<string, unknown>) {
  expect(typeof body.totalRecords).toBe("number");
  expect(typeof body.count).toBe("number");
  expect(["true", "false"]).toContain(body.resultTruncated);
  expect(body.data).toBeDefined();
  if ("$skipToken" in body) expect(typeof body.$skipToken).toBe("string");
  if ("facets" in body) expect(Array.isArray(body.facets)).toBe(true);
  const known = ["totalRecords", "count", "resultTruncated", "$skipToken", "data", "facets"];
  expect(Object.keys(body).filter((k) => !known.includes(k))).toEqual([]);
}

/** The ErrorResponse definition: `error` with string `code` and `message`, `details` of those. */
function expectErrorResponse(body: { error?: Record<string, unknown> }) {
  expect(Object.keys(body)).toEqual(["error"]);
  expect(typeof body.error?.code).toBe("string");
  expect(typeof body.error?.message).toBe("string");
  for (const d of (body.error?.details as Record<string, unknown>[] | undefined) ?? []) {
    expect(typeof d.code).toBe("string");
    expect(typeof d.message).toBe("string");
  }
}

describe("POST /providers/Microsoft.ResourceGraph/resources", () => {
  it.each(["2021-03-01", "2022-10-01"])(
    "answers a QueryResponse at %s, paged by $skipToken",
    async (version) => {
      const first = await graphQuery(
        endpoints,
        token,
        { query: QUERY, options: { $top: 5 } },
        version,
      );
      expect(first.status).toBe(200);
      expectQueryResponse(first.body);
      expect(first.body.count).toBe(5);
      expect(first.body.resultTruncated).toBe("false");
      const rows = [...first.body.data];
      let skipToken: string | undefined = first.body.$skipToken;
      while (skipToken) {
        const next = await graphQuery(
          endpoints,
          token,
          { query: QUERY, options: { $top: 5, $skipToken: skipToken } },
          version,
        );
        expect(next.status).toBe(200);
        expectQueryResponse(next.body);
        rows.push(...next.body.data);
        skipToken = next.body.$skipToken;
      }
      expect(rows).toHaveLength(first.body.totalRecords);
      expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
      expect(rows.map((r) => r.id.toLowerCase())).toEqual(
        rows.map((r) => r.id.toLowerCase()).sort(),
      );
      expect(rows.filter((r) => r.type === REGISTRIES).map((r) => r.name)).toContain("contosoprod");
      expect(Object.keys(rows[0])).toEqual(["id", "name", "type", "status"]);
    },
  );

  it("answers the table format with typed columns", async () => {
    const res = await graphQuery(endpoints, token, {
      query:
        "resources | where type =~ 'microsoft.containerregistry/registries' | project id, name | order by name asc",
      options: { resultFormat: "table" },
    });
    expect(res.status).toBe(200);
    expect(res.body.data.columns).toEqual([
      { name: "id", type: "string" },
      { name: "name", type: "string" },
    ]);
    expect(res.body.data.rows[0][1]).toBe("contosobuild");
  });

  it("sends the quota headers on every answer", async () => {
    const res = await graphQuery(endpoints, token, { query: "resources | project id" });
    expect(res.headers.get("x-ms-user-quota-remaining")).toMatch(/^\d+$/);
    expect(res.headers.get("x-ms-user-quota-resets-after")).toMatch(/^\d{2}:\d{2}:\d{2}$/);
  });

  it.each([
    ["an operator outside the subset", "resources | summarize count() by location"],
    ["a filter on another column", "resources | where properties.loginServer == 'x'"],
    ["a syntax error", "resources | where name == 'open"],
  ])("refuses %s with Resource Graph's error shape", async (_what, query) => {
    const res = await graphQuery(endpoints, token, { query });
    expect(res.status).toBe(400);
    expectErrorResponse(res.body);
    expect(res.body.error.code).toBe("BadRequest");
    expect(res.body.error.details[0].code).toBe("InvalidQuery");
  });

  it("refuses a $skipToken of another query, an unknown api-version and a missing query", async () => {
    const first = await graphQuery(endpoints, token, { query: QUERY, options: { $top: 2 } });
    const other = await graphQuery(endpoints, token, {
      query: "resources | project id, name",
      options: { $skipToken: first.body.$skipToken },
    });
    expect(other.status).toBe(400);
    expectErrorResponse(other.body);
    expect(
      (await graphQuery(endpoints, token, { query: QUERY }, "2019-04-01")).body.error.code,
    ).toBe("InvalidApiVersionParameter");
    expect((await graphQuery(endpoints, token, { subscriptions: [] })).status).toBe(400);
  });

  it("gives one truncated page without a token when no id column keeps pages stable", async () => {
    const res = await graphQuery(endpoints, token, {
      query: "resources | project name",
      options: { $top: 3 },
    });
    expect(res.body).toMatchObject({ count: 3, resultTruncated: "true" });
    expect(res.body.$skipToken).toBeUndefined();
  });

  it("shows a reader only the subscriptions it can read, whatever it asks for", async () => {
    const support = await tokenFor(endpoints, "support");
    const all = await graphQuery(endpoints, support, {
      query: "resources | project id, subscriptionId",
      subscriptions: [
        "6b1f3e2a-4c5d-4e8f-9a0b-1c2d3e4f5a60",
        "8d2e4f6a-1b3c-4d5e-8f7a-9b0c1d2e3f41",
      ],
      options: { $top: 1000 },
    });
    expect(all.status).toBe(200);
    expect(new Set(all.body.data.map((r: { subscriptionId: string }) => r.subscriptionId))).toEqual(
      new Set(["6b1f3e2a-4c5d-4e8f-9a0b-1c2d3e4f5a60"]),
    );
  });

  it("answers 429 RateLimiting once the quota is spent, with when it resets", async () => {
    const answers = [];
    for (let i = 0; i < 16; i++)
      answers.push(await graphQuery(endpoints, token, { query: "resources | project id" }));
    const throttled = answers.find((a) => a.status === 429);
    expect(throttled).toBeDefined();
    expectErrorResponse(throttled!.body);
    expect(throttled!.body.error.code).toBe("RateLimiting");
    expect(throttled!.headers.get("x-ms-user-quota-remaining")).toBe("0");
    expect(throttled!.headers.get("x-ms-user-quota-resets-after")).toMatch(/^00:00:0[0-5]$/);
    const log = await control<{ path: string; status: number }[]>(endpoints, "requests?plane=arm");
    expect(log.filter((e) => e.path.startsWith(GRAPH_PATH)).some((e) => e.status === 429)).toBe(
      true,
    );
  });
});
