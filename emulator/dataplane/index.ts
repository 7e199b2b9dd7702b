import { createServer, type Server } from "node:https";
import { createSecureContext } from "node:tls";
import type { DataPlane, DataPlaneOptions } from "../contracts";
import { resolveHost } from "../store/hosts";

/** Starts the registry data plane: one HTTPS listener for every registry host name. */
export async function startDataPlane(opts: DataPlaneOptions): Promise<DataPlane> {
  const server: Server = createServer({
    SNICallback(servername, cb) {
      if (!resolveHost(opts.store.state, servername)) {
        cb(new Error(`unknown host ${servername}`));
        return;
      }
      cb(null, createSecureContext(pemPair(opts, servername)));
    },
  });
  server.on("request", (req, res) => {
    const host = (req.headers.host ?? "").split(":")[0] ?? "";
    const status = req.url === "/v2/" ? 401 : 404;
    res.writeHead(status, {
      "content-type": "application/json; charset=utf-8",
      "www-authenticate": `Bearer realm="https://${host}/oauth2/token",service="${host}"`,
    });
    res.end(
      JSON.stringify({
        errors: [{ code: "UNAUTHORIZED", message: "authentication required", detail: null }],
      }),
    );
    opts.log.add({
      plane: "data",
      host,
      method: req.method ?? "GET",
      path: req.url ?? "/",
      status,
      at: new Date().toISOString(),
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port, opts.host, resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : opts.port;
  return {
    address: `${opts.host}:${port}`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function pemPair(opts: DataPlaneOptions, host: string) {
  const { keyPem, certPem } = opts.pki.certificateFor([host]);
  return { key: keyPem, cert: certPem };
}
