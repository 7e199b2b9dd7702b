"use client";
import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useSwitchPermissions } from "@/lib/queries/permissions";
import { missingActionReason } from "@/lib/switches/guard";
import type { RegistryRef } from "@/lib/types";

/**
 * Above the Replicas table, for a user who may not change replicas: why the global endpoint
 * routing switches are disabled (each switch also says it in a tooltip). Nothing otherwise.
 */
export function RoutingPermissionNotice({
  registryRef,
  id,
}: {
  registryRef: RegistryRef;
  id: string;
}) {
  const permissions = useSwitchPermissions(registryRef);
  if (!permissions.data || permissions.data.canWriteReplications) return null;
  return (
    <MessageBar intent="info" layout="multiline" id={id} data-testid="read-only-notice">
      <MessageBarBody>
        You can see global endpoint routing but not change it.{" "}
        {missingActionReason(
          permissions.data.actions.globalEndpointRouting,
          "global endpoint routing",
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
