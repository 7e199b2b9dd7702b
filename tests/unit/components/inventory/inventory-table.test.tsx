// @vitest-environment jsdom
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  blockRange,
  InventoryTable,
  ROW_PX,
  VIRTUALIZE_FROM,
} from "@/components/inventory/inventory-table";
import { registry } from "@/tests/unit/fixtures";
import { renderUi } from "@/tests/unit/components/render";

/** `n` registries named reg0000, reg0001, ... */
const manyRegistries = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    registry({
      name: `reg${String(i).padStart(4, "0")}`,
      id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/reg${i}`,
    }),
  );

/** What jsdom lacks and a browser has, for the long (virtualised) table; undone by the caller. */
function stubLayout() {
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
}

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
    const many = manyRegistries(1000);
    expect(VIRTUALIZE_FROM).toBeLessThanOrEqual(100);
    stubLayout();
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
    // Laid out as a grid of fixed-height rows, each placed at its offset; table semantics stay,
    // by role, for every row, cell and header.
    const [first, second] = within(table).getAllByRole("row").slice(1);
    expect(within(first!).getByRole("link", { name: "reg0000" })).toBeInTheDocument();
    expect(within(first!).getAllByRole("cell")).toHaveLength(9);
    expect(within(table).getAllByRole("columnheader")).toHaveLength(9);
    expect(second!.style.top).toBe(`${ROW_PX}px`);
    expect((table.querySelector("tbody") as HTMLElement).style.height).toBe(`${1000 * ROW_PX}px`);
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

  it("keeps the health columns' space in a long inventory, so their arrival changes no width", () => {
    const listed = manyRegistries(200);
    stubLayout();
    const onSort = vi.fn();
    const table = (showHealth: boolean, registries = listed, busy = !showHealth) => (
      <FluentProvider theme={webLightTheme}>
        <InventoryTable
          registries={registries}
          view={{ sort: "name", dir: "asc" }}
          onSort={onSort}
          subscriptionName={(id) => id}
          showHealth={showHealth}
          busy={busy}
        />
      </FluentProvider>
    );
    const { rerender } = render(table(false));
    const rows = () => within(screen.getByRole("table")).getAllByRole("row");
    const columnsOf = (row: HTMLElement) => row.style.gridTemplateColumns;
    const [header, first] = rows();
    const template = columnsOf(first!);
    // Eleven tracks from the start, nine of them filled; the header the same.
    expect(template.split("minmax(").length - 1).toBe(11);
    expect(columnsOf(header!)).toBe(template);
    expect(within(first!).getAllByRole("cell")).toHaveLength(9);
    // The kept space is titled; its columns cannot be sorted before their data is there.
    const waiting = within(header!).getAllByRole("columnheader").slice(9);
    expect(waiting.map((cell) => cell.textContent)).toEqual(["Ready replicas", "Attention"]);
    const sortable = within(header!).getAllByRole("columnheader")[0]!;
    for (const cell of waiting) {
      // In the muted text colour, unlike the columns that sort.
      expect(getComputedStyle(cell).color).toContain("colorNeutralForeground3");
      expect(getComputedStyle(sortable).color).not.toContain("colorNeutralForeground3");
      expect(cell).toHaveAttribute("aria-disabled", "true");
      expect(within(cell).queryByRole("button")).toBeNull();
      fireEvent.click(cell);
    }
    expect(onSort).not.toHaveBeenCalled();
    rerender(
      table(
        true,
        listed.map((r) => ({ ...r, health: { readyReplicas: 1, replicas: 2, attention: 0 } })),
      ),
    );
    const [headerAfter, firstAfter] = rows();
    expect(within(firstAfter!).getAllByRole("cell")).toHaveLength(11);
    expect(within(firstAfter!).getAllByRole("cell")[9]).toHaveTextContent("1 / 2");
    expect(within(headerAfter!).getAllByRole("columnheader")).toHaveLength(11);
    fireEvent.click(within(headerAfter!).getByRole("button", { name: "Attention" }));
    expect(onSort).toHaveBeenCalledWith("attention");
    // The same rows and the same columns: nothing laid out anew but the health cells.
    expect(firstAfter).toBe(first);
    expect(columnsOf(firstAfter!)).toBe(template);
    expect(columnsOf(headerAfter!)).toBe(template);
    // An inventory that ends without health (none could be read) leaves no empty columns.
    rerender(table(false, listed, false));
    const [headerWithout, firstWithout] = rows();
    expect(columnsOf(firstWithout!).split("minmax(").length - 1).toBe(9);
    expect(columnsOf(headerWithout!)).toBe(columnsOf(firstWithout!));
    expect(within(headerWithout!).getAllByRole("columnheader")).toHaveLength(9);
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("renders whole blocks of rows: both ends of the range move together, a block at a time", () => {
    const range = (startIndex: number, endIndex: number) =>
      blockRange({ startIndex, endIndex, overscan: 6, count: 1000 });
    const at = (start: number) => range(start, start + 20);
    expect(at(0)[0]).toBe(0);
    // Scrolling a row or two keeps the same rows; further, the window moves by whole blocks.
    const moved = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16].map((s) => at(s));
    const firsts = new Set(moved.map((r) => r[0]));
    expect(firsts.size).toBeLessThanOrEqual(3);
    for (const [i, r] of moved.entries()) {
      const start = i;
      // Always the visible rows and their overscan, consecutive, and never more than the count.
      expect(r[0]).toBeLessThanOrEqual(Math.max(0, start - 6));
      expect(r.at(-1)).toBeGreaterThanOrEqual(start + 20 + 6);
      expect(r).toEqual(Array.from({ length: r.length }, (_, k) => r[0]! + k));
      expect(r.length).toBe(moved[0]!.length);
    }
    expect(range(980, 999).at(-1)).toBe(999);
  });
});
