"use client";
import {
  Field,
  Input,
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
import { useState } from "react";
import { REPOSITORY_PLACEHOLDER, TAG_PLACEHOLDER, regionCommands } from "@/lib/endpoints";
import type { Registry } from "@/lib/types";
import { CopyButton } from "../ui/copy-button";
import { SCROLLING_TABLE, ScrollRegion } from "../ui/scroll-region";

const useStyles = makeStyles({
  root: { display: "grid", gap: tokens.spacingVerticalM },
  inputs: { display: "flex", gap: tokens.spacingHorizontalM, flexWrap: "wrap" },
  command: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
  code: { overflowWrap: "anywhere", minWidth: 0 },
  // Wide enough for two commands side by side; narrower screens scroll it inside its region.
  table: { ...SCROLLING_TABLE, minWidth: "640px" },
});

function Command({ text, label }: { text: string; label: string }) {
  const styles = useStyles();
  return (
    <span className={styles.command}>
      <Text font="monospace" className={styles.code}>
        {text}
      </Text>
      <CopyButton text={text} label={label} />
    </span>
  );
}

/**
 * Per region, the commands that use its regional endpoint: log Docker in to the regional host and
 * pull through it. The repository and tag fill the pull command.
 */
export function RegionCommands({
  registry,
}: {
  registry: Pick<
    Registry,
    "name" | "loginServer" | "regionalEndpoints" | "regionalEndpointHostNames"
  >;
}) {
  const styles = useStyles();
  const [repository, setRepository] = useState("");
  const [tag, setTag] = useState("");
  const commands = regionCommands(registry, repository, tag);
  if (commands.length === 0) {
    const login = `az acr login --name ${registry.name}`;
    return (
      <div className={styles.root}>
        <Text>
          {registry.regionalEndpoints === "Enabled"
            ? "ARM lists no regional host names yet, so there is no regional login server to use."
            : registry.regionalEndpoints === "Disabled"
              ? "Regional endpoints are off, so there is no regional login server: clients log in to the global login server and are routed to a replica."
              : "Regional endpoints need the Premium SKU, so there is no regional login server: clients log in to the global login server."}
        </Text>
        <Command text={login} label={`Copy ${login}`} />
      </div>
    );
  }
  return (
    <div className={styles.root}>
      <div className={styles.inputs}>
        <Field label="Repository">
          <Input
            value={repository}
            placeholder={REPOSITORY_PLACEHOLDER}
            onChange={(_, data) => setRepository(data.value)}
          />
        </Field>
        <Field label="Tag">
          <Input
            value={tag}
            placeholder={TAG_PLACEHOLDER}
            onChange={(_, data) => setTag(data.value)}
          />
        </Field>
      </div>
      <ScrollRegion>
        <Table aria-label="Commands per region" size="small" className={styles.table}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Region</TableHeaderCell>
              <TableHeaderCell>Log in to the regional endpoint</TableHeaderCell>
              <TableHeaderCell>Pull through it</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {commands.map((c) => (
              <TableRow key={c.host}>
                <TableCell>{c.region}</TableCell>
                <TableCell>
                  <Command text={c.login} label={`Copy login command for ${c.region}`} />
                </TableCell>
                <TableCell>
                  <Command text={c.pull} label={`Copy pull command for ${c.region}`} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ScrollRegion>
    </div>
  );
}
