import { KVALITET, advanceDutiesAt } from '../ledningssystem/test-support';
import type { LsActor } from '../ledningssystem/ledningssystem-common';
import { ARSHJUL_AGGREGATE, arshjulCompletion, decideArshjul } from './arshjul';
import type { ArshjulCommand, ArshjulEvent, ArshjulState } from './arshjul';
import { ARSHJUL_CATALOGUE, proposeArshjul } from './arshjul-catalogue';

const MAS: LsActor = { username: 'mas', roles: ['mas'] };

function run(
  commands: [ArshjulCommand, string][],
  start: ArshjulState | null = null,
): { state: ArshjulState | null; refusal?: string; field?: string } {
  let state = start;
  for (const [command, now] of commands) {
    const decision = decideArshjul(command, state, new Date(now));
    if (!decision.ok) return { state, refusal: decision.refusal.reason, field: decision.refusal.field };
    for (const event of decision.events)
      state = ARSHJUL_AGGREGATE.evolve(state, event as ArshjulEvent, (state?.version ?? 0) + 1);
  }
  return { state };
}

const create = (year = 2027): [ArshjulCommand, string] => [
  {
    type: 'create-plan',
    actor: KVALITET,
    data: { planId: 'p', boardId: 'socialnamnden', unitId: 'forvaltning', year, items: proposeArshjul(year) },
  },
  `${year - 1}-10-01T04:00:00Z`,
];

describe('the proposal of next year (DL-31)', () => {
  const items = proposeArshjul(2027);

  it('has every catalogue duty, all within the year and ordered by date', () => {
    expect(new Set(items.map((i) => i.kind))).toEqual(new Set(ARSHJUL_CATALOGUE.map((e) => e.kind)));
    expect(items.every((i) => i.dueOn.startsWith('2027-'))).toBe(true);
    expect(items.map((i) => i.dueOn)).toEqual([...items.map((i) => i.dueOn)].sort());
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  });

  it('has four site visits, one per quarter (DL-27, R-2)', () => {
    const visits = items.filter((i) => i.kind === 'verksamhetsbesok');
    expect(visits.map((v) => Math.ceil(Number(v.dueOn.slice(5, 7)) / 3))).toEqual([1, 2, 3, 4]);
  });

  it('gives SAS and MAS their proactive reviews (AUD-13), MAS the medication review (DL-28)', () => {
    expect(items.filter((i) => i.kind === 'sas_proaktiv_granskning').map((i) => i.ownerRole)).toEqual([
      'lex_sarah_investigator',
      'lex_sarah_investigator',
    ]);
    expect(items.find((i) => i.kind === 'lakemedelsgenomgang')?.ownerRole).toBe('mas');
  });

  it('starts next year’s budget in April (DL-33, AUD-17) and has the patientsäkerhetsberättelse by 1 March (DL-22)', () => {
    expect(items.find((i) => i.kind === 'budget_start')).toMatchObject({
      dueOn: '2027-04-30',
      title: 'Budgetarbetet för 2028 startar',
    });
    expect(items.find((i) => i.kind === 'patientsakerhetsberattelse')).toMatchObject({
      dueOn: '2027-03-01',
      title: 'Patientsäkerhetsberättelse för 2026',
    });
    expect(items.find((i) => i.kind === 'ledningssystemets_genomgang')?.dueOn.slice(5, 7)).toBe('03');
  });
});

