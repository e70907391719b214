import { ApiError } from '../api/client';
import { resolveCaseRef } from './case-link-lookup';

describe('resolveCaseRef: a case number or id to link to (api.md v1.1 link)', () => {
  const list = (items: { id: string; caseNumber: string }[]) => {
    const paths: string[] = [];
    const fetchJson = async <T>(path: string): Promise<T> => {
      paths.push(path);
      return { items } as T;
    };
    return { fetchJson, paths };
  };

  it('takes an id as it is, without asking the list', async () => {
    const { fetchJson, paths } = list([]);
    await expect(resolveCaseRef(' 0B6F1C52-4F59-4D47-9D9B-2F3C1F0A0C01 ', fetchJson)).resolves.toBe(
      '0b6f1c52-4f59-4d47-9d9b-2f3c1f0a0c01',
    );
    expect(paths).toEqual([]);
  });

  it('looks a case number up in the list and takes the exact match only', async () => {
    const { fetchJson, paths } = list([
      { id: 'id-310', caseNumber: 'AV-2026-0310' },
      { id: 'id-31', caseNumber: 'AV-2026-0031' },
    ]);
    await expect(resolveCaseRef('av-2026-0031', fetchJson)).resolves.toBe('id-31');
    expect(paths).toEqual(['/api/v1/cases?q=av-2026-0031&pageSize=20']);
  });

  it('a number not in the list, or neither number nor id, is a field error on caseId', async () => {
    const { fetchJson } = list([{ id: 'id-310', caseNumber: 'AV-2026-0310' }]);
    const error = await resolveCaseRef('AV-2026-0031', fetchJson).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).errors[0]).toMatchObject({ field: 'caseId' });
    await expect(resolveCaseRef('ärendet från i går', fetchJson)).rejects.toBeInstanceOf(ApiError);
  });
});
