import "server-only";
import { createHttpPoller, type OperationResponse } from "@azure/core-lro";
import { ApiError } from "../../errors";
import { REGIONAL_ENDPOINTS_API_VERSION } from "../../arm-constants";
import type { Registry, RegionalEndpointsValue, RegistryRef } from "../../types";
import { registryArmPath } from "../../arm-id";
import type { ArmClients } from "../client";
import { getRegistry } from "../registries";
import { changeError, withFreshState } from "./operation-error";
import { withRecordedResponses } from "./recorder";

/** Answers ARM gives while a PATCH runs: 200 (done), 201 (Azure-AsyncOperation), 202 (Location). */
const OPERATION_STATUSES = new Set([200, 201, 202, 204]);

type ContextResponse = Awaited<
  ReturnType<ReturnType<ReturnType<ArmClients["context"]>["pathUnchecked"]>["get"]>
>;

/** An answer outside what a long-running PATCH gives; the recorded answer says what ARM said. */
class UnexpectedStatus extends Error {
  constructor(status: number) {
    super(`ARM answered ${status}`);
    this.name = "UnexpectedStatus";
  }
}

function toOperationResponse(response: ContextResponse): OperationResponse {
  const statusCode = Number(response.status);
  if (!OPERATION_STATUSES.has(statusCode)) {
    // changeError reads ARM's code, message and request id from the recorded answer.
    throw new UnexpectedStatus(statusCode);
  }
  return {
    flatResponse: response.body,
    rawResponse: {
      statusCode,
      headers: response.headers as Record<string, string>,
      body: response.body,
      request: { method: response.request.method, url: response.request.url },
    },
  };
}

/**
 * Turns regional endpoints on or off: PATCH `properties.regionalEndpoints` at
 * 2026-01-01-preview through the SDK's own request context (the typed 12.x models drop the
 * property), follows the long-running operation with core-lro, then reads the registry once.
 *
 * ARM calls: one PATCH, its status polls, one GET. On failure the ApiError carries ARM's code,
 * message and request id; when the write may have happened, `details.current` is the registry as
 * a fresh read returned it.
 */
export async function setRegionalEndpoints(
  clients: ArmClients,
  ref: RegistryRef,
  value: RegionalEndpointsValue,
): Promise<Registry> {
  const path = registryArmPath(ref);
  const context = clients.context(REGIONAL_ENDPOINTS_API_VERSION);
  const armOrigin = new URL(clients.armEndpoint).origin;
  try {
    await withRecordedResponses(context.pipeline, async (responses) => {
      const poller = createHttpPoller(
        {
          sendInitialRequest: async () =>
            toOperationResponse(
              await context.pathUnchecked(path).patch({
                queryParameters: { "api-version": REGIONAL_ENDPOINTS_API_VERSION },
                contentType: "application/json",
                body: { properties: { regionalEndpoints: value } },
              }),
            ),
          sendPollRequest: async (url, options) => {
            // The caller's token goes with every poll: never follow a status URL off ARM.
            if (new URL(url, armOrigin).origin !== armOrigin) {
              throw new ApiError(
                502,
                "UnexpectedOperationUrl",
                "ARM sent a status URL on another host.",
              );
            }
            return toOperationResponse(
              await context.pathUnchecked(url).get({ abortSignal: options?.abortSignal }),
            );
          },
        },
        // The registry is read once below, at the preview api-version that carries the host names.
        { skipFinalGet: true },
      );
      try {
        await poller.pollUntilDone();
      } catch (error) {
        throw changeError(error, responses, path);
      }
    });
  } catch (error) {
    throw await withFreshState(error, () => getRegistry(clients, ref));
  }
  return getRegistry(clients, ref);
}
