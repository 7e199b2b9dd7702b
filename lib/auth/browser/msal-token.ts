import {
  InteractionRequiredAuthError,
  type AccountInfo,
  type IPublicClientApplication,
} from "@azure/msal-browser";

/** Raised when the token cannot be had silently and the page is leaving to sign in again. */
export class SignInRedirectError extends Error {
  constructor() {
    super("Your session needs you to sign in again; redirecting to sign-in.");
    this.name = "SignInRedirectError";
  }
}

/** The account API calls are made for: the active one, else the only one MSAL knows. */
export function currentAccount(instance: IPublicClientApplication): AccountInfo | null {
  return instance.getActiveAccount() ?? instance.getAllAccounts()[0] ?? null;
}

/**
 * An ARM access token for the signed-in user. Silent first (from the cache, or renewed with the
 * refresh token); when the identity provider needs the user (expired session, new consent) it
 * redirects to sign in and comes back to the current page, and this call rejects with
 * SignInRedirectError so no request goes out without a token.
 */
export async function acquireArmToken(
  instance: IPublicClientApplication,
  scope: string,
): Promise<string> {
  const account = currentAccount(instance);
  const request = { scopes: [scope], account: account ?? undefined };
  if (!account) {
    await instance.acquireTokenRedirect(request);
    throw new SignInRedirectError();
  }
  try {
    const result = await instance.acquireTokenSilent(request);
    return result.accessToken;
  } catch (error) {
    if (error instanceof InteractionRequiredAuthError) {
      await instance.acquireTokenRedirect(request);
      throw new SignInRedirectError();
    }
    throw error;
  }
}
