import { CHEF } from '../ledningssystem/test-support';
import { decideTraining, TRAINING_AGGREGATE } from './training';
import type { TrainingCommand, TrainingEvent, TrainingRecordState } from './training-types';

function run(commands: [TrainingCommand, string][]): { state: TrainingRecordState | null; refusal?: string } {
  let state: TrainingRecordState | null = null;
  for (const [command, now] of commands) {
    const decision = decideTraining(command, state, new Date(now));
    if (!decision.ok) return { state, refusal: decision.refusal.reason };
    for (const event of decision.events)
      state = TRAINING_AGGREGATE.evolve(state, event as TrainingEvent, (state?.version ?? 0) + 1);
  }
  return { state };
}

const hire: [TrainingCommand, string] = [
  {
    type: 'register-employee',
    actor: CHEF,
    data: { recordId: 'r', username: 'ny.medarbetare', unitId: 'solgarden', hiredOn: '2026-03-02' },
  },
  '2026-03-02T08:00:00Z',
];

describe('lex Sarah information (DL-29, IMP-9)', () => {
  it('a new employee is due for information within 14 days of hire, for the unit manager', () => {
    const { state } = run([hire]);
    expect(state!.nextDue).toBe('2026-03-16');
    expect(TRAINING_AGGREGATE.duties(state!)).toEqual([
      expect.objectContaining({
        kind: 'lex_sarah_information',
        assigneeRole: 'unit_manager',
        unitId: 'solgarden',
      }),
    ]);
  });

  it('information at hire, then yearly: each moves the next due date a year on', () => {
    const { state } = run([
      hire,
      [
        {
          type: 'record-information',
          actor: CHEF,
          data: { informedOn: '2026-03-10', method: 'introduktion', acknowledged: true },
        },
        '2026-03-10T12:00:00Z',
      ],
      [
        {
          type: 'record-information',
          actor: CHEF,
          data: { informedOn: '2027-02-20', method: 'apt', acknowledged: true },
        },
        '2027-02-20T12:00:00Z',
      ],
    ]);
    expect(state!.informations.map((i) => i.kind)).toEqual(['at_hire', 'yearly']);
    expect(state!.nextDue).toBe('2028-02-20');
  });

  it('refuses information in the future or before hire, and anything after leaving', () => {
    expect(
      run([
        hire,
        [
          {
            type: 'record-information',
            actor: CHEF,
            data: { informedOn: '2026-04-01', method: 'apt', acknowledged: true },
          },
          '2026-03-10T12:00:00Z',
        ],
      ]).refusal,
    ).toBe('IN_FUTURE');
    expect(
      run([
        hire,
        [
          {
            type: 'record-information',
            actor: CHEF,
            data: { informedOn: '2026-02-01', method: 'apt', acknowledged: true },
          },
          '2026-03-10T12:00:00Z',
        ],
      ]).refusal,
    ).toBe('BEFORE_HIRE');
    const left = run([
      hire,
      [{ type: 'record-leaving', actor: CHEF, data: { leftOn: '2026-06-30' } }, '2026-06-30T12:00:00Z'],
    ]);
    expect(TRAINING_AGGREGATE.duties(left.state!)).toEqual([]);
    expect(TRAINING_AGGREGATE.finished(left.state!)).toBe(true);
  });
});
