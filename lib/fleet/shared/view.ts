import { replicaStatus } from "./attention";
import { ATTENTION_REASONS, type AttentionItem, type AttentionReason } from "./types";
import type { FleetRegistry } from "./types";
import type { Sku } from "@/lib/types";

/**
 * The fleet page's filters and sort, as kept in the URL so a shared link reproduces the view:
 * `?subscription=&rg=&region=&sku=&state=&reason=&q=&sort=&dir=`.
 */

export const FLEET_SORT_KEYS = [
  "name",
  "subscription",
  "resourceGroup",
  "location",
  "sku",
  "replicas",
  "ready",
  "attention",
  "availability",
] as const;
export type FleetSortKey = (typeof FLEET_SORT_KEYS)[number];
const SKUS: readonly Sku[] = ["Basic", "Standard", "Premium"];

export interface FleetView {
  q: string;
  subscription: string | null;
  resourceGroup: string | null;
  region: string | null;
  sku: Sku | null;
  /** A replica status (Ready, Syncing, Failed, Updating, ...). */
  state: string | null;
  reason: AttentionReason | null;
  sort: FleetSortKey;
  dir: "asc" | "desc";
}

export const DEFAULT_FLEET_VIEW: FleetView = {
  q: "",
  subscription: null,
  resourceGroup: null,
  region: null,
  sku: null,
  state: null,
  reason: null,
  sort: "attention",
  dir: "desc",
};

interface ParamsLike {
  get(name: string): string | null;
}

const text = (value: string | null, max = 200) => {
  const v = value?.trim() ?? "";
  return v === "" ? null : v.slice(0, max);
};

/** Reads a view from URL search params; unknown values fall back to the defaults. */
export function parseFleetView(params: ParamsLike): FleetView {
  const sku = params.get("sku");
  const sort = params.get("sort");
  const reason = params.get("reason");
  return {
    q: text(params.get("q")) ?? "",
    subscription: text(params.get("subscription")),
    resourceGroup: text(params.get("rg")),
    region: text(params.get("region"))?.toLowerCase() ?? null,
    sku: SKUS.find((s) => s.toLowerCase() === sku?.toLowerCase()) ?? null,
    state: text(params.get("state"), 40),
    reason: ATTENTION_REASONS.find((r) => r === reason) ?? null,
    sort: FLEET_SORT_KEYS.find((k) => k === sort) ?? DEFAULT_FLEET_VIEW.sort,
    dir:
      params.get("dir") === "asc"
        ? "asc"
        : params.get("dir") === "desc"
          ? "desc"
          : DEFAULT_FLEET_VIEW.dir,
  };
}

