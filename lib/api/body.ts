import "server-only";
import { ApiError } from "../errors";

/**
 * The largest request body any /api route accepts. The only bodies are the two switches'
 * one-member JSON objects (under 40 bytes); 4 KiB leaves room for whitespace and nothing else.
 */
export const MAX_BODY_BYTES = 4 * 1024;

function tooLarge(limit: number): ApiError {
  return new ApiError(
    413,
    "PayloadTooLarge",
    `The request body is larger than ${limit} bytes, the most this API accepts.`,
  );
}

/**
 * The request body as text, refused with 413 `PayloadTooLarge` without reading it when its
 * `Content-Length` is over `limit`, and as soon as the bytes read go over it when the length is
 * not declared (chunked) or understated. Only `limit` bytes (plus one chunk) are ever held, so a
 * large body costs the server no memory, whoever sends it.
 */
export async function readBodyText(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = request.headers.get("content-length");
  if (declared !== null) {
    if (!/^\s*\d+\s*$/.test(declared)) {
      throw ApiError.invalidInput("The Content-Length header is not a number of bytes.");
    }
    if (Number(declared) > limit) throw tooLarge(limit);
  }
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Stop the upload here: nothing more is read into memory.
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
