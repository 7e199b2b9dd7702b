import { describe, expect, it } from "vitest";
import { RECENT_READ_MS, recentRegistryRead, rememberRegistryRead } from "@/lib/azure/recent-reads";
import { registry } from "@/tests/unit/fixtures";

describe("recent registry reads (the probe stream's stand-in for a new ARM read)", () => {
  const r = registry({ name: "recentreads1" });
  const ref = { subscriptionId: r.subscriptionId, resourceGroup: r.resourceGroup, name: r.name };

  it("gives back ARM's answer to the same token for the same registry, for a short time", () => {
    rememberRegistryRead("token-a", r, 1_000);
    expect(recentRegistryRead("token-a", ref, 1_000 + RECENT_READ_MS)).toBe(r);
    expect(recentRegistryRead("token-a", ref, 1_001 + RECENT_READ_MS)).toBeUndefined();
  });

  it("never to another token, and never for another registry", () => {
    rememberRegistryRead("token-a", r, 5_000);
    expect(recentRegistryRead("token-b", ref, 5_000)).toBeUndefined();
    expect(recentRegistryRead("token-a", { ...ref, name: "otherregistry" }, 5_000)).toBeUndefined();
  });

  it("matches ARM ids case-insensitively, as ARM does", () => {
    rememberRegistryRead("token-c", r, 9_000);
    const upper = { ...ref, resourceGroup: ref.resourceGroup.toUpperCase(), name: "RecentReads1" };
    expect(recentRegistryRead("token-c", upper, 9_000)).toBe(r);
  });
});
