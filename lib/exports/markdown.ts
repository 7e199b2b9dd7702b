/**
 * Markdown text built from values the console does not control (a registry or region name from
 * the URL, a host name, an id), for pasting into a ticket. Everything is escaped so that it shows
 * as the literal text: no link, image, HTML, heading or table cell can be injected, and a URL is
 * not turned into a link by an autolinking renderer (GitHub, Azure DevOps, Jira).
 */

/** ASCII punctuation: CommonMark lets a backslash escape any of it, and renders it literally. */
const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

/** Plain text for a line of Markdown (a heading, a list item, a table cell). */
export function markdownText(value: string): string {
  return value.replace(/[\r\n\u2028\u2029]+/g, " ").replace(PUNCTUATION, (c) => `\\${c}`);
}

/**
 * An inline code span: shown verbatim (no escapes apply inside code). The fence is one backtick
 * longer than the longest run inside, and padded when the text starts or ends with a backtick,
 * as CommonMark requires; line breaks become spaces so the span cannot end the line. In a table
 * row the pipe still splits cells (GFM), so it is written as its entity-free escape `\|`, which
 * GFM removes before the span is read.
 */
export function markdownCode(value: string, { inTable = false } = {}): string {
  const text = value.replace(/[\r\n\u2028\u2029]+/g, " ");
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") || text === "" ? " " : "";
  const body = inTable ? text.replace(/\|/g, "\\|") : text;
  return `${fence}${pad}${body}${pad}${fence}`;
}
