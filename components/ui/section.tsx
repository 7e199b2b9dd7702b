"use client";
import { makeStyles, Subtitle1, tokens } from "@fluentui/react-components";
import { useId, type ReactNode } from "react";

const useStyles = makeStyles({
  root: {
    display: "grid",
    gap: tokens.spacingVerticalM,
    marginTop: tokens.spacingVerticalXXL,
    // A grid item would otherwise grow to its widest table; the tables scroll inside instead.
    minWidth: 0,
    gridTemplateColumns: "minmax(0, 1fr)",
  },
  head: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
  },
});

/**
 * A titled part of a page (an h2 labelling a region), with optional actions beside the title.
 * With `id`, in-page links can jump to it: it then takes focus, so the next Tab starts there.
 */
export function Section({
  title,
  id: anchor,
  actions,
  children,
}: {
  title: string;
  id?: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const styles = useStyles();
  const id = useId();
  return (
    <section
      className={styles.root}
      aria-labelledby={id}
      id={anchor}
      tabIndex={anchor ? -1 : undefined}
    >
      <div className={styles.head}>
        <Subtitle1 as="h2" id={id}>
          {title}
        </Subtitle1>
        {actions}
      </div>
      {children}
    </section>
  );
}
