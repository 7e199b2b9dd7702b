"use client";
import { makeStyles, tokens } from "@fluentui/react-components";
import { useState, type ComponentProps } from "react";
import { useGlobalRoutingMutation } from "@/lib/queries/global-routing";
import type { ReplicaRouting } from "@/lib/queries/replica-routing";
import { withProbeHealth } from "@/lib/probe/browser/replica-probes";
import { globalRoutingGuard } from "@/lib/switches/global-routing";
import { globalRoutingSafety } from "@/lib/switches/safety";
import type { Registry, Replica } from "@/lib/types";
import { GlobalRoutingDialog } from "./global-routing-dialog";
import { useRegistryProbeState } from "../probes/registry-probes";
import { SwitchControl } from "./switch-control";
import { useFocusReturn } from "./use-focus-return";

const useStyles = makeStyles({
  root: { display: "grid", gap: tokens.spacingVerticalXS, minWidth: "96px" },
});

/**
 * One replica's global endpoint routing switch (role `switch`, name `Global endpoint routing for
 * <region>`), for the Replicas table: its confirmation dialog(s), its guards, and Updating while
 * its change runs (other replicas stay usable). A failure shows in the row under it
 * (GlobalRoutingFailureRow).
 */
export function GlobalRoutingSwitch({
  registry,
  replica,
  routing,
  readOnlyNoticeId,
}: {
  registry: Registry;
  replica: Replica;
  /** The table's replicas (changes still running applied) and the user's permission. */
  routing: Pick<ReplicaRouting, "replicas" | "permission" | "permissionPending">;
  /** The notice above the table that says why switches are disabled, for screen readers. */
  readOnlyNoticeId?: string;
}) {
  const styles = useStyles();
  const mutation = useGlobalRoutingMutation(registry, replica.name, registry.location);
  const [asking, setAsking] = useState<boolean | null>(null);
  const focusRef = useFocusReturn(asking !== null);
  const { replicas, permission } = routing;
  const current = replicas.find((r) => r.name === replica.name) ?? replica;
  const updating = mutation.isPending;
  const checked = updating ? Boolean(mutation.variables?.on) : current.globalEndpointRouting;
  const guardFor = (on: boolean) =>
    globalRoutingGuard(replicas, replica.region, on, registry.loginServer, permission);
  const guard = guardFor(!checked);
  const unavailable = guard.kind === "unavailable" ? guard.reason : undefined;

  return (
    <div className={styles.root}>
      <SwitchControl
        name={`Global endpoint routing for ${replica.region}`}
        checked={checked}
        label={checked ? "On" : "Off"}
        updating={updating}
        disabled={Boolean(unavailable) || routing.permissionPending}
        disabledReason={unavailable}
        describedBy={
          unavailable && permission && !permission.canWrite ? readOnlyNoticeId : undefined
        }
        inputRef={focusRef}
        onRequest={(on) => {
          mutation.reset();
          setAsking(on);
        }}
      />
      {asking !== null ? (
        <GlobalRoutingDialogWithSafety
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

/**
 * The dialog with the replicas in trouble that the change affects, from the page's probes: read
 * here, mounted only while the dialog is open, so the switches do not re-render with the stream.
 */
function GlobalRoutingDialogWithSafety(
  props: Omit<ComponentProps<typeof GlobalRoutingDialog>, "safety" | "replicas"> & {
    replicas: Replica[];
  },
) {
  const byReplica = useRegistryProbeState()?.byReplica ?? new Map();
  const safety = globalRoutingSafety(
    withProbeHealth(props.replicas, byReplica),
    props.region,
    props.on,
  );
  return <GlobalRoutingDialog {...props} safety={safety} />;
}
