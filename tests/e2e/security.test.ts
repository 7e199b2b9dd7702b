import { request as httpRequest, createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newContext, signIn } from "../support/browser";
import { control } from "../support/emulator-client";
import { armRegistries } from "./arm";
import { captureApiToken, registryPage } from "./pages";

/*
 * The browser protections of the production build in Chromium: every page carries a Content
 * Security Policy with a fresh nonce and no unsafe-eval, and the sign-in, the switches and the
 * probes work under it without a single violation; a page on another origin of the same site
 * cannot frame the console; request bodies over the limit are refused by the real server.
 */

const emulator = inject("emulator");
const consoleUrl = inject("consoleUrl");
const authorityOrigin = new URL(emulator.authority).origin;

let browser: Browser;

beforeAll(async () => {
  await control(emulator, "reset");
  browser = await launchBrowser();
});
afterAll(async () => {
  await control(emulator, "faults", undefined, "DELETE");
  await browser?.close();
});

function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy.split(";").map((d) => {
      const [name = "", ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe("security headers", () => {
  it("pages: a CSP with a fresh nonce per request, no unsafe-eval, frame-ancestors 'none'", async () => {
    const first = await fetch(`${consoleUrl}/signed-out`);
    const second = await fetch(`${consoleUrl}/signed-out`);
    const policies = [first, second].map((r) => r.headers.get("content-security-policy") ?? "");
    const [a, b] = policies.map(directives);
    expect(a!["script-src"]).toContain("'strict-dynamic'");
    const nonceOf = (d: Record<string, string[]>) =>
      d["script-src"]!.find((v) => v.startsWith("'nonce-"));
    expect(nonceOf(a!)).toBeDefined();
    expect(nonceOf(a!)).not.toBe(nonceOf(b!));
    expect(policies[0]).not.toMatch(/unsafe-eval|unsafe-inline/);
    expect(a!["frame-ancestors"]).toEqual(["'none'"]);
    expect(a!["connect-src"]).toEqual(["'self'", authorityOrigin]);
    // The nonce is on the page's scripts.
    const html = await first.text();
    expect(html).toContain(`nonce="${nonceOf(a!)!.slice(7, -1)}"`);
    for (const response of [first]) {
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("permissions-policy")).toMatch(/camera=\(\)/);
    }
  });

  it("API answers: nosniff and a policy that renders and frames nothing", async () => {
    const response = await fetch(`${consoleUrl}/api/health/live`);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
  });
});

describe("the console under its policy", () => {
  let context: BrowserContext;
  let page: Page;
  const violations: { page: string; directive: string; blocked: string; sample: string }[] = [];

  beforeAll(async () => {
    context = await newContext(browser);
    await context.exposeBinding(
      "reportCspViolation",
      (source, v: { directive: string; blocked: string; sample: string }) => {
        violations.push({ page: source.frame.url(), ...v });
      },
    );
    await context.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        (window as unknown as { reportCspViolation: (v: unknown) => void }).reportCspViolation({
          directive: e.violatedDirective,
          blocked: e.blockedURI,
          sample: e.sample,
        });
      });
    });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  it("signs in, turns a switch and shows live probes with no violation of the policy", async () => {
    const token = captureApiToken(page);
    await signIn(page, emulator, "operator", `${consoleUrl}/`);
    const registry = (await armRegistries(emulator, token())).find(
      // Seven replicas: turning one off needs no second confirmation.
      (r) => r.name === "contosoprod",
    )!;
    await page.goto(registryPage(consoleUrl, registry.id));

    // A switch: global endpoint routing of japaneast, off and confirmed.
    const sw = page
      .getByRole("table", { name: "Replicas" })
      .getByRole("switch", { name: "Global endpoint routing for japaneast", exact: true });
    await expect.poll(() => sw.isEnabled(), { timeout: 30_000 }).toBe(true);
    expect(await sw.isChecked()).toBe(true);
    await sw.click();
    const dialog = page.getByRole("alertdialog");
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Turn global endpoint routing off" }).click();
    await expect
      .poll(async () => `${await sw.isEnabled()} ${await sw.isChecked()}`, { timeout: 30_000 })
      .toBe("true false");

    // Live probes: a sample with a verdict in the Probes table.
    await page
      .getByRole("table", { name: "Probes" })
      .locator("tbody tr[data-verdict='ok']")
      .first()
      .waitFor({ timeout: 30_000 });

    // Styles applied: Fluent UI's themed styles came through the nonce.
    const background = await sw.evaluate((el) =>
      getComputedStyle(el.closest(".fui-FluentProvider")!).getPropertyValue(
        "--colorNeutralBackground1",
      ),
    );
    expect(background.trim()).not.toBe("");

    const onConsole = violations.filter((v) => v.page.startsWith(consoleUrl));
    expect(onConsole).toEqual([]);
  });
});

describe("framing", () => {
  let framer: Server;
  beforeAll(async () => {
    // Another origin of the same site (another port on localhost), as a hostile page would be.
    framer = createServer((_, res) => {
      res.setHeader("content-type", "text/html");
      res.end(
        `<!doctype html><iframe id="console" src="${consoleUrl}/signed-out" width="800" height="600"></iframe>`,
      );
    });
    await new Promise<void>((resolve) => framer.listen(0, "127.0.0.1", resolve));
  });
  afterAll(() => new Promise<void>((resolve) => framer.close(() => resolve())));

  it("signs in and shows the inventory without an error in the browser's console", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`${m.text()} (${m.location().url})`);
    });
    page.on("pageerror", (e) => errors.push(e.message));
    await signIn(page, emulator, "support", `${consoleUrl}/`);
    await page.getByRole("table", { name: "Registries" }).locator("tbody tr").first().waitFor();
    // The sign-in page asked for /favicon.ico, ARM's path space on the emulator: a 401 here.
    expect(errors).toEqual([]);
    await context.close();
  });

  it("refuses to be framed by another page", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const messages: string[] = [];
    page.on("console", (m) => messages.push(m.text()));
    const { port } = framer.address() as AddressInfo;
    await page.goto(`http://localhost:${port}/`);
    await page.locator("iframe#console").waitFor();
    await expect
      .poll(
        () => messages.some((m) => /frame-ancestors|Refused to frame|X-Frame-Options/.test(m)),
        {
          timeout: 10_000,
        },
      )
      .toBe(true);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    // The console's own page never loads in the frame.
    expect(frame ? await frame.locator("text=Signed out").count() : 0).toBe(0);
    await context.close();
  });
});

describe("request bodies on the real server", () => {
  it("answers 413 to a declared 200 MB body before it is sent", async () => {
    const url = new URL(
      `${consoleUrl}/api/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/registries/contoso`,
    );
    const token = await (
      await import("../support/user-token")
    ).userToken(emulator, emulator.users.find((u) => u.persona === "teamlead")!.username);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        url,
        {
          method: "PATCH",
          headers: {
            authorization: `Bearer ${token}`,
            "content-type": "application/json",
            "content-length": String(200 * 1024 * 1024),
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy();
        },
      );
      req.on("error", (e) => (e.message.includes("socket hang up") ? undefined : reject(e)));
      // Only the first kilobyte is ever sent: the answer must come without the rest.
      req.write(Buffer.alloc(1024, 0x20));
    });
    expect(status).toBe(413);
  });
});
