"use client";
import { makeStyles } from "@fluentui/react-components";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  // The table keeps a width its columns can live with and scrolls here, inside its own region,
  // on a narrow screen: the page itself never scrolls sideways.
  root: { overflowX: "auto", maxWidth: "100%", minWidth: 0 },
});

/** A wide table's frame: scrolls sideways inside itself when the screen is narrower. */
export function ScrollRegion({ children }: { children: ReactNode }) {
  const styles = useStyles();
  return <div className={styles.root}>{children}</div>;
}
