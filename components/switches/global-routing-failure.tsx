"use client";
import { makeStyles, TableCell, TableRow, tokens } from "@fluentui/react-components";
import { useLastRoutingChange } from "@/lib/queries/global-routing";
import { useReplicas } from "@/lib/queries/replicas";
import { describeReplicaState, stateAfterFailure } from "@/lib/switches/failure";
import { globalRoutingChange } from "@/lib/switches/global-routing";
import type { RegistryRef, Replica } from "@/lib/types";
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
  registryRef,
  location,
  replica,
  columns,
}: {
  registryRef: RegistryRef;
  location: string;
  replica: Replica;
  columns: number;
}) {
  const styles = useStyles();
  const { last, dismiss } = useLastRoutingChange(registryRef, replica.name);
  const list = useReplicas(registryRef, location);
  if (last?.status !== "error") return null;
  return (
    <TableRow data-failure-for={replica.region}>
      <TableCell colSpan={columns} className={styles.cell}>
        <SwitchFailure
          error={last.error}
          change={globalRoutingChange(replica.region, Boolean(last.change?.on))}
          stateNow={stateAfterFailure(last.error, last.submittedAt, {
            text: describeReplicaState(replica),
            updatedAt: list.dataUpdatedAt,
          })}
          onDismiss={dismiss}
        />
      </TableCell>
    </TableRow>
  );
}
