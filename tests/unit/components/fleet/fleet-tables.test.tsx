// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AttentionTable } from "@/components/fleet/attention-table";
import { ReplicaHealthGrid, ROW_HEIGHT } from "@/components/fleet/replica-health-grid";
import { attentionFor } from "@/lib/fleet/shared/attention";
import { replicaKey } from "@/lib/fleet/shared/availability";
import { DEFAULT_FLEET_VIEW } from "@/lib/fleet/shared/view";
import { renderUi } from "@/tests/unit/components/render";
import { fleetRegistry, fleetReplica, health, NOW } from "@/tests/unit/fleet/fixtures";

afterEach(cleanup);

describe("Needs attention", () => {
  it("lists each item's reason, registry link, region, what and since", () => {
    const registry = fleetRegistry({
      replicas: [
        fleetReplica("eastus"),
        fleetReplica("westeurope", { provisioningState: "Failed" }),
        fleetReplica("uksouth"),
      ],
    });
    const items = attentionFor([registry], [], {
      now: NOW,
      stuckAfterMs: 1_800_000,
      firstSeen: () => "2026-12-05T11:00:00.000Z",
    });
    renderUi(<AttentionTable items={items} now={NOW} />);
    const table = screen.getByRole("table", { name: "Needs attention" });
    const [row] = within(table).getAllByRole("row").slice(1);
    const cells = within(row!)
      .getAllByRole("cell")
      .map((c) => c.textContent);
    expect(cells).toEqual([
      "Provisioning failed",
      "contosoprod",
      "westeurope",
      "Replica in westeurope: provisioning Failed",
      "2026-12-05 11:00:00 UTC (1 h ago)",
    ]);
    expect(within(row!).getByRole("link", { name: "contosoprod" })).toHaveAttribute(
      "href",
      "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-prod/registries/contosoprod",
    );
  });

  it("says so when nothing needs attention", () => {
    renderUi(<AttentionTable items={[]} now={NOW} />);
    expect(screen.getByText("Nothing needs attention in this view.")).toBeInTheDocument();
  });
});

describe("Replica health", () => {
  const grid = (registries: ReturnType<typeof fleetRegistry>[], onSort = vi.fn()) =>
    renderUi(
      <ReplicaHealthGrid
        registries={registries}
        regions={["eastus", "uksouth", "westeurope"]}
        health={
          new Map([
            [
              "contosoprod.westeurope.data.azurecr.io",
              health("contosoprod.westeurope.data.azurecr.io", {
                verdict: "refused",
                status: null,
              }),
            ],
          ])
        }
        availability={{
          [replicaKey(fleetRegistry().id, "eastus")]: {
            pct: 100,
            ok: 1440,
            total: 1440,
            vantage: "console",
            vantages: 1,
          },
          [replicaKey(fleetRegistry().id, "westeurope")]: {
            pct: 97.5,
            ok: 39,
            total: 40,
            vantage: "westeurope-aks",
            vantages: 2,
          },
        }}
        attentionCount={() => 2}
        view={DEFAULT_FLEET_VIEW}
        onSort={onSort}
        subscriptionName={() => "Contoso Production"}
      />,
    );

  it("shows one row per registry and each replica's state under its region", () => {
    grid([
      fleetRegistry({
        replicas: [
          fleetReplica("eastus"),
          fleetReplica("westeurope", {
            globalEndpointRouting: false,
            dataEndpoint: "contosoprod.westeurope.data.azurecr.io",
          }),
        ],
      }),
    ]);
    const table = screen.getByRole("table", { name: "Replica health" });
    const [header, row] = within(table).getAllByRole("row");
    expect(
      within(header!)
        .getAllByRole("columnheader")
        .map((c) => c.textContent),
    ).toEqual([
      "Registry",
      "Subscription",
      "Resource group",
      "SKU",
      "Ready",
      "Attention",
      "Availability (24 h)",
      "eastus",
      "uksouth",
      "westeurope",
    ]);
    const cells = within(row!).getAllByRole("cell");
    expect(cells.slice(0, 6).map((c) => c.textContent)).toEqual([
      "contosoprod",
      "Contoso Production",
      "rg-prod",
      "Premium",
      "2 / 2",
      "2",
    ]);
    expect(cells[8]?.textContent).toBe("—");
    const westeurope = cells[9]!.querySelector("[data-region]")!;
    expect(westeurope.getAttribute("data-routing")).toBe("Off");
    expect(westeurope.getAttribute("data-probe")).toBe("refused");
    expect(westeurope.textContent).toContain("not routed");
    // The registry's column: its lowest replica; each replica's own figure in its cell.
    expect(cells[6]?.textContent).toBe("97.50 %");
    expect(cells[6]?.getAttribute("title")).toContain("39 of 40 probes ok from westeurope-aks");
    expect(westeurope.getAttribute("data-availability")).toBe("97.50");
    expect(westeurope.getAttribute("title")).toContain(
      "availability (24 h) 97.50 % from westeurope-aks",
    );
    expect(cells[7]!.querySelector("[data-region]")!.getAttribute("data-availability")).toBe("100");
  });

  it("draws only the rows in view of a thousand registries, and says how many there are", () => {
    const many = Array.from({ length: 1000 }, (_, i) =>
      fleetRegistry({ name: `registry${String(i).padStart(4, "0")}` }),
    );
    grid(many);
    const table = screen.getByRole("table", { name: "Replica health" });
    expect(table).toHaveAttribute("aria-rowcount", "1001");
    const drawn = within(table).getAllByRole("row").length - 1;
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(100);
    // The space of the rows not drawn is kept, so the scrollbar is the whole table's.
    const spacer = table.querySelector("tbody > tr[aria-hidden='true']:last-child") as HTMLElement;
    expect(Number.parseInt(spacer.style.height, 10)).toBe((1000 - drawn) * ROW_HEIGHT);
  });

  it("asks to sort when a registry column's header is clicked", () => {
    const onSort = vi.fn();
    grid([fleetRegistry()], onSort);
    fireEvent.click(
      within(screen.getByRole("columnheader", { name: "Ready" })).getByRole("button"),
    );
    expect(onSort).toHaveBeenCalledWith("ready");
  });
});
