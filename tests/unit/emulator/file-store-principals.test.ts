import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createFileStore } from "@/emulator/store/file-store";
import { seedState } from "@/emulator/store/seed";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("a state saved before a seeded persona existed", () => {
  it("gains the missing persona on load and keeps everything it held", () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-state-"));
    dirs.push(dir);
    const old = seedState("default");
    old.principals = old.principals.filter((p) => p.persona !== "auditor");
    old.registries[0]!.tags = { kept: "yes" };
    writeFileSync(join(dir, "state.json"), JSON.stringify(old));
    const store = createFileStore(dir);
    expect(store.state.principals.map((p) => p.persona).sort()).toEqual(
      seedState("default")
        .principals.map((p) => p.persona)
        .sort(),
    );
    expect(store.state.registries[0]!.tags).toEqual({ kept: "yes" });
    const saved = JSON.parse(readFileSync(join(dir, "state.json"), "utf8")) as typeof old;
    expect(saved.principals.some((p) => p.persona === "auditor")).toBe(true);
  });
});
