import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadTokenKey } from "@/emulator/dataplane/tokens";
import { loadOrCreateKeys } from "@/emulator/identity/keys";
import { createPki } from "@/emulator/pki";
import { createFileStore } from "@/emulator/store/file-store";

/*
 * The emulator's state dir holds the demo users' passwords, the automation client's secret and
 * private keys: no file of it may be readable by other users of the machine, also when an older
 * emulator (or a loose umask) left it world-readable.
 */

let parent: string;
let stateDir: string;

const modeOf = (path: string) => statSync(path).mode & 0o777;

beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), "emulator-private-"));
  stateDir = join(parent, "state");
});
afterEach(() => rmSync(parent, { recursive: true, force: true }));

describe("the emulator's secret files", () => {
  it("are owner-only when created: state.json, the CA key, identity keys, the ACR token key", async () => {
    createPki(stateDir);
    createFileStore(stateDir);
    await loadOrCreateKeys(stateDir);
    loadTokenKey(stateDir);
    expect(modeOf(stateDir)).toBe(0o700);
    for (const file of ["state.json", "ca-key.pem", "identity-keys.json", "acr-token-key"]) {
      expect([file, modeOf(join(stateDir, file))]).toEqual([file, 0o600]);
    }
  });

  it("are tightened when an earlier run left them world-readable", async () => {
    createPki(stateDir);
    createFileStore(stateDir);
    await loadOrCreateKeys(stateDir);
    loadTokenKey(stateDir);
    chmodSync(stateDir, 0o755);
    for (const file of ["state.json", "ca-key.pem", "identity-keys.json", "acr-token-key"])
      chmodSync(join(stateDir, file), 0o644);

    createPki(stateDir);
    createFileStore(stateDir);
    await loadOrCreateKeys(stateDir);
    loadTokenKey(stateDir);
    expect(modeOf(stateDir)).toBe(0o700);
    for (const file of ["state.json", "ca-key.pem", "identity-keys.json", "acr-token-key"]) {
      expect([file, modeOf(join(stateDir, file))]).toEqual([file, 0o600]);
    }
  });

  it("keeps state.json owner-only when it is rewritten over a world-readable copy", () => {
    mkdirSync(stateDir, { recursive: true });
    writeFileSync(join(stateDir, "state.json"), "{}", { mode: 0o644 });
    const store = createFileStore(stateDir);
    store.reset();
    expect(modeOf(join(stateDir, "state.json"))).toBe(0o600);
  });
});
