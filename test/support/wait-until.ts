/**
 * Polls `check` until it answers true; fails after `timeoutMs` with what was awaited. A check that
 * throws counts as "not yet" (a server still starting refuses connections) unless `errors` is
 * `'fail'`, when the error is the test's answer.
 */
export async function waitUntil(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string | (() => Promise<string>),
  options: { readonly intervalMs?: number; readonly errors?: 'retry' | 'fail' } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      if (await check()) return;
      lastError = undefined;
    } catch (error) {
      if (options.errors === 'fail') throw error;
      lastError = error;
    }
    if (Date.now() > deadline) {
      const description = typeof what === 'string' ? what : await what();
      const cause =
        lastError === undefined ? '' : ` (last check failed: ${lastError instanceof Error ? lastError.message : String(lastError)})`;
      throw new Error(`not reached within ${timeoutMs} ms: ${description}${cause}`);
    }
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 200));
  }
}
