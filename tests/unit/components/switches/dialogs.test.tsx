// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GlobalRoutingDialog } from "@/components/switches/global-routing-dialog";
import { RegionalEndpointsDialog } from "@/components/switches/regional-endpoints-dialog";
import { SwitchFailure } from "@/components/switches/switch-failure";
import { ApiError } from "@/lib/errors";
import { globalRoutingGuard } from "@/lib/switches/global-routing";
import { regionalEndpointsGuard } from "@/lib/switches/regional-endpoints";
import { globalRoutingSafety, regionalEndpointsSafety } from "@/lib/switches/safety";
import { registry, regionalHosts, replica, threeReplicas } from "@/tests/unit/fixtures";
import { renderUi } from "@/tests/unit/components/render";

afterEach(cleanup);

const write = { canWrite: true, action: "Microsoft.ContainerRegistry/registries/write" };

describe("RegionalEndpointsDialog", () => {
  it("turning on: expected names, recommendation, CLI and property; confirms once", () => {
    const onConfirm = vi.fn();
    const reg = registry();
    renderUi(
      <RegionalEndpointsDialog
        registry={reg}
        replicas={threeReplicas}
        enable
        guard={regionalEndpointsGuard(reg, true, write)}
        onConfirm={onConfirm}
        onCancel={() => {}}
      />,
    );
    const dialog = screen.getByRole("alertdialog");
    expect(
      within(dialog).getByText("Turn regional endpoints on for contosoprod?"),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText("Regional host names that will appear (expected)"),
    ).toBeInTheDocument();
    expect(within(dialog).getByText("contosoprod.eastus.geo.azurecr.io")).toBeInTheDocument();
    expect(dialog).toHaveTextContent("contosoprod.<region>.geo.azurecr.io");
    expect(dialog).toHaveTextContent(/recommends turning them on/);
    expect(
      within(dialog).getByText("az acr update -n contosoprod --regional-endpoints enabled"),
    ).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole("button", { name: "Turn regional endpoints on" }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it("Content Trust: shows the refusal and offers no way to go on", () => {
    const reg = registry({ contentTrustEnabled: true });
    renderUi(
      <RegionalEndpointsDialog
        registry={reg}
        replicas={threeReplicas}
        enable
        guard={regionalEndpointsGuard(reg, true, write)}
        onConfirm={() => {}}
        onCancel={() => {}}
      />,
    );
    const dialog = screen.getByRole("alertdialog");
    expect(dialog).toHaveTextContent(/Content Trust is enabled/);
    expect(within(dialog).queryByRole("button", { name: /Turn regional endpoints/ })).toBeNull();
    expect(within(dialog).getByRole("button", { name: "Close" })).toBeInTheDocument();
  });

  it("turning off: the names ARM lists now disappear", () => {
    const reg = registry({
      regionalEndpoints: "Enabled",
      regionalEndpointHostNames: regionalHosts,
    });
    renderUi(
      <RegionalEndpointsDialog
        registry={reg}
        replicas={threeReplicas}
        enable={false}
        guard={regionalEndpointsGuard(reg, false, write)}
        onConfirm={() => {}}
        onCancel={() => {}}
      />,
    );
    const dialog = screen.getByRole("alertdialog");
    expect(dialog).toHaveTextContent(
      "Regional host names that will disappear (as ARM lists them now)",
    );
    for (const host of regionalHosts) expect(within(dialog).getByText(host)).toBeInTheDocument();
    expect(dialog).toHaveTextContent(/stop resolving/);
  });
});

describe("GlobalRoutingDialog", () => {
  const routing = {
    canWrite: true,
    action: "Microsoft.ContainerRegistry/registries/replications/write",
  };

  it("leaving one replica asks a second time before confirming", () => {
    const onConfirm = vi.fn();
    const replicas = [replica("westeurope"), replica("eastus")];
    renderUi(
      <GlobalRoutingDialog
        registry={registry()}
        replicas={replicas}
        region="eastus"
        on={false}
        guard={globalRoutingGuard(replicas, "eastus", false, "contosoprod.azurecr.io", routing)}
        onConfirm={onConfirm}
        onCancel={() => {}}
      />,
    );
    const dialog = screen.getByRole("alertdialog");
    expect(dialog).toHaveTextContent("--region-endpoint-enabled");
    fireEvent.click(
      within(dialog).getByRole("button", { name: "Turn global endpoint routing off" }),
    );
    expect(onConfirm).not.toHaveBeenCalled();
    expect(dialog).toHaveTextContent(/Only westeurope will then serve contosoprod\.azurecr\.io/);
    fireEvent.click(within(dialog).getByRole("button", { name: "Yes, leave only westeurope" }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it("excluding the last serving replica is refused", () => {
    const replicas = [replica("westeurope"), replica("eastus", { globalEndpointRouting: false })];
    renderUi(
      <GlobalRoutingDialog
        registry={registry()}
        replicas={replicas}
        region="westeurope"
        on={false}
        guard={globalRoutingGuard(replicas, "westeurope", false, "contosoprod.azurecr.io", routing)}
        onConfirm={() => {}}
        onCancel={() => {}}
      />,
    );
    const dialog = screen.getByRole("alertdialog");
    expect(dialog).toHaveTextContent(/westeurope is the last replica/);
    expect(
      within(dialog).queryByRole("button", { name: /Turn global endpoint routing/ }),
    ).toBeNull();
  });
});

describe("SwitchFailure", () => {
  const change = {
    label: "turn regional endpoints on",
    target: "registry" as const,
    action: "Microsoft.ContainerRegistry/registries/write",
  };

  it("shows ARM's code, message, request id, what to do and the state read afterwards", () => {
    const error = new ApiError(502, "InternalServerError", "The operation failed.", {
      requestId: "req-9",
      details: { operationStatus: "Failed" },
    });
    renderUi(
      <SwitchFailure
        error={error}
        change={change}
        stateNow="Regional endpoints: Disabled (provisioning state Failed)"
        onDismiss={() => {}}
      />,
    );
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("Could not turn regional endpoints on");
    expect(alert).toHaveTextContent("InternalServerError (HTTP 502): The operation failed.");
    expect(alert).toHaveTextContent("Request id: req-9");
    expect(alert).toHaveTextContent(
      "ARM reports now, on a fresh read: Regional endpoints: Disabled (provisioning state Failed)",
    );
  });

  it("says the state is unknown when the fresh read failed too", () => {
    const error = new ApiError(500, "InternalServerError", "boom", {
      details: { rereadError: { code: "ArmUnreachable", message: "no route", status: 502 } },
    });
    renderUi(<SwitchFailure error={error} change={change} onDismiss={() => {}} />);
    expect(screen.getByRole("alert")).toHaveTextContent(
      "could not read the registry again (ArmUnreachable: no route), so its state is unknown",
    );
  });
});

describe("safety context in the dialogs", () => {
  const routing = {
    canWrite: true,
    action: "Microsoft.ContainerRegistry/registries/replications/write",
  };

  it("names the troubled replicas the rule found, and nothing when there are none", () => {
    const replicas = [
      { ...replica("westeurope"), probe: { failing: false, verdicts: [] } },
      { ...replica("eastus", { status: { displayStatus: "Syncing" } }) },
      { ...replica("japaneast"), probe: { failing: true, verdicts: ["refused"] } },
    ];
    const view = renderUi(
      <GlobalRoutingDialog
        registry={registry()}
        replicas={replicas}
        region="westeurope"
        on={false}
        guard={globalRoutingGuard(replicas, "westeurope", false, "contosoprod.azurecr.io", routing)}
        safety={globalRoutingSafety(replicas, "westeurope", false)}
        onConfirm={() => {}}
        onCancel={() => {}}
      />,
    );
    const notice = within(screen.getByRole("alertdialog")).getByTestId("safety-context");
    expect(notice).toHaveTextContent("No healthy replica is left in global endpoint routing");
    expect(notice).toHaveTextContent("eastus: ARM reports it Syncing");
    expect(notice).toHaveTextContent("japaneast: its latest probes fail (refused)");
    view.unmount();

    const reg = registry();
    renderUi(
      <RegionalEndpointsDialog
        registry={reg}
        replicas={threeReplicas}
        enable
        guard={regionalEndpointsGuard(reg, true, write)}
        safety={regionalEndpointsSafety(threeReplicas, true)}
        onConfirm={() => {}}
        onCancel={() => {}}
      />,
    );
    expect(within(screen.getByRole("alertdialog")).queryByTestId("safety-context")).toBeNull();
  });
});
