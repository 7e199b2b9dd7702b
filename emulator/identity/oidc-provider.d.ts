/**
 * The slice of `oidc-provider` (v9, ships no types) that the emulated identity uses. Loose where
 * the library is loose; only what this folder touches is declared.
 */
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  export interface KoaContext {
    method: string;
    path: string;
    url: string;
    status: number;
    body: unknown;
    href: string;
    req: IncomingMessage & { originalUrl?: string; body?: unknown };
    res: ServerResponse;
    request: { url: string };
    response: { headers: Record<string, unknown> };
    get(name: string): string;
    set(name: string, value: string): void;
    remove(name: string): void;
    type: string;
    oidc: OidcContext;
  }

  export interface OidcContext {
    route: string;
    params?: Record<string, unknown>;
    body?: Record<string, unknown>;
    client?: ClientInstance;
    session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
    resourceServers?: Record<string, { scopes: Set<string> }>;
    entities: {
      Account?: { accountId: string };
      Client?: ClientInstance;
      Grant?: Grant;
    };
    result?: Record<string, unknown>;
    urlFor(name: string, opts?: Record<string, unknown>): string;
    provider: Provider;
  }

  export interface ClientInstance {
    clientId: string;
    clientAuthMethod: string;
    redirectUris: string[];
    postLogoutRedirectUris: string[];
    grantTypeAllowed(type: string): boolean;
  }

  export interface Grant {
    jti?: string;
    accountId?: string;
    clientId?: string;
    addOIDCScope(scope: string): void;
    addResourceScope(resource: string, scope: string): void;
    save(ttl?: number): Promise<string>;
  }

  export interface InteractionDetails {
    uid: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Record<string, unknown>;
    session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
    resourceServers?: Record<string, { scopes: Set<string> }>;
    grantId?: string;
    lastSubmission?: Record<string, unknown>;
    returnTo: string;
  }

  export interface TokenLike {
    kind: string;
    accountId?: string;
    clientId?: string;
    scope?: string;
    resource?: string | string[];
    resourceServer?: { audience?: string; scope?: string };
    client?: ClientInstance;
    iat?: number;
    exp?: number;
    jti?: string;
  }

  export interface Configuration {
    [key: string]: unknown;
  }

  export class Provider {
    constructor(issuer: string, configuration?: Configuration);
    issuer: string;
    proxy: boolean;
    Grant: {
      new (props: { accountId: string; clientId: string }): Grant;
      find(id: string): Promise<Grant | undefined>;
    };
    Client: { prototype: Record<string, unknown> };
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): void;
    on(event: string, listener: (...args: unknown[]) => void): void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
  }

  export const errors: {
    InvalidTarget: new (description?: string) => Error;
    InvalidScope: new (description?: string, scope?: string) => Error;
    InvalidRequest: new (description?: string) => Error;
    InvalidClient: new (description?: string) => Error;
  };

  export default Provider;
}
