import type { Metadata } from "next";
import { PinnedReplicaView } from "@/components/probes/pinned-replica-view";
import { decodeRouteSegment, registryRefFromRoute } from "@/lib/arm-id";

interface Params {
  subscriptionId: string;
  resourceGroup: string;
  registryName: string;
  region: string;
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { registryName, region } = await params;
  return { title: `${decodeRouteSegment(registryName)} probes in ${decodeRouteSegment(region)}` };
}

/**
 * The pin-to-one-replica view: live probes of one region's endpoints of a registry, at a URL that
 * can be shared (the registry's ARM path plus `/probes/<region>`). Data is read in the browser
 * with the user's own token, so there is nothing to prefetch.
 */
export default async function PinnedProbesPage({ params }: { params: Promise<Params> }) {
  const route = await params;
  return (
    <PinnedReplicaView
      registryRef={registryRefFromRoute(route)}
      region={decodeRouteSegment(route.region).toLowerCase()}
    />
  );
}
