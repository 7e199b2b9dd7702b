import { Suspense } from "react";
import { Inventory } from "@/components/inventory/inventory";
import { TableSkeleton } from "@/components/ui/table-skeleton";

/** `/`: every registry the signed-in user can see. Filters and sort live in the query string. */
export default function InventoryPage() {
  return (
    <Suspense fallback={<TableSkeleton rows={6} label="Loading registries" />}>
      <Inventory />
    </Suspense>
  );
}
