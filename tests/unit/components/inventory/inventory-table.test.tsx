// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { InventoryTable } from "@/components/inventory/inventory-table";
import { registry } from "@/tests/unit/fixtures";
import { renderUi } from "@/tests/unit/components/render";

afterEach(cleanup);

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
});