/** The query string of a view without its defaults (`""` for the default view). */
export function fleetViewQuery(view: FleetView): string {
  const params = new URLSearchParams();
  if (view.q) params.set("q", view.q);
  if (view.subscription) params.set("subscription", view.subscription);
  if (view.resourceGroup) params.set("rg", view.resourceGroup);
  if (view.region) params.set("region", view.region);
  if (view.sku) params.set("sku", view.sku);
  if (view.state) params.set("state", view.state);
  if (view.reason) params.set("reason", view.reason);
  if (view.sort !== DEFAULT_FLEET_VIEW.sort || view.dir !== DEFAULT_FLEET_VIEW.dir) {
    params.set("sort", view.sort);
    params.set("dir", view.dir);
  }
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** Whether any filter narrows the view (sort aside). */
export function isFiltered(view: FleetView): boolean {
  return Boolean(
    view.q ||
    view.subscription ||
    view.resourceGroup ||
    view.region ||
    view.sku ||
    view.state ||
    view.reason,
  );
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function matchesRegistry(
  registry: FleetRegistry,
  view: FleetView,
  items: readonly AttentionItem[],
  subscriptionName: (id: string) => string,
): boolean {
  if (view.subscription && !same(registry.subscriptionId, view.subscription)) return false;
  if (view.resourceGroup && !same(registry.resourceGroup, view.resourceGroup)) return false;
  if (view.sku && registry.sku !== view.sku) return false;
  if (
    view.region &&
    !registry.replicas.some((r) => r.region === view.region) &&
    registry.location !== view.region
  )
    return false;
  if (view.state && !registry.replicas.some((r) => same(replicaStatus(r), view.state!)))
    return false;
  if (view.reason && !items.some((i) => i.reason === view.reason)) return false;
  const needle = view.q.toLowerCase();
  if (
    needle &&
    ![
      registry.name,
      registry.loginServer,
      registry.resourceGroup,
      subscriptionName(registry.subscriptionId),
    ].some((f) => f.toLowerCase().includes(needle))
  )
    return false;
  return true;
}

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

function sortValue(
  registry: FleetRegistry,
  key: FleetSortKey,
  attention: number,
  subscriptionName: (id: string) => string,
  availability: (registry: FleetRegistry) => number | null,
): string | number | null {
  switch (key) {
    case "name":
      return registry.name;
    case "subscription":
      return subscriptionName(registry.subscriptionId);
    case "resourceGroup":
      return registry.resourceGroup;
    case "location":
      return registry.location;
    case "sku":
      return SKUS.indexOf(registry.sku);
    case "replicas":
      return registry.replicas.length;
    case "ready":
      return registry.replicas.filter((r) => replicaStatus(r) === "Ready").length;
    case "attention":
      return attention;
    case "availability":
      return availability(registry);
  }
}

/**
 * The registries a view shows, in its order (ties by name), with the attention items of each
 * that pass the view's reason and region filters.
 */
export function applyFleetView(
  registries: readonly FleetRegistry[],
  byRegistry: ReadonlyMap<string, AttentionItem[]>,
  view: FleetView,
  subscriptionName: (id: string) => string = (id) => id,
  /** The registry's lowest replica availability (percent), null without figures. */
  availability: (registry: FleetRegistry) => number | null = () => null,
): FleetRegistry[] {
  const itemsOf = (r: FleetRegistry) => byRegistry.get(r.id.toLowerCase()) ?? [];
  const shown = registries.filter((r) => matchesRegistry(r, view, itemsOf(r), subscriptionName));
  const sign = view.dir === "desc" ? -1 : 1;
  const keyed = shown.map((r) => ({
    r,
    v: sortValue(r, view.sort, itemsOf(r).length, subscriptionName, availability),
  }));
  keyed.sort((a, b) => {
    // Values a registry lacks (no availability figures) come last, either way.
    if (a.v === null || b.v === null) {
      if (a.v !== b.v) return a.v === null ? 1 : -1;
      return collator.compare(a.r.name, b.r.name);
    }
    const c =
      typeof a.v === "number" && typeof b.v === "number"
        ? a.v - b.v
        : collator.compare(String(a.v), String(b.v));
    return sign * c || collator.compare(a.r.name, b.r.name);
  });
  return keyed.map((k) => k.r);
}

/** The attention items the view shows: of the registries shown, its reason and region. */
export function filterAttention(
  items: readonly AttentionItem[],
  shownRegistries: readonly FleetRegistry[],
  view: FleetView,
): AttentionItem[] {
  const ids = new Set(shownRegistries.map((r) => r.id.toLowerCase()));
  return items.filter(
    (i) =>
      ids.has(i.registryId.toLowerCase()) &&
      (!view.reason || i.reason === view.reason) &&
      (!view.region || i.region === null || i.region === view.region),
  );
}

/** The regions the grid shows as columns: every replica region of the shown registries, sorted. */
export function regionColumns(registries: readonly FleetRegistry[], view: FleetView): string[] {
  if (view.region) return [view.region];
  const regions = new Set<string>();
  for (const r of registries) for (const replica of r.replicas) regions.add(replica.region);
  return [...regions].sort();
}
