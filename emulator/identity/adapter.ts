import { existsSync, readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { writePrivateFile } from "../store/private-files";

/** A stored oidc-provider artifact (session, grant, code, refresh token, interaction...). */
type Payload = Record<string, unknown> & {
  grantId?: string;
  uid?: string;
  userCode?: string;
  consumed?: number;
};

interface Entry {
  payload: Payload;
  /** Epoch ms; undefined = no expiry. */
  expiresAt?: number;
}

const GRANTS_FILE = "identity-grants.json";

/**
 * The provider's storage: in memory, mirrored to one JSON file under the state dir so that
 * sessions, grants and refresh tokens survive a restart of the emulator (as they would at Entra).
 * Clients are not stored here: they come from `lookupClient` (the store's principals).
 */
export class IdentityStorage {
  private readonly entries = new Map<string, Entry>();
  private readonly file: string;
  private saveTimer: NodeJS.Timeout | undefined;

  constructor(
    stateDir: string,
    readonly lookupClient: (clientId: string) => Payload | undefined,
  ) {
    this.file = join(stateDir, GRANTS_FILE);
    if (existsSync(this.file)) {
      try {
        const saved = JSON.parse(readFileSync(this.file, "utf8")) as Record<string, Entry>;
        for (const [key, entry] of Object.entries(saved)) this.entries.set(key, entry);
      } catch {
        // A damaged file only costs the signed-in sessions: start empty.
      }
    }
  }

  get(key: string): Payload | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  set(key: string, payload: Payload, expiresInSeconds?: number): void {
    const expiresAt = expiresInSeconds ? Date.now() + expiresInSeconds * 1000 : undefined;
    this.entries.set(key, { payload, expiresAt });
    this.scheduleSave();
  }

  delete(key: string): void {
    if (this.entries.delete(key)) this.scheduleSave();
  }

  keysWhere(prefix: string, predicate: (payload: Payload) => boolean): string[] {
    return [...this.entries]
      .filter(([k, e]) => k.startsWith(prefix) && predicate(e.payload))
      .map(([k]) => k);
  }

  /** Persists an in-place change of a stored payload. */
  changed(): void {
    this.scheduleSave();
  }

  flush(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const now = Date.now();
    const live: Record<string, Entry> = {};
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt === undefined || entry.expiresAt > now) live[key] = entry;
    }
    const tmp = `${this.file}.tmp`;
    writePrivateFile(tmp, JSON.stringify(live));
    renameSync(tmp, this.file);
  }

  private scheduleSave(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => this.flush(), 200);
    this.saveTimer.unref();
  }

  /** The adapter class oidc-provider instantiates once per model name. */
  adapterClass() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const storage = this;
    return class StorageAdapter {
      constructor(private readonly model: string) {}

      private key(id: string) {
        return `${this.model}:${id}`;
      }

      async upsert(id: string, payload: Payload, expiresIn?: number) {
        storage.set(this.key(id), payload, expiresIn);
      }

      async find(id: string) {
        if (this.model === "Client") return storage.lookupClient(id);
        return storage.get(this.key(id));
      }

      async findByUid(uid: string) {
        const [key] = storage.keysWhere(`${this.model}:`, (p) => p.uid === uid);
        return key ? storage.get(key) : undefined;
      }

      async findByUserCode(userCode: string) {
        const [key] = storage.keysWhere(`${this.model}:`, (p) => p.userCode === userCode);
        return key ? storage.get(key) : undefined;
      }

      async consume(id: string) {
        const payload = storage.get(this.key(id));
        if (payload) {
          payload.consumed = Math.floor(Date.now() / 1000);
          storage.changed();
        }
      }

      async destroy(id: string) {
        storage.delete(this.key(id));
      }

      async revokeByGrantId(grantId: string) {
        for (const key of storage.keysWhere("", (p) => p.grantId === grantId)) storage.delete(key);
      }
    };
  }
}