describe('the årshjul decider', () => {
  it('creates the plan once', () => {
    const { state } = run([create()]);
    expect(state!.items.every((i) => i.status === 'planned')).toBe(true);
    expect(run([create()], state).refusal).toBe('ALREADY_EXISTS');
  });

  it('adds, moves, cancels with a reason and marks done', () => {
    const { state } = run([
      create(),
      [
        {
          type: 'add-item',
          actor: KVALITET,
          data: {
            itemId: 'extra',
            kind: 'annat',
            title: ' Dialogmöte med brukarråd ',
            ownerRole: 'quality_coordinator',
            owner: null,
            dueOn: '2027-06-01',
            note: '',
          },
        },
        '2026-11-01T08:00:00Z',
      ],
      [
        { type: 'move-item', actor: KVALITET, data: { itemId: 'extra', dueOn: '2027-06-20' } },
        '2026-11-02T08:00:00Z',
      ],
      [
        {
          type: 'cancel-item',
          actor: KVALITET,
          data: { itemId: 'oppna_jamforelser', reason: 'Ingen publicering i år' },
        },
        '2026-11-03T08:00:00Z',
      ],
      [
        {
          type: 'mark-done',
          actor: MAS,
          data: { itemId: 'patientsakerhetsberattelse', doneOn: '2027-02-27' },
        },
        '2027-02-28T08:00:00Z',
      ],
    ]);
    expect(state!.items.find((i) => i.id === 'extra')).toMatchObject({
      title: 'Dialogmöte med brukarråd',
      dueOn: '2027-06-20',
    });
    expect(state!.items.find((i) => i.id === 'oppna_jamforelser')).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Ingen publicering i år',
    });
    expect(state!.items.find((i) => i.id === 'patientsakerhetsberattelse')).toMatchObject({
      status: 'done',
      doneOn: '2027-02-27',
      doneBy: 'mas',
    });
  });

  it.each([
    [{ dueOn: '2028-01-10' }, 'OUTSIDE_YEAR', 'dueOn'],
    [{ dueOn: '2027-02-30' }, 'INVALID_DATE', 'dueOn'],
    [{ title: '  ' }, 'REQUIRED', 'title'],
    [{ ownerRole: null }, 'REQUIRED', 'ownerRole'],
    [{ kind: 'okand' }, 'UNKNOWN_KIND', 'kind'],
  ])('refuses an item with %j (%s)', (change, reason, field) => {
    const { state } = run([create()]);
    const item = {
      itemId: 'x',
      kind: 'annat',
      title: 'X',
      ownerRole: 'mas',
      owner: null,
      dueOn: '2027-05-01',
      note: '',
      ...change,
    } as never;
    expect(
      run([[{ type: 'add-item', actor: KVALITET, data: item }, '2026-11-01T08:00:00Z']], state),
    ).toMatchObject({
      refusal: reason,
      field,
    });
  });

  it('refuses a cancel without reason, a done in the future and a second done', () => {
    const { state } = run([create()]);
    expect(
      run(
        [
          [
            { type: 'cancel-item', actor: KVALITET, data: { itemId: 'brukarundersokning', reason: '' } },
            '2027-01-01T08:00:00Z',
          ],
        ],
        state,
      ).refusal,
    ).toBe('REQUIRED');
    expect(
      run(
        [
          [
            { type: 'mark-done', actor: MAS, data: { itemId: 'lakemedelsgenomgang', doneOn: '2027-09-30' } },
            '2027-09-01T08:00:00Z',
          ],
        ],
        state,
      ).refusal,
    ).toBe('IN_FUTURE');
    const done: [ArshjulCommand, string] = [
      { type: 'mark-done', actor: MAS, data: { itemId: 'lakemedelsgenomgang', doneOn: '2027-09-01' } },
      '2027-09-01T08:00:00Z',
    ];
    expect(run([done, done], state).refusal).toBe('ITEM_DONE');
    expect(
      run(
        [
          [
            { type: 'move-item', actor: MAS, data: { itemId: 'nope', dueOn: '2027-09-01' } },
            '2027-09-01T08:00:00Z',
          ],
        ],
        state,
      ).refusal,
    ).toBe('ITEM_NOT_FOUND');
  });
});

describe('the årshjul as duties (AUD-13)', () => {
  it('reminds the owner 30 days ahead and escalates to kvalitet, then the förvaltningschef, when late', () => {
    const { state } = run([create()]);
    const at = (iso: string) => run([[advanceDutiesAt(iso), iso]], state).state!;
    expect(
      at('2027-01-15T08:00:00Z').tasks.some((t) => t.dutyKey.startsWith('item/lakemedelsgenomgang/')),
    ).toBe(false);
    const reminded = at('2027-09-05T08:00:00Z').tasks.find(
      (t) => t.dutyKey === 'item/lakemedelsgenomgang/2027-09-30',
    );
    expect(reminded).toMatchObject({
      kind: 'arshjul_item',
      assigneeRole: 'mas',
      level: 0,
      unitId: 'forvaltning',
    });
    const late = run(
      [
        [advanceDutiesAt('2027-09-05T08:00:00Z'), '2027-09-05T08:00:00Z'],
        [advanceDutiesAt('2027-10-01T08:00:00Z'), '2027-10-01T08:00:00Z'],
      ],
      state,
    ).state!.tasks.filter((t) => t.dutyKey === 'item/lakemedelsgenomgang/2027-09-30');
    expect(late.map((t) => [t.level, t.kind, t.assigneeRole])).toEqual([
      [0, 'arshjul_item', 'mas'],
      [1, 'arshjul_item_escalation', 'quality_coordinator'],
    ]);
  });

  it('settles the tasks of an item marked done', () => {
    const { state } = run([
      create(),
      [advanceDutiesAt('2027-09-05T08:00:00Z'), '2027-09-05T08:00:00Z'],
      [
        { type: 'mark-done', actor: MAS, data: { itemId: 'lakemedelsgenomgang', doneOn: '2027-09-06' } },
        '2027-09-06T08:00:00Z',
      ],
    ]);
    const task = state!.tasks.find((t) => t.dutyKey === 'item/lakemedelsgenomgang/2027-09-30');
    expect(task?.status).toBe('done');
  });

  it('reports completion: done of the items not cancelled, and the late ones', () => {
    const { state } = run([
      create(),
      [
        {
          type: 'mark-done',
          actor: MAS,
          data: { itemId: 'patientsakerhetsberattelse', doneOn: '2027-02-27' },
        },
        '2027-02-28T08:00:00Z',
      ],
      [
        {
          type: 'cancel-item',
          actor: KVALITET,
          data: { itemId: 'brukarundersokning', reason: 'Flyttad till 2028' },
        },
        '2027-03-01T08:00:00Z',
      ],
    ]);
    const completion = arshjulCompletion(state!, '2027-03-02');
    expect(completion.total).toBe(proposeArshjul(2027).length - 1);
    expect(completion.done).toBe(1);
    expect(completion.cancelled).toBe(1);
    expect(completion.overdue.map((i) => i.id)).toEqual(['tertialrapport-1', 'internkontroll_rapport']);
  });
});
