"use client";
import { makeStyles, Spinner, Switch, Tooltip, tokens } from "@fluentui/react-components";
import type { Ref } from "react";

const useStyles = makeStyles({
  wrap: { display: "inline-flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
});

/**
 * A switch with a stable accessible name (`name`, the contract tests find it by), a visible
 * `label`, "Updating…" with a spinner while its change runs, and, when it cannot be used, the
 * reason as a tooltip (the same reason is also shown as text nearby, for keyboard users). While
 * its change runs it is `aria-disabled` rather than disabled: it keeps the focus it had (the
 * dialog that confirmed the change hands focus back to it) and ignores presses meanwhile.
 */
export function SwitchControl({
  name,
  checked,
  label,
  updating,
  disabled,
  disabledReason,
  describedBy,
  onRequest,
  inputRef,
}: {
  name: string;
  checked: boolean;
  label?: string;
  updating: boolean;
  disabled: boolean;
  disabledReason?: string;
  describedBy?: string;
  onRequest: (checked: boolean) => void;
  /** The switch's input, to give focus back to when its dialog closes. */
  inputRef?: Ref<HTMLInputElement>;
}) {
  const styles = useStyles();
  const control = (
    <span className={styles.wrap} data-switch={name}>
      <Switch
        aria-label={name}
        aria-describedby={describedBy}
        aria-busy={updating || undefined}
        aria-disabled={updating || undefined}
        ref={inputRef}
        checked={checked}
        disabled={disabled && !updating}
        label={updating ? "Updating…" : label}
        onChange={(_e, data) => {
          if (!updating) onRequest(data.checked);
        }}
      />
      {updating ? <Spinner size="extra-tiny" aria-hidden /> : null}
    </span>
  );
  if (!disabledReason || updating) return control;
  return (
    <Tooltip content={disabledReason} relationship="description" withArrow>
      {control}
    </Tooltip>
  );
}
