// @vitest-environment jsdom
import { cleanup, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { EndpointsTable } from "@/components/endpoints/endpoints-table";
import { endpointTableRows } from "@/lib/endpoints";
import { dataHosts, regionalHosts, registry, threeReplicas } from "@/tests/unit/fixtures";
import { renderUi } from "@/tests/unit/components/render";

afterEach(cleanup);

describe("EndpointsTable", () => {
  it("lists every host ARM gave, each with its own copy button", () => {
    const reg = registry({
      regionalEndpoints: "Enabled",
      regionalEndpointHostNames: regionalHosts,
      dataEndpointEnabled: true,
      dataEndpointHostNames: dataHosts,
    });
    renderUi(<EndpointsTable rows={endpointTableRows(reg, threeReplicas)} />);
    const table = screen.getByRole("table", { name: "Endpoints" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(1 + regionalHosts.length + dataHosts.length);
    for (const host of ["contosoprod.azurecr.io", ...regionalHosts, ...dataHosts]) {
      expect(within(table).getByText(host)).toBeInTheDocument();
      expect(within(table).getByRole("button", { name: `Copy ${host}` })).toBeInTheDocument();
    }
    expect(within(rows[1]!).getByText("Regional")).toBeInTheDocument();
    expect(within(rows[1]!).getByText("westeurope")).toBeInTheDocument();
  });

  it("says regional endpoints are off instead of leaving the rows out", () => {
    renderUi(<EndpointsTable rows={endpointTableRows(registry(), threeReplicas)} />);
    const table = screen.getByRole("table", { name: "Endpoints" });
    expect(within(table).getByText(/Regional endpoints are off/)).toBeInTheDocument();
    expect(within(table).queryByText(/\.geo\./)).toBeNull();
    // One wildcard data row per replica, as az acr show-endpoints prints them.
    expect(within(table).getAllByText("*.blob.core.windows.net")).toHaveLength(3);
    // The same host three times: one copy button for the three rows, not one each.
    expect(
      within(table).getAllByRole("button", { name: /^Copy \*\.blob\.core\.windows\.net/ }),
    ).toHaveLength(1);
  });
});
