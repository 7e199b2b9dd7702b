import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { parseInput, registryParamsSchema, replicasQuerySchema } from "@/lib/api/schemas";
import { ApiError } from "@/lib/errors";

const good = {
  subscriptionId: "1b2c3d4e-0000-4000-8000-00000000abcd",
  resourceGroup: "rg-prod_(eu).1",
  registryName: "contosoprod",
};

function rejection(input: unknown, schema: z.ZodType = registryParamsSchema): ApiError {
  try {
    parseInput(schema, input);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("accepted");
}

describe("registry route parameters", () => {
  it.each([
    ["the usual names", good],
    ["upper-case GUID", { ...good, subscriptionId: good.subscriptionId.toUpperCase() }],
    ["a one-character group", { ...good, resourceGroup: "a" }],
    ["a 90-character group", { ...good, resourceGroup: "g".repeat(90) }],
    ["a Unicode group", { ...good, resourceGroup: "équipe-données" }],
    ["a 50-character registry", { ...good, registryName: "R".repeat(50) }],
  ])("accepts %s", (_label, input) => {
    expect(parseInput(registryParamsSchema, input)).toEqual(input);
  });

  it.each([
    [
      "subscriptionId",
      { ...good, subscriptionId: "not-a-guid" },
      /subscriptionId must be a subscription GUID/,
    ],
    ["subscriptionId", { ...good, subscriptionId: `${good.subscriptionId}0` }, /GUID/],
    ["resourceGroup", { ...good, resourceGroup: "" }, /resourceGroup must not be empty/],
    ["resourceGroup", { ...good, resourceGroup: "g".repeat(91) }, /at most 90/],
    ["resourceGroup", { ...good, resourceGroup: "rg." }, /must not end with '\.'/],
    ["resourceGroup", { ...good, resourceGroup: "rg/x" }, /may contain only/],
    ["resourceGroup", { ...good, resourceGroup: "rg x" }, /may contain only/],
    [
      "registryName",
      { ...good, registryName: "abcd" },
      /registryName must be 5 to 50 letters or digits/,
    ],
    ["registryName", { ...good, registryName: "R".repeat(51) }, /5 to 50/],
    ["registryName", { ...good, registryName: "contoso-prod" }, /5 to 50/],
    ["registryName", { ...good, registryName: "../../x" }, /5 to 50/],
  ])("rejects a bad %s: %j", (field, input, message) => {
    const error = rejection(input);
    expect(error.status).toBe(400);
    expect(error.code).toBe("InvalidInput");
    expect(error.message).toMatch(message);
    expect(error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it("names every wrong field at once", () => {
    const error = rejection({ subscriptionId: "x", resourceGroup: "ok", registryName: "y" });
    expect((error.details as { field: string }[]).map((d) => d.field)).toEqual([
      "subscriptionId",
      "registryName",
    ]);
  });

  it("rejects a missing parameter", () => {
    expect(rejection({ ...good, registryName: undefined }).message).toMatch(/registryName/);
  });
});

describe("replication list query", () => {
  it.each([[{}], [{ location: "westeurope" }], [{ location: "eastus2" }]])("accepts %j", (q) => {
    expect(parseInput(replicasQuerySchema, q)).toEqual(q);
  });

  it.each([["West Europe"], ["westeurope;drop"], [""]])("rejects location %j", (location) => {
    expect(rejection({ location }, replicasQuerySchema).message).toMatch(
      /^location must be an Azure region/,
    );
  });
});
