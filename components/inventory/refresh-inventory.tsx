"use client";
import { Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowClockwiseRegular } from "@fluentui/react-icons";
import { formatUtc } from "@/components/ui/format";

const useStyles = makeStyles({
  root: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  when: { color: tokens.colorNeutralForeground3 },
});

/**
 * When the inventory was read, and a button to read it again now. The inventory is refreshed
 * by itself only when it is older than its freshness window (lib/queries/inventory.ts); this is
 * for the moment a user knows it changed. The rows on screen stay while it reads.
 */
export function RefreshInventory({
  updatedAt,
  refreshing,
  onRefresh,
}: {
  updatedAt: number;
  refreshing: boolean;
  onRefresh: () => void;
}) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      {updatedAt > 0 ? (
        <Caption1 className={styles.when}>
          Read {formatUtc(new Date(updatedAt).toISOString())}
        </Caption1>
      ) : null}
      <Button
        size="small"
        appearance="subtle"
        icon={<ArrowClockwiseRegular />}
        disabled={refreshing}
        onClick={onRefresh}
      >
        {refreshing ? "Refreshing…" : "Refresh"}
      </Button>
    </div>
  );
}
