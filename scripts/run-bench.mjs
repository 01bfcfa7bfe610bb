#!/usr/bin/env node
// Runs one benchmark from dist/bench (after `npm run build`): `npm run bench -- sandbox-order-list`.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'dist', 'bench');
const name = process.argv[2];
const available = existsSync(benchDir)
  ? readdirSync(benchDir)
      .filter((f) => f.endsWith('.bench.js'))
      .map((f) => f.replace(/\.bench\.js$/, ''))
  : [];
if (!name || !available.includes(name.replace(/\.bench(\.ts)?$/, '').replace(/^bench\//, ''))) {
  console.error(`usage: npm run bench -- <name>\navailable: ${available.join(', ') || '(none built)'}`);
  process.exit(2);
}
process.argv.splice(2, 1);
createRequire(import.meta.url)(join(benchDir, `${name.replace(/\.bench(\.ts)?$/, '').replace(/^bench\//, '')}.bench.js`));
