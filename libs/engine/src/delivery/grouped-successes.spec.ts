import { GroupedSuccesses } from './grouped-successes';

describe('GroupedSuccesses', () => {
  it('writes the first success at once and those finishing meanwhile together in one write', async () => {
    const writes: string[][] = [];
    let release: () => void = () => undefined;
    const firstWrite = new Promise<void>((r) => (release = r));
    const grouped = new GroupedSuccesses(async (outcomes) => {
      writes.push(outcomes.map((o) => o.id));
      if (writes.length === 1) await firstWrite;
      return new Set(outcomes.map((o) => o.id));
    });
    const first = grouped.record('1', { ok: 1 });
    const rest = ['2', '3', '4'].map((id) => grouped.record(id, null));
    release();
    expect(await Promise.all([first, ...rest])).toEqual([true, true, true, true]);
    expect(writes).toEqual([['1'], ['2', '3', '4']]);
  });

  it('answers false for a success whose lease was lost, and passes a failed write to every waiting caller', async () => {
    let fail = false;
    const grouped = new GroupedSuccesses(async (outcomes) => {
      if (fail) throw new Error('database gone');
      return new Set(outcomes.filter((o) => o.id !== 'lost').map((o) => o.id));
    });
    expect(await Promise.all([grouped.record('kept', null), grouped.record('lost', null)])).toEqual([true, false]);
    fail = true;
    await expect(grouped.record('x', null)).rejects.toThrow('database gone');
  });

  it('never writes more than the group limit at once', async () => {
    const sizes: number[] = [];
    const grouped = new GroupedSuccesses(async (outcomes) => {
      sizes.push(outcomes.length);
      return new Set(outcomes.map((o) => o.id));
    }, 2);
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => grouped.record(id, null)));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(2);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(5);
  });
});
