import { caFetch } from "../support/emulator-client";
import type { EmulatorEndpoints } from "../support/emulator-process";
import { armDirect } from "./console-api-support";

/**
 * Shared by the fleet integration tests: Resource Graph queried directly (no console code), and
 * what ARM itself lists, as references for what the console's fleet reading must return.
 */

export const GRAPH_PATH = "/providers/Microsoft.ResourceGraph/resources";

export interface GraphAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers;
}

/** One Resource Graph POST with a token, as any REST client would send it. */
export async function graphQuery(
  endpoints: EmulatorEndpoints,
  token: string,
  body: unknown,
  apiVersion = "2022-10-01",
): Promise<GraphAnswer> {
  const res = await caFetch(endpoints)(
    `${endpoints.armEndpoint}${GRAPH_PATH}?api-version=${apiVersion}`,
    {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    },
  );
  const text = await res.text();
  return {
    status: res.status,
    body: text ? JSON.parse(text) : undefined,
    headers: res.headers as unknown as Headers,
  };
}

interface ArmReplication {
  id: string;
  location: string;
  properties: {
    provisioningState: string;
    regionEndpointEnabled?: boolean;
    status?: { displayStatus?: string };
  };
}

/** Every registry ARM lists for the token, with its replicas (one list each). */
export async function armFleet(endpoints: EmulatorEndpoints, token: string) {
  const subs = await armDirect<{ subscriptionId: string }>(
    endpoints,
    token,
    "/subscriptions?api-version=2022-12-01",
  );
  const registries: {
    id: string;
    name: string;
    sku: { name: string };
    replicas: ArmReplication[];
  }[] = [];
  for (const { subscriptionId } of subs) {
    const list = await armDirect<{ id: string; name: string; sku: { name: string } }>(
      endpoints,
      token,
      `/subscriptions/${subscriptionId}/providers/Microsoft.ContainerRegistry/registries?api-version=2026-01-01-preview`,
    );
    for (const r of list) {
      const replicas =
        r.sku.name === "Premium"
          ? await armDirect<ArmReplication>(
              endpoints,
              token,
              `${r.id}/replications?api-version=2025-11-01`,
            )
          : [];
      registries.push({ ...r, replicas });
    }
  }
  return { subscriptionIds: subs.map((s) => s.subscriptionId), registries };
}

/** `id -> sorted replica regions`, to compare a reading with ARM. */
export function shapeOf(
  registries: { id: string; replicas: { location?: string; region?: string }[] }[],
) {
  return Object.fromEntries(
    registries
      .map(
        (r) =>
          [r.id.toLowerCase(), r.replicas.map((x) => x.region ?? x.location ?? "").sort()] as const,
      )
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}
