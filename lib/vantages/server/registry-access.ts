import "server-only";
import type { ArmClients } from "@/lib/azure/client";
import {
  recentRegistryRead,
  rememberRegistryRead,
  sharedRegistryRead,
} from "@/lib/azure/recent-reads";
import { getRegistry } from "@/lib/azure/registries";
import type { Registry, RegistryRef } from "@/lib/types";

/**
 * The registry as ARM shows it to this caller: the answer ARM gave the same token in the last
 * minute (the page's own read), else one read with the caller's token. ARM's 403/404 propagate,
 * so nothing of a registry the caller cannot read is ever answered.
 */
export async function readRegistryForCaller(
  arm: ArmClients,
  token: string,
  ref: RegistryRef,
): Promise<Registry> {
  return (
    recentRegistryRead(token, ref) ??
    (await sharedRegistryRead(token, ref, async () => {
      const fresh = await getRegistry(arm, ref);
      rememberRegistryRead(token, fresh);
      return fresh;
    }))
  );
}
