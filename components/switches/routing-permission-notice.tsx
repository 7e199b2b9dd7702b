"use client";
import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useSwitchPermissions } from "@/lib/queries/permissions";
import { missingActionReason } from "@/lib/switches/guard";
import type { RegistryRef } from "@/lib/types";

/**
 * Above the Replicas table, for a user who may not change replicas: why the global endpoint
 * routing switches are disabled (each switch also says it in a tooltip); a warning when the
 * permissions could not be read. Nothing otherwise.
 */
export function RoutingPermissionNotice({
  registryRef,
  id,
}: {
  registryRef: RegistryRef;
  id: string;
}) {
  const permissions = useSwitchPermissions(registryRef);
  if (permissions.isError) {
    return (
      <MessageBar intent="warning" layout="multiline" id={id}>
        <MessageBarBody>
          Your permissions on this registry could not be read, so the switches stay enabled: ARM
          will decide when you make a change.
        </MessageBarBody>
      </MessageBar>
    );
  }
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
