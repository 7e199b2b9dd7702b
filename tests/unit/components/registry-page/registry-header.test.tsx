// @vitest-environment jsdom
import { cleanup, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { RegistryHeader } from "@/components/registry-page/registry-header";
import { regionalHosts, registry } from "@/tests/unit/fixtures";
import { renderUi } from "@/tests/unit/components/render";

afterEach(cleanup);

describe("RegistryHeader", () => {
  it("shows identity facts and the two registry-wide features separately", () => {
    renderUi(
      <RegistryHeader
        registry={registry({
          regionalEndpoints: "Enabled",
          regionalEndpointHostNames: regionalHosts,
        })}
        subscriptionName="Contoso Production"
      />,
    );
    expect(screen.getByRole("heading", { level: 1, name: "contosoprod" })).toBeInTheDocument();
    expect(screen.getByTestId("login-server")).toHaveTextContent("contosoprod.azurecr.io");
    expect(screen.getByRole("button", { name: "Copy contosoprod.azurecr.io" })).toBeInTheDocument();
    expect(screen.getByText("Premium")).toBeInTheDocument();
    expect(screen.getByText("westeurope")).toBeInTheDocument();
    expect(screen.getByText("rg-prod")).toBeInTheDocument();
    expect(screen.getByText("Contoso Production")).toBeInTheDocument();
    expect(screen.getByText("Succeeded")).toBeInTheDocument();

    const regional = screen.getByRole("group", { name: "Regional endpoints" });
    expect(within(regional).getByText("On")).toBeInTheDocument();
    expect(within(regional).getByText("properties.regionalEndpoints")).toBeInTheDocument();
    expect(within(regional).getByText(/own login server/)).toBeInTheDocument();

    const data = screen.getByRole("group", { name: "Dedicated data endpoints" });
    expect(within(data).getByText("Off")).toBeInTheDocument();
    expect(within(data).getByText("properties.dataEndpointEnabled")).toBeInTheDocument();
    expect(within(data).getByText(/\*\.blob\.core\.windows\.net/)).toBeInTheDocument();
  });

  it("says regional endpoints are not available below Premium", () => {
    renderUi(
      <RegistryHeader
        registry={registry({ sku: "Standard", regionalEndpoints: "NotAvailable" })}
      />,
    );
    const regional = screen.getByRole("group", { name: "Regional endpoints" });
    expect(within(regional).getByText("Not available")).toBeInTheDocument();
    expect(within(regional).getByText(/Standard SKU .* need Premium/)).toBeInTheDocument();
  });
});
