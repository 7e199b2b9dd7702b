"use client";
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowDownloadRegular } from "@fluentui/react-icons";
import { runFileName, runJson, runMarkdown, type RunInput } from "@/lib/probe/browser/export";
import { downloadText } from "../ui/clipboard";
import { CopyButton } from "../ui/copy-button";

const useStyles = makeStyles({
  root: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
});

/** Exports of a pinned run: JSON (summary and every sample) and a Markdown summary for a ticket. */
export function RunExport({ input }: { input: () => RunInput }) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <Button
        icon={<ArrowDownloadRegular />}
        onClick={() => {
          const run = input();
          downloadText(runFileName(run, "json"), runJson(run), "application/json");
        }}
      >
        Export JSON
      </Button>
      <Button
        icon={<ArrowDownloadRegular />}
        onClick={() => {
          const run = input();
          downloadText(runFileName(run, "md"), runMarkdown(run), "text/markdown");
        }}
      >
        Export Markdown
      </Button>
      <CopyButton text={runMarkdown(input())} label="Copy the Markdown summary" />
    </div>
  );
}
