import "server-only";
import { request } from "node:https";
import { rootCertificates } from "node:tls";

export type GetFetch = (
  url: string,
  init?: { headers?: Headers | Record<string, string>; signal?: AbortSignal },
) => Promise<Response>;

/**
 * A GET-only fetch that also trusts `caPem` (the emulator's CA) next to the public roots. Needed
 * because NODE_EXTRA_CA_CERTS only works when set before Node starts, and the global fetch has no
 * per-call CA option. Without a CA it is the global fetch.
 */
export function caGetFetch(caPem: string | undefined): GetFetch {
  if (!caPem) return (url, init) => fetch(url, { method: "GET", ...init });
  const ca = [...rootCertificates, caPem];
  return (url, init = {}) => send(url, { ...init, method: "GET" }, ca);
}

export type PostFetch = (
  url: string,
  init: {
    method: "POST";
    headers?: Headers | Record<string, string>;
    body: string;
    signal?: AbortSignal;
  },
) => Promise<Response>;

/** `caGetFetch` for POSTs of a string body (Prometheus's form-encoded queries). */
export function caPostFetch(caPem: string | undefined): PostFetch {
  if (!caPem) return (url, init) => fetch(url, init);
  const ca = [...rootCertificates, caPem];
  return (url, init) => send(url, init, ca);
}

function send(
  url: string,
  init: {
    method: string;
    headers?: Headers | Record<string, string>;
    body?: string;
    signal?: AbortSignal;
  },
  ca: string[],
): Promise<Response> {
  return new Promise<Response>((resolvePromise, reject) => {
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const req = request(url, { method: init.method, headers, ca, signal: init.signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (value === undefined) continue;
          for (const v of Array.isArray(value) ? value : [value]) responseHeaders.append(name, v);
        }
        const status = res.statusCode ?? 502;
        const body = [204, 205, 304].includes(status) ? null : Buffer.concat(chunks);
        resolvePromise(new Response(body, { status, headers: responseHeaders }));
      });
    });
    req.on("error", reject);
    req.end(init.body);
  });
}
