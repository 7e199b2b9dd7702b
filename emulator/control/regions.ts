import type { Store } from "../contracts";

/** `POST /_emulator/regions/<region>` with `{ latencyMs?, down?, status? }`. */
export function handleRegions(
  store: Store,
  region: string,
  body: unknown,
): { status: number; body: unknown } {
  const current = store.state.regions[region];
  if (!current)
    return { status: 404, body: { error: { code: "RegionNotFound", message: region } } };
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { status: 400, body: { error: { code: "InvalidBody", message: "expected an object" } } };
  }
  const b = body as Record<string, unknown>;
  if (b.latencyMs !== undefined) {
    if (typeof b.latencyMs !== "number" || !(b.latencyMs >= 0) || b.latencyMs > 60_000)
      return { status: 400, body: { error: { code: "InvalidBody", message: "latencyMs" } } };
  }
  if (b.down !== undefined && typeof b.down !== "boolean")
    return { status: 400, body: { error: { code: "InvalidBody", message: "down" } } };
  if (b.status !== undefined && b.status !== null && ![403, 429, 503].includes(b.status as number))
    return { status: 400, body: { error: { code: "InvalidBody", message: "status" } } };
  if (typeof b.latencyMs === "number") current.latencyMs = b.latencyMs;
  if (typeof b.down === "boolean") current.down = b.down;
  if (b.status !== undefined) current.status = b.status as 403 | 429 | 503 | null;
  store.save();
  return { status: 200, body: { region, ...current } };
}
