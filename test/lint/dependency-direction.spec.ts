import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

// ESLint loads its flat config with a dynamic import, which Jest's runtime cannot do: run the CLI.
async function problemsFor(file: string, source: string): Promise<string[]> {
  const run = spawnSync(
    join(root, 'node_modules', '.bin', 'eslint'),
    ['--stdin', '--stdin-filename', join(root, file), '--format', 'json'],
    {
      cwd: root,
      input: source,
      encoding: 'utf8',
    },
  );
  const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('npm run lint enforces the direction of dependencies', () => {
  it('refuses Nest, TypeORM and HTTP in the domain', async () => {
    for (const module of ['@nestjs/common', 'typeorm', 'axios', 'node:http']) {
      expect(await problemsFor('libs/domain/src/order/x.ts', `import * as m from '${module}';\nexport const x = m;\n`)).toEqual([
        expect.stringContaining('plain TypeScript'),
      ]);
    }
  });

  it('refuses the engine and persistence in a connector, but allows the engine ports', async () => {
    expect(
      await problemsFor('libs/connectors/src/nengmao/x.ts', `import { a } from '@serai/persistence';\nexport const x = a;\n`),
    ).toHaveLength(1);
    expect(await problemsFor('libs/connectors/src/nengmao/x.ts', `import { a } from '@serai/engine';\nexport const x = a;\n`)).toHaveLength(
      1,
    );
    expect(
      await problemsFor(
        'libs/connectors/src/nengmao/x.ts',
        `import { a } from '../../../engine/src/delivery/dispatcher';\nexport const x = a;\n`,
      ),
    ).toHaveLength(1);
    expect(
      await problemsFor('libs/connectors/src/nengmao/x.ts', `import { a } from '@serai/engine/ports';\nexport const x = a;\n`),
    ).toEqual([]);
  });

  it('refuses connectors in the engine', async () => {
    expect(
      await problemsFor('libs/engine/src/delivery/x.ts', `import { a } from '@serai/connectors';\nexport const x = a;\n`),
    ).toHaveLength(1);
  });
});
