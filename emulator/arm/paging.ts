import { armErrors } from "./errors";

/**
 * One page of `items` as ARM lists it: `{ value, nextLink? }`, the nextLink an absolute URL on
 * the emulator that keeps the request's query (api-version included) plus a `$skipToken`.
 */
export function page<T>(
  items: T[],
  url: URL,
  baseUrl: string,
  pageSize: number,
  tokenName = "$skipToken",
) {
  const token = url.searchParams.get(tokenName);
  let offset = 0;
  if (token !== null) {
    offset = Number(token);
    if (!Number.isInteger(offset) || offset < 0) {
      throw armErrors.badRequest("InvalidSkipToken", `The skip token '${token}' is invalid.`);
    }
  }
  const value = items.slice(offset, offset + pageSize);
  const body: { value: T[]; nextLink?: string } = { value };
  if (offset + pageSize < items.length) {
    const query = new URLSearchParams(url.search);
    query.delete(tokenName);
    const rest = query.toString();
    // The token's name stays unescaped, as ARM writes it.
    body.nextLink = `${baseUrl}${url.pathname}?${rest ? `${rest}&` : ""}${tokenName}=${offset + pageSize}`;
  }
  return body;
}
