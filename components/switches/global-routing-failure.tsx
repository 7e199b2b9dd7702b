"use client";
import { makeStyles, TableCell, TableRow, tokens } from "@fluentui/react-components";
import type { RoutingChangeState } from "@/lib/queries/replica-routing";
import { describeReplicaState, stateAfterFailure } from "@/lib/switches/failure";
import { globalRoutingChange } from "@/lib/switches/global-routing";
import type { Replica } from "@/lib/types";
import { SwitchFailure } from "./switch-failure";

const useStyles = makeStyles({
  cell: { paddingBlock: tokens.spacingVerticalS },
});

/**
 * A full-width row under a replica whose last routing change failed: ARM's code, message and
 * request id, what to do, and the replica's state from the fresh read that settled it. Nothing
 * when the last change did not fail (or was dismissed).
 */
export function GlobalRoutingFailureRow({
  replica,
  last,
  listUpdatedAt,
  onDismiss,
  columns,
}: {
  replica: Replica;
  /** The replica's last routing change (from the table's one read of the mutation cache). */
  last: RoutingChangeState | undefined;
  /** When ARM last answered the replica list: the state shown must be read after the change. */
  listUpdatedAt: number;
  onDismiss: () => void;
  columns: number;
}) {
  const styles = useStyles();
  if (last?.status !== "error") return null;
  return (
    <TableRow data-failure-for={replica.region}>
      <TableCell colSpan={columns} className={styles.cell}>
        <SwitchFailure
          error={last.error}
          change={globalRoutingChange(replica.region, Boolean(last.change?.on))}
          stateNow={stateAfterFailure(last.error, last.submittedAt, {
            text: describeReplicaState(replica),
            updatedAt: listUpdatedAt,
          })}
          onDismiss={onDismiss}
        />
      </TableCell>
    </TableRow>
  );
}
