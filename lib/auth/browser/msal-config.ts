import {
  BrowserCacheLocation,
  LogLevel,
  type Configuration,
  type RedirectRequest,
} from "@azure/msal-browser";
import type { PublicConfig } from "@/lib/types";

/**
 * The page the identity provider redirects back to. It only runs MSAL's redirect bridge
 * (`broadcastResponseToMainFrame`), which hands the response to the page that started sign-in.
 * Register `<origin>/auth/redirect` as the SPA redirect URI of the app registration.
 */
export const REDIRECT_BRIDGE_PATH = "/auth/redirect";

/** Where sign-out lands: a page outside the sign-in gate, so it does not sign straight back in. */
export const SIGNED_OUT_PATH = "/signed-out";

/** Pages rendered without the sign-in gate. */
export const PUBLIC_PATHS: readonly string[] = [REDIRECT_BRIDGE_PATH, SIGNED_OUT_PATH];

/**
 * MSAL configuration for the console: auth code + PKCE through redirects. `knownAuthorities`
 * comes from the server's configuration: MSAL refuses an authority host it does not know
 * (the emulator's localhost identity provider) and any non-https authority.
 */
export function msalConfiguration(config: PublicConfig, origin: string): Configuration {
  return {
    auth: {
      clientId: config.clientId,
      authority: config.authority,
      knownAuthorities: config.knownAuthorities,
      redirectUri: `${origin}${REDIRECT_BRIDGE_PATH}`,
      postLogoutRedirectUri: `${origin}${SIGNED_OUT_PATH}`,
    },
    cache: {
      // Shared across tabs, so a registry opened in a new tab does not bounce through sign-in.
      // MSAL 5 encrypts what it keeps in localStorage with a key held in a session cookie.
      cacheLocation: BrowserCacheLocation.LocalStorage,
    },
    system: {
      loggerOptions: {
        logLevel: LogLevel.Warning,
        piiLoggingEnabled: false,
        loggerCallback: (level, message, containsPii) => {
          if (containsPii) return;
          if (level === LogLevel.Error) console.error(message);
          else if (level === LogLevel.Warning) console.warn(message);
        },
      },
    },
  };
}

/** The sign-in request: the ARM scope up front, so the first API call needs no second consent. */
export function loginRequest(config: PublicConfig): RedirectRequest {
  return { scopes: [config.armScope] };
}
