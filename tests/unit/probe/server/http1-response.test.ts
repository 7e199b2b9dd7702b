import { describe, expect, it } from "vitest";
import {
  MAX_HEAD_BYTES,
  ResponseReader,
  type ReadState,
  type ResponseHead,
} from "@/lib/probe/server/http1-response";

const CHALLENGE = 'Bearer realm="https://r.test/oauth2/token",service="r.test"';
const UNAUTHORIZED = `HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: ${CHALLENGE}\r\n`;

interface Case {
  /** The answer's bytes as they arrive, in pieces. */
  pieces: string[];
  /** The connection ends after the last piece. */
  ends?: boolean;
  state: ReadState;
  head?: Partial<ResponseHead>;
  reusable?: boolean;
}

function read({ pieces, ends }: Pick<Case, "pieces" | "ends">) {
  const reader = new ResponseReader();
  let state: ReadState = "more";
  for (const piece of pieces) state = reader.feed(Buffer.from(piece, "latin1"));
  if (ends) state = reader.end();
  return { reader, state };
}

/** Splits an answer after every byte: each state of the reader must carry over a piece's end. */
const byteByByte = (answer: string) => answer.split("");

const cases: [string, Case][] = [
  [
    "a 401 with a length, in one piece",
    {
      pieces: [`${UNAUTHORIZED}Content-Length: 5\r\n\r\nhello`],
      state: "done",
      head: { status: 401, wwwAuthenticate: [CHALLENGE] },
      reusable: true,
    },
  ],
  [
    "the same answer byte by byte",
    {
      pieces: byteByByte(`${UNAUTHORIZED}Content-Length: 5\r\n\r\nhello`),
      state: "done",
      head: { status: 401, wwwAuthenticate: [CHALLENGE] },
      reusable: true,
    },
  ],
  [
    "a body still to come",
    { pieces: [`${UNAUTHORIZED}Content-Length: 5\r\n\r\nhel`], state: "more" },
  ],
  ["a head still to come", { pieces: ["HTTP/1.1 401 Unauthorized\r\nWWW-Auth"], state: "more" }],
  [
    "every WWW-Authenticate line, and the first Retry-After",
    {
      pieces: [
        "HTTP/1.1 429 Too Many Requests\r\nwww-authenticate: Basic realm=x\r\n" +
          `WWW-Authenticate: ${CHALLENGE}\r\nRetry-After: 7\r\nretry-after: 9\r\nContent-Length: 0\r\n\r\n`,
      ],
      state: "done",
      head: { status: 429, wwwAuthenticate: ["Basic realm=x", CHALLENGE], retryAfter: "7" },
      reusable: true,
    },
  ],
  [
    "a chunked body with an extension and a trailer, byte by byte",
    {
      pieces: byteByByte(
        `${UNAUTHORIZED}Transfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\nA\r\n0123456789\r\n0\r\nX-Trailer: 1\r\n\r\n`,
      ),
      state: "done",
      head: { status: 401 },
      reusable: true,
    },
  ],
  [
    "a chunked body without its last chunk",
    {
      pieces: [`${UNAUTHORIZED}Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n`],
      state: "more",
    },
  ],
  [
    "a body that runs to the connection's end",
    {
      pieces: ["HTTP/1.1 200 OK\r\n\r\n{}", "more"],
      ends: true,
      state: "done",
      head: { status: 200 },
      reusable: false,
    },
  ],
  [
    "no body after a 204",
    { pieces: ["HTTP/1.1 204 No Content\r\n\r\n"], state: "done", reusable: true },
  ],
  [
    "an interim 100 before the answer",
    {
      pieces: [`HTTP/1.1 100 Continue\r\n\r\n${UNAUTHORIZED}Content-Length: 0\r\n\r\n`],
      state: "done",
      head: { status: 401, wwwAuthenticate: [CHALLENGE] },
      reusable: true,
    },
  ],
  [
    "Connection: close",
    {
      pieces: [`${UNAUTHORIZED}Connection: keep-alive, close\r\nContent-Length: 0\r\n\r\n`],
      state: "done",
      reusable: false,
    },
  ],
  [
    "a server that closes idle connections within a second",
    {
      pieces: [`${UNAUTHORIZED}Keep-Alive: timeout=1\r\nContent-Length: 0\r\n\r\n`],
      state: "done",
      reusable: false,
    },
  ],
  [
    "a server that keeps idle connections for 5 s",
    {
      pieces: [`${UNAUTHORIZED}Keep-Alive: timeout=5\r\nContent-Length: 0\r\n\r\n`],
      state: "done",
      reusable: true,
    },
  ],
  [
    "HTTP/1.0 without keep-alive",
    {
      pieces: ["HTTP/1.0 401 Unauthorized\r\nContent-Length: 0\r\n\r\n"],
      state: "done",
      reusable: false,
    },
  ],
  [
    "HTTP/1.0 with keep-alive",
    {
      pieces: ["HTTP/1.0 401 Unauthorized\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n"],
      state: "done",
      reusable: true,
    },
  ],
  [
    "bytes after the answer",
    {
      pieces: [`${UNAUTHORIZED}Content-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\n`],
      state: "done",
      reusable: false,
    },
  ],
  [
    "both a length and chunked",
    {
      pieces: [`${UNAUTHORIZED}Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`],
      state: "done",
      reusable: false,
    },
  ],
  ["not HTTP", { pieces: ["SSH-2.0-OpenSSH_9.2\r\n\r\n"], state: "HPE_INVALID_CONSTANT" }],
  ["a status of two digits", { pieces: ["HTTP/1.1 40 Bad\r\n\r\n"], state: "HPE_INVALID_STATUS" }],
  [
    "a header line without a name",
    { pieces: ["HTTP/1.1 401 x\r\n: empty\r\n\r\n"], state: "HPE_INVALID_HEADER_TOKEN" },
  ],
  [
    "two different lengths",
    {
      pieces: ["HTTP/1.1 401 x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"],
      state: "HPE_INVALID_CONTENT_LENGTH",
    },
  ],
  [
    "a length that is not a number",
    {
      pieces: ["HTTP/1.1 401 x\r\nContent-Length: -1\r\n\r\n"],
      state: "HPE_INVALID_CONTENT_LENGTH",
    },
  ],
  [
    "a chunk size that is not hex",
    {
      pieces: [`${UNAUTHORIZED}Transfer-Encoding: chunked\r\n\r\nzz\r\n`],
      state: "HPE_INVALID_CHUNK_SIZE",
    },
  ],
  [
    "chunk data longer than its size",
    {
      pieces: [`${UNAUTHORIZED}Transfer-Encoding: chunked\r\n\r\n2\r\nhello\r\n0\r\n\r\n`],
      state: "HPE_STRICT",
    },
  ],
  [
    "a head larger than Node allows",
    {
      pieces: [`HTTP/1.1 401 x\r\nX-Big: ${"a".repeat(MAX_HEAD_BYTES)}\r\n`],
      state: "HPE_HEADER_OVERFLOW",
    },
  ],
  [
    "a connection that ends before the body's length",
    {
      pieces: [`${UNAUTHORIZED}Content-Length: 5\r\n\r\nhel`],
      ends: true,
      state: "HPE_INVALID_CONSTANT",
    },
  ],
];

describe("ResponseReader", () => {
  it.each(cases)("%s", (_name, c) => {
    const { reader, state } = read(c);
    expect(state).toBe(c.state);
    if (c.head) expect(reader.head).toMatchObject(c.head);
    if (c.reusable !== undefined) expect(reader.reusable).toBe(c.reusable);
  });

  it("keeps its verdict once the answer is read", () => {
    const { reader } = read({ pieces: [`${UNAUTHORIZED}Content-Length: 0\r\n\r\n`] });
    expect(reader.end()).toBe("done");
    expect(reader.feed(Buffer.from("late"))).toBe("done");
    expect(reader.reusable).toBe(false);
  });
});
