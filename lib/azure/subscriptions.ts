import "server-only";
import type { Subscription } from "../types";
import { armListAll } from "./arm-request";
import type { ArmSubscription } from "./arm-types";
import { SUBSCRIPTIONS_API_VERSION, type ArmClients } from "./client";
import { toSubscription } from "./map";

/**
 * The subscriptions the caller can see (`GET /subscriptions`, every page). The SDK package has no
 * subscriptions client, so this goes through its request context with the same credential.
 */
export async function listSubscriptions(clients: ArmClients): Promise<Subscription[]> {
  const items = await armListAll<ArmSubscription>(
    clients,
    "/subscriptions",
    SUBSCRIPTIONS_API_VERSION,
  );
  return items.map(toSubscription);
}
