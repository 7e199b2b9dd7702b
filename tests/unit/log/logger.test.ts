import { afterEach, describe, expect, it, vi } from "vitest";
import { logger } from "@/lib/log/logger";
import { routePattern } from "@/lib/log/request-log";
import { captureLog } from "../../support/log-capture";

/* Levels and redaction live in one place; what a credential-looking key holds never gets out. */

let log: ReturnType<typeof captureLog> | undefined;
afterEach(() => {
  log?.stop();
  log = undefined;
  vi.unstubAllEnvs();
});

describe("the console's logger", () => {
  it.each([
    ["token", { token: "eyJ.secret.sig" }],
    ["authorization", { authorization: "Bearer eyJ.secret.sig" }],
    ["a nested token", { caller: { token: "eyJ.secret.sig", objectId: "oid-1" } }],
    ["request headers", { request: { headers: { authorization: "Bearer eyJ.secret.sig" } } }],
    ["a password", { user: { password: "eyJ.secret.sig" } }],
    ["a client secret", { clientSecret: "eyJ.secret.sig" }],
    ["a cookie", { headers: { cookie: "eyJ.secret.sig" } }],
  ])("redacts %s", (_, fields) => {
    log = captureLog();
    logger().info(fields, "something happened");
    expect(log.text()).not.toContain("secret");
    expect(log.text()).toContain("[redacted]");
  });

  it("writes JSON lines with an ISO time, a level name and the service", () => {
    log = captureLog();
    logger().warn({ event: "x", objectId: "oid-1" }, "hello");
    expect(log.lines()).toEqual([
      expect.objectContaining({
        level: "warn",
        service: "acr-geo-console",
        event: "x",
        objectId: "oid-1",
        msg: "hello",
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);
  });

  it("follows LOG_LEVEL", () => {
    vi.stubEnv("LOG_LEVEL", "warn");
    log = captureLog();
    logger().info("quiet");
    logger().error("loud");
    expect(log.lines().map((l) => l.msg)).toEqual(["loud"]);
  });
});

describe("routePattern", () => {
  it.each([
    [
      "/api/subscriptions/6b1f/resourceGroups/rg-a/registries/contoso",
      { subscriptionId: "6b1f", resourceGroup: "rg-a", registryName: "contoso" },
      "/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]",
    ],
    [
      "/api/subscriptions/s/resourceGroups/same/registries/same/replications/eastus",
      {
        subscriptionId: "s",
        resourceGroup: "same",
        registryName: "same",
        replicationName: "eastus",
      },
      "/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/replications/[replicationName]",
    ],
    [
      "/api/subscriptions/s/resourceGroups/rg%20(x)/registries/r",
      { subscriptionId: "s", resourceGroup: "rg (x)", registryName: "r" },
      "/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]",
    ],
    ["/api/registries", {}, "/api/registries"],
  ])("%s", (path, params, pattern) => {
    expect(routePattern(path, params)).toBe(pattern);
  });
});
