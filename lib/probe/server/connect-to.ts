import "server-only";
import { lookup as dnsLookup } from "node:dns";
import { isIP, type LookupFunction } from "node:net";

/** The `--connect-to` style override: every `<host>:443` is reached at this address instead. */
export interface ConnectTo {
  host: string;
  port: number;
}

/** Parses `host:port` (the form the emulator's discovery file uses) into a ConnectTo. */
export function parseConnectTo(address: string): ConnectTo {
  const match = /^(.+):(\d{1,5})$/.exec(address.trim());
  const port = match ? Number(match[2]) : NaN;
  if (!match || !match[1] || port < 1 || port > 65535) {
    throw new TypeError(`connect-to address must be host:port, got "${address}"`);
  }
  return { host: match[1].replace(/^\[(.*)\]$/, "$1"), port };
}

/** A lookup that answers every name with the override address (SNI and Host are untouched). */
export function overrideLookup(target: ConnectTo): LookupFunction {
  const family = isIP(target.host);
  const lookup = (
    _hostname: string,
    options: { all?: boolean },
    callback: (err: Error | null, address: unknown, family?: number) => void,
  ) => {
    if (family === 0) {
      dnsLookup(target.host, options, callback as never);
      return;
    }
    // Async like a real lookup, so the socket's `lookup` event fires after listeners attach.
    setImmediate(() => {
      if (options.all) callback(null, [{ address: target.host, family }]);
      else callback(null, target.host, family);
    });
  };
  return lookup as unknown as LookupFunction;
}
