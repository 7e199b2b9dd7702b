"use client";
import { makeStyles } from "@fluentui/react-components";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  // The table keeps a width its columns can live with and scrolls here, inside its own region,
  // on a narrow screen: the page itself never scrolls sideways.
  root: { overflowX: "auto", maxWidth: "100%", minWidth: 0 },
});

/**
 * The style of a table inside a ScrollRegion: columns sized by their content (Fluent lays tables
 * out fixed, which splits the width evenly and lets a badge or a word spill into the next cell);
 * the table's own minimum width is what makes the region scroll.
 */
export const SCROLLING_TABLE = { tableLayout: "auto" } as const;

/** A wide table's frame: scrolls sideways inside itself when the screen is narrower. */
export function ScrollRegion({ children }: { children: ReactNode }) {
  const styles = useStyles();
  return <div className={styles.root}>{children}</div>;
}
