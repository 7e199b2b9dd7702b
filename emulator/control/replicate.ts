import type { Store } from "../contracts";

/** `POST /_emulator/replicate`: push a digest to one replica; others follow after `lagMs`. */
export function handleReplicate(
  store: Store,
  body: unknown,
  lagMs: number,
): { status: number; body: unknown } {
  void store;
  void body;
  void lagMs;
  return { status: 501, body: { error: { code: "NotImplemented", message: "replicate" } } };
}
