import { describe, expect, it } from "vitest";
import { csvCell, csvDocument } from "@/lib/exports/csv";
import { endpointsCsv } from "@/lib/endpoints";
import { registry, replica } from "../fixtures";

/* Cells a spreadsheet would run as formulas are written as text; everything else as RFC 4180. */

describe("csvCell", () => {
  it.each<[string | number | null | undefined, string]>([
    ['=HYPERLINK("https://evil.example","x")', `"'=HYPERLINK(""https://evil.example"",""x"")"`],
    ["+1+1", "'+1+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", `"'\r=1+1"`],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ["contoso.azurecr.io", "contoso.azurecr.io"],
    ["we,ird", `"we,ird"`],
    ['say "hi"', `"say ""hi"""`],
    ["line\nbreak", `"line\nbreak"`],
    ["a=b", "a=b"],
    ["", ""],
    [null, ""],
    [undefined, ""],
    [-5, "'-5"],
    [42, "42"],
  ])("%j -> %j", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("writes documents with CRLF line ends", () => {
    expect(
      csvDocument([
        ["a", "b"],
        ["=x", "y"],
      ]),
    ).toBe("a,b\r\n'=x,y\r\n");
  });
});

describe("the endpoints export", () => {
  it("neutralises a host name that looks like a formula", () => {
    const csv = endpointsCsv(registry({ loginServer: "=HYPERLINK(1)" }), [replica("westeurope")]);
    expect(csv.split("\r\n")[1]).toBe("global,,'=HYPERLINK(1)");
  });
});
