"use client";
import { makeStyles, Subtitle1, tokens } from "@fluentui/react-components";
import { useId, type ReactNode } from "react";

const useStyles = makeStyles({
  root: { display: "grid", gap: tokens.spacingVerticalM, marginTop: tokens.spacingVerticalXXL },
  head: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
  },
});

/** A titled part of a page (an h2 labelling a region), with optional actions beside the title. */
export function Section({
  title,
  actions,
  children,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const styles = useStyles();
  const id = useId();
  return (
    <section className={styles.root} aria-labelledby={id}>
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
