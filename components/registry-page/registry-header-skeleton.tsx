"use client";
import { Skeleton, SkeletonItem, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  root: { display: "grid", gap: tokens.spacingVerticalM, maxWidth: "720px" },
});

/** The header's shape while the registry loads. */
export function RegistryHeaderSkeleton() {
  const styles = useStyles();
  return (
    <Skeleton aria-label="Loading registry" className={styles.root}>
      <SkeletonItem size={32} style={{ width: "40%" }} />
      <SkeletonItem size={16} />
      <SkeletonItem size={16} />
      <SkeletonItem size={72} />
    </Skeleton>
  );
}
