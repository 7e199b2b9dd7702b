import type { Metadata } from "next";
import { Suspense } from "react";
import { FleetHealth } from "@/components/fleet/fleet-health";
import { TableSkeleton } from "@/components/ui/table-skeleton";

export const metadata: Metadata = { title: "Fleet health" };

/** `/fleet`: replica health of every registry the signed-in user can read. Filters in the query. */
export default function FleetPage() {
  return (
    <Suspense fallback={<TableSkeleton rows={8} label="Reading the fleet" />}>
      <FleetHealth />
    </Suspense>
  );
}
