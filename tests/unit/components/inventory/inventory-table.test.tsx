// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { InventoryTable, VIRTUALIZE_FROM } from "@/components/inventory/inventory-table";
import { registry } from "@/tests/unit/fixtures";
import { renderUi } from "@/tests/unit/components/render";

const router = vi.hoisted(() => ({ prefetch: vi.fn() }));
vi.mock("next/navigation", () => ({ useRouter: () => router }));

afterEach(() => {
  cleanup();
  router.prefetch.mockClear();
});

describe("InventoryTable", () => {
  const registries = [
    registry({ replicaCount: 3 }),
    registry({
      name: "contosodev",
      id: "/subscriptions/s/resourceGroups/rg-dev/providers/Microsoft.ContainerRegistry/registries/contosodev",
      resourceGroup: "rg-dev",
      sku: "Standard",
      regionalEndpoints: "NotAvailable",
      replicaCount: undefined,
      dataEndpointEnabled: true,
    }),
  ];

  it("shows each registry's columns and links to its page", () => {
    renderUi(
      <InventoryTable
        registries={registries}
        view={{ sort: "name", dir: "asc" }}
        onSort={() => {}}
        subscriptionName={() => "Contoso Production"}
      />,
    );
    const table = screen.getByRole("table", { name: "Registries" });
    const [prod, dev] = within(table).getAllByRole("row").slice(1);
    expect(within(prod!).getByRole("link", { name: "contosoprod" })).toHaveAttribute(
      "href",
      "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-prod/registries/contosoprod",
    );
    const cells = (row: HTMLElement) =>
      within(row)
        .getAllByRole("cell")
        .map((c) => c.textContent);
    expect(cells(prod!)).toEqual([
      "contosoprod",
      "rg-prod",
      "Contoso Production",
      "westeurope",
      "Premium",
      "3",
      "Off",
      "Off",
      "Succeeded",
    ]);
    expect(cells(dev!)).toEqual([
      "contosodev",
      "rg-dev",
      "Contoso Production",
      "westeurope",
      "Standard",
      "—",
      "Not available (Standard)",
      "On",
      "Succeeded",
    ]);
  });

  it("marks the sorted column and asks to sort on click", () => {
    const onSort = vi.fn();
    renderUi(
      <InventoryTable
        registries={registries}
        view={{ sort: "location", dir: "desc" }}
        onSort={onSort}
        subscriptionName={(id) => id}
      />,
    );
    const location = screen.getByRole("columnheader", { name: "Location" });
    expect(location).toHaveAttribute("aria-sort", "descending");
    fireEvent.click(
      within(screen.getByRole("columnheader", { name: "Replicas" })).getByRole("button"),
    );
    expect(onSort).toHaveBeenCalledWith("replicas");
  });

  it("prefetches a registry's page on intent only: pointer or focus, once", () => {
    renderUi(
      <InventoryTable
        registries={registries}
        view={{ sort: "name", dir: "asc" }}
        onSort={() => {}}
        subscriptionName={(id) => id}
      />,
    );
    expect(router.prefetch).not.toHaveBeenCalled();
    const link = screen.getByRole("link", { name: "contosoprod" });
    fireEvent.mouseEnter(link);
    fireEvent.focus(link);
    expect(router.prefetch).toHaveBeenCalledTimes(1);
    expect(router.prefetch).toHaveBeenCalledWith(link.getAttribute("href"));
  });

  it("renders only the rows near the viewport of a long inventory, and says how many there are", () => {
    const many = Array.from({ length: 1000 }, (_, i) =>
      registry({
        name: `reg${String(i).padStart(4, "0")}`,
        id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/reg${i}`,
      }),
    );
    expect(VIRTUALIZE_FROM).toBeLessThanOrEqual(100);
    // What jsdom lacks and a browser has.
    vi.stubGlobal(
      "ResizeObserver",
      class {
        observe() {}
        disconnect() {}
        unobserve() {}
      },
    );
    vi.spyOn(window, "scrollTo").mockImplementation(() => {});
    // jsdom lays nothing out: every row one line high, as in a browser.
    vi.spyOn(HTMLElement.prototype, "offsetHeight", "get").mockReturnValue(41);
    renderUi(
      <InventoryTable
        registries={many}
        view={{ sort: "name", dir: "asc" }}
        onSort={() => {}}
        subscriptionName={(id) => id}
      />,
    );
    const table = screen.getByRole("table", { name: "Registries" });
    expect(table).toHaveAttribute("aria-rowcount", "1001");
    const rows = table.querySelectorAll("tbody tr[data-registry]");
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(100);
    expect(rows[0]).toHaveAttribute("aria-rowindex", "2");
    // A short inventory renders every row.
    cleanup();
    renderUi(
      <InventoryTable
        registries={many.slice(0, VIRTUALIZE_FROM - 1)}
        view={{ sort: "name", dir: "asc" }}
        onSort={() => {}}
        subscriptionName={(id) => id}
      />,
    );
    expect(document.querySelectorAll("tbody tr[data-registry]")).toHaveLength(VIRTUALIZE_FROM - 1);
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });
});
