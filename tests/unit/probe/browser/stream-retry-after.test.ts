import { describe, expect, it, vi } from "vitest";
import { openProbeStream, type StreamState } from "@/lib/probe/browser/stream";

/* A refused stream (the console's limits, a shutdown) is retried no sooner than the server asked. */

const REGISTRY_ID =
  "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/contoso";

describe("a stream refused with a Retry-After", () => {
  it.each([
    [429, "TooManyProbeStreams", 10, 10_000],
    [503, "ShuttingDown", 1, 1_000],
    [429, "TooManyRequests", undefined, 1_000],
  ])(
    "%i %s (retry after %s s) waits %i ms before the next try",
    async (status, code, after, wait) => {
      const states: StreamState[] = [];
      const fetch = vi.fn(async () =>
        Response.json(
          {
            error: {
              code,
              message: "refused",
              status,
              ...(after === undefined ? {} : { details: { retryAfterSeconds: after } }),
            },
          },
          { status },
        ),
      );
      const stream = openProbeStream({
        registryId: REGISTRY_ID,
        getToken: async () => "t",
        fetch: fetch as unknown as typeof globalThis.fetch,
        onState: (s) => states.push(s),
        onSample: () => {},
        onTargets: () => {},
      });
      await vi.waitFor(() => expect(states.some((s) => s.state === "retrying")).toBe(true));
      stream.close();
      const retrying = states.find((s) => s.state === "retrying");
      expect(retrying).toMatchObject({ inMs: wait });
    },
  );
});
