import { execFile } from "node:child_process";
import { createServer } from "node:net";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { automationToken, caFetch } from "../support/emulator-client";
import { startEmulator, type RunningEmulator } from "../support/emulator-process";

/*
 * With EMULATOR_DATA_443=1 the data plane also listens on 443, so that tools which build
 * `https://<login server>/v2/` with no port reach it through a host mapping alone. curl's
 * `--resolve` is that mapping here (an /etc/hosts line works the same for every tool).
 */

const run = promisify(execFile);
const LOGIN_SERVER = "contosoprod.azurecr.io";

/** Whether this process may listen on 127.0.0.1:443 (root, or the capability), and if not why. */
async function bindable443(): Promise<string | null> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? String(err)));
    probe.listen(443, "127.0.0.1", () => probe.close(() => resolve(null)));
  });
}

const cannotBind = await bindable443();
if (cannotBind) {
  console.warn(`emulator-port-443: skipped, this process cannot listen on 443 (${cannotBind})`);
}

/** curl with the host mapped to the emulator and its CA trusted; answers status and body. */
async function curl(emulator: RunningEmulator, host: string, url: string, ...args: string[]) {
  const { stdout } = await run("curl", [
    "--silent",
    "--show-error",
    "--resolve",
    `${host}:443:127.0.0.1`,
    "--cacert",
    emulator.endpoints.caFile,
    "--dump-header",
    "-",
    "--write-out",
    "\n%{http_code}",
    ...args,
    url,
  ]);
  const lines = stdout.trimEnd().split("\n");
  const status = Number(lines.pop());
  const text = lines.join("\n");
  const split = text.indexOf("\r\n\r\n");
  return { status, headers: text.slice(0, split), body: text.slice(split + 4) };
}

describe.skipIf(cannotBind !== null)(
  `the data plane on port 443${cannotBind ? ` (skipped: cannot listen on 443, ${cannotBind})` : ""}`,
  () => {
    let emulator: RunningEmulator;
    beforeAll(async () => {
      emulator = await startEmulator({ EMULATOR_DATA_443: "1" });
    });
    afterAll(async () => {
      await emulator?.stop();
    });

    it("lists 443 among the data plane's addresses in endpoints.json", () => {
      expect(emulator.endpoints.dataPlaneAddresses).toEqual([
        emulator.endpoints.dataPlaneAddress,
        "127.0.0.1:443",
      ]);
    });

    it("curl reaches a registry by name, with no port, and gets ACR's challenge", async () => {
      const res = await curl(emulator, LOGIN_SERVER, `https://${LOGIN_SERVER}/v2/`);
      expect(res.status).toBe(401);
      expect(res.headers).toMatch(
        new RegExp(
          `www-authenticate: Bearer realm="https://${LOGIN_SERVER}/oauth2/token",service="${LOGIN_SERVER}"`,
          "i",
        ),
      );
    });

    it("a regional endpoint's name too", async () => {
      const regional = "contosoprod.westeurope.geo.azurecr.io";
      const res = await curl(emulator, regional, `https://${regional}/v2/`);
      expect(res.status).toBe(401);
      expect(res.headers).toContain(`realm="https://${regional}/oauth2/token"`);
    });

    it("docker login's way: the refresh token as a password, then a pull token", async () => {
      const entra = await automationToken(emulator.endpoints);
      const exchange = await curl(
        emulator,
        LOGIN_SERVER,
        `https://${LOGIN_SERVER}/oauth2/exchange`,
        "--data-urlencode",
        "grant_type=access_token",
        "--data-urlencode",
        `service=${LOGIN_SERVER}`,
        "--data-urlencode",
        `access_token=${entra}`,
      );
      expect(exchange.status).toBe(200);
      const refresh = (JSON.parse(exchange.body) as { refresh_token: string }).refresh_token;

      const scope = "repository:web/frontend:pull";
      const token = await curl(
        emulator,
        LOGIN_SERVER,
        `https://${LOGIN_SERVER}/oauth2/token?service=${LOGIN_SERVER}&scope=${scope}`,
        "--user",
        `00000000-0000-0000-0000-000000000000:${refresh}`,
      );
      expect(token.status).toBe(200);
      const access = (JSON.parse(token.body) as { access_token: string }).access_token;

      const manifest = await curl(
        emulator,
        LOGIN_SERVER,
        `https://${LOGIN_SERVER}/v2/web/frontend/manifests/1.4.2`,
        "--head",
        "--header",
        `Authorization: Bearer ${access}`,
      );
      expect(manifest.status).toBe(200);
      expect(manifest.headers).toMatch(/docker-content-digest: sha256:[0-9a-f]{64}/i);

      const wrong = await curl(
        emulator,
        LOGIN_SERVER,
        `https://${LOGIN_SERVER}/oauth2/token?service=${LOGIN_SERVER}&scope=${scope}`,
        "--user",
        "admin:not-emulated",
      );
      expect(wrong.status).toBe(401);
    });

    it("ARM keeps its own port: the control API still answers there", async () => {
      const res = await caFetch(emulator.endpoints)(`${emulator.endpoints.controlUrl}/regions`);
      expect(res.status).toBe(200);
    });
  },
);
