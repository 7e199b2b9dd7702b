import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { checkServerIdentity, connect, type DetailedPeerCertificate } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkServerCertificateOnly } from "@/lib/probe/server/peer-identity";
import { makeTestPki, type TestPki } from "./tls-fixture";

let pki: TestPki;
let server: Server;
let port: number;

beforeAll(async () => {
  pki = makeTestPki(["*.identity.test"]);
  server = createServer({ key: pki.keyPem, cert: pki.certPem }, (_req, res) => res.end("ok"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface Outcome {
  error?: string;
  /** What Node's name check was given during the handshake. */
  checked?: Partial<DetailedPeerCertificate>;
  /** What the connected socket answers afterwards. */
  after?: DetailedPeerCertificate;
}

function get(servername: string): Promise<Outcome> {
  const outcome: Outcome = {};
  return new Promise<Outcome>((resolve) => {
    const socket = connect({
      host: "127.0.0.1",
      port,
      servername,
      ca: pki.caPem,
      checkServerIdentity: (host, cert) => {
        outcome.checked = cert;
        // Node's own check, as every new connection of the prober runs it.
        return checkServerIdentity(host, cert);
      },
    });
    checkServerCertificateOnly(socket);
    socket.once("secureConnect", () => {
      outcome.after = socket.getPeerCertificate(true);
      socket.end();
    });
    socket.once("close", () => resolve(outcome));
    socket.once("error", (error: NodeJS.ErrnoException) => {
      outcome.error = error.code;
    });
  });
}

describe("checkServerCertificateOnly", () => {
  it("checks the name against the server's certificate without its issuers", async () => {
    const { error, checked } = await get("eastus.identity.test");
    expect(error).toBeUndefined();
    expect(checked?.subjectaltname).toBe("DNS:*.identity.test");
    expect(checked?.issuerCertificate).toBeUndefined();
  });

  it("still refuses a name outside the certificate", async () => {
    const { error, checked } = await get("eastus.elsewhere.test");
    expect(error).toBe("ERR_TLS_CERT_ALTNAME_INVALID");
    expect(checked?.subjectaltname).toBe("DNS:*.identity.test");
  });

  it("answers with the whole chain once the connection is secure", async () => {
    const { after } = await get("westus.identity.test");
    expect(after?.subject?.CN).toBe("*.identity.test");
    expect(after?.issuerCertificate?.subject?.CN).toBe("probe test CA");
  });
});
