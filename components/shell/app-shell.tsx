"use client";
import { makeStyles, Text, tokens } from "@fluentui/react-components";
import Link from "next/link";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  header: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
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
  main: {
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXL}`,
    maxWidth: "1400px",
    margin: "0 auto",
  },
});

/**
 * The page frame: a header with the product name and, when signed in, the pages (the registry
 * inventory and fleet health) and the account.
 */
export function AppShell({ account, children }: { account?: ReactNode; children: ReactNode }) {
  const styles = useStyles();
  return (
    <>
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
        {account}
      </header>
      <main className={styles.main}>{children}</main>
    </>
  );
}
