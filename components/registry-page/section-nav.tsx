"use client";
import { makeStyles, tokens } from "@fluentui/react-components";
import { HEALTH_CHECK_SECTION_ID } from "../repro/health-check-section";

/** The registry page's sections that the "On this page" links jump to. */
export const SECTION_IDS = {
  endpoints: "endpoints",
  probes: "endpoint-probes",
  vantages: "latency-by-vantage",
  history: "history",
  commands: "commands",
  replicas: "replicas",
  changes: "recent-changes",
  healthCheck: HEALTH_CHECK_SECTION_ID,
} as const;

const LINKS: { id: string; label: string }[] = [
  { id: SECTION_IDS.endpoints, label: "Endpoints" },
  { id: SECTION_IDS.probes, label: "Probes" },
  { id: SECTION_IDS.vantages, label: "Vantages" },
  { id: SECTION_IDS.history, label: "History" },
  { id: SECTION_IDS.commands, label: "Commands" },
  { id: SECTION_IDS.replicas, label: "Replicas" },
  { id: SECTION_IDS.changes, label: "Recent changes" },
  { id: SECTION_IDS.healthCheck, label: "Health check" },
];

const useStyles = makeStyles({
  list: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
    margin: 0,
    padding: 0,
    listStyleType: "none",
  },
  link: { color: tokens.colorBrandForegroundLink },
});

/**
 * Links to the page's sections, near the top: a keyboard user goes to the Replicas switches in a
 * few Tabs instead of through every copy button of the Endpoints and Commands sections.
 */
export function SectionNav() {
  const styles = useStyles();
  return (
    <nav aria-label="On this page">
      <ul className={styles.list}>
        {LINKS.map((l) => (
          <li key={l.id}>
            <a className={styles.link} href={`#${l.id}`}>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
