import type { Page } from "playwright-core";
import { inject } from "vitest";
import { launchBrowser, newContext, signIn } from "../support/browser";
import { control } from "../support/emulator-client";
import { armRegistries } from "./arm";
import { captureApiToken } from "./pages";

/** A browser signed in to the console, on a freshly reset emulator. */
export interface SignedInSession {
  page: Page;
  /** The bearer token the console last sent to its own /api routes. */
  token: () => string;
  /** Registry name -> ARM id, as ARM lists them to the signed-in user. */
  registryIds: () => Promise<Map<string, string>>;
  /** Resets the emulator and closes the browser. */
  close: () => Promise<void>;
}

/**
 * The setup most e2e files share: reset the emulator, open a fresh browser profile, and sign in
 * as `persona` through the identity provider's login form, landing on the console's home page.
 */
export async function openSignedIn(
  options: {
    persona?: string;
    viewport?: { width: number; height: number };
    permissions?: string[];
  } = {},
): Promise<SignedInSession> {
  const emulator = inject("emulator");
  const consoleUrl = inject("consoleUrl");
  await control(emulator, "reset");
  const browser = await launchBrowser();
  const context = await newContext(browser, options.viewport);
  if (options.permissions) await context.grantPermissions(options.permissions);
  const page = await context.newPage();
  const token = captureApiToken(page);
  await signIn(page, emulator, options.persona ?? "operator", `${consoleUrl}/`);
  return {
    page,
    token,
    registryIds: async () =>
      new Map((await armRegistries(emulator, token())).map((r) => [r.name, r.id])),
    close: async () => {
      await control(emulator, "reset").catch(() => undefined);
      await context.close();
      await browser.close();
    },
  };
}
