"use client";
import { Badge } from "@fluentui/react-components";
import { memo } from "react";
import type { ProvisioningState } from "@/lib/types";

const COLOR: Record<
  ProvisioningState,
  "success" | "warning" | "danger" | "informative" | "subtle"
> = {
  Succeeded: "success",
  Creating: "informative",
  Updating: "informative",
  Deleting: "warning",
  Failed: "danger",
  Canceled: "subtle",
};

/**
 * ARM's provisioning state, colored by whether it is settled and healthy. Memoised: a long table
 * whose rows show other resources after a sort keeps the badges that say the same.
 */
export const ProvisioningBadge = memo(function ProvisioningBadge({
  state,
}: {
  state: ProvisioningState;
}) {
  return (
    <Badge appearance="tint" color={COLOR[state] ?? "subtle"}>
      {state}
    </Badge>
  );
});
