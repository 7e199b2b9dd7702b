import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/errors";
import { quotaOf } from "@/lib/azure/fleet/graph-client";
import { readAllPages, type GraphPage, type GraphRequest } from "@/lib/azure/fleet/graph-reader";

const headers = (h: Record<string, string>) => ({ get: (n: string) => h[n.toLowerCase()] });

/** A 429 as the SDK throws it, with Resource Graph's quota headers. */
function throttled(resetsAfter = "00:00:03") {
  return Object.assign(new Error("throttled"), {
    statusCode: 429,
    response: {
      headers: headers({
        "x-ms-user-quota-remaining": "0",
        "x-ms-user-quota-resets-after": resetsAfter,
      }),
    },
  });
}

function pages(
  total: number,
  size: number,
  quota: (page: number) => GraphPage["quota"] = () => ({ remaining: 10 }),
) {
  return (request: GraphRequest): GraphPage => {
    const offset = request.skipToken ? Number(request.skipToken) : 0;
    const rows = Array.from({ length: Math.min(size, total - offset) }, (_, i) => ({
      id: `r${offset + i}`,
    }));
    const next = offset + rows.length;
    return {
      rows,
      totalRecords: total,
      truncated: false,
      ...(next < total ? { skipToken: String(next) } : {}),
      quota: quota(offset / size),
    };
  };
}

function recorder() {
  const slept: number[] = [];
  return { slept, sleep: async (ms: number) => void slept.push(ms) };
}

describe("reading Resource Graph to the end", () => {
  it("follows $skipToken through every page, asking with the previous page's token", async () => {
    const tokens: (string | undefined)[] = [];
    const serve = pages(10_500, 1000);
    const { rows, stats } = await readAllPages(
      async (r) => {
        tokens.push(r.skipToken);
        return serve(r);
      },
      { query: "q", subscriptions: ["s"] },
      recorder(),
    );
    expect(rows).toHaveLength(10_500);
    expect(new Set(rows.map((r) => r.id)).size).toBe(10_500);
    expect(tokens).toEqual([
      undefined,
      ...Array.from({ length: 10 }, (_, i) => String((i + 1) * 1000)),
    ]);
    expect(stats).toEqual({ pages: 11, throttled: 0, waitedMs: 0 });
  });

  it("waits for the quota window before a page it has no quota left for", async () => {
    const time = recorder();
    const serve = pages(3000, 1000, (page) =>
      page === 0 ? { remaining: 0, resetsAfterMs: 2000 } : { remaining: 5 },
    );
    const { rows, stats } = await readAllPages(async (r) => serve(r), { query: "q" }, time);
    expect(rows).toHaveLength(3000);
    expect(time.slept).toEqual([2000]);
    expect(stats.throttled).toBe(0);
  });

  it("waits out a 429 for x-ms-user-quota-resets-after and asks for the same page again", async () => {
    const time = recorder();
    const serve = pages(2000, 1000);
    const asked: (string | undefined)[] = [];
    let failed = false;
    const { rows, stats } = await readAllPages(
      async (r) => {
        asked.push(r.skipToken);
        if (r.skipToken === "1000" && !failed) {
          failed = true;
          throw throttled("00:00:04");
        }
        return serve(r);
      },
      { query: "q" },
      time,
    );
    expect(rows).toHaveLength(2000);
    expect(asked).toEqual([undefined, "1000", "1000"]);
    expect(time.slept).toEqual([4000]);
    expect(stats).toMatchObject({ throttled: 1, waitedMs: 4000 });
  });

  it("gives up with a 429 ApiError when the quota would keep it waiting too long", async () => {
    const time = recorder();
    const read = readAllPages(
      async () => Promise.reject(throttled("00:00:10")),
      { query: "q" },
      {
        ...time,
        maxQuotaWaitMs: 15_000,
      },
    );
    await expect(read).rejects.toMatchObject({ status: 429, code: "ResourceGraphQuotaExceeded" });
    expect(time.slept).toEqual([10_000]);
  });

  it("passes any other error through at once", async () => {
    const refused = new ApiError(403, "AuthorizationFailed", "no");
    await expect(
      readAllPages(async () => Promise.reject(refused), { query: "q" }, recorder()),
    ).rejects.toBe(refused);
  });

  it("refuses a truncated answer it cannot page", async () => {
    await expect(
      readAllPages(
        async () => ({ rows: [], totalRecords: 5, truncated: true, quota: {} }),
        { query: "q" },
        recorder(),
      ),
    ).rejects.toMatchObject({ code: "ResourceGraphTruncated" });
  });

  it.each([
    [
      { "x-ms-user-quota-remaining": "14", "x-ms-user-quota-resets-after": "00:00:05" },
      { remaining: 14, resetsAfterMs: 5000 },
    ],
    [
      { "x-ms-user-quota-remaining": "0", "x-ms-user-quota-resets-after": "01:02:03" },
      { remaining: 0, resetsAfterMs: 3_723_000 },
    ],
    [{}, {}],
  ])("reads the quota headers %j", (h, quota) => {
    expect(quotaOf(headers(h))).toEqual(quota);
  });
});
