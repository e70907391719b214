import { settleEach } from './keyed-batcher';

describe('settleEach', () => {
  it('writes the whole batch once when it succeeds', async () => {
    const write = jest.fn(async (items: number[]) => items.map((n) => n * 10));
    expect(await settleEach([1, 2, 3], write)).toEqual([
      { ok: true, value: 10 },
      { ok: true, value: 20 },
      { ok: true, value: 30 },
    ]);
    expect(write).toHaveBeenCalledTimes(1);
  });

  it('after a failed batch, writes each item alone so only the bad one fails', async () => {
    const bad = new Error('dubblett');
    const write = jest.fn(async (items: number[]) => {
      if (items.includes(2)) throw bad;
      return items.map((n) => n * 10);
    });
    expect(await settleEach([1, 2, 3], write)).toEqual([
      { ok: true, value: 10 },
      { ok: false, error: bad },
      { ok: true, value: 30 },
    ]);
    expect(write.mock.calls.map(([items]) => items)).toEqual([[1, 2, 3], [1], [2], [3]]);
  });
});
