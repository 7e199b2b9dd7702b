import { describe, expect, it } from "vitest";
import { demoServer } from "@/scripts/demo-server";

describe("npm run demo's console server", () => {
  it("listens on localhost only, in explicit emulator mode, unless told otherwise", () => {
    const server = demoServer({}, "/s/endpoints.json", "/s/ca.pem");
    expect([server.port, server.hostname]).toEqual(["3000", "localhost"]);
    expect(server.env).toEqual({
      CONSOLE_MODE: "emulator",
      EMULATOR_ENDPOINTS_FILE: "/s/endpoints.json",
      NODE_EXTRA_CA_CERTS: "/s/ca.pem",
    });
    expect(server.url).toBe("http://localhost:3000");
  });

  it.each([
    [{ HOST: "0.0.0.0", PORT: "8080" }, ["8080", "0.0.0.0"], "http://localhost:8080"],
    [{ HOST: "127.0.0.1" }, ["3000", "127.0.0.1"], "http://127.0.0.1:3000"],
    [{ HOST: "::1" }, ["3000", "::1"], "http://[::1]:3000"],
    [{ HOST: " ", PORT: "" }, ["3000", "localhost"], "http://localhost:3000"],
  ])("%j", (env, [port, hostname], url) => {
    const server = demoServer(env, "/e", "/c");
    expect([server.port, server.hostname]).toEqual([port, hostname]);
    expect(server.url).toBe(url);
  });
});
