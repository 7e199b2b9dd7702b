"use client";
import {
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  tokens,
} from "@fluentui/react-components";
import { useId, useState, type ComponentProps } from "react";
import { useRegistry } from "@/lib/queries/registry";
import { useRegionalEndpointsMutation } from "@/lib/queries/regional-endpoints";
import { useSwitchPermissions } from "@/lib/queries/permissions";
import { describeRegistryState, stateAfterFailure } from "@/lib/switches/failure";
import { regionalEndpointsChange, regionalEndpointsGuard } from "@/lib/switches/regional-endpoints";
import { regionalEndpointsSafety } from "@/lib/switches/safety";
import { withProbeHealth } from "@/lib/probe/browser/replica-probes";
import type { Registry, RegistryRef, Replica } from "@/lib/types";
import { RegionalEndpointsDialog } from "./regional-endpoints-dialog";
import { useRegistryProbeState } from "../probes/registry-probes";
import { SwitchControl } from "./switch-control";
import { useFocusReturn } from "./use-focus-return";
import { SwitchFailure } from "./switch-failure";

const useStyles = makeStyles({
  // Messages take a line of their own in the feature card's header row.
  line: { flexBasis: "100%", display: "grid", gap: tokens.spacingVerticalS },
  reason: { color: tokens.colorNeutralForeground3 },
});

/**
 * The registry-wide regional endpoints switch (role `switch`, name `Regional endpoints`), with
 * its confirmation dialog, its guards (SKU, role, Content Trust, running operation), the result
 * ARM returns after the change, and any failure shown right here.
 */
export function RegionalEndpointsSwitch({
  registryRef,
  registry: initial,
  replicas,
}: {
  registryRef: RegistryRef;
  registry: Registry;
  replicas: Replica[] | undefined;
}) {
  const styles = useStyles();
  const reasonId = useId();
  const query = useRegistry(registryRef);
  const registry = query.data ?? initial;
  // Basic and Standard cannot have regional endpoints: no need to ask ARM who may change them.
  const permissions = useSwitchPermissions(registryRef, { enabled: registry.sku === "Premium" });
  const mutation = useRegionalEndpointsMutation(registryRef);
  const [asking, setAsking] = useState<boolean | null>(null);
  const focusRef = useFocusReturn(asking !== null);

  const updating = mutation.isPending;
  const checked = updating
    ? mutation.variables === "Enabled"
    : registry.regionalEndpoints === "Enabled";
  const permission = permissions.data
    ? {
        canWrite: permissions.data.canWriteRegistry,
        action: permissions.data.actions.regionalEndpoints,
      }
    : undefined;
  const guard = regionalEndpointsGuard(registry, !checked, permission);
  const unavailable = guard.kind === "unavailable" ? guard.reason : undefined;
  // Readers would see an enabled switch flip to disabled once ARM answers: wait for it.
  const waiting = permissions.isLoading;

  return (
    <>
      <SwitchControl
        name="Regional endpoints"
        checked={checked}
        updating={updating}
        disabled={Boolean(unavailable) || waiting}
        disabledReason={unavailable}
        describedBy={unavailable ? reasonId : undefined}
        inputRef={focusRef}
        onRequest={(on) => {
          mutation.reset();
          setAsking(on);
        }}
      />
      <div className={styles.line}>
        {unavailable && !updating ? (
          <Caption1 id={reasonId} className={styles.reason}>
            {unavailable}
          </Caption1>
        ) : null}
        {permissions.isError ? (
          <Caption1 className={styles.reason}>
            Your permissions on this registry could not be read; ARM will decide when you make a
            change.
          </Caption1>
        ) : null}
        {mutation.isSuccess ? (
          <MessageBar intent="success" layout="multiline" data-testid="switch-result">
            <MessageBarBody>
              {mutation.data.regionalEndpoints === "Enabled"
                ? mutation.data.regionalEndpointHostNames.length
                  ? `Regional endpoints are on. ARM lists these regional login servers: ${mutation.data.regionalEndpointHostNames.join(", ")}.`
                  : "Regional endpoints are on. ARM lists no regional host names yet."
                : "Regional endpoints are off. ARM lists no regional login servers any more."}
            </MessageBarBody>
          </MessageBar>
        ) : null}
        {mutation.isError ? (
          <SwitchFailure
            error={mutation.error}
            change={regionalEndpointsChange(mutation.variables === "Enabled")}
            stateNow={stateAfterFailure(mutation.error, mutation.submittedAt, {
              text: describeRegistryState(registry),
              updatedAt: query.dataUpdatedAt,
            })}
            onDismiss={() => mutation.reset()}
          />
        ) : null}
      </div>
      {asking !== null ? (
        <RegionalEndpointsDialogWithSafety
          registry={registry}
          replicas={replicas}
          enable={asking}
          guard={regionalEndpointsGuard(registry, asking, permission)}
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            setAsking(null);
            mutation.mutate(asking ? "Enabled" : "Disabled");
          }}
        />
      ) : null}
    </>
  );
}

/**
 * The dialog with the replicas in trouble that the change affects, from the page's probes: read
 * here, mounted only while the dialog is open, so the switch does not re-render with the stream.
 */
function RegionalEndpointsDialogWithSafety(
  props: Omit<ComponentProps<typeof RegionalEndpointsDialog>, "safety" | "replicas"> & {
    replicas: Replica[] | undefined;
  },
) {
  const byReplica = useRegistryProbeState()?.byReplica ?? new Map();
  const safety = regionalEndpointsSafety(
    withProbeHealth(props.replicas ?? [], byReplica),
    props.enable,
  );
  return <RegionalEndpointsDialog {...props} safety={safety} />;
}
