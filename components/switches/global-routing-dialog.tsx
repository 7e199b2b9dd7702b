"use client";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import { globalRoutingPreview } from "@/lib/switches/global-routing";
import type { SwitchGuard } from "@/lib/switches/guard";
import type { Registry, Replica } from "@/lib/types";
import { ChangeEquivalents, DialogPart, PlainList } from "./change-details";
import { SafetyNotice } from "./safety-notice";

const useStyles = makeStyles({
  // Host names and CLI commands are long: wider than Fluent's default dialog.
  surface: { maxWidth: "760px" },
  content: { display: "grid", gap: tokens.spacingVerticalL },
});

/**
 * Confirms one replica's global endpoint routing change: which replicas the global name serves
 * afterwards, that the replica keeps syncing and keeps its regional login server, the DNS cache
 * delay, the CLI command (with the pre-2.86 flag) and the ARM property. Excluding the last serving
 * replica is refused; leaving only one asks a second time.
 */
export function GlobalRoutingDialog({
  registry,
  replicas,
  region,
  on,
  guard,
  safety,
  onConfirm,
  onCancel,
}: {
  registry: Registry;
  replicas: Pick<Replica, "region" | "globalEndpointRouting">[];
  region: string;
  on: boolean;
  guard: SwitchGuard;
  /** Replicas in trouble that the change affects (lib/switches/safety). */
  safety?: readonly string[];
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const styles = useStyles();
  const [step, setStep] = useState<"first" | "second">("first");
  const preview = globalRoutingPreview(registry, replicas, region, on);
  const verb = on ? "on" : "off";
  const refused = guard.kind !== "allowed";
  const second = guard.kind === "allowed" ? guard.secondConfirmation : undefined;
  return (
    <Dialog open modalType="alert" onOpenChange={(_e, data) => (data.open ? null : onCancel())}>
      <DialogSurface aria-describedby={undefined} className={styles.surface}>
        <DialogBody>
          <DialogTitle>
            Turn global endpoint routing {verb} for {region}?
          </DialogTitle>
          <DialogContent className={styles.content}>
            {refused ? (
              <MessageBar intent="error" layout="multiline">
                <MessageBarBody>{"reason" in guard ? guard.reason : null}</MessageBarBody>
              </MessageBar>
            ) : null}
            {step === "second" && second ? (
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>Confirm again</MessageBarTitle>
                  {second}
                </MessageBarBody>
              </MessageBar>
            ) : null}
            <SafetyNotice items={safety} />
            <DialogPart
              title={`Replicas the global login server ${registry.loginServer} routes to afterwards`}
            >
              {preview.servingAfter.length ? (
                <PlainList items={preview.servingAfter} />
              ) : (
                <Text>None.</Text>
              )}
            </DialogPart>
            <DialogPart title="What changes">
              <PlainList items={preview.effects} />
            </DialogPart>
            <Text>
              This is not the registry-wide regional endpoints setting, which gives each replica its
              own login server.
            </Text>
            <ChangeEquivalents
              command={preview.command}
              legacyCommand={preview.legacyCommand}
              property={preview.property}
              value={String(preview.value)}
              resource={`replication ${region}`}
            />
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onCancel}>
              {refused ? "Close" : "Cancel"}
            </Button>
            {refused ? null : second && step === "first" ? (
              <Button appearance="primary" onClick={() => setStep("second")}>
                Turn global endpoint routing {verb}
              </Button>
            ) : (
              <Button appearance="primary" onClick={onConfirm}>
                {second
                  ? `Yes, leave only ${preview.servingAfter[0] ?? ""}`
                  : `Turn global endpoint routing ${verb}`}
              </Button>
            )}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
