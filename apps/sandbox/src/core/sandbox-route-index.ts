import { Injectable } from '@nestjs/common';

export interface SandboxRoute {
  readonly method: string;
  readonly path: string;
}

/** Every route the sandbox serves, collected as Fastify registers them, for the `/_sandbox` index. */
@Injectable()
export class SandboxRouteIndex {
  private readonly routes: SandboxRoute[] = [];

  add(route: SandboxRoute): void {
    if (route.method === 'HEAD') return;
    if (!this.routes.some((known) => known.method === route.method && known.path === route.path)) this.routes.push(route);
  }

  /** Routes under `prefix`, sorted by path then method. */
  under(prefix: string): SandboxRoute[] {
    return this.routes
      .filter((route) => route.path === prefix || route.path.startsWith(`${prefix}/`))
      .sort((a, b) => (a.path === b.path ? a.method.localeCompare(b.method) : a.path.localeCompare(b.path)));
  }
}
