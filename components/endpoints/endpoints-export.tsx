"use client";
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowDownloadRegular } from "@fluentui/react-icons";
import { endpointsCsv, exportFileName, showEndpointsJson } from "@/lib/endpoints";
import type { Registry, Replica } from "@/lib/types";
import { downloadText } from "../ui/clipboard";

const useStyles = makeStyles({ root: { display: "flex", gap: tokens.spacingHorizontalS } });

/** Downloads of the endpoints: JSON in the `az acr show-endpoints` shape, and CSV. */
export function EndpointsExport({
  registry,
  replicas,
}: {
  registry: Registry;
  replicas: Replica[];
}) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <Button
        icon={<ArrowDownloadRegular />}
        onClick={() =>
          downloadText(
            exportFileName(registry.name, "json"),
            showEndpointsJson(registry, replicas),
            "application/json",
          )
        }
      >
        Export JSON
      </Button>
      <Button
        icon={<ArrowDownloadRegular />}
        onClick={() =>
          downloadText(
            exportFileName(registry.name, "csv"),
            endpointsCsv(registry, replicas),
            "text/csv",
          )
        }
      >
        Export CSV
      </Button>
    </div>
  );
}
