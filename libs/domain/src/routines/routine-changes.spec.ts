import { routineChanges, type RoutineChangeSource } from './routine-changes';

const decision = (decidedOn: string) => ({
  decidedBy: 'forvaltningschef' as const,
  decidedOn,
  reference: `FC ${decidedOn}`,
});
const version = (v: string, decidedOn: string, adoptedAt = `${decidedOn}T09:00:00.000Z`) => ({
  version: v,
  decision: decision(decidedOn),
  validFrom: decidedOn,
  changeNote: `ändring ${v}`,
  adoptedAt,
  recordedBy: 'kvalitet',
});

const lift: RoutineChangeSource = {
  kind: 'routine',
  code: 'RUT-2',
  title: 'Förflyttning med lift',
  versions: [version('1', '2025-11-03'), version('2', '2026-02-10'), version('3', '2026-09-01')],
  repeal: { decision: decision('2026-12-01'), reason: 'Ersatt av RUT-9', at: '2026-12-01T10:00:00.000Z' },
};
const process: RoutineChangeSource = {
  kind: 'process',
  code: 'PRK-1',
  title: 'Utreda',
  versions: [version('1', '2026-02-10')],
  repeal: null,
};

describe('routineChanges (AUD-19, PR-4)', () => {
  const in2026 = (day: string) => day >= '2026-01-01' && day <= '2026-12-31';

  it("lists the year's adoptions, revisions and repeal in decision order, the first version as the adoption", () => {
    const lines = routineChanges([lift, process], in2026).map((c) => [
      c.routine.code,
      c.change,
      c.version,
      c.date,
    ]);
    expect(lines).toEqual([
      ['PRK-1', 'adopted', '1', '2026-02-10'],
      ['RUT-2', 'revised', '2', '2026-02-10'],
      ['RUT-2', 'revised', '3', '2026-09-01'],
      ['RUT-2', 'repealed', '3', '2026-12-01'],
    ]);
  });

  it("takes the repeal's reason as its note and leaves out what the period does not accept", () => {
    const repeal = routineChanges([lift], (day) => day === '2026-12-01');
    expect(repeal).toEqual([expect.objectContaining({ change: 'repealed', note: 'Ersatt av RUT-9' })]);
    expect(routineChanges([lift], (day) => day < '2025-01-01')).toEqual([]);
  });

  it('dates a version without a decision date by the day it was recorded', () => {
    const undated: RoutineChangeSource = {
      ...process,
      versions: [{ ...version('1', ''), adoptedAt: '2026-03-04T08:00:00.000Z' }],
    };
    expect(routineChanges([undated], in2026).map((c) => c.date)).toEqual(['2026-03-04']);
  });
});
