/**
 * Asserts that `actual` has the shape of a documented example: the same keys at every level and
 * the same JSON types (string, number, boolean, array, object). Array elements of `actual` are
 * each compared with the example's first element; an empty example array accepts any elements.
 * `nullable` lists dotted paths (array indexes written `[]`) where null stands for an absent object.
 */
export function shapeDifferences(actual: unknown, example: unknown, options: { nullable?: readonly string[] } = {}): string[] {
  const nullable = new Set(options.nullable ?? []);
  const problems: string[] = [];
  const kind = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
  const walk = (a: unknown, e: unknown, path: string): void => {
    const label = path === '' ? '(root)' : path;
    if (a === null && nullable.has(path)) return;
    if (kind(a) !== kind(e)) {
      problems.push(`${label}: expected ${kind(e)}, got ${kind(a)}`);
      return;
    }
    if (Array.isArray(a) && Array.isArray(e)) {
      if (e.length === 0) return;
      for (const element of a) walk(element, e[0], `${path}[]`);
      return;
    }
    if (kind(e) === 'object') {
      const ao = a as Record<string, unknown>;
      const eo = e as Record<string, unknown>;
      for (const key of Object.keys(eo)) {
        const child = path === '' ? key : `${path}.${key}`;
        if (!(key in ao)) problems.push(`${child}: missing`);
        else walk(ao[key], eo[key], child);
      }
      for (const key of Object.keys(ao)) if (!(key in eo)) problems.push(`${path === '' ? key : `${path}.${key}`}: not in the example`);
    }
  };
  walk(actual, example, '');
  return [...new Set(problems)];
}

/** Jest assertion: fails listing every difference between `actual`'s shape and the example's. */
export function expectSameShape(actual: unknown, example: unknown, options: { nullable?: readonly string[] } = {}): void {
  expect(shapeDifferences(actual, example, options)).toEqual([]);
}
