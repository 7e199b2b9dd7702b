import type { Metadata } from "next";
import { PinnedReplicaView } from "@/components/probes/pinned-replica-view";

interface Params {
  subscriptionId: string;
  resourceGroup: string;
  registryName: string;
  region: string;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { registryName, region } = await params;
  return { title: `${decode(registryName)} probes in ${decode(region)}` };
}

/**
 * The pin-to-one-replica view: live probes of one region's endpoints of a registry, at a URL that
 * can be shared (the registry's ARM path plus `/probes/<region>`). Data is read in the browser
 * with the user's own token, so there is nothing to prefetch.
 */
export default async function PinnedProbesPage({ params }: { params: Promise<Params> }) {
  const { subscriptionId, resourceGroup, registryName, region } = await params;
  return (
    <PinnedReplicaView
      registryRef={{
        subscriptionId: decode(subscriptionId),
        resourceGroup: decode(resourceGroup),
        name: decode(registryName),
      }}
      region={decode(region).toLowerCase()}
    />
  );
}
