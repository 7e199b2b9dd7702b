"use client";
import {
  Badge,
  Caption1,
  Card,
  makeStyles,
  Text,
  Title2,
  tokens,
} from "@fluentui/react-components";
import type { ReactNode } from "react";
import type { Registry } from "@/lib/types";
import { CopyButton } from "@/components/ui/copy-button";
import { ProvisioningBadge } from "@/components/ui/provisioning-badge";
import { dataEndpointsState, regionalEndpointsState, type FeatureState } from "./feature-states";

const useStyles = makeStyles({
  root: { display: "grid", gap: tokens.spacingVerticalL },
  title: {
    display: "flex",
    alignItems: "baseline",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
  },
  login: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
    minWidth: 0,
    overflowWrap: "anywhere",
  },
  facts: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(min(180px, 100%), 1fr))",
    gap: tokens.spacingVerticalM,
    margin: 0,
  },
  fact: { margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  features: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(min(320px, 100%), 1fr))",
    gap: tokens.spacingHorizontalL,
  },
  featureHead: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    flexWrap: "wrap",
  },
});

function Fact({ term, children }: { term: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.fact}>
      <dt className={styles.term}>
        <Caption1>{term}</Caption1>
      </dt>
      <dd className={styles.fact}>{children}</dd>
    </div>
  );
}

function Feature({ feature, control }: { feature: FeatureState; control?: ReactNode }) {
  const styles = useStyles();
  const color =
    feature.state === "On" ? "success" : feature.state === "Off" ? "informative" : "subtle";
  return (
    <Card aria-label={feature.name}>
      <div className={styles.featureHead}>
        <Text weight="semibold">{feature.name}</Text>
        <Badge appearance="tint" color={color}>
          {feature.state}
        </Badge>
        <Caption1>
          <code>{feature.property}</code>
        </Caption1>
        {control}
      </div>
      <Text>{feature.explanation}</Text>
    </Card>
  );
}

/**
 * The registry's identity and the state of its two registry-wide endpoint features, each with one
 * sentence on what it means. `regionalEndpointsControl` is where the switch to change it goes.
 */
export function RegistryHeader({
  registry,
  subscriptionName,
  subscriptionPending,
  regionalEndpointsControl,
}: {
  registry: Registry;
  subscriptionName?: string;
  /** The subscription list is being read: its name is coming, the GUID is not shown meanwhile. */
  subscriptionPending?: boolean;
  regionalEndpointsControl?: ReactNode;
}) {
  const styles = useStyles();
  return (
    <section className={styles.root} aria-label="Registry">
      <div className={styles.title}>
        <Title2 as="h1">{registry.name}</Title2>
        <span className={styles.login}>
          <Text font="monospace" data-testid="login-server">
            {registry.loginServer}
          </Text>
          <CopyButton text={registry.loginServer} label={`Copy ${registry.loginServer}`} />
        </span>
      </div>
      <dl className={styles.facts}>
        <Fact term="SKU">{registry.sku}</Fact>
        <Fact term="Home region">{registry.location}</Fact>
        <Fact term="Resource group">{registry.resourceGroup}</Fact>
        <Fact term="Subscription">
          {subscriptionName ? (
            <span title={registry.subscriptionId} data-testid="subscription-name">
              {subscriptionName}
            </span>
          ) : subscriptionPending ? (
            <span className={styles.term}>Loading…</span>
          ) : (
            registry.subscriptionId
          )}
        </Fact>
        <Fact term="Provisioning state">
          <ProvisioningBadge state={registry.provisioningState} />
        </Fact>
      </dl>
      <div className={styles.features}>
        <Feature feature={regionalEndpointsState(registry)} control={regionalEndpointsControl} />
        <Feature feature={dataEndpointsState(registry)} />
      </div>
    </section>
  );
}
