/**
 * Compiles a fault rule's path pattern: `*` or `:name` match one segment, `**` any number of
 * segments (also none). Everything else matches literally.
 */
export function compileRoutePattern(pattern: string): RegExp {
  const segments = pattern.split('/').map((segment) => {
    if (segment === '**') return '.*';
    if (segment === '*' || segment.startsWith(':')) return '[^/]+';
    return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return new RegExp(`^${segments.join('/').replace(/\/\.\*/g, '(?:/.*)?')}/?$`);
}
