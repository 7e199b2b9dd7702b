// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ProbesTable } from "@/components/probes/probes-table";
import { SamplesTable, SAMPLES_SHOWN } from "@/components/probes/samples-table";
import { StreamStatus } from "@/components/probes/stream-status";
import { ApiError } from "@/lib/errors";
import { probeRows } from "@/lib/probe/browser/table";
import type { ProbeSample, ProbeTarget } from "@/lib/probe/shared/types";
import { EAST, GLOBAL, WEST, sample, warmStats } from "@/tests/unit/probe/fixtures";
import { renderUi } from "@/tests/unit/components/render";

afterEach(cleanup);

function withStats(target: ProbeTarget, ttfbs: number[], overrides: Partial<ProbeSample> = {}) {
  return { ...sample(target, overrides), stats: warmStats(ttfbs) };
}

const rows = () =>
  probeRows([
    { target: GLOBAL, last: withStats(GLOBAL, [30, 31, 32, 33, 34]), received: 5 },
    {
      target: WEST,
      last: withStats(WEST, [80, 81, 82, 83, 84]),
      lastCold: sample(WEST, { reused: false, ttfbMs: 82 }),
      lastWarm: sample(WEST, { ttfbMs: 80 }),
      received: 6,
    },
    { target: EAST, last: withStats(EAST, [2, 3, 4], { verdict: "refused" }), received: 3 },
  ]);

const bodyRows = () =>
  within(screen.getByRole("table", { name: "Probes" }))
    .getAllByRole("row")
    .slice(1);

describe("ProbesTable", () => {
  it("shows each endpoint with its verdict, figures and the phases of its last samples", () => {
    renderUi(<ProbesTable rows={rows()} />);
    const [global, east, west] = bodyRows();
    expect(global).toHaveAttribute("data-verdict", "ok");
    expect(within(global!).getByText("contoso.azurecr.io")).toBeInTheDocument();
    expect(within(global!).getByText("32.0 ms")).toBeInTheDocument(); // median
    expect(east).toHaveAttribute("data-verdict", "refused");
    expect(within(east!).getByText("refused")).toBeInTheDocument();
    // 3 warm samples: still measuring, no median or p90 claimed.
    expect(within(east!).getByText("measuring (3/5)")).toBeInTheDocument();
    expect(
      within(west!).getByText(/DNS 0.50 ms · connect 20.0 ms · TLS 21.0 ms · TTFB 82.0 ms/),
    ).toBeInTheDocument();
    expect(within(west!).getByText("TTFB 80.0 ms · total 80.5 ms")).toBeInTheDocument();
  });

  it("marks the fastest regional endpoint that is healthy and measured", () => {
    renderUi(<ProbesTable rows={rows()} />);
    const west = bodyRows().find((r) => r.getAttribute("data-region") === "westeurope");
    expect(west).toHaveAttribute("data-fastest");
    expect(within(west!).getByText("fastest regional")).toBeInTheDocument();
    expect(screen.getAllByText("fastest regional")).toHaveLength(1);
  });

  it("sorts by a column when its header is clicked, and reverses on a second click", () => {
    renderUi(<ProbesTable rows={rows()} />);
    const order = () => bodyRows().map((r) => r.getAttribute("data-region") || "global");
    fireEvent.click(screen.getByRole("button", { name: "Median" }));
    expect(order()).toEqual(["global", "westeurope", "eastus"]);
    fireEvent.click(screen.getByRole("button", { name: "Median" }));
    expect(order()).toEqual(["westeurope", "global", "eastus"]);
    expect(screen.getByRole("columnheader", { name: "Median" })).toHaveAttribute(
      "aria-sort",
      "descending",
    );
  });

  it("links each region to its pinned view", () => {
    renderUi(<ProbesTable rows={rows()} pinHref={(r) => `/pin/${r}`} />);
    expect(screen.getByRole("link", { name: "Pin to westeurope" })).toHaveAttribute(
      "href",
      "/pin/westeurope",
    );
    expect(screen.queryByRole("link", { name: /Pin to global/ })).toBeNull();
  });
});

describe("SamplesTable", () => {
  it("lists every sample newest first with phases, status, verdict and remote address", () => {
    const older = sample(WEST, { at: "2026-01-02T03:04:05.000Z", reused: false, ttfbMs: 81 });
    const newer = sample(WEST, { at: "2026-01-02T03:04:07.250Z", verdict: "refused" });
    renderUi(<SamplesTable samples={[older, newer]} />);
    const [first, second] = within(screen.getByRole("table", { name: "Samples" }))
      .getAllByRole("row")
      .slice(1);
    expect(within(first!).getByText("03:04:07.250 UTC")).toBeInTheDocument();
    expect(within(first!).getByText("refused")).toBeInTheDocument();
    expect(within(second!).getByText("127.0.0.1")).toBeInTheDocument();
    expect(within(second!).getByText("cold")).toBeInTheDocument();
    expect(within(second!).getByText("401")).toBeInTheDocument();
    expect(within(second!).getByText("21.0 ms")).toBeInTheDocument(); // TLS
  });

  it("says when it shows only the newest samples", () => {
    const many = Array.from({ length: SAMPLES_SHOWN + 3 }, () => sample(WEST));
    renderUi(<SamplesTable samples={many} />);
    expect(screen.getByText(/Showing the newest 200 of 203 samples/)).toBeInTheDocument();
  });
});

describe("StreamStatus", () => {
  const base = { visible: true, intervalMs: 2000, onRetry: () => undefined };

  it("says a paused page receives nothing while others keep probing", () => {
    renderUi(<StreamStatus {...base} paused state={{ state: "closed" }} />);
    expect(screen.getByRole("status")).toHaveTextContent(/Paused\. This page receives no samples/);
  });

  it("says probing stops while the tab is hidden", () => {
    renderUi(<StreamStatus {...base} paused={false} visible={false} state={{ state: "closed" }} />);
    expect(screen.getByRole("status")).toHaveTextContent("Paused while the tab is hidden.");
  });

  it("names the console server as the vantage point when live", () => {
    renderUi(
      <StreamStatus
        {...base}
        paused={false}
        state={{ state: "live" }}
        vantage={{ consoleHost: "console-7", mode: "azure" }}
      />,
    );
    expect(screen.getByRole("status")).toHaveTextContent(
      /^Live: probes of GET \/v2\/ every 2 s from the console server console-7, not from this browser\.$/,
    );
    expect(screen.getByRole("status")).toHaveTextContent("console-7");
  });

  it("shows ARM's refusal with a retry", () => {
    renderUi(
      <StreamStatus
        {...base}
        paused={false}
        state={{
          state: "failed",
          error: new ApiError(403, "AuthorizationFailed", "No read access."),
        }}
      />,
    );
    expect(screen.getByRole("alert")).toHaveTextContent("AuthorizationFailed");
    expect(screen.getByRole("button", { name: /Retry|Try again/ })).toBeInTheDocument();
  });
});
