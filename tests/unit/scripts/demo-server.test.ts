import { describe, expect, it } from "vitest";
import { demoServer } from "@/scripts/demo-server";

describe("npm run demo's console server", () => {
  it("listens on localhost only, in explicit emulator mode, unless told otherwise", () => {
    const server = demoServer({}, "/s/endpoints.json", "/s/ca.pem");
    expect(server.args).toEqual(["start", "-p", "3000", "-H", "localhost"]);
    expect(server.env).toEqual({
      CONSOLE_MODE: "emulator",
      EMULATOR_ENDPOINTS_FILE: "/s/endpoints.json",
      NODE_EXTRA_CA_CERTS: "/s/ca.pem",
    });
    expect(server.url).toBe("http://localhost:3000");
  });

  it.each([
    [
      { HOST: "0.0.0.0", PORT: "8080" },
      ["start", "-p", "8080", "-H", "0.0.0.0"],
      "http://localhost:8080",
    ],
    [{ HOST: "127.0.0.1" }, ["start", "-p", "3000", "-H", "127.0.0.1"], "http://127.0.0.1:3000"],
    [{ HOST: "::1" }, ["start", "-p", "3000", "-H", "::1"], "http://[::1]:3000"],
    [{ HOST: " ", PORT: "" }, ["start", "-p", "3000", "-H", "localhost"], "http://localhost:3000"],
  ])("%j", (env, args, url) => {
    const server = demoServer(env, "/e", "/c");
    expect(server.args).toEqual(args);
    expect(server.url).toBe(url);
  });
});
