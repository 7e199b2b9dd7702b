import { redirectLog } from "@/lib/log/logger";

/** One line the console's logger wrote, parsed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LogLine = Record<string, any>;

/**
 * Captures what the console logs (JSON lines) until `stop()`: the raw text, to check what must
 * never appear in it, and the parsed lines.
 */
export function captureLog() {
  let text = "";
  const stop = redirectLog({ write: (line: string) => void (text += line) });
  return {
    text: () => text,
    lines: (): LogLine[] =>
      text
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => JSON.parse(l) as LogLine),
    stop,
  };
}
