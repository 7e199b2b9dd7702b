import {
  createHttpHeaders,
  type HttpClient,
  type PipelineRequest,
  type PipelineResponse,
} from "@azure/core-rest-pipeline";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createArmClients } from "@/lib/azure/client";
import { setGlobalEndpointRouting } from "@/lib/azure/mutations/global-routing";
import { setRegionalEndpoints } from "@/lib/azure/mutations/regional-endpoints";
import { ApiError } from "@/lib/errors";

/*
 * The caller's token goes with every request of a change, status polls included. A status URL
 * that ARM (or whatever answers as ARM) points at another host must not be followed: both
 * switches refuse it the same way, and no request reaches that host. ARM here is a fake HTTP
 * client behind the real SDK pipeline.
 */

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const CLIENT = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";
const SUB = "6b1f3e2a-4c5d-4e8f-9a0b-1c2d3e4f5a60";
const REGISTRY = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/contosoprod`;
const caller = { token: "caller-token", expiresOnTimestamp: Date.now() + 3_600_000 };
const ref = { subscriptionId: SUB, resourceGroup: "rg", name: "contosoprod" };

const registryBody = {
  id: REGISTRY,
  name: "contosoprod",
  location: "eastus",
  sku: { name: "Premium" },
  properties: { loginServer: "contosoprod.azurecr.io", provisioningState: "Succeeded" },
};
const replicationBody = {
  id: `${REGISTRY}/replications/westeurope`,
  name: "westeurope",
  location: "westeurope",
  properties: { provisioningState: "Succeeded", regionEndpointEnabled: true },
};

/** A fake ARM: PATCH answers with a status URL on `statusHost`; everything is recorded. */
function fakeArm(statusHeader: "azure-asyncoperation" | "location", statusHost: string) {
  const sent: { method: string; url: string; authorization?: string }[] = [];
  const httpClient: HttpClient = {
    async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      sent.push({
        method: request.method,
        url: request.url,
        authorization: request.headers.get("authorization"),
      });
      const url = new URL(request.url);
      const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
        status,
        request,
        headers: createHttpHeaders({
          "content-type": "application/json",
          "x-ms-request-id": `req-${sent.length}`,
          ...headers,
        }),
        bodyAsText: JSON.stringify(body),
      });
      if (request.method === "PATCH") {
        return answer(
          statusHeader === "location" ? 202 : 201,
          url.pathname.includes("/replications/") ? replicationBody : registryBody,
          {
            [statusHeader]: `https://${statusHost}/operations/op-1?api-version=2025-11-01`,
            "retry-after": "0",
          },
        );
      }
      if (url.hostname !== "management.azure.com") return answer(200, { status: "Succeeded" });
      return answer(200, url.pathname.includes("/replications/") ? replicationBody : registryBody);
    },
  };
  return { httpClient, sent };
}

beforeEach(() => {
  vi.stubEnv("CONSOLE_MODE", "azure");
  vi.stubEnv("AZURE_TENANT_ID", TENANT);
  vi.stubEnv("AZURE_CLIENT_ID", CLIENT);
  vi.stubEnv("ARM_ENDPOINT", "");
  vi.stubEnv("EMULATOR_ENDPOINTS_FILE", "");
});
afterEach(() => vi.unstubAllEnvs());

const changes: [string, (clients: ReturnType<typeof createArmClients>) => Promise<unknown>][] = [
  [
    "global endpoint routing (the typed SDK's poller)",
    (clients) =>
      setGlobalEndpointRouting(clients, { ...ref, replicationName: "westeurope" }, false, "eastus"),
  ],
  [
    "regional endpoints (the console's own poller)",
    (clients) => setRegionalEndpoints(clients, ref, "Enabled"),
  ],
];

describe.each(changes)("%s", (_, change) => {
  it.each(["azure-asyncoperation", "location"] as const)(
    "refuses a %s status URL on another host, and sends it nothing",
    async (header) => {
      const arm = fakeArm(header, "evil.example");
      const clients = createArmClients(caller, { httpClient: arm.httpClient });
      const error = await change(clients).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(502);
      expect((error as ApiError).code).toBe("UnexpectedOperationUrl");
      expect(arm.sent.map((r) => new URL(r.url).hostname)).not.toContain("evil.example");
      expect(arm.sent.every((r) => new URL(r.url).origin === "https://management.azure.com")).toBe(
        true,
      );
    },
  );

  it("follows a status URL on ARM itself", async () => {
    const arm = fakeArm("azure-asyncoperation", "management.azure.com");
    const clients = createArmClients(caller, { httpClient: arm.httpClient });
    await expect(change(clients)).resolves.toBeDefined();
    expect(arm.sent.some((r) => r.url.includes("/operations/op-1"))).toBe(true);
    expect(arm.sent.every((r) => r.authorization === "Bearer caller-token")).toBe(true);
  });
});
