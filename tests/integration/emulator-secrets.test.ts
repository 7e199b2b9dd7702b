import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";

/*
 * The running emulator's state dir: endpoints.json and state.json carry the demo passwords and
 * the automation client's secret, the rest are private keys and tokens. Nothing in it is readable
 * or searchable by another user of the machine.
 */
describe("the running emulator's state dir", () => {
  it("is owner-only, and so is every file in it", () => {
    const dir = inject("emulatorDir");
    expect(statSync(dir).mode & 0o077).toBe(0);
    const files = readdirSync(dir);
    expect(files).toEqual(expect.arrayContaining(["endpoints.json", "state.json", "ca-key.pem"]));
    const readable = files
      .filter((f) => f !== "ca.pem")
      .filter((f) => (statSync(join(dir, f)).mode & 0o077) !== 0);
    expect(readable).toEqual([]);
  });
});
