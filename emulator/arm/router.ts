import { listActivityLog } from "./activity-list";
import { registryApiVersion } from "./api-versions";
import { resourceGraphQuery } from "../graph";
import type { ArmContext, ArmRequest, ArmResult } from "./context";
import { armErrors } from "./errors";
import { authorize } from "./lookup";
import { asyncStatus, locationResult } from "./lro";
import { listPermissions } from "./permissions";
import { ACTIONS } from "./rbac";
import { getRegistry, listByResourceGroup, listBySubscription, patchRegistry } from "./registries";
import { getReplication, listReplications, patchReplication } from "./replications";
import { listResourcesInGroup, listResourcesInSubscription } from "./resources";
import { getSubscription, listSubscriptions } from "./subscriptions";
import { listTenants } from "./tenants";

type Params = string[];
type Handler = (ctx: ArmContext, req: ArmRequest, params: Params) => ArmResult;

interface Route {
  /** Segments; `{}` captures one. Matched case-insensitively, as ARM matches. */
  pattern: string[];
  methods: Partial<Record<string, Handler>>;
}

const RG = ["subscriptions", "{}", "resourcegroups", "{}"];
const REGISTRIES = [...RG, "providers", "microsoft.containerregistry", "registries"];
const REPLICATIONS = [...REGISTRIES, "{}", "replications"];

function pollOperation(kind: "operationstatuses" | "operationresults"): Handler {
  return (ctx, req, params) => {
    const id = params[params.length - 1] ?? "";
    registryApiVersion(req.url.searchParams, "registries", "global");
    const op = ctx.operations.get(id);
    const resourcePath = `/${req.segments.slice(0, -2).join("/")}`;
    if (!op || op.resourceId.toLowerCase() !== resourcePath.toLowerCase()) {
      throw armErrors.operationNotFound(id);
    }
    authorize(req, ACTIONS.operationStatusRead, op.resourceId);
    const wantsAsync = kind === "operationstatuses";
    if (wantsAsync !== (op.shape === "async")) throw armErrors.operationNotFound(id);
    return wantsAsync ? asyncStatus(ctx, op, req.url) : locationResult(ctx, op, req.url);
  };
}

const ROUTES: Route[] = [
  { pattern: ["tenants"], methods: { GET: (c, r) => listTenants(c, r) } },
  {
    pattern: ["providers", "microsoft.resourcegraph", "resources"],
    methods: { POST: (c, r) => resourceGraphQuery(c, r) },
  },
  { pattern: ["subscriptions"], methods: { GET: (c, r) => listSubscriptions(c, r) } },
  { pattern: ["subscriptions", "{}"], methods: { GET: (c, r, [s]) => getSubscription(c, r, s!) } },
  {
    pattern: [
      "subscriptions",
      "{}",
      "providers",
      "microsoft.insights",
      "eventtypes",
      "management",
      "values",
    ],
    methods: { GET: (c, r, [s]) => listActivityLog(c, r, s!) },
  },
  {
    pattern: ["subscriptions", "{}", "resources"],
    methods: { GET: (c, r, [s]) => listResourcesInSubscription(c, r, s!) },
  },
  {
    pattern: [...RG, "resources"],
    methods: { GET: (c, r, [s, g]) => listResourcesInGroup(c, r, s!, g!) },
  },
  {
    pattern: ["subscriptions", "{}", "providers", "microsoft.containerregistry", "registries"],
    methods: { GET: (c, r, [s]) => listBySubscription(c, r, s!) },
  },
  { pattern: REGISTRIES, methods: { GET: (c, r, [s, g]) => listByResourceGroup(c, r, s!, g!) } },
  {
    pattern: [...REGISTRIES, "{}"],
    methods: {
      GET: (c, r, [s, g, n]) => getRegistry(c, r, s!, g!, n!),
      PATCH: (c, r, [s, g, n]) => patchRegistry(c, r, s!, g!, n!),
    },
  },
  {
    pattern: REPLICATIONS,
    methods: { GET: (c, r, [s, g, n]) => listReplications(c, r, s!, g!, n!) },
  },
  {
    pattern: [...REPLICATIONS, "{}"],
    methods: {
      GET: (c, r, [s, g, n, x]) => getReplication(c, r, s!, g!, n!, x!),
      PATCH: (c, r, [s, g, n, x]) => patchReplication(c, r, s!, g!, n!, x!),
    },
  },
  {
    pattern: [...REGISTRIES, "{}", "operationstatuses", "{}"],
    methods: { GET: pollOperation("operationstatuses") },
  },
  {
    pattern: [...REGISTRIES, "{}", "operationresults", "{}"],
    methods: { GET: pollOperation("operationresults") },
  },
  {
    pattern: [...REPLICATIONS, "{}", "operationstatuses", "{}"],
    methods: { GET: pollOperation("operationstatuses") },
  },
  {
    pattern: [...REPLICATIONS, "{}", "operationresults", "{}"],
    methods: { GET: pollOperation("operationresults") },
  },
];

function match(pattern: string[], segments: string[]): Params | null {
  if (pattern.length !== segments.length) return null;
  const params: Params = [];
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const s = segments[i]!;
    if (p === "{}") params.push(s);
    else if (p !== s.toLowerCase()) return null;
  }
  return params;
}

const PERMISSIONS_SUFFIX = ["providers", "microsoft.authorization", "permissions"];

/** Finds the handler of an ARM request; throws ArmError 404/405 when there is none. */
export function route(ctx: ArmContext, req: ArmRequest): ArmResult {
  const { segments, method } = req;
  const tail = segments.slice(-3).map((s) => s.toLowerCase());
  if (segments.length > 3 && tail.join("/") === PERMISSIONS_SUFFIX.join("/")) {
    if (method !== "GET") throw armErrors.methodNotEmulated(method, req.url.pathname);
    return listPermissions(ctx, req, `/${segments.slice(0, -3).join("/")}`);
  }
  for (const r of ROUTES) {
    const params = match(r.pattern, segments);
    if (!params) continue;
    const handler = r.methods[method];
    if (!handler) throw armErrors.methodNotEmulated(method, req.url.pathname);
    return handler(ctx, req, params);
  }
  throw armErrors.noRoute(method, req.url.pathname);
}
