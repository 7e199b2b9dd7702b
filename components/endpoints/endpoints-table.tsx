"use client";
import {
  Badge,
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
import { InfoRegular } from "@fluentui/react-icons";
import type { EndpointRow } from "@/lib/endpoints";
import { CopyButton } from "../ui/copy-button";

const useStyles = makeStyles({
  notice: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground2,
    paddingBlock: tokens.spacingVerticalXS,
  },
  host: { overflowWrap: "anywhere" },
  copyCol: { width: "48px" },
});

const KIND_LABEL = { global: "Global", regional: "Regional", data: "Data" } as const;

/**
 * Every endpoint of a registry, one row each (role `table`, name `Endpoints`): kind, region, host
 * name exactly as ARM lists it, and a copy button. Notice rows say why a kind has no rows.
 */
export function EndpointsTable({ rows }: { rows: EndpointRow[] }) {
  const styles = useStyles();
  return (
    <Table aria-label="Endpoints" size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Kind</TableHeaderCell>
          <TableHeaderCell>Region</TableHeaderCell>
          <TableHeaderCell>Host name</TableHeaderCell>
          <TableHeaderCell className={styles.copyCol}>
            <span className="visually-hidden">Copy</span>
          </TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) =>
          row.type === "notice" ? (
            <TableRow key={row.key} data-kind={row.kind} data-notice="">
              <TableCell>{KIND_LABEL[row.kind]}</TableCell>
              <TableCell colSpan={3}>
                <span className={styles.notice}>
                  <InfoRegular aria-hidden />
                  {row.message}
                </span>
              </TableCell>
            </TableRow>
          ) : (
            <TableRow key={row.key} data-kind={row.kind}>
              <TableCell>{KIND_LABEL[row.kind]}</TableCell>
              <TableCell>{row.region ?? "All (routed)"}</TableCell>
              <TableCell>
                <Text font="monospace" className={styles.host}>
                  {row.host}
                </Text>
                {row.wildcard ? (
                  <>
                    {" "}
                    <Badge appearance="outline" size="small" color="informative">
                      no dedicated data endpoint
                    </Badge>
                  </>
                ) : null}
              </TableCell>
              <TableCell>
                <CopyButton
                  text={row.host}
                  label={row.wildcard ? `Copy ${row.host} (${row.region})` : `Copy ${row.host}`}
                />
              </TableCell>
            </TableRow>
          ),
        )}
      </TableBody>
    </Table>
  );
}
