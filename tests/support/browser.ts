import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import type { EmulatorEndpoints } from "./emulator-process";

/** Debian's Chromium (or CHROMIUM_PATH); never a downloaded browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * A fresh browser profile. The emulator's identity provider is HTTPS with a local CA that
 * Chromium does not trust, hence ignoreHTTPSErrors (the console itself is http on localhost).
 */
export function newContext(
  browser: Browser,
  viewport = { width: 1400, height: 1000 },
): Promise<BrowserContext> {
  return browser.newContext({ ignoreHTTPSErrors: true, viewport });
}

/** The demo user of a persona (operator, teamlead, support) from the emulator's discovery file. */
export function demoUser(emulator: EmulatorEndpoints, persona: string) {
  const user = emulator.users.find((u) => u.persona === persona);
  if (!user) throw new Error(`the emulator has no ${persona} user`);
  return user;
}

/**
 * Opens `url` in the console and signs in through the identity provider's real login form (the
 * console redirects there first). Resolves once the console shows the signed-in account, back on
 * the page that was asked for.
 */
export async function signIn(
  page: Page,
  emulator: EmulatorEndpoints,
  persona: string,
  url: string,
): Promise<void> {
  const user = demoUser(emulator, persona);
  const authorityOrigin = new URL(emulator.authority).origin;
  await page.goto(url);
  await page.waitForURL((u) => u.origin === authorityOrigin, { timeout: 30_000 });
  await page.getByLabel("Username").fill(user.username);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(
    (u) => u.origin === new URL(url).origin && !u.pathname.startsWith("/auth/"),
    {
      timeout: 30_000,
    },
  );
  await page.getByTestId("signed-in-account").waitFor({ timeout: 30_000 });
}
