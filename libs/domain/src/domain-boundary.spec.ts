import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// The domain must stay plain TypeScript (ARCHITECTURE.md "libs/domain"). This keeps the rule
// from rotting until the repository-wide lint enforces it too.
const ALLOWED_PACKAGES = ['decimal.js'];
const ALLOWED_IN_SPECS = ['fast-check', 'node:fs', 'node:path'];

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(directory, entry.name)) : entry.name.endsWith('.ts') ? [join(directory, entry.name)] : [],
  );
}

function importedModules(source: string): string[] {
  return [...source.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (match) => match[1] ?? match[2],
  );
}

describe('domain boundary', () => {
  const files = sourceFiles(__dirname);

  it.each(files.map((file) => [relative(__dirname, file), file]))('%s imports only relative files and allowed packages', (_name, file) => {
    const spec = file.endsWith('.spec.ts');
    const external = importedModules(readFileSync(file, 'utf8')).filter((module) => !module.startsWith('.'));
    const allowed = spec ? [...ALLOWED_PACKAGES, ...ALLOWED_IN_SPECS] : ALLOWED_PACKAGES;
    expect(external.filter((module) => !allowed.includes(module))).toEqual([]);
  });

  it('uses no Date constructor outside the time folder', () => {
    const offenders = files
      .filter((file) => !file.endsWith('.spec.ts') && !relative(__dirname, file).startsWith('time'))
      .filter((file) => /new Date\(/.test(readFileSync(file, 'utf8')));
    expect(offenders.map((file) => relative(__dirname, file))).toEqual([]);
  });
});
