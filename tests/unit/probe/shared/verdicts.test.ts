import { describe, expect, it } from "vitest";
import { isDown, windowStats, type StatInput } from "@/lib/probe/shared/stats";

const ok = (ttfbMs = 10): StatInput => ({
  verdict: "ok",
  status: 401,
  reused: true,
  phases: { ttfbMs },
});
const lost = (verdict: StatInput["verdict"] = "refused"): StatInput => ({
  verdict,
  status: null,
  reused: false,
  phases: { ttfbMs: null },
});
const answered = (verdict: StatInput["verdict"], status: number): StatInput => ({
  verdict,
  status,
  reused: true,
  phases: { ttfbMs: 3 },
});

describe("isDown: 100 % loss over the window", () => {
  it.each<[string, StatInput[], boolean]>([
    ["a window of nothing but refused probes", Array.from({ length: 30 }, () => lost()), true],
    ["a single lost probe, the whole window so far", [lost("timeout")], true],
    ["lost probes of several kinds", [lost("dns"), lost("tls"), lost("timeout")], true],
    [
      "one answered probe among the lost",
      [...Array.from({ length: 29 }, () => lost()), ok()],
      false,
    ],
    ["403 every time: answered, so forbidden but not down", [answered("forbidden", 403)], false],
    ["429 every time: answered, so throttled but not down", [answered("throttled", 429)], false],
    ["an empty window", [], false],
  ])("%s", (_, window, down) => {
    expect(isDown(windowStats(window, true))).toBe(down);
  });

  it("is not measuring-with-no-figures: a down window still says measuring in the raw stats", () => {
    // The raw statistics keep their meaning; `isDown` is the one rule the views apply on top.
    const stats = windowStats([lost(), lost()], true);
    expect(stats).toMatchObject({ n: 0, measuring: true, lossPct: 100 });
    expect(isDown(stats)).toBe(true);
  });

  it("has no stats: not down", () => {
    expect(isDown(null)).toBe(false);
    expect(isDown(undefined)).toBe(false);
  });
});
