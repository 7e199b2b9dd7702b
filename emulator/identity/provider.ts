import Provider, {
  errors,
  type ClientInstance,
  type KoaContext,
  type TokenLike,
} from "oidc-provider";
import type { JWK } from "jose";
import type { Store } from "../contracts";
import type { IdentityStorage } from "./adapter";
import { findPrincipal } from "../store/finders";
import { autoGrant, isLoopbackRedirect, principalForToken } from "./clients";
import {
  accessTokenClaims,
  OIDC_SCOPES,
  qualifiedScopes,
  RESOURCES,
  resourceFromScopes,
  resourceKey,
} from "./entra";
import { errorPage, logoutPage, signedOutPage } from "./pages";

/** Lifetimes close to Entra's defaults for a SPA (access token ~1 h, SPA refresh token 24 h). */
const TTL = {
  AccessToken: 3600,
  ClientCredentials: 3600,
  IdToken: 3600,
  AuthorizationCode: 600,
  RefreshToken: 24 * 3600,
  Interaction: 3600,
  Session: 24 * 3600,
  Grant: 24 * 3600,
};

/** Entra's v2.0 endpoint paths, below the tenant segment. */
export const ROUTES = {
  authorization: "/oauth2/v2.0/authorize",
  token: "/oauth2/v2.0/token",
  end_session: "/oauth2/v2.0/logout",
  jwks: "/discovery/v2.0/keys",
  userinfo: "/oidc/userinfo",
};

export interface ProviderSetup {
  issuer: string;
  tenantId: string;
  spaClientId: string;
  signingKey: JWK;
  cookieKeys: string[];
  store: Store;
  storage: IdentityStorage;
}

