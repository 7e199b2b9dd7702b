"use client";
import { Skeleton, SkeletonItem, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  rows: { display: "grid", gap: tokens.spacingVerticalS, padding: `${tokens.spacingVerticalS} 0` },
});

/** Placeholder rows while a table's data loads. */
export function TableSkeleton({ rows = 3, label }: { rows?: number; label: string }) {
  const styles = useStyles();
  return (
    <Skeleton aria-label={label} className={styles.rows}>
      {Array.from({ length: rows }, (_, i) => (
        <SkeletonItem key={i} size={24} />
      ))}
    </Skeleton>
  );
}
