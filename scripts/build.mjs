#!/usr/bin/env node
// Compiles apps/, libs/ and bench/ to dist/ with swc: a few seconds for the whole tree, so `npm start`
// can always build first. Type checking is `npm run typecheck` (tsc), kept separate on purpose.
import { transformFile } from '@swc/core';
import { cp, mkdir, readdir, writeFile, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist');
const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8'));

async function* sources(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name === 'fixtures') continue;
      yield* sources(path);
    } else if (entry.name.endsWith('.ts') && !/\.(spec|e2e-spec|d)\.ts$/.test(entry.name)) {
      yield path;
    }
  }
}

const options = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    baseUrl: root,
    paths: tsconfig.compilerOptions.paths,
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: true,
};

await rm(outDir, { recursive: true, force: true });
let count = 0;
const jobs = [];
for (const top of ['apps', 'libs', 'bench']) {
  // bench/ is optional in a production image.
  if (!existsSync(join(root, top))) continue;
  for await (const file of sources(join(root, top))) {
    jobs.push(
      (async () => {
        const out = join(outDir, relative(root, file)).replace(/\.ts$/, '.js');
        const { code, map } = await transformFile(file, { ...options, filename: file, sourceFileName: relative(dirname(out), file) });
        await mkdir(dirname(out), { recursive: true });
        await writeFile(out, `${code}\n//# sourceMappingURL=${out.split('/').pop()}.map\n`);
        if (map) await writeFile(`${out}.map`, map);
        count += 1;
      })(),
    );
  }
}
await Promise.all(jobs);
// Static files served as they are: the back office's UI (plain ES modules, no bundler needed).
for (const assets of ['apps/hub/src/admin/ui']) {
  if (existsSync(join(root, assets))) await cp(join(root, assets), join(outDir, assets), { recursive: true });
}
console.log(`built ${count} files into dist/`);
