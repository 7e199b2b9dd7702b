import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import type { NodeHandler, Pki } from "../contracts";

export interface MainServer {
  port: number;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * The HTTPS server of ARM, identity and control, on 127.0.0.1 and, with the same port, on ::1
 * (browsers and Node may resolve localhost to either); ::1 is skipped where IPv6 is unavailable.
 */
export async function startMainServer(
  pki: Pki,
  port: number,
  handler: NodeHandler,
): Promise<MainServer> {
  const { keyPem, certPem } = pki.certificateFor(["localhost", "127.0.0.1", "::1"]);
  const make = () =>
    createServer({ key: keyPem, cert: certPem, keepAliveTimeout: 30_000 }, (req, res) => {
      Promise.resolve(handler(req, res)).catch((err: unknown) => {
        console.error("emulator: request failed:", err instanceof Error ? err.stack : err);
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
    });
  const v4 = make();
  const bound = await listen(v4, port, "127.0.0.1");
  const servers = [v4];
  const v6 = make();
  try {
    await listen(v6, bound, "::1");
    servers.push(v6);
  } catch {
    // No IPv6 loopback here, or the port is taken on it: 127.0.0.1 alone serves.
  }
  return {
    port: bound,
    close: async () => {
      await Promise.all(servers.map(closeServer));
    },
  };
}
