// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { RegionCommands } from "@/components/endpoints/region-commands";
import { regionalHosts, registry } from "@/tests/unit/fixtures";
import { renderUi } from "@/tests/unit/components/render";

afterEach(cleanup);

describe("RegionCommands", () => {
  it("gives login and pull commands per regional host, filled from repository and tag", () => {
    renderUi(
      <RegionCommands
        registry={registry({
          regionalEndpoints: "Enabled",
          regionalEndpointHostNames: regionalHosts,
        })}
      />,
    );
    const table = screen.getByRole("table", { name: "Commands per region" });
    expect(within(table).getAllByRole("row")).toHaveLength(1 + regionalHosts.length);
    expect(
      within(table).getByText("az acr login --name contosoprod --endpoint eastus"),
    ).toBeInTheDocument();
    expect(
      within(table).getByText("docker pull contosoprod.eastus.geo.azurecr.io/<repository>:<tag>"),
    ).toBeInTheDocument();
    fireEvent.change(screen.getByRole("textbox", { name: "Repository" }), {
      target: { value: "team/api" },
    });
    fireEvent.change(screen.getByRole("textbox", { name: "Tag" }), { target: { value: "2.0" } });
    expect(
      within(table).getByText("docker pull contosoprod.eastus.geo.azurecr.io/team/api:2.0"),
    ).toBeInTheDocument();
    expect(
      within(table).getByRole("button", { name: "Copy pull command for eastus" }),
    ).toBeInTheDocument();
  });

  it("explains why there are no regional commands while regional endpoints are off", () => {
    renderUi(<RegionCommands registry={registry()} />);
    expect(screen.queryByRole("table")).toBeNull();
    expect(screen.getByText(/Regional endpoints are off/)).toBeInTheDocument();
    expect(screen.getByText("az acr login --name contosoprod")).toBeInTheDocument();
  });
});
