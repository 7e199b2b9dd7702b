import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/*
 * The rooms in eslint.config.mjs are what keeps server code out of the browser bundle. These lint
 * fixture sources (never written to disk) as if they sat in a room, with the project's own
 * configuration, and expect the import rule to refuse the forbidden imports and let the allowed
 * ones through.
 */

let eslint: ESLint;

beforeAll(async () => {
  // import/no-cycle reads the linted file from disk, and fixtures have none; it is not under test.
  eslint = new ESLint({
    cwd: process.cwd(),
    overrideConfig: { rules: { "import/no-cycle": "off" } },
  });
  // Loading the configuration and its plugins takes seconds; do it once, outside the tests.
  await eslint.lintText("export {};\n", { filePath: "lib/warm-up.ts" });
}, 60_000);

async function importErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === "import/no-restricted-paths")
    .map((m) => m.message);
}

const use = (name: string) => `\nexport const used = [${name}];\n`;

describe("ESLint rooms", () => {
  it.each([
    [
      "a component",
      "components/fixture/forbidden.tsx",
      'import { getRegistry } from "@/lib/azure/registries";',
      "getRegistry",
    ],
    [
      "a component",
      "components/fixture/forbidden.tsx",
      'import { apiRoute } from "@/lib/api/route";',
      "apiRoute",
    ],
    [
      "a component",
      "components/fixture/forbidden.tsx",
      'import { sharedProbeHub } from "@/lib/probe/server";',
      "sharedProbeHub",
    ],
    [
      "a component",
      "components/fixture/forbidden.tsx",
      'import { verifyBearer } from "@/lib/auth/server/verify-token";',
      "verifyBearer",
    ],
    [
      "a component",
      "components/fixture/forbidden.tsx",
      'import { getServerConfig } from "@/lib/env";',
      "getServerConfig",
    ],
    [
      "a query hook",
      "lib/queries/fixture.ts",
      'import { getRegistry } from "@/lib/azure/registries";',
      "getRegistry",
    ],
    [
      "browser probe code",
      "lib/probe/browser/fixture.ts",
      'import { ProbeHub } from "@/lib/probe/server/hub";',
      "ProbeHub",
    ],
    [
      "shared probe code",
      "lib/probe/shared/fixture.ts",
      'import { HttpProber } from "../server/http-probe";',
      "HttpProber",
    ],
    [
      "browser auth",
      "lib/auth/browser/fixture.ts",
      'import { verifyBearer } from "../server/verify-token";',
      "verifyBearer",
    ],
    [
      "shared code",
      "lib/switches/fixture.ts",
      'import { toApiError } from "@/lib/azure/errors";',
      "toApiError",
    ],
    [
      "server code",
      "lib/azure/fixture.ts",
      'import { useApiClient } from "@/lib/queries/api-client-provider";',
      "useApiClient",
    ],
    [
      "shared code",
      "lib/endpoints/fixture.ts",
      'import { ProbeRun } from "@/lib/probe/browser/run";',
      "ProbeRun",
    ],
    [
      "a component",
      "components/fixture/forbidden.tsx",
      'import { registryHttp } from "@/lib/registry/http";',
      "registryHttp",
    ],
    [
      "shared repro code",
      "lib/repro/fixture.ts",
      'import { digestMatrix } from "@/lib/registry/digests";',
      "digestMatrix",
    ],
  ])("%s (%s) may not: %s", async (_who, filePath, line, name) => {
    const errors = await importErrors(filePath, line + use(name));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/must not/);
  });

  it.each([
    [
      "a component",
      "components/fixture/allowed.tsx",
      'import { registryPageUrl } from "@/lib/arm-id";',
      "registryPageUrl",
    ],
    [
      "a component",
      "components/fixture/allowed.tsx",
      'import { windowStats } from "@/lib/probe/shared/stats";',
      "windowStats",
    ],
    [
      "a component",
      "components/fixture/allowed.tsx",
      'import { useRegistry } from "@/lib/queries/registry";',
      "useRegistry",
    ],
    [
      "server code",
      "lib/probe/server/fixture.ts",
      'import { windowStats } from "../shared/stats";',
      "windowStats",
    ],
    ["server code", "lib/azure/fixture.ts", 'import { ApiError } from "@/lib/errors";', "ApiError"],
  ])("%s (%s) may: %s", async (_who, filePath, line, name) => {
    expect(await importErrors(filePath, line + use(name))).toEqual([]);
  });
});
