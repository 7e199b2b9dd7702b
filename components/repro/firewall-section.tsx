"use client";
import {
  Button,
  Checkbox,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from "@fluentui/react-components";
import { ArrowDownloadRegular } from "@fluentui/react-icons";
import { useState } from "react";
import { firewallPlan, firewallPlanCsv, firewallPlanJson } from "@/lib/repro/firewall";
import type { Registry } from "@/lib/types";
import { downloadText } from "../ui/clipboard";
import { SCROLLING_TABLE, ScrollRegion } from "../ui/scroll-region";
import { Section } from "../ui/section";

const useStyles = makeStyles({
  root: {
    display: "grid",
    gap: tokens.spacingVerticalM,
    minWidth: 0,
    gridTemplateColumns: "minmax(0, 1fr)",
  },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  table: { ...SCROLLING_TABLE, minWidth: "560px" },
  mono: { fontFamily: tokens.fontFamilyMonospace, whiteSpace: "nowrap" },
});

/** The firewall allow-list and private endpoint plan for the endpoints a workload uses. */
export function FirewallSection({
  registry,
  region,
  replicaRegions,
}: {
  registry: Registry;
  region: string;
  replicaRegions: string[];
}) {
  const styles = useStyles();
  const [useGlobal, setUseGlobal] = useState(false);
  const plan = firewallPlan(registry, replicaRegions, { global: useGlobal, regions: [region] });
  const pe = plan.privateEndpoint;
  const base = `${registry.name}-${region}-network-plan`;
  return (
    <Section
      title="Firewall and private endpoint plan"
      id="network-plan"
      actions={
        <div className={styles.row}>
          <Button
            icon={<ArrowDownloadRegular />}
            onClick={() => downloadText(`${base}.csv`, firewallPlanCsv(plan), "text/csv")}
          >
            Export CSV
          </Button>
          <Button
            icon={<ArrowDownloadRegular />}
            onClick={() =>
              downloadText(`${base}.json`, firewallPlanJson(registry, plan), "application/json")
            }
          >
            Export JSON
          </Button>
        </div>
      }
    >
      <div className={styles.root}>
        <Checkbox
          label="The workload also uses the global login server"
          checked={useGlobal}
          onChange={(_, d) => setUseGlobal(Boolean(d.checked))}
        />
        <ScrollRegion>
          <Table aria-label="Firewall allow-list" size="small" className={styles.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>FQDN</TableHeaderCell>
                <TableHeaderCell>Port</TableHeaderCell>
                <TableHeaderCell>Why</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {plan.rules.map((r) => (
                <TableRow key={r.fqdn}>
                  <TableCell className={styles.mono}>{r.fqdn}</TableCell>
                  <TableCell>TCP {r.port}</TableCell>
                  <TableCell>{r.why}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollRegion>
        <Text>
          With private endpoints: {pe.ipsPerVnet} private IPs per private endpoint in each virtual
          network ({pe.replicas} replicas: 1 global + {pe.replicas} data
          {registry.regionalEndpoints === "Enabled" ? ` + ${pe.replicas} regional` : ""};
          {pe.withRegionalEndpoints} with regional endpoints, {pe.withoutRegionalEndpoints}{" "}
          without). The subnet needs at least a /{pe.smallestPrefix}; a /27 or larger is
          recommended.
        </Text>
        <ScrollRegion>
          <Table aria-label="Private DNS records" size="small" className={styles.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>A record in privatelink.azurecr.io</TableHeaderCell>
                <TableHeaderCell>Private endpoint member</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {pe.records.map((r) => (
                <TableRow key={r.name}>
                  <TableCell className={styles.mono}>{r.name}</TableCell>
                  <TableCell className={styles.mono}>{r.member}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollRegion>
        <ul>
          {plan.changes.map((c) => (
            <li key={c}>
              <Text>{c}</Text>
            </li>
          ))}
        </ul>
      </div>
    </Section>
  );
}
