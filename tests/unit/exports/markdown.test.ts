import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { markdownCode, markdownText } from "@/lib/exports/markdown";
import { runMarkdown, type RunInput } from "@/lib/probe/browser/export";
import { EAST, sample } from "@/tests/unit/probe/fixtures";

/*
 * What a ticket system makes of the exported Markdown: rendered here by markdown-it with raw HTML
 * and autolinking on (the most permissive settings ticket systems use). Values from the URL and
 * from ARM must come out as the literal text, never as a link, an image, HTML or structure.
 */

const md = new MarkdownIt({ html: true, linkify: true });
const render = (text: string) => md.render(text);
const renderInline = (text: string) => md.renderInline(text);
/** The rendered HTML as the text a reader sees. */
const visible = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .trim();

const HOSTILE = [
  "[click here](https://evil.example/phish)",
  "![tracker](https://evil.example/pixel.png)",
  "<img src=x onerror=alert(1)>",
  "<script>alert(1)</script>",
  "https://evil.example/login",
  "www.evil.example",
  "contoso\n# Urgent: rotate your credentials at https://evil.example",
  "a | b | c",
  "*bold* _em_ ~~strike~~ `code`",
  "[ref]: https://evil.example",
  "\\[escaped](x)",
  "<https://evil.example>",
];

describe("markdownText", () => {
  it.each(HOSTILE)("shows %j as literal text", (value) => {
    const html = renderInline(markdownText(value));
    expect(html).not.toMatch(/<(a|img|script|em|strong|s|code)\b/i);
    expect(visible(html)).toBe(value.replace(/\n/g, " "));
  });
});

describe("markdownCode", () => {
  it.each([...HOSTILE, "``double`` backticks", "`leading", "trailing`"])(
    "shows %j verbatim in one code span",
    (value) => {
      const html = renderInline(markdownCode(value));
      expect(html).toMatch(/^<code>/);
      expect(html).not.toMatch(/<(a|img|script)\b/i);
      expect(visible(html)).toBe(value.replace(/\n/g, " ").trim());
    },
  );
});

describe("the pinned-replica export", () => {
  function run(overrides: Partial<RunInput>): RunInput {
    return {
      registryId:
        "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/contoso",
      registryName: "contoso",
      region: "eastus",
      vantage: { consoleHost: "console-1", mode: "azure" },
      intervalMs: 2000,
      targets: [EAST],
      samples: [sample(EAST, { at: "2026-03-04T05:06:00.000Z" })],
      ...overrides,
    };
  }

  it.each(HOSTILE)("keeps a registry name or region %j from the URL inert", (value) => {
    const html = render(
      runMarkdown(
        run({ registryName: value, region: value, registryId: `/subscriptions/${value}` }),
      ),
    );
    expect(html).not.toMatch(/<(a|img|script)\b/i);
    // One heading (the export's own) and one table: nothing the value could add.
    expect(html.match(/<h\d/g)).toHaveLength(1);
    expect(html.match(/<table/g)).toHaveLength(1);
    expect(html).toContain(
      `Endpoint probes: ${value.replace(/\n/g, " ").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")}`,
    );
  });

  it("keeps a host name with a pipe in its own table cell", () => {
    const target = { ...EAST, host: "evil|host.example" };
    const html = render(runMarkdown(run({ targets: [target], samples: [sample(target, {})] })));
    expect(html).toContain("<code>evil|host.example</code>");
    expect(html.match(/<td\b/g)).toHaveLength(9);
  });
});
