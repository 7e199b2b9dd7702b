import { describe, expect, it } from "vitest";
import type { ArmClients } from "@/lib/azure/client";
import { ReadPacer } from "@/lib/azure/fleet/read-pacer";
import { readFleet } from "@/lib/azure/fleet/reading";
import type { GraphPage } from "@/lib/azure/fleet/graph-reader";
import { ApiError } from "@/lib/errors";

const SUB = "6b1f3e2a-4c5d-4e8f-9a0b-1c2d3e4f5a60";
const REGISTRY = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/alpha`;

/** ARM as a table of answers by path; records what was asked. */
function fakeArm(
  answers: Record<string, { status: number; body: unknown; headers?: Record<string, string> }[]>,
) {
  const asked: string[] = [];
  const clients = {
    armEndpoint: "https://arm.test",
    context: () => ({
      pathUnchecked: (path: string) => ({
        get: async () => {
          const key = path.split("?")[0]!;
          asked.push(key);
          const queue = answers[key];
          const answer = queue && (queue.length > 1 ? queue.shift()! : queue[0]!);
          if (!answer)
            return {
              status: "404",
              headers: {},
              body: { error: { code: "NotFound", message: key } },
            };
          return {
            status: String(answer.status),
            headers: answer.headers ?? {},
            body: answer.body,
          };
        },
      }),
    }),
    typed: () => {
      throw new Error("not used");
    },
  } as unknown as ArmClients;
  return { clients, asked };
}

const subscriptions = {
  status: 200,
  body: { value: [{ subscriptionId: SUB, displayName: "Prod", state: "Enabled" }] },
};
const registries = {
  status: 200,
  body: {
    value: [
      {
        id: REGISTRY,
        name: "alpha",
        location: "eastus",
        sku: { name: "Premium" },
        properties: { loginServer: "alpha.azurecr.io", regionalEndpoints: "Disabled" },
      },
    ],
  },
};
const replications = {
  status: 200,
  body: {
    value: ["eastus", "westeurope"].map((region) => ({
      id: `${REGISTRY}/replications/${region}`,
      name: region,
      location: region,
      properties: { provisioningState: "Succeeded", status: { displayStatus: "Ready" } },
    })),
  },
};
const arm = () =>
  fakeArm({
    "/subscriptions": [subscriptions],
    [`/subscriptions/${SUB}/providers/Microsoft.ContainerRegistry/registries`]: [registries],
    [`${REGISTRY}/replications`]: [replications],
  });
const caller = { token: "t", expiresOnTimestamp: Date.now() + 3_600_000 };
const fastPacer = () => new ReadPacer(100, 100, Date.now, async () => undefined);

describe("reading the fleet", () => {
  it("reads Resource Graph, and ARM only for the subscriptions", async () => {
    const { clients, asked } = arm();
    const page: GraphPage = {
      rows: [
        {
          id: REGISTRY,
          type: "microsoft.containerregistry/registries",
          name: "alpha",
          location: "eastus",
          sku: "Premium",
          loginServer: "alpha.azurecr.io",
        },
        {
          id: `${REGISTRY}/replications/eastus`,
          type: "microsoft.containerregistry/registries/replications",
          location: "eastus",
        },
      ],
      totalRecords: 2,
      truncated: false,
      quota: { remaining: 14 },
    };
    const reading = await readFleet(clients, caller, { sendGraphPage: async () => page });
    expect(reading.source).toBe("resource-graph");
    expect(reading.registries.map((r) => [r.name, r.replicas.length, r.regionalEndpoints])).toEqual(
      [["alpha", 1, "Unknown"]],
    );
    expect(asked).toEqual(["/subscriptions"]);
  });

  it.each([
    [403, "AuthorizationFailed"],
    [503, "ServiceUnavailable"],
    [429, "ResourceGraphQuotaExceeded"],
  ])(
    "falls back to ARM's lists when Resource Graph answers %i, and says why",
    async (status, code) => {
      const { clients, asked } = arm();
      const refuse = async () => Promise.reject(new ApiError(status, code, "refused"));
      const reading = await readFleet(clients, caller, {
        sendGraphPage: refuse,
        fallback: { pacer: fastPacer() },
        sleep: async () => undefined,
      });
      expect(reading.source).toBe("arm");
      expect(reading.fallbackReason).toMatchObject({ status, code });
      expect(
        reading.registries.map((r) => [
          r.name,
          r.replicas.map((x) => x.region),
          r.regionalEndpoints,
        ]),
      ).toEqual([["alpha", ["eastus", "westeurope"], "Disabled"]]);
      expect(asked).toContain(`${REGISTRY}/replications`);
    },
  );

  it("does not read ARM when Resource Graph rejects the token", async () => {
    const { clients, asked } = arm();
    const reject = async () =>
      Promise.reject(new ApiError(401, "InvalidAuthenticationToken", "no"));
    await expect(readFleet(clients, caller, { sendGraphPage: reject })).rejects.toMatchObject({
      status: 401,
    });
    expect(asked).toEqual(["/subscriptions"]);
  });

  it("waits out an ARM 429 in the fallback and reads the list again", async () => {
    const throttled = {
      status: 429,
      headers: { "retry-after": "2" },
      body: { error: { code: "SubscriptionRequestsThrottled", message: "slow down" } },
    };
    const { clients } = fakeArm({
      "/subscriptions": [subscriptions],
      [`/subscriptions/${SUB}/providers/Microsoft.ContainerRegistry/registries`]: [
        throttled,
        registries,
      ],
      [`${REGISTRY}/replications`]: [replications],
    });
    const paused: number[] = [];
    const pacer = fastPacer();
    const pause = pacer.pause.bind(pacer);
    pacer.pause = (seconds) => {
      paused.push(seconds);
      pause(0);
    };
    const reading = await readFleet(clients, caller, { forceArm: true, fallback: { pacer } });
    expect(paused).toEqual([2]);
    expect(reading.stats.arm).toMatchObject({ throttled: 1 });
    expect(reading.failures).toEqual([]);
    expect(reading.registries).toHaveLength(1);
  });
});
