import { describe, expect, it } from "vitest";
import type { RequestLogEntry } from "@/emulator/contracts";
import { createRequestLog } from "@/emulator/http/request-log";

const entry = (n: number): RequestLogEntry => ({
  plane: "data",
  method: "GET",
  path: `/v2/${n}`,
  status: 200,
  at: new Date(n).toISOString(),
});
const paths = (entries: RequestLogEntry[]) => entries.map((e) => e.path);

describe("emulator request log", () => {
  it("lists every entry in order while under its limit", () => {
    const log = createRequestLog(5);
    for (let n = 1; n <= 3; n++) log.add(entry(n));
    expect(paths(log.list())).toEqual(["/v2/1", "/v2/2", "/v2/3"]);
  });

  it("keeps the newest entries, oldest first, once past its limit", () => {
    const log = createRequestLog(3);
    for (let n = 1; n <= 7; n++) log.add(entry(n));
    expect(paths(log.list())).toEqual(["/v2/5", "/v2/6", "/v2/7"]);
    log.add(entry(8));
    log.add(entry(9));
    log.add(entry(10));
    expect(paths(log.list())).toEqual(["/v2/8", "/v2/9", "/v2/10"]);
  });

  it("starts over after clear", () => {
    const log = createRequestLog(2);
    for (let n = 1; n <= 5; n++) log.add(entry(n));
    log.clear();
    expect(log.list()).toEqual([]);
    log.add(entry(6));
    expect(paths(log.list())).toEqual(["/v2/6"]);
  });

  it("hands out a copy: a listed array does not change with later entries", () => {
    const log = createRequestLog(2);
    log.add(entry(1));
    const listed = log.list();
    log.add(entry(2));
    log.add(entry(3));
    expect(paths(listed)).toEqual(["/v2/1"]);
  });
});
