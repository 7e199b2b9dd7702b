import type { Metadata } from "next";
import { RegistryView } from "@/components/registry-page/registry-view";

interface Params {
  subscriptionId: string;
  resourceGroup: string;
  registryName: string;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { registryName } = await params;
  return { title: decode(registryName) };
}

/**
 * A registry's page at a URL that mirrors its ARM id. The data is read in the browser with the
 * user's own token (the server holds none), so there is nothing to prefetch here.
 */
export default async function RegistryPage({ params }: { params: Promise<Params> }) {
  const { subscriptionId, resourceGroup, registryName } = await params;
  return (
    <RegistryView
      registryRef={{
        subscriptionId: decode(subscriptionId),
        resourceGroup: decode(resourceGroup),
        name: decode(registryName),
      }}
    />
  );
}
