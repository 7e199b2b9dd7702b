import { existsSync, readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import type { Store } from "../contracts";
import { ensurePrivateDir, writePrivateFile } from "./private-files";
import { seedState } from "./seed";
import type { EmulatorState, FleetName } from "./types";

/** The Store with a hook for parts that follow every saved change (Resource Graph's index). */
export interface ObservedStore extends Store {
  /** Calls `listener` after every save (the state has changed, or been reset). */
  onSave(listener: () => void): void;
}

function isState(value: unknown): value is EmulatorState {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.tenantId === "string" &&
    ["subscriptions", "registries", "replications", "principals", "repositories"].every((k) =>
      Array.isArray(v[k]),
    ) &&
    typeof v.regions === "object"
  );
}

/**
 * A state saved before a seeded user or app existed gains it (no API changes principals, so
 * the seed's are the tenant's); those it holds are kept as they are.
 */
function withSeededPrincipals(loaded: EmulatorState, seed: EmulatorState): EmulatorState {
  const known = new Set(loaded.principals.map((p) => p.objectId));
  const missing = seed.principals.filter((p) => !known.has(p.objectId));
  return missing.length ? { ...loaded, principals: [...loaded.principals, ...missing] } : loaded;
}

/**
 * The state kept in `<stateDir>/state.json`: loaded on start (the seed when absent or
 * unreadable, or when it grew from another fleet than `fleet`), written through a temporary file
 * so a crash never leaves half a document.
 */
export function createFileStore(stateDir: string, fleet: FleetName = "default"): ObservedStore {
  const file = join(stateDir, "state.json");
  ensurePrivateDir(stateDir);
  const listeners: (() => void)[] = [];
  let state = seedState(fleet);
  if (existsSync(file)) {
    try {
      const loaded: unknown = JSON.parse(readFileSync(file, "utf8"));
      if (isState(loaded) && (loaded.fleet ?? "default") === fleet) {
        state = withSeededPrincipals(loaded, state);
      } else if (isState(loaded)) {
        console.warn(`emulator: ${file} holds another fleet; starting from the ${fleet} seed`);
      } else console.warn(`emulator: ${file} is not a state document; starting from the seed`);
    } catch (err) {
      console.warn(`emulator: cannot read ${file} (${String(err)}); starting from the seed`);
    }
  }

  const store: ObservedStore = {
    get state() {
      return state;
    },
    save() {
      const tmp = `${file}.${process.pid}.tmp`;
      // The seed holds the demo users' passwords and the automation client's secret.
      writePrivateFile(tmp, JSON.stringify(state, null, 1));
      renameSync(tmp, file);
      for (const listener of listeners) listener();
    },
    onSave(listener) {
      listeners.push(listener);
    },
    reset() {
      // Replace the contents in place: other parts may hold a reference to the state object.
      const fresh = seedState(fleet);
      for (const key of Object.keys(state) as (keyof EmulatorState)[]) delete state[key];
      Object.assign(state, fresh);
      store.save();
    },
  };
  store.save();
  return store;
}
