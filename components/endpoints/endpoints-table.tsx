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
import { copySpans, type EndpointRow } from "@/lib/endpoints";
import { CopyButton } from "../ui/copy-button";
import { SCROLLING_TABLE } from "../ui/scroll-region";

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
  // Wide enough for its columns; narrower screens scroll it inside its region.
  table: { ...SCROLLING_TABLE, minWidth: "520px" },
  kindCol: { width: "96px" },
  regionCol: { width: "140px" },
});

const KIND_LABEL = { global: "Global", regional: "Regional", data: "Data" } as const;

/**
 * Every endpoint of a registry, one row each (role `table`, name `Endpoints`): kind, region, host
 * name exactly as ARM lists it, and a copy button: one per distinct host, so the `*.blob...`
 * wildcard repeated for every replica region has one button spanning its rows. Notice rows say
 * why a kind has no rows.
 */
export function EndpointsTable({ rows }: { rows: EndpointRow[] }) {
  const styles = useStyles();
  const spans = copySpans(rows);
  return (
    <Table aria-label="Endpoints" size="small" className={styles.table}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell className={styles.kindCol}>Kind</TableHeaderCell>
          <TableHeaderCell className={styles.regionCol}>Region</TableHeaderCell>
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
              <TableCell>{row.region ?? row.routesTo}</TableCell>
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
              {spans.has(row.key) ? (
                <TableCell rowSpan={spans.get(row.key)}>
                  <CopyButton text={row.host} label={`Copy ${row.host}`} />
                </TableCell>
              ) : null}
            </TableRow>
          ),
        )}
      </TableBody>
    </Table>
  );
}
