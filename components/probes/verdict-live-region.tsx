"use client";
import { useEffect, useRef, useState } from "react";
import { VerdictAnnouncer } from "@/lib/probe/browser/announce";
import type { ProbeRow } from "@/lib/probe/browser/table";

/** How often held-back changes are looked at again: well under the announcer's own gap. */
const CHECK_MS = 1_000;

/**
 * A polite live region (visually hidden) that tells screen reader users when endpoints change
 * verdict: one summary at most every few seconds, and only for a change (see VerdictAnnouncer).
 */
export function VerdictLiveRegion({ rows }: { rows: ProbeRow[] }) {
  const [message, setMessage] = useState("");
  const latest = useRef(rows);
  useEffect(() => {
    latest.current = rows;
  }, [rows]);
  useEffect(() => {
    const announcer = new VerdictAnnouncer();
    const timer = setInterval(() => {
      const text = announcer.update(latest.current, Date.now());
      if (text) setMessage(text);
    }, CHECK_MS);
    return () => clearInterval(timer);
  }, []);
  return (
    <div
      role="status"
      aria-live="polite"
      aria-atomic="true"
      className="visually-hidden"
      data-testid="verdict-announcements"
    >
      {message}
    </div>
  );
}
