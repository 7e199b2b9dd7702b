import type { Registry, Sku } from "@/lib/types";

/** Columns the inventory can be sorted by; each is a URL value. */
export const SORT_KEYS = [
  "name",
  "resourceGroup",
  "subscription",
  "location",
  "sku",
  "replicas",
  "regional",
  "data",
  "state",
  "ready",
  "attention",
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = "asc" | "desc";
export const SKUS: readonly Sku[] = ["Basic", "Standard", "Premium"];

/** The inventory's filters and sort, as kept in the URL (`?q=&sku=&subscription=&sort=&dir=`). */
export interface InventoryView {
  q: string;
  sku: Sku | null;
  subscription: string | null;
  sort: SortKey;
  dir: SortDirection;
}

export const DEFAULT_VIEW: InventoryView = {
  q: "",
  sku: null,
  subscription: null,
  sort: "name",
  dir: "asc",
};

interface ParamsLike {
  get(name: string): string | null;
}

/** Reads a view from URL search params; unknown values fall back to the defaults. */
export function parseInventoryView(params: ParamsLike): InventoryView {
  const sku = params.get("sku");
  const sort = params.get("sort");
  const dir = params.get("dir");
  return {
    q: params.get("q") ?? "",
    sku: SKUS.find((s) => s.toLowerCase() === sku?.toLowerCase()) ?? null,
    subscription: params.get("subscription") || null,
    sort: SORT_KEYS.find((k) => k === sort) ?? DEFAULT_VIEW.sort,
    dir: dir === "desc" ? "desc" : "asc",
  };
}

/** The query string of a view, without the defaults (`""` for the default view). */
export function inventoryViewQuery(view: InventoryView): string {
  const params = new URLSearchParams();
  if (view.q) params.set("q", view.q);
  if (view.sku) params.set("sku", view.sku);
  if (view.subscription) params.set("subscription", view.subscription);
  if (view.sort !== DEFAULT_VIEW.sort || view.dir !== DEFAULT_VIEW.dir) {
    params.set("sort", view.sort);
    params.set("dir", view.dir);
  }
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** On / Off / Not available, as the inventory shows regional endpoints. */
export function regionalEndpointsLabel(registry: Pick<Registry, "regionalEndpoints">): string {
  if (registry.regionalEndpoints === "Enabled") return "On";
  if (registry.regionalEndpoints === "Disabled") return "Off";
  return "Not available";
}

type SubscriptionName = (subscriptionId: string) => string;

function sortValue(
  registry: Registry,
  key: SortKey,
  subscriptionName: SubscriptionName,
): string | number {
  switch (key) {
    case "name":
      return registry.name;
    case "resourceGroup":
      return registry.resourceGroup;
    case "subscription":
      return subscriptionName(registry.subscriptionId);
    case "location":
      return registry.location;
    case "sku":
      return SKUS.indexOf(registry.sku);
    case "replicas":
      return registry.replicaCount ?? -1;
    case "regional":
      return regionalEndpointsLabel(registry);
    case "data":
      return registry.dataEndpointEnabled ? 1 : 0;
    case "state":
      return registry.provisioningState;
    case "ready":
      return registry.health ? registry.health.readyReplicas - registry.health.replicas : 1;
    case "attention":
      return registry.health?.attention ?? -1;
  }
}

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/**
 * Each registry's place in one column's order (equal values share a place), for one list of
 * registries: the text columns are collated once per list and column, so that sorting compares
 * numbers, not strings through the collator (a thousand rows take ten thousand comparisons).
 */
type Ranks = Map<Registry, number>;
const rankCache = new WeakMap<
  readonly Registry[],
  Map<SortKey, { subscriptionName: SubscriptionName; ranks: Ranks }>
>();

/**
 * The last places computed per column. A list whose texts were all placed before reuses them
 * (places only need to compare right among themselves): the inventory's whole answer repeats
 * the registries its parts listed, and collating a thousand names again would cost the frame
 * that shows it.
 */
const lastPlaces = new Map<SortKey, Map<string, number>>();

/** Each text's place in collation order (equal texts share a place). */
function placesOf(key: SortKey, texts: readonly string[]): Map<string, number> {
  const previous = lastPlaces.get(key);
  if (previous && texts.every((text) => previous.has(text))) return previous;
  const sorted = [...new Set(texts)].sort(collator.compare);
  const place = new Map<string, number>();
  sorted.forEach((text, i) => {
    const before = sorted[i - 1];
    const same = before !== undefined && collator.compare(before, text) === 0;
    place.set(text, same ? (place.get(before) as number) : i);
  });
  lastPlaces.set(key, place);
  return place;
}

function ranksOf(
  registries: readonly Registry[],
  key: SortKey,
  subscriptionName: SubscriptionName,
): Ranks {
  let byKey = rankCache.get(registries);
  if (!byKey) rankCache.set(registries, (byKey = new Map()));
  const cached = byKey.get(key);
  // The subscription column's text comes from the names, which may arrive later.
  if (cached && (key !== "subscription" || cached.subscriptionName === subscriptionName)) {
    return cached.ranks;
  }
  const values = registries.map((r) => sortValue(r, key, subscriptionName));
  const ranks: Ranks = new Map();
  if (values.every((v) => typeof v === "number")) {
    registries.forEach((r, i) => ranks.set(r, values[i] as number));
  } else {
    const texts = values.map(String);
    const place = placesOf(key, texts);
    registries.forEach((r, i) => ranks.set(r, place.get(texts[i] as string) as number));
  }
  byKey.set(key, { subscriptionName, ranks });
  return ranks;
}

/**
 * The registries a view shows, in its order. The text filter matches name, login server, resource
 * group, location and subscription name, case-insensitively; ties sort by name.
 */
export function applyInventoryView(
  registries: Registry[],
  view: InventoryView,
  subscriptionName: SubscriptionName = (id) => id,
): Registry[] {
  const needle = view.q.trim().toLowerCase();
  const sub = view.subscription?.toLowerCase();
  const shown = registries.filter((r) => {
    if (view.sku && r.sku !== view.sku) return false;
    if (sub && r.subscriptionId.toLowerCase() !== sub) return false;
    if (!needle) return true;
    return [
      r.name,
      r.loginServer,
      r.resourceGroup,
      r.location,
      subscriptionName(r.subscriptionId),
    ].some((field) => field.toLowerCase().includes(needle));
  });
  const sign = view.dir === "desc" ? -1 : 1;
  const ranks = ranksOf(registries, view.sort, subscriptionName);
  const names = ranksOf(registries, "name", subscriptionName);
  return shown.sort(
    (a, b) =>
      sign * ((ranks.get(a) as number) - (ranks.get(b) as number)) ||
      (names.get(a) as number) - (names.get(b) as number),
  );
}
