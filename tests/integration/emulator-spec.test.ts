import type { ValidateFunction } from "ajv/dist/2019";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { automationToken, caFetch, control } from "../support/emulator-client";
import { SPEC_MISSING, SPEC_PRESENT, SPECS, specValidators } from "../support/spec-validator";

/*
 * Every response shape the console reads, fetched live from the emulator, validated against the
 * official Microsoft.ContainerRegistry spec (2026-01-01-preview) and the common types it refers
 * to. Objects the spec defines may not carry properties it does not define.
 */

const endpoints = inject("emulator");
const fetch = caFetch(endpoints);
const PROD = "6b1f3e2a-4c5d-4e8f-9a0b-1c2d3e4f5a60";
const SHARED = "c4e6a8b0-2d4f-4a6c-8e0b-2d4f6a8c0e12";

/** Written when the responses were validated, so that CI can tell the file did not skip. */
const RAN_MARKER = resolve(process.cwd(), "test-results/emulator-spec.json");
if (!SPEC_PRESENT) console.warn(`emulator-spec: skipped, ${SPEC_MISSING}`);
const describeWithSpec = SPEC_PRESENT ? describe : describe.skip;

let validators: Record<string, ValidateFunction>;
let token: string;
let validated = 0;

beforeAll(async () => {
  if (!SPEC_PRESENT) return;
  validators = specValidators([
    "Registry",
    "RegistryListResult",
    "Replication",
    "ReplicationListResult",
  ]);
  token = await automationToken(endpoints);
});

beforeEach(async () => {
  if (SPEC_PRESENT) await control(endpoints, "reset");
});

afterAll(() => {
  if (validated === 0) return;
  mkdirSync(dirname(RAN_MARKER), { recursive: true });
  writeFileSync(RAN_MARKER, JSON.stringify({ specs: SPECS, validated }) + "\n");
});

async function get(path: string): Promise<unknown> {
  const url = path.startsWith("https:") ? path : `${endpoints.armEndpoint}${path}`;
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return res.json();
}

function expectValid(definition: string, body: unknown) {
  const validate = validators[definition]!;
  const ok = validate(body);
  validated += 1;
  expect(ok ? [] : validate.errors, `${definition}: ${JSON.stringify(body).slice(0, 300)}`).toEqual(
    [],
  );
}

const REGISTRIES = `/subscriptions/${PROD}/providers/Microsoft.ContainerRegistry/registries`;

describeWithSpec.each(["2025-11-01", "2026-01-01-preview"])(
  "responses at api-version %s",
  (version) => {
    it("registry lists, pages and registries validate", async () => {
      let next: string | undefined = `${REGISTRIES}?api-version=${version}`;
      let pages = 0;
      const ids: string[] = [];
      while (next) {
        const page = (await get(next)) as { value: { id: string }[]; nextLink?: string };
        expectValid("RegistryListResult", page);
        ids.push(...page.value.map((r) => r.id));
        next = page.nextLink;
        pages += 1;
      }
      expect(pages).toBeGreaterThan(1);
      for (const id of ids) expectValid("Registry", await get(`${id}?api-version=${version}`));
    });

    it("replication lists and replications validate", async () => {
      const registry = `/subscriptions/${PROD}/resourceGroups/rg-registry-prod/providers/Microsoft.ContainerRegistry/registries/contosoprod`;
      const page = (await get(`${registry}/replications?api-version=${version}`)) as {
        value: { id: string }[];
        nextLink?: string;
      };
      expectValid("ReplicationListResult", page);
      expect(page.nextLink).toBeTruthy();
      for (const { id } of page.value)
        expectValid("Replication", await get(`${id}?api-version=${version}`));
      const syncing = `/subscriptions/${PROD}/resourceGroups/rg-ml-prod/providers/Microsoft.ContainerRegistry/registries/contosoml/replications/centralindia`;
      expectValid("Replication", await get(`${syncing}?api-version=${version}`));
    });

    it("the bodies of long-running PATCHes validate", async () => {
      const registry = `${endpoints.armEndpoint}/subscriptions/${SHARED}/resourceGroups/rg-shared-images/providers/Microsoft.ContainerRegistry/registries/sharedbase`;
      const patch = (url: string, body: unknown) =>
        fetch(url, {
          method: "PATCH",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        }).then(async (res) => ({ status: res.status, body: (await res.json()) as unknown }));
      const onRegistry = await patch(`${registry}?api-version=${version}`, {
        properties: { dataEndpointEnabled: false },
      });
      expect(onRegistry.status).toBe(201);
      expectValid("Registry", onRegistry.body);
      const onReplica = await patch(
        `${registry}/replications/koreacentral?api-version=${version}`,
        {
          properties: { regionEndpointEnabled: false },
        },
      );
      expect(onReplica.status).toBe(201);
      expectValid("Replication", onReplica.body);
    });
  },
);

describeWithSpec("the validator itself", () => {
  it("rejects a registry with a property the spec does not define", () => {
    const validate = validators.Registry!;
    const registry = {
      id: "/subscriptions/x/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/r",
      name: "r",
      type: "Microsoft.ContainerRegistry/registries",
      location: "eastus",
      sku: { name: "Premium", tier: "Premium" },
      properties: { regionalEndpoint: "Enabled" },
    };
    expect(validate(registry)).toBe(false);
    expect(validate({ ...registry, properties: { regionalEndpoints: "Enabled" } })).toBe(true);
  });
});
