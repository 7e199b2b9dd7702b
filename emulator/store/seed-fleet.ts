import type { PrincipalState, Sku } from "./types";

/*
 * The emulated fleet as data; seed.ts turns it into state. The table in emulator/README.md
 * describes it; keep both in step.
 */

export const SUBSCRIPTIONS = {
  production: "6b1f3e2a-4c5d-4e8f-9a0b-1c2d3e4f5a60",
  staging: "8d2e4f6a-1b3c-4d5e-8f7a-9b0c1d2e3f41",
  shared: "c4e6a8b0-2d4f-4a6c-8e0b-2d4f6a8c0e12",
} as const;

/** Round trips as seen from a console hosted in East US. */
export const REGION_RTT_MS: Record<string, number> = {
  eastus: 2,
  eastus2: 5,
  canadacentral: 18,
  centralus: 24,
  westus2: 64,
  northeurope: 72,
  uksouth: 75,
  westeurope: 80,
  brazilsouth: 120,
  japaneast: 150,
  koreacentral: 170,
  centralindia: 190,
  australiaeast: 200,
  southeastasia: 220,
};

export interface RegistrySeed {
  sub: keyof typeof SUBSCRIPTIONS;
  rg: string;
  name: string;
  location: string;
  sku: Sku;
  loginLabel?: string;
  regionalEndpoints?: boolean;
  dataEndpointEnabled?: boolean;
  zoneRedundancy?: boolean;
  tags: Record<string, string>;
  /** Replica regions after the home region (Premium only). */
  replicas?: string[];
  /** Replicas excluded from routing of the global name. */
  excluded?: string[];
  /** Replicas still receiving content. */
  syncing?: string[];
  repos: Record<string, string[]>;
  /**
   * `repository:tag` whose newest push has not yet reached these replicas (replication under
   * way): they hold the previous digest.
   */
  diverged?: Record<string, string[]>;
}

export const REGISTRIES: RegistrySeed[] = [
  {
    sub: "production",
    rg: "rg-registry-prod",
    name: "contosoprod",
    location: "eastus",
    sku: "Premium",
    regionalEndpoints: true,
    zoneRedundancy: true,
    tags: { env: "prod", owner: "platform-team" },
    replicas: [
      "westeurope",
      "southeastasia",
      "japaneast",
      "australiaeast",
      "brazilsouth",
      "uksouth",
    ],
    repos: {
      "web/frontend": ["1.4.2", "latest"],
      "api/orders": ["2.0.1", "latest"],
      "web/checkout": ["3.1.0"],
    },
    diverged: { "web/checkout:3.1.0": ["brazilsouth"] },
  },
  {
    sub: "production",
    rg: "rg-web-prod",
    name: "contosoweb",
    location: "westeurope",
    sku: "Premium",
    loginLabel: "contosoweb-d7ahbgchb9e6f0h4",
    tags: { env: "prod", owner: "web-team" },
    replicas: ["eastus", "uksouth"],
    excluded: ["uksouth"],
    repos: { storefront: ["3.2.0", "latest"] },
  },
  {
    sub: "production",
    rg: "rg-ml-prod",
    name: "contosoml",
    location: "eastus",
    sku: "Premium",
    tags: { env: "prod", owner: "ml-team" },
    replicas: ["japaneast", "centralindia"],
    syncing: ["centralindia"],
    repos: { "models/resnet": ["v3", "v2"], "serving/triton": ["24.08"] },
  },
  {
    sub: "production",
    rg: "rg-ci",
    name: "contosobuild",
    location: "eastus",
    sku: "Standard",
    tags: { env: "ci" },
    repos: { "ci/runner": ["2.319.1"] },
  },
  {
    sub: "staging",
    rg: "rg-staging",
    name: "fabrikamstaging",
    location: "westus2",
    sku: "Premium",
    tags: { env: "staging" },
    replicas: ["eastus"],
    repos: { "web/frontend": ["1.5.0-rc.1"] },
  },
  {
    sub: "staging",
    rg: "rg-dev",
    name: "fabrikamdev",
    location: "eastus",
    sku: "Basic",
    tags: { env: "dev" },
    repos: { sandbox: ["latest"] },
  },
  {
    sub: "shared",
    rg: "rg-shared-images",
    name: "sharedbase",
    location: "northeurope",
    sku: "Premium",
    dataEndpointEnabled: true,
    zoneRedundancy: true,
    tags: { env: "shared", owner: "platform-team", purpose: "base-images" },
    replicas: ["eastus", "southeastasia", "australiaeast", "koreacentral"],
    repos: { "base/ubuntu": ["24.04", "22.04"], "base/node": ["20-slim", "22-slim"] },
  },
  {
    sub: "shared",
    rg: "rg-shared-tools",
    name: "sharedtools",
    location: "eastus",
    sku: "Standard",
    tags: { env: "shared", owner: "tools-team" },
    repos: { "tools/terraform": ["1.9.5"] },
  },
];

export const PRINCIPALS: PrincipalState[] = [
  {
    kind: "user",
    objectId: "0b7e5c1d-2f3a-4b6c-8d9e-1a2b3c4d5e61",
    displayName: "Olivia Operator",
    username: "operator@contoso.example",
    password: "Operator-demo-1",
    persona: "operator",
    assignments: [{ scope: "/", role: "Contributor" }],
  },
  {
    kind: "user",
    objectId: "1c8f6d2e-3a4b-4c7d-9e0f-2b3c4d5e6f72",
    displayName: "Tomas Teamlead",
    username: "teamlead@contoso.example",
    password: "Teamlead-demo-1",
    persona: "teamlead",
    assignments: [{ scope: "/", role: "Reader" }],
  },
  {
    kind: "user",
    objectId: "2d9a7e3f-4b5c-4d8e-af10-3c4d5e6f7a83",
    displayName: "Sam Support",
    username: "support@contoso.example",
    password: "Support-demo-1",
    persona: "support",
    assignments: [{ scope: `/subscriptions/${SUBSCRIPTIONS.production}`, role: "Reader" }],
  },
  {
    // Reads every registry setting of Contoso Production through ARM, pulls no image: the custom
    // role is Reader without `registries/pull/read` (arm/rbac.ts).
    kind: "user",
    objectId: "4f1c9a5b-6d7e-4fa0-8b13-5e6f7a8b9ca5",
    displayName: "Avery Auditor",
    username: "auditor@contoso.example",
    password: "Auditor-demo-1",
    persona: "auditor",
    assignments: [
      {
        scope: `/subscriptions/${SUBSCRIPTIONS.production}`,
        role: "Registry Configuration Reader",
      },
    ],
  },
  {
    kind: "app",
    objectId: "3e0b8f4a-5c6d-4e9f-b021-4d5e6f7a8b94",
    displayName: "ACR automation",
    clientId: "5a1d9b3c-6e7f-4a0b-8c2d-5e6f7a8b9c05",
    clientSecret: "automation-demo-secret-7Qv2",
    persona: "automation",
    assignments: [{ scope: "/", role: "Contributor" }],
  },
];