/** Builds the oidc-provider instance with the emulated tenant's configuration. */
export function createProvider(setup: ProviderSetup): Provider {
  const { issuer, tenantId, spaClientId, store, storage } = setup;

  const provider = new Provider(issuer, {
    adapter: storage.adapterClass(),
    clients: [
      {
        client_id: spaClientId,
        client_name: "ACR Geo Console",
        application_type: "web",
        token_endpoint_auth_method: "none",
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        // The demo's URIs; any other loopback port or path is accepted too (see clients.ts).
        redirect_uris: ["http://localhost:3000/auth/redirect"],
        post_logout_redirect_uris: ["http://localhost:3000/signed-out"],
      },
    ],
    jwks: { keys: [setup.signingKey] },
    cookies: {
      keys: setup.cookieKeys,
      // Distinct names: the console and other local apps share the `localhost` cookie jar.
      names: {
        session: "emulator_entra_session",
        interaction: "emulator_entra_interaction",
        resume: "emulator_entra_resume",
      },
      // The session cookie must reach the authorize endpoint inside MSAL's hidden iframe, which is
      // cross-site from the console's origin (http vs https): Entra's own cookies are SameSite=None.
      long: { httpOnly: true, sameSite: "none", secure: true, path: `/${tenantId}/` },
      short: { httpOnly: true, sameSite: "lax", secure: true },
    },
    routes: ROUTES,
    scopes: OIDC_SCOPES,
    claims: {
      openid: ["sub", "tid", "ver"],
      profile: ["name", "preferred_username", "oid"],
      email: ["email"],
    },
    conformIdTokenClaims: false,
    responseTypes: ["code"],
    pkce: {
      required: (_ctx: KoaContext, client: ClientInstance) => client.clientAuthMethod === "none",
    },
    ttl: TTL,
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContext, form: string) => {
          ctx.type = "html";
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: async (ctx: KoaContext) => {
          ctx.type = "html";
          ctx.body = signedOutPage();
        },
      },
      resourceIndicators: {
        enabled: true,
        // MSAL never sends `resource`: the resource is the prefix of the Entra-style scope.
        defaultResource: async (ctx: KoaContext) => {
          const resource = resourceFromScopes(ctx.oidc.params?.scope);
          // Entra has no resource-less app token: client credentials must name `<resource>/.default`.
          if (!resource && ctx.oidc.params?.grant_type === "client_credentials") {
            throw new errors.InvalidScope(
              "AADSTS1002012: The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).",
            );
          }
          return resource;
        },
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx: KoaContext, resource: string) => {
          if (!RESOURCES[resourceKey(resource)])
            throw new errors.InvalidTarget(`unknown resource ${resource}`);
          return {
            // The identifier as asked, trailing slash included, as Entra's `aud` carries it.
            audience: resource,
            scope: qualifiedScopes(resource).join(" "),
            accessTokenFormat: "jwt",
            accessTokenTTL: TTL.AccessToken,
            jwt: { sign: { alg: "RS256" } },
          };
        },
      },
    },
    formats: {
      customizers: {
        jwt: async (
          _ctx: KoaContext,
          token: TokenLike,
          jwt: { header?: Record<string, unknown>; payload: Record<string, unknown> },
        ) => {
          const principal = principalForToken(store, token);
          if (!principal) throw new Error("token subject is not a known principal");
          const { payload } = jwt;
          jwt.header = { typ: "JWT" };
          jwt.payload = accessTokenClaims({
            tenantId,
            audience: String(payload.aud),
            clientId: String(payload.client_id),
            iat: Number(payload.iat),
            exp: Number(payload.exp),
            jti: String(payload.jti),
            principal,
            scope: typeof payload.scope === "string" ? payload.scope : undefined,
            confidentialClient: token.client?.clientAuthMethod !== "none",
          });
        },
      },
    },
    findAccount: async (_ctx: KoaContext, id: string) => {
      const principal = findPrincipal(store.state, id);
      if (!principal || principal.kind !== "user") return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          oid: id,
          tid: tenantId,
          ver: "2.0",
          name: principal.displayName,
          preferred_username: principal.username,
          email: principal.username,
        }),
      };
    },
    interactions: {
      url: async (_ctx: KoaContext, interaction: { uid: string }) =>
        `/${tenantId}/login/${interaction.uid}`,
    },
    loadExistingGrant: async (ctx: KoaContext) => autoGrant(ctx),
    // Entra hands SPAs a refresh token whenever offline_access is asked for, with or without a
    // prompt; oidc-provider drops offline_access unless prompt=consent. The refresh token
    // inherits the code's scope, and MSAL asks for offline_access again on each refresh. Entra's
    // refresh tokens also serve any scope of the consented API (`.default` included).
    issueRefreshToken: async (_ctx: KoaContext, client: ClientInstance, source: TokenLike) => {
      if (!client.grantTypeAllowed("refresh_token")) return false;
      if (source.kind === "AuthorizationCode" && source.scope !== undefined) {
        const scopes = new Set(source.scope.split(" "));
        scopes.add("offline_access");
        const resources = ([] as string[]).concat(source.resource ?? []);
        for (const resource of resources) qualifiedScopes(resource).forEach((s) => scopes.add(s));
        source.scope = [...scopes].join(" ");
      }
      return true;
    },
    // Entra keeps a used refresh token valid; oidc-provider would revoke the whole grant when a
    // rotated one is replayed (two tabs refreshing at once). Not rotating keeps tabs independent.
    rotateRefreshToken: false,
    clientBasedCORS: (_ctx: KoaContext, origin: string, client: ClientInstance) =>
      client.clientId === spaClientId && isLoopbackRedirect(`${origin}/`),
    renderError: async (ctx: KoaContext, out: Record<string, string>) => {
      ctx.type = "html";
      ctx.body = errorPage(out);
    },
  });

  // Narrow override: only the SPA client gets loopback redirect URIs on any port.
  const clientProto = provider.Client.prototype as {
    redirectUriAllowed(this: ClientInstance, value: string): boolean;
    postLogoutRedirectUriAllowed(this: ClientInstance, value: string): boolean;
  };
  const redirectAllowed = clientProto.redirectUriAllowed;
  const postLogoutAllowed = clientProto.postLogoutRedirectUriAllowed;
  clientProto.redirectUriAllowed = function (value: string) {
    if (this.clientId === spaClientId && isLoopbackRedirect(value)) return true;
    return redirectAllowed.call(this, value);
  };
  clientProto.postLogoutRedirectUriAllowed = function (value: string) {
    if (this.clientId === spaClientId && isLoopbackRedirect(value)) return true;
    return postLogoutAllowed.call(this, value);
  };

  return provider;
}
