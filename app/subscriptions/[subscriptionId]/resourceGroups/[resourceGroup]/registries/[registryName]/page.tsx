import type { Metadata } from "next";
import { RegistryView } from "@/components/registry-page/registry-view";
import { decodeRouteSegment, registryRefFromRoute } from "@/lib/arm-id";

interface Params {
  subscriptionId: string;
  resourceGroup: string;
  registryName: string;
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { registryName } = await params;
  return { title: decodeRouteSegment(registryName) };
}

/**
 * A registry's page at a URL that mirrors its ARM id. The data is read in the browser with the
 * user's own token (the server holds none), so there is nothing to prefetch here.
 */
export default async function RegistryPage({ params }: { params: Promise<Params> }) {
  return <RegistryView registryRef={registryRefFromRoute(await params)} />;
}
