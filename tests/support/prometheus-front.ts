import type { IncomingMessage } from "node:http";
import { createServer } from "node:https";
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from "jose";
import { createPki } from "@/emulator/pki";
import { caFetch } from "./emulator-client";
import type { EmulatorEndpoints } from "./emulator-process";
import { freePort } from "./free-port";

export interface PrometheusFront {
  /** `https://127.0.0.1:<port>`: the query endpoint to give PROMETHEUS_URL. */
  url: string;
  /** Each request's verdict, in order: the token's `aud` and `appid`, or why it was refused. */
  seen: { path: string; ok: boolean; aud?: string; reason?: string }[];
  close(): Promise<void>;
}

/**
 * A stand-in for an Azure Monitor workspace's query endpoint: HTTPS (a certificate from the
 * emulator's CA), every request must carry `Authorization: Bearer <token>` signed by the
 * emulator's Entra-like sign-in for `audience` (401 otherwise, as Azure Monitor answers), then
 * it is passed on to a real Prometheus's HTTP API.
 */
export async function startPrometheusFront(
  endpoints: EmulatorEndpoints,
  stateDir: string,
  upstream: string,
  audience = "https://prometheus.monitor.azure.com",
): Promise<PrometheusFront> {
  const fetchCa = caFetch(endpoints);
  const discovery = (await (
    await fetchCa(`${endpoints.issuer}/.well-known/openid-configuration`)
  ).json()) as { jwks_uri: string };
  const jwks = createLocalJWKSet(
    (await (await fetchCa(discovery.jwks_uri)).json()) as JSONWebKeySet,
  );
  const { keyPem, certPem } = createPki(stateDir).certificateFor(["127.0.0.1", "localhost"]);
  const seen: PrometheusFront["seen"] = [];
  const body = (req: IncomingMessage) =>
    new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => resolve(Buffer.concat(chunks)));
      req.on("error", reject);
    });
  const server = createServer({ key: keyPem, cert: certPem }, (req, res) => {
    void (async () => {
      const path = req.url ?? "/";
      const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "");
      if (!match) {
        seen.push({ path, ok: false, reason: "no bearer" });
        res.writeHead(401, { "www-authenticate": "Bearer" }).end();
        return;
      }
      try {
        const { payload } = await jwtVerify(match[1]!, jwks, { audience });
        seen.push({ path, ok: true, aud: String(payload.aud) });
      } catch (error) {
        seen.push({ path, ok: false, reason: (error as Error).message });
        res.writeHead(401, { "www-authenticate": 'Bearer error="invalid_token"' }).end();
        return;
      }
      const answer = await fetch(`${upstream}${path}`, {
        method: req.method,
        headers: { "content-type": req.headers["content-type"] ?? "text/plain" },
        ...(req.method === "POST" ? { body: new Uint8Array(await body(req)) } : {}),
      });
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(Buffer.from(await answer.arrayBuffer()));
    })().catch(() => res.writeHead(502).end());
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `https://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
