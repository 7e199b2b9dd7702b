import { describe, expect, it } from "vitest";
import { bearerMatches } from "@/lib/auth/server/shared-secret";

describe("bearerMatches", () => {
  it.each([
    ["Bearer s3cret-token", true],
    ["bearer s3cret-token", true],
    ["Bearer  s3cret-token", true],
    ["Bearer s3cret-tokenX", false],
    ["Bearer s3cret", false],
    ["Basic s3cret-token", false],
    ["s3cret-token", false],
    ["Bearer s3cret-token extra", false],
    ["", false],
    [null, false],
    [undefined, false],
  ])("%j -> %s", (header, expected) => {
    expect(bearerMatches(header, "s3cret-token")).toBe(expected);
  });
});
