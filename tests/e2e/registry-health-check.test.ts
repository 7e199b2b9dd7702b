import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { automationToken, caFetch, control } from "../support/emulator-client";
import { endpointRows, registryPage } from "./pages";
import { openSignedIn, type SignedInSession } from "./session";

/*
 * The registry page's health check over every endpoint (issue 10): one result per host of the
 * Endpoints table (global, regional and dedicated data endpoints), a region whose firewall
 * answers 403 failing its challenge step with the firewall advice, and a run cancelled midway
 * keeping what finished. contosoprod has regional endpoints on; dedicated data endpoints are
 * turned on through ARM before the page opens.
 */

const emulator = inject("emulator");
const consoleUrl = inject("consoleUrl");
const REGISTRY = "contosoprod";
const BLOCKED = "westeurope";
const SLOW = "australiaeast";

let session: SignedInSession;
let page: Page;
let tableHosts: { kind: string; region: string; host: string }[];

interface StepRow {
  host: string;
  kind: string;
  step: string;
  status: string;
  code: string;
  advice: string;
}

/** The Health check table's rows, as a user reads them. */
async function healthRows(): Promise<StepRow[]> {
  const table = page.getByRole("table", { name: "Health check" });
  if ((await table.count()) === 0) return [];
  return table.locator("tbody tr").evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = [...(tr as HTMLTableRowElement).cells].map((c) => c.textContent?.trim() ?? "");
      return {
        host: tr.getAttribute("data-host") ?? "",
        kind: tr.getAttribute("data-kind") ?? "",
        step: tr.getAttribute("data-step") ?? "",
        status: cells[2] ?? "",
        code: cells[5] ?? "",
        advice: cells[6] ?? "",
      };
    }),
  );
}

const hostsOf = (rows: StepRow[]) => [...new Set(rows.map((r) => r.host))];

/** The page's Health check section, and a button in it. */
const section = () => page.getByRole("region", { name: "Health check" });
const button = (name: string) => section().getByRole("button", { name });

/** Dedicated data endpoints on, through ARM's own long-running PATCH, polled to its end. */
async function enableDataEndpoints(registryId: string): Promise<void> {
  const fetch = caFetch(emulator);
  const token = await automationToken(emulator);
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const patched = await fetch(`${emulator.armEndpoint}${registryId}?api-version=2025-11-01`, {
    method: "PATCH",
    headers,
    body: JSON.stringify({ properties: { dataEndpointEnabled: true } }),
  });
  expect(patched.status, await patched.clone().text()).toBeLessThan(300);
  const status = patched.headers.get("azure-asyncoperation");
  for (let i = 0; status && i < 50; i++) {
    const poll = (await (await fetch(status, { headers })).json()) as { status: string };
    if (poll.status !== "InProgress") {
      expect(poll.status).toBe("Succeeded");
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  session = await openSignedIn();
  page = session.page;
  const id = (await session.registryIds()).get(REGISTRY)!;
  await enableDataEndpoints(id);
  await control(emulator, `regions/${BLOCKED}`, { status: 403 });
  await page.goto(registryPage(consoleUrl, id));
  tableHosts = (await endpointRows(page)).filter((r) => !r.notice && !r.host.includes("*"));
});

afterAll(async () => {
  await session?.close();
});

describe("health check of every endpoint from the registry page", () => {
  it("gives one result per endpoint of the Endpoints table; the firewalled region fails its challenge", async () => {
    const kinds = new Set(tableHosts.map((r) => r.kind));
    expect(kinds).toEqual(new Set(["global", "regional", "data"]));
    expect(tableHosts.filter((r) => r.kind === "regional").length).toBe(7);
    expect(tableHosts.filter((r) => r.kind === "data").length).toBe(7);

    await button("Run health check").click();
    await expect
      .poll(async () => hostsOf(await healthRows()).length, { timeout: 90_000 })
      .toBe(tableHosts.length);
    await button("Cancel").waitFor({ state: "detached" });
    const rows = await healthRows();
    expect(hostsOf(rows).sort()).toEqual(tableHosts.map((r) => r.host).sort());

    const blocked = tableHosts.find((r) => r.kind === "regional" && r.region === BLOCKED)!.host;
    for (const { host, kind } of tableHosts) {
      const steps = rows.filter((r) => r.host === host);
      const byStep = Object.fromEntries(steps.map((s) => [s.step, s]));
      expect(
        steps.map((s) => s.step),
        host,
      ).toEqual(["dns", "tcp", "tls", "challenge", "token", "manifest", "blob"]);
      expect(steps.every((s) => s.kind === kind)).toBe(true);
      if (host === blocked) {
        expect(byStep.challenge!.status).toBe("fail");
        expect(byStep.challenge!.code).toContain("CONNECTIVITY_FORBIDDEN_ERROR");
        expect(byStep.challenge!.code).toContain("DENIED");
        expect(byStep.challenge!.advice).toContain("firewall");
        expect(byStep.challenge!.advice).toContain(`${blocked} on TCP 443`);
        expect(byStep.token!.status).toBe("skipped");
        continue;
      }
      // The others pass every step they run (the data endpoints: DNS, TCP and TLS; without an
      // image no manifest or blob).
      const ran =
        kind === "data" ? ["dns", "tcp", "tls"] : ["dns", "tcp", "tls", "challenge", "token"];
      for (const name of ran) expect(byStep[name]!.status, `${host} ${name}`).toBe("pass");
      for (const s of steps.filter((x) => !ran.includes(x.step))) {
        expect(s.status, `${host} ${s.step}`).toBe("skipped");
      }
    }
  });

  it("cancels a run midway, saying so and keeping the endpoints that finished", async () => {
    await control(emulator, `regions/${BLOCKED}`, { status: null });
    // Every connection to the slow region waits 30 s for its first answer: its endpoints cannot
    // finish before the cancel.
    await control(emulator, `regions/${SLOW}`, { latencyMs: 30_000 });
    const slow = tableHosts.filter((r) => r.region === SLOW).map((r) => r.host);
    expect(slow.length).toBe(2);

    await button("Run health check").click();
    await expect
      .poll(async () => hostsOf(await healthRows()).length, { timeout: 60_000 })
      .toBeGreaterThanOrEqual(3);
    await button("Cancel").click();

    const notice = section()
      .getByRole("status")
      .filter({ hasText: /Health check canceled: \d+ of \d+ endpoints checked/ });
    await notice.waitFor();
    const [, done, total] = /(\d+) of (\d+)/.exec((await notice.textContent()) ?? "")!;
    expect(Number(total)).toBe(tableHosts.length);
    // Nothing arrives after the cancel: what the table holds is what had finished.
    await page.waitForTimeout(1_000);
    const kept = hostsOf(await healthRows());
    expect(kept.length).toBe(Number(done));
    expect(kept.length).toBeLessThan(tableHosts.length);
    for (const host of slow) expect(kept).not.toContain(host);
    for (const host of kept) {
      expect(tableHosts.map((r) => r.host)).toContain(host);
      const steps = (await healthRows()).filter((r) => r.host === host);
      expect(steps.length, host).toBe(7);
    }
    expect(await button("Cancel").count()).toBe(0);
    expect(await button("Run health check").isEnabled()).toBe(true);
    await control(emulator, `regions/${SLOW}`, { latencyMs: 200 });
  });
});
