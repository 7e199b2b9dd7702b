"use client";
import type { AccountInfo } from "@azure/msal-browser";
import { useMsal } from "@azure/msal-react";
import { Button, Caption1, makeStyles, Text, tokens } from "@fluentui/react-components";
import { SignOutRegular } from "@fluentui/react-icons";
import { useQueryClient } from "@tanstack/react-query";

const useStyles = makeStyles({
  root: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    justifyContent: "flex-end",
    gap: tokens.spacingHorizontalM,
    minWidth: 0,
  },
  who: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-end",
    lineHeight: 1.2,
    minWidth: 0,
    overflowWrap: "anywhere",
  },
  tenant: { color: tokens.colorNeutralForegroundOnBrand },
});

/** The signed-in account (name, tenant) and sign-out. */
export function AccountMenu({ account }: { account: AccountInfo }) {
  const styles = useStyles();
  const { instance } = useMsal();
  const queryClient = useQueryClient();
  const name = account.name || account.username;
  const signOut = () => {
    queryClient.clear();
    void instance.logoutRedirect({ account });
  };
  return (
    <div className={styles.root}>
      <div className={styles.who} data-testid="signed-in-account">
        <Text weight="semibold">{name}</Text>
        <Caption1 className={styles.tenant}>Tenant {account.tenantId}</Caption1>
      </div>
      <Button appearance="primary" icon={<SignOutRegular />} onClick={signOut}>
        Sign out
      </Button>
    </div>
  );
}
