/**
 * Reads until `read` gives a value (polling once a second), or fails after `ms` naming `what`:
 * for what a background loop (a sweep, a scrape) makes true in its own time.
 */
export async function until<T>(
  what: string,
  read: () => Promise<T | undefined>,
  ms: number,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1_000));
  }
}
