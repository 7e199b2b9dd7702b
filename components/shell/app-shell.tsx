"use client";
import { makeStyles, Text, tokens } from "@fluentui/react-components";
import Link from "next/link";
import type { ReactNode } from "react";
import { ThemeMenu } from "./theme-menu";

const useStyles = makeStyles({
  header: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    minHeight: "48px",
  },
  start: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXXL },
  nav: { display: "flex", gap: tokens.spacingHorizontalL },
  link: {
    color: tokens.colorNeutralForegroundOnBrand,
    textDecorationLine: "none",
    ":hover": { textDecorationLine: "underline" },
  },
  brand: {
    color: tokens.colorNeutralForegroundOnBrand,
    textDecorationLine: "none",
    ":hover": { textDecorationLine: "underline" },
  },
  end: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    justifyContent: "flex-end",
    gap: tokens.spacingHorizontalM,
  },
  main: {
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXL}`,
    maxWidth: "1400px",
    margin: "0 auto",
    // Narrow screens: the page never scrolls sideways; wide tables scroll inside their region.
    minWidth: 0,
    ":focus": { outlineStyle: "none" },
    "@media (max-width: 600px)": {
      padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalM}`,
    },
  },
  // Out of sight until focused: the first Tab stop of every page.
  skip: {
    position: "absolute",
    left: tokens.spacingHorizontalS,
    top: "-100px",
    zIndex: 1000,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorBrandForegroundLink,
    borderRadius: tokens.borderRadiusMedium,
    ":focus": { top: tokens.spacingVerticalS },
  },
});

/** The id of every page's main content, the skip link's target. */
export const MAIN_ID = "main-content";

/**
 * The page frame: a skip link to the main content, a header with the product name, when signed in
 * the pages (the registry inventory and fleet health), the theme and the account.
 */
export function AppShell({ account, children }: { account?: ReactNode; children: ReactNode }) {
  const styles = useStyles();
  return (
    <>
      <a href={`#${MAIN_ID}`} className={styles.skip}>
        Skip to main content
      </a>
      <header className={styles.header}>
        <div className={styles.start}>
          <Link href="/" className={styles.brand}>
            <Text size={500} weight="semibold">
              ACR Geo Console
            </Text>
          </Link>
          {account ? (
            <nav aria-label="Pages" className={styles.nav}>
              <Link href="/" className={styles.link}>
                Registries
              </Link>
              <Link href="/fleet" className={styles.link}>
                Fleet health
              </Link>
            </nav>
          ) : null}
        </div>
        <div className={styles.end}>
          <ThemeMenu />
          {account}
        </div>
      </header>
      <main id={MAIN_ID} tabIndex={-1} className={styles.main}>
        {children}
      </main>
    </>
  );
}
