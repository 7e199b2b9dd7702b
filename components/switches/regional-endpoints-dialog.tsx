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
  Text,
  tokens,
} from "@fluentui/react-components";
import type { SwitchGuard } from "@/lib/switches/guard";
import { regionalEndpointsPreview } from "@/lib/switches/regional-endpoints";
import type { Registry, Replica } from "@/lib/types";
import { ChangeEquivalents, DialogPart, PlainList } from "./change-details";
import { SafetyNotice } from "./safety-notice";

const useStyles = makeStyles({
  // Host names and CLI commands are long: wider than Fluent's default dialog.
  surface: { maxWidth: "760px" },
  content: { display: "grid", gap: tokens.spacingVerticalL },
});

/**
 * Confirms turning regional endpoints on or off for the whole registry, showing what it does:
 * the regional host names that appear (expected, since ARM creates them) or disappear (as ARM
 * lists them), the effect on clients, the CLI command and the ARM property. A refused change
 * (Content Trust) shows the reason and cannot be confirmed.
 */
export function RegionalEndpointsDialog({
  registry,
  replicas,
  enable,
  guard,
  safety,
  onConfirm,
  onCancel,
}: {
  registry: Registry;
  replicas: Pick<Replica, "region">[] | undefined;
  enable: boolean;
  guard: SwitchGuard;
  /** Replicas in trouble that the change affects (lib/switches/safety). */
  safety?: readonly string[];
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const styles = useStyles();
  const preview = regionalEndpointsPreview(registry, replicas ?? [], enable);
  const verb = enable ? "on" : "off";
  const refused = guard.kind !== "allowed";
  return (
    <Dialog open modalType="alert" onOpenChange={(_e, data) => (data.open ? null : onCancel())}>
      <DialogSurface aria-describedby={undefined} className={styles.surface}>
        <DialogBody>
          <DialogTitle>
            Turn regional endpoints {verb} for {registry.name}?
          </DialogTitle>
          <DialogContent className={styles.content}>
            <Text>
              Regional endpoints are a registry-wide setting: one login server per replica that
              always reaches that replica. This is not global endpoint routing, which decides per
              replica whether the global login server sends clients there.
            </Text>
            {refused ? (
              <MessageBar intent="error" layout="multiline">
                <MessageBarBody>{"reason" in guard ? guard.reason : null}</MessageBarBody>
              </MessageBar>
            ) : null}
            <SafetyNotice items={safety} />
            {preview.hostNames.source === "expected" ? (
              <DialogPart title="Regional host names that will appear (expected)">
                <Text>
                  ARM creates these names; it does not publish them before the change. They are
                  expected to follow the pattern <code>{preview.hostNames.pattern}</code>
                  {replicas ? `, one per replica:` : ". The replica list is not loaded yet."}
                </Text>
                {replicas ? (
                  <PlainList items={preview.hostNames.hosts.map((h) => h.host)} mono />
                ) : null}
              </DialogPart>
            ) : (
              <DialogPart title="Regional host names that will disappear (as ARM lists them now)">
                {preview.hostNames.hosts.length ? (
                  <PlainList items={preview.hostNames.hosts.map((h) => h.host)} mono />
                ) : (
                  <Text>ARM lists no regional host names for this registry.</Text>
                )}
              </DialogPart>
            )}
            <DialogPart title="What changes">
              <PlainList items={preview.effects} />
            </DialogPart>
            {guard.kind === "allowed" && guard.recommendation ? (
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>{guard.recommendation}</MessageBarBody>
              </MessageBar>
            ) : null}
            <ChangeEquivalents
              command={preview.command}
              property={preview.property}
              value={`"${preview.value}"`}
              resource="registry"
              apiVersion={preview.apiVersion}
            />
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onCancel}>
              {refused ? "Close" : "Cancel"}
            </Button>
            {refused ? null : (
              <Button appearance="primary" onClick={onConfirm}>
                Turn regional endpoints {verb}
              </Button>
            )}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
