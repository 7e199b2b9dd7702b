"use client";
import { makeStyles, MessageBar, MessageBarBody, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { useGlobalRoutingMutation, usePendingRoutingChanges } from "@/lib/queries/global-routing";
import { useSwitchPermissions } from "@/lib/queries/permissions";
import { useReplicas } from "@/lib/queries/replicas";
import { describeReplicaState, failureDetails } from "@/lib/switches/failure";
import { globalRoutingGuard } from "@/lib/switches/global-routing";
import type { Registry, RegistryRef, Replica } from "@/lib/types";
import { GlobalRoutingDialog } from "./global-routing-dialog";
import { SwitchControl } from "./switch-control";
import { SwitchFailure } from "./switch-failure";

const REPLICATION_WRITE = "Microsoft.ContainerRegistry/registries/replications/write";

const useStyles = makeStyles({
  root: { display: "grid", gap: tokens.spacingVerticalXS, minWidth: "96px" },
  message: { minWidth: "320px", maxWidth: "560px" },
});

/**
 * One replica's global endpoint routing switch (role `switch`, name `Global endpoint routing for
 * <region>`), for the Replicas table: its confirmation dialog(s), its guards, Updating while its
 * change runs (other replicas stay usable), and any failure shown in its own cell.
 */
export function GlobalRoutingSwitch({
  registryRef,
  registry,
  replica,
  readOnlyNoticeId,
}: {
  registryRef: RegistryRef;
  registry: Registry;
  replica: Replica;
  /** The notice above the table that says why switches are disabled, for screen readers. */
  readOnlyNoticeId?: string;
}) {
  const styles = useStyles();
  const list = useReplicas(registryRef, registry.location);
  const permissions = useSwitchPermissions(registryRef);
  const mutation = useGlobalRoutingMutation(registryRef, replica.name, registry.location);
  const pending = usePendingRoutingChanges(registryRef);
  const [asking, setAsking] = useState<boolean | null>(null);

  // Changes still running on any replica count as done, whatever a poll has shown since.
  const replicas = (list.data ?? [replica]).map((r) => {
    const change = pending.find((p) => p.name.toLowerCase() === r.name.toLowerCase());
    return change ? { ...r, globalEndpointRouting: change.on } : r;
  });
  const current = replicas.find((r) => r.name === replica.name) ?? replica;
  const updating = mutation.isPending;
  const checked = updating ? Boolean(mutation.variables?.on) : current.globalEndpointRouting;
  const permission = permissions.data
    ? {
        canWrite: permissions.data.canWriteReplications,
        action: permissions.data.actions.globalEndpointRouting,
      }
    : undefined;
  const guardFor = (on: boolean) =>
    globalRoutingGuard(replicas, replica.region, on, registry.loginServer, permission);
  const guard = guardFor(!checked);
  const unavailable = guard.kind === "unavailable" ? guard.reason : undefined;
  const fresh =
    failureDetails(mutation.error).current !== undefined ||
    list.dataUpdatedAt >= mutation.submittedAt;

  return (
    <div className={styles.root}>
      <SwitchControl
        name={`Global endpoint routing for ${replica.region}`}
        checked={checked}
        label={checked ? "On" : "Off"}
        updating={updating}
        disabled={Boolean(unavailable) || permissions.isPending}
        disabledReason={unavailable}
        describedBy={
          unavailable && permission && !permission.canWrite ? readOnlyNoticeId : undefined
        }
        onRequest={(on) => {
          mutation.reset();
          setAsking(on);
        }}
      />
      {mutation.isError ? (
        <div className={styles.message}>
          <SwitchFailure
            error={mutation.error}
            change={{
              label: `turn global endpoint routing ${mutation.variables?.on ? "on" : "off"} for ${replica.region}`,
              target: "replica",
              action: permissions.data?.actions.globalEndpointRouting ?? REPLICATION_WRITE,
            }}
            stateNow={fresh ? describeReplicaState(current) : undefined}
            onDismiss={() => mutation.reset()}
          />
        </div>
      ) : null}
      {permissions.isError ? (
        <MessageBar intent="warning" className={styles.message}>
          <MessageBarBody>
            Your permissions could not be read; ARM will decide when you make a change.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {asking !== null ? (
        <GlobalRoutingDialog
          registry={registry}
          replicas={replicas}
          region={replica.region}
          on={asking}
          guard={guardFor(asking)}
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            setAsking(null);
            mutation.mutate({ name: replica.name, region: replica.region, on: asking });
          }}
        />
      ) : null}
    </div>
  );
}
