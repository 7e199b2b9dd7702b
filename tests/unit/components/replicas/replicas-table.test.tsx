// @vitest-environment jsdom
import { cleanup, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ReplicasTable, replicaColumns } from "@/components/replicas/replicas-table";
import { replica } from "@/tests/unit/fixtures";
import { renderUi } from "@/tests/unit/components/render";

afterEach(cleanup);

describe("ReplicasTable", () => {
  const replicas = [
    replica("westeurope"),
    replica("eastus", {
      provisioningState: "Updating",
      status: {
        displayStatus: "Syncing",
        message: "Catching up",
        timestamp: "2026-03-04T05:06:07Z",
      },
      zoneRedundancy: "Enabled",
      globalEndpointRouting: false,
    }),
  ];

  it("shows one row per replica with home, state, status, zones and routing", () => {
    renderUi(<ReplicasTable replicas={replicas} />);
    const table = screen.getByRole("table", { name: "Replicas" });
    const [home, east] = within(table).getAllByRole("row").slice(1);
    expect(within(home!).getByText("westeurope")).toBeInTheDocument();
    expect(within(home!).getByText("Home")).toBeInTheDocument();
    expect(within(home!).getByText("Ready")).toBeInTheDocument();
    expect(within(home!).getByText("On")).toBeInTheDocument();
    expect(within(east!).queryByText("Home")).toBeNull();
    expect(within(east!).getByText("Updating")).toBeInTheDocument();
    expect(within(east!).getByText("Syncing")).toBeInTheDocument();
    expect(within(east!).getByText("Catching up")).toBeInTheDocument();
    expect(within(east!).getByText("2026-03-04 05:06:07 UTC")).toBeInTheDocument();
    expect(within(east!).getByText("Enabled")).toBeInTheDocument();
    expect(within(east!).getByText("Off")).toBeInTheDocument();
  });

  it("lets a control replace the routing text", () => {
    renderUi(
      <ReplicasTable
        replicas={replicas}
        columns={replicaColumns({
          routing: (r) => <button type="button">{`Routing ${r.region}`}</button>,
        })}
      />,
    );
    expect(screen.getByRole("button", { name: "Routing eastus" })).toBeInTheDocument();
  });
});
