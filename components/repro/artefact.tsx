"use client";
import { Button, makeStyles, Subtitle2, tokens } from "@fluentui/react-components";
import { ArrowDownloadRegular } from "@fluentui/react-icons";
import { downloadText } from "../ui/clipboard";
import { CopyButton } from "../ui/copy-button";

const useStyles = makeStyles({
  root: {
    display: "grid",
    gap: tokens.spacingVerticalXS,
    minWidth: 0,
    gridTemplateColumns: "minmax(0, 1fr)",
  },
  title: { overflowWrap: "anywhere", minWidth: 0 },
  head: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  pre: {
    margin: 0,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    overflowX: "auto",
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
  },
});

/** A named block of text to copy or download (a command, a manifest patch, a TOML file). */
export function Artefact({
  title,
  text,
  fileName,
  mimeType = "text/plain",
}: {
  title: string;
  text: string;
  fileName?: string;
  mimeType?: string;
}) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <div className={styles.head}>
        <Subtitle2 as="h3" className={styles.title}>
          {title}
        </Subtitle2>
        <CopyButton text={text} label={`Copy ${title}`} />
        {fileName ? (
          <Button
            size="small"
            icon={<ArrowDownloadRegular />}
            onClick={() => downloadText(fileName, text, mimeType)}
          >
            Download {fileName}
          </Button>
        ) : null}
      </div>
      <pre className={styles.pre} aria-label={title}>
        {text}
      </pre>
    </div>
  );
}
