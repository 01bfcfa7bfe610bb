import { GroupedStatements } from './grouped-statements';

describe('GroupedStatements', () => {
  it('runs the first item at once and those submitted meanwhile together, each caller getting its own outcome', async () => {
    const groups: number[][] = [];
    let release: () => void = () => undefined;
    const writes = new GroupedStatements<number, string>(async (items) => {
      groups.push([...items]);
      if (groups.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return items.map((n) => `done ${n}`);
    });
    const first = writes.submit(1);
    const rest = [writes.submit(2), writes.submit(3), writes.submit(4)];
    await new Promise((resolve) => setImmediate(resolve));
    expect(groups).toEqual([[1]]);
    release();
    expect(await Promise.all([first, ...rest])).toEqual(['done 1', 'done 2', 'done 3', 'done 4']);
    expect(groups).toEqual([[1], [2, 3, 4]]);
  });

  it('fails every caller of a group whose statement failed, and goes on with the next group', async () => {
    let calls = 0;
    const writes = new GroupedStatements<number, number>(async (items) => {
      calls += 1;
      if (calls === 1) throw new Error('database gone');
      return items.map((n) => n * 10);
    });
    const failed = writes.submit(1);
    await expect(failed).rejects.toThrow('database gone');
    expect(await writes.submit(2)).toBe(20);
  });

  it('refuses an answer that does not give one outcome per item', async () => {
    const writes = new GroupedStatements<number, number>(async () => []);
    await expect(writes.submit(1)).rejects.toThrow('answered 0 outcomes for 1 items');
  });
});
