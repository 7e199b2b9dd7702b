"use client";
import { Badge } from "@fluentui/react-components";
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

/** ARM's provisioning state, colored by whether it is settled and healthy. */
export function ProvisioningBadge({ state }: { state: ProvisioningState }) {
  return (
    <Badge appearance="tint" color={COLOR[state] ?? "subtle"}>
      {state}
    </Badge>
  );
}
