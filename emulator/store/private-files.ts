import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";

/*
 * The state dir holds secrets: the demo users' passwords and the automation client's secret
 * (state.json, endpoints.json), the CA's and the identity provider's private keys, the ACR token
 * key and live refresh tokens. None of it may be readable by other users of the machine.
 * `mode` on write applies only when a file is created, so files left by an older emulator (or a
 * umask that was not 077) are tightened with chmod as well.
 */

const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

/** Creates the state dir if needed, readable by its owner only. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  chmodSync(dir, PRIVATE_DIR);
}

/** Writes a file that only its owner can read. */
export function writePrivateFile(path: string, data: string): void {
  writeFileSync(path, data, { mode: PRIVATE_FILE });
  chmodSync(path, PRIVATE_FILE);
}

/** Makes an existing secret file owner-only (a no-op when it is missing). */
export function tightenFile(path: string): void {
  if (existsSync(path)) chmodSync(path, PRIVATE_FILE);
}
