import type { KoaContext, TokenLike } from "oidc-provider";
import type { Store } from "../contracts";
import { findAppByClientId, findPrincipal } from "../store/finders";
import type { PrincipalState } from "../store/types";
import { OIDC_SCOPES } from "./entra";

/**
 * Redirect URIs of the SPA: any port on the loopback names, over http. The console runs on free
 * ports in tests and on 3000 in the demo; Entra likewise ignores the port of a loopback redirect
 * URI when matching (RFC 8252). Nothing else is accepted.
 */
export function isLoopbackRedirect(value: string): boolean {
  const url = URL.parse(value);
  return (
    !!url &&
    url.protocol === "http:" &&
    (url.hostname === "localhost" || url.hostname === "127.0.0.1") &&
    !url.username &&
    !url.password &&
    !url.hash
  );
}

export function principalForToken(store: Store, token: TokenLike): PrincipalState | undefined {
  if (token.accountId) return findPrincipal(store.state, token.accountId);
  // Client credentials: the token's subject is the app's service principal.
  return token.clientId === undefined ? undefined : findAppByClientId(store.state, token.clientId);
}

/**
 * The grant for an authorization request, without a consent screen: the tenant has consented for
 * its users to the console (a first-party app), so every requested scope is added as it is asked.
 */
export async function autoGrant(ctx: KoaContext) {
  const { oidc } = ctx;
  const client = oidc.client;
  const accountId = oidc.session?.accountId;
  if (!client || !accountId) return undefined;
  const grantId =
    (oidc.result?.consent as { grantId?: string } | undefined)?.grantId ??
    oidc.session?.grantIdFor(client.clientId);
  const found = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
  // A grant left by another user of the same browser session is not reused.
  const grant =
    found && found.accountId === accountId && found.clientId === client.clientId
      ? found
      : new oidc.provider.Grant({ accountId, clientId: client.clientId });
  const requested = String(oidc.params?.scope ?? "")
    .split(" ")
    .filter(Boolean);
  const oidcScopes = requested.filter((s) => OIDC_SCOPES.includes(s));
  if (oidcScopes.length) grant.addOIDCScope(oidcScopes.join(" "));
  // Consent covers the whole API (as an admin consent does): a later request for `.default` or
  // another scope of the same resource is granted without a new sign-in.
  for (const [indicator, server] of Object.entries(oidc.resourceServers ?? {})) {
    grant.addResourceScope(indicator, [...server.scopes].join(" "));
  }
  await grant.save();
  return grant;
}

/** The automation clients (confidential, client-credentials only), looked up in the store. */
export function clientFromStore(store: Store, clientId: string) {
  const app = findAppByClientId(store.state, clientId);
  if (!app?.clientSecret) return undefined;
  return {
    client_id: clientId,
    client_secret: app.clientSecret,
    client_name: app.displayName,
    grant_types: ["client_credentials"],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: "client_secret_post",
  };
}
