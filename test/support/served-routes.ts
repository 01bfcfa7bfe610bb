/** Every (method, path) Fastify serves, read from its printed route tree (`printRoutes({ commonPrefix: false })`). */
export function servedRoutes(tree: string): { method: string; path: string }[] {
  const routes: { method: string; path: string }[] = [];
  const ancestors: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+) \(([A-Z, ]+)\)$/.exec(line);
    if (match?.[1] === undefined || match[2] === undefined || match[3] === undefined) continue;
    const depth = match[1].length / 4;
    ancestors.length = depth;
    ancestors[depth] = match[2];
    const path = ancestors.join('');
    for (const method of match[3].split(', ')) routes.push({ method, path });
  }
  return routes;
}

/** `/api/v1/orders/:id/hold` → `/api/v1/orders/{id}/hold`, as OpenAPI names it. */
export function openApiPath(fastifyPath: string): string {
  return fastifyPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}
