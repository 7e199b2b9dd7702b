import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startConsole } from "@/lib/lifecycle/startup";
import { captureLog } from "../../support/log-capture";

/* A production server without a configuration does not start; it says why in its log. */

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const CLIENT = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";

let log: ReturnType<typeof captureLog>;
beforeEach(() => {
  for (const name of [
    "CONSOLE_MODE",
    "AZURE_TENANT_ID",
    "AZURE_CLIENT_ID",
    "EMULATOR_ENDPOINTS_FILE",
  ])
    vi.stubEnv(name, "");
  log = captureLog();
});
afterEach(() => {
  log.stop();
  vi.unstubAllEnvs();
});

describe("starting the console", () => {
  it("refuses to start in production with neither Azure nor the emulator configured", () => {
    vi.stubEnv("NODE_ENV", "production");
    const exit = vi.fn();
    const install = vi.fn();
    startConsole({ exit, install });
    expect(exit).toHaveBeenCalledWith(1);
    expect(install).not.toHaveBeenCalled();
    expect(log.lines()).toContainEqual(
      expect.objectContaining({ level: "fatal", error: expect.stringContaining("CONSOLE_MODE") }),
    );
  });

  it("starts in production with Azure configured, and installs the shutdown drain", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("AZURE_TENANT_ID", TENANT);
    vi.stubEnv("AZURE_CLIENT_ID", CLIENT);
    const exit = vi.fn();
    const install = vi.fn();
    startConsole({ exit, install });
    expect(exit).not.toHaveBeenCalled();
    expect(install).toHaveBeenCalledOnce();
  });

  it("keeps a development server running to show the configuration page", () => {
    vi.stubEnv("NODE_ENV", "development");
    const exit = vi.fn();
    startConsole({ exit, install: () => {} });
    expect(exit).not.toHaveBeenCalled();
  });
});
