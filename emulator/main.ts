import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { createArm } from "./arm";
import { loadConfig } from "./config";
import { createControl } from "./control";
import { listVantages } from "./control/vantages";
import { startDataPlane } from "./dataplane";
import { createRequestLog } from "./http/request-log";
import { sendLanding } from "./http/landing";
import { startMainServer } from "./http/server";
import { loadGraphConfig } from "./graph/config";
import { attachResourceGraph } from "./graph";
import { createIdentity } from "./identity";
import { looksLikeTenant } from "./identity/tenant-segment";
import { createPki } from "./pki";
import { createFileStore } from "./store/file-store";
import { writePrivateFile } from "./store/private-files";
import { principalsOfKind } from "./store/finders";
import { fleetFromEnv } from "./store/seed-large";
import { SPA_CLIENT_ID } from "./store/seed";
import { createVantageTable } from "./vantages";

/**
 * `npm run emulator`: ARM, identity and control on one HTTPS port, the registry data plane on
 * another; writes `<stateDir>/endpoints.json` and prints `emulator ready <armEndpoint>`.
 */
async function main() {
  const config = loadConfig();
  const pki = createPki(config.stateDir);
  const store = createFileStore(config.stateDir, fleetFromEnv());
  const graph = attachResourceGraph(store, loadGraphConfig(), (l) => store.onSave(l));
  const log = createRequestLog();

  // The identity and ARM need the public origin before the port is known; both read it lazily.
  let baseUrl = "";
  const dispatchers: {
    handle?: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;
  } = {};
  const server = await startMainServer(pki, config.port, (req, res) =>
    dispatchers.handle?.(req, res),
  );
  baseUrl = `https://localhost:${server.port}`;

  const identity = await createIdentity({ baseUrl, stateDir: config.stateDir, store, log });
  const arm = createArm({ store, config, baseUrl, identity, log });
  const vantages = createVantageTable(config.vantages, () => Object.keys(store.state.regions));
  const vantageAddresses = new Map<string, string>();
  const control = createControl({
    vantages,
    vantageAddresses,
    store,
    log,
    faults: arm.faults,
    replicationLagMs: config.replicationLagMs,
    onReset: () => {
      arm.reset();
      graph.reset();
    },
  });
  const dataPlane = await startDataPlane({
    host: "127.0.0.1",
    port: config.dataPort,
    extraPorts: config.dataPlaneOn443 && config.dataPort !== 443 ? [443] : [],
    pki,
    store,
    identity,
    log,
    replicationLagMs: config.replicationLagMs,
    stateDir: config.stateDir,
    vantages,
  });
  for (const v of dataPlane.vantages) vantageAddresses.set(v.name, v.address);

  dispatchers.handle = (req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const first = path.split("/")[1]?.toLowerCase() ?? "";
    if (first === "_emulator") return control(req, res);
    if (path === "/") return sendLanding(res, baseUrl);
    if (looksLikeTenant(first)) return identity.handle(req, res);
    // Everything else is ARM's, as on management.azure.com: unknown paths get ARM's envelope.
    return arm.handle(req, res);
  };

  const describeScope = (scope: string) => {
    if (scope === "/") return "all subscriptions";
    const sub = store.state.subscriptions.find(
      (x) => `/subscriptions/${x.subscriptionId}` === scope,
    );
    return sub ? sub.displayName : scope;
  };
  const users = principalsOfKind(store.state, "user").map((p) => ({
    username: p.username ?? "",
    password: p.password ?? "",
    role: p.assignments.map((a) => `${a.role} on ${describeScope(a.scope)}`).join(", "),
    persona: p.persona,
    displayName: p.displayName,
  }));
  const automation = principalsOfKind(store.state, "app").find((p) => p.persona === "automation");
  const endpoints = {
    armEndpoint: baseUrl,
    authority: identity.authority,
    issuer: identity.issuer,
    accessTokenIssuer: identity.accessTokenIssuer,
    tenantId: identity.tenantId,
    tokenEndpoint: identity.tokenEndpoint,
    caFile: pki.caFile,
    controlUrl: `${baseUrl}/_emulator`,
    dataPlaneAddress: dataPlane.address,
    dataPlaneAddresses: dataPlane.addresses,
    // The console's address above is one vantage (East US); these are the others.
    vantages: listVantages(vantages, vantageAddresses),
    spaClientId: SPA_CLIENT_ID,
    users,
    automationClient: {
      clientId: automation?.clientId ?? "",
      clientSecret: automation?.clientSecret ?? "",
    },
  };
  // Passwords and the automation secret: owner-only, like the rest of the state dir.
  writePrivateFile(
    join(config.stateDir, "endpoints.json"),
    `${JSON.stringify(endpoints, null, 2)}\n`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`emulator stopping (${signal})`);
    // A connection that will not close must not keep the process alive.
    setTimeout(() => process.exit(0), 5_000).unref();
    await Promise.allSettled([server.close(), dataPlane.close(), identity.close()]);
    try {
      store.save();
    } catch (err) {
      console.error(
        "emulator: could not save the state:",
        err instanceof Error ? err.message : err,
      );
    }
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));

  console.log(`emulator ready ${baseUrl}`);
}

main().catch((err: unknown) => {
  console.error("emulator failed to start:", err instanceof Error ? err.stack : err);
  process.exit(1);
});
