"use client";
import { Caption1, makeStyles, Text, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { CopyButton } from "../ui/copy-button";

const useStyles = makeStyles({
  root: { display: "grid", gap: tokens.spacingVerticalS },
  heading: { fontWeight: tokens.fontWeightSemibold },
  command: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    overflowWrap: "anywhere",
    backgroundColor: tokens.colorNeutralBackground3,
    paddingInline: tokens.spacingHorizontalXS,
    borderRadius: tokens.borderRadiusSmall,
  },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
});

/** A titled block in a confirmation dialog. */
export function DialogPart({ title, children }: { title: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <Text className={styles.heading}>{title}</Text>
      {children}
    </div>
  );
}

/** A command in monospace with a copy button. */
export function CommandLine({ command }: { command: string }) {
  const styles = useStyles();
  return (
    <span className={styles.command}>
      <code className={styles.code} data-testid="cli-command">
        {command}
      </code>
      <CopyButton text={command} label={`Copy ${command}`} />
    </span>
  );
}

/** The CLI equivalent and the ARM property a switch writes. */
export function ChangeEquivalents({
  command,
  legacyCommand,
  property,
  value,
  resource,
  apiVersion,
}: {
  command: string;
  legacyCommand?: string;
  property: string;
  value: string;
  resource: string;
  apiVersion?: string;
}) {
  const styles = useStyles();
  return (
    <DialogPart title="Equivalent Azure CLI command (2.86 or later)">
      <CommandLine command={command} />
      {legacyCommand ? (
        <Caption1>
          Before Azure CLI 2.86 the flag was{" "}
          <code className={styles.code}>--region-endpoint-enabled</code> (removed in 2.87):{" "}
          <code className={styles.code}>{legacyCommand}</code>
        </Caption1>
      ) : null}
      <Caption1>
        ARM: <code className={styles.code}>{property}</code> ={" "}
        <code className={styles.code}>{value}</code> on the {resource}
        {apiVersion ? (
          <>
            {" "}
            (api-version <code className={styles.code}>{apiVersion}</code>)
          </>
        ) : null}
        .
      </Caption1>
    </DialogPart>
  );
}

/** A plain bulleted list of sentences or host names. */
export function PlainList({ items, mono }: { items: string[]; mono?: boolean }) {
  const styles = useStyles();
  return (
    <ul className={styles.list}>
      {items.map((item) => (
        <li key={item}>{mono ? <code className={styles.code}>{item}</code> : item}</li>
      ))}
    </ul>
  );
}
