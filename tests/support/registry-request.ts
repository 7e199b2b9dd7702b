import { request } from "node:https";

export interface RegistryReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One request to `https://<host><path>` sent to a data-plane address (`ip:port`) with the host's
 * SNI and Host header, on a new connection: what a client does after a host mapping.
 */
export function registryRequest(
  address: string,
  ca: string,
  host: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RegistryReply> {
  const [ip, port] = address.split(":");
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: ip,
        port: Number(port),
        servername: host,
        method: init.method ?? "GET",
        path,
        ca,
        agent: false,
        headers: { host, ...init.headers },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(init.body);
  });
}

/** A form POST body for registryRequest. */
export function formPost(fields: Record<string, string>) {
  return {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  };
}
