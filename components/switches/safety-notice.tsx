"use client";
import {
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  tokens,
} from "@fluentui/react-components";

const useStyles = makeStyles({
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
});

/** In a switch dialog: the replicas in trouble that the change affects, and how (nothing if none). */
export function SafetyNotice({ items }: { items?: readonly string[] }) {
  const styles = useStyles();
  if (!items || items.length === 0) return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="safety-context">
      <MessageBarBody>
        <MessageBarTitle>Replicas in trouble that this change affects</MessageBarTitle>
        <ul className={styles.list}>
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
