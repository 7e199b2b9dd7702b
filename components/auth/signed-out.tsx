"use client";
import { Button, makeStyles, Text, Title2, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  root: { display: "grid", gap: tokens.spacingVerticalM, justifyItems: "start" },
});

export function SignedOut() {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <Title2 as="h1">You are signed out</Title2>
      <Text>The console no longer holds a token for your account in this browser.</Text>
      <Button as="a" href="/" appearance="primary">
        Sign in again
      </Button>
    </div>
  );
}
