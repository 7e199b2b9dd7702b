import {
  EventType,
  PublicClientApplication,
  type AuthenticationResult,
  type EventMessage,
} from "@azure/msal-browser";
import type { PublicConfig } from "@/lib/types";
import { msalConfiguration } from "@/lib/auth/browser/msal-config";

let cached: { key: string; instance: PublicClientApplication } | undefined;

/**
 * The tab's one MSAL instance for this configuration (React may mount the provider twice). The
 * account that just signed in becomes the active one, which every token request then uses.
 */
export function msalInstanceFor(config: PublicConfig): PublicClientApplication {
  const key = JSON.stringify(config);
  if (cached?.key === key) return cached.instance;
  const instance = new PublicClientApplication(msalConfiguration(config, window.location.origin));
  instance.addEventCallback((event: EventMessage) => {
    if (
      (event.eventType === EventType.LOGIN_SUCCESS ||
        event.eventType === EventType.ACQUIRE_TOKEN_SUCCESS) &&
      event.payload
    ) {
      const { account } = event.payload as AuthenticationResult;
      if (account) instance.setActiveAccount(account);
    }
  });
  cached = { key, instance };
  return instance;
}
