import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { evolveCase } from '../cases/evolve-case';
import type { CaseAggregateState } from '../cases/case-state';
import { caseReported } from '../cases/test-support';
import { parseOrganisation } from '../organisation/parse-organisation';
import { caseNoticesFor } from './case-notices';
import { usernamesOf } from './notice-recipients';

const parsed = parseOrganisation(
  JSON.parse(readFileSync(resolve(__dirname, '../../../../config/organisation.json'), 'utf8')),
);
if (!parsed.ok) throw new Error('demoorganisationen gick inte att läsa');
const org = parsed.organisation;

const reported = caseReported();
const state = evolveCase(null, reported) as CaseAggregateState;

/** Issue 21, "Notifications": who is told what about a case, with no free text of the case. */
describe('caseNoticesFor', () => {
  it('a new lex Sarah report goes to the SAS of the unit, a lex Maria report to the MAS', () => {
    const [notice] = caseNoticesFor(reported, state);
    expect(notice).toMatchObject({ kind: 'new_report', title: 'Ny rapport enligt lex Sarah: LS-2026-0007' });
    expect(usernamesOf(org, notice!.recipients)).toEqual(['sas']);
    const maria = caseReported({ type: 'lex_maria', caseNumber: 'LM-2026-0001' });
    const [toMas] = caseNoticesFor(maria, evolveCase(null, maria) as CaseAggregateState);
    expect(usernamesOf(org, toMas!.recipients)).toEqual(['mas']);
    expect(caseNoticesFor(caseReported({ type: 'deviation' }), state)).toEqual([]);
    const firstTask = {
      type: 'TaskCreated',
      data: {
        taskId: 't0',
        kind: 'acknowledge',
        assigneeRole: 'lex_sarah_investigator',
        unitId: 'solgarden',
        createdAt: '2026-11-20T15:00:01.000Z',
      },
    } as const;
    expect(caseNoticesFor(firstTask, state)).toEqual([]);
  });

  it('never carries the free text of the case', () => {
    expect(JSON.stringify(caseNoticesFor(reported, state))).not.toContain('tillsyn');
  });

  it('a role task reaches every holder of the role in the unit; a named task its assignee', () => {
    const [toRole] = caseNoticesFor(
      {
        type: 'TaskCreated',
        data: {
          taskId: 't1',
          kind: 'acknowledge',
          assigneeRole: 'unit_manager',
          unitId: 'solgarden',
          dueAt: '2026-03-01T10:00:00.000Z',
          createdAt: '2026-02-27T10:00:00.000Z',
        },
      },
      state,
    );
    expect(toRole).toMatchObject({
      kind: 'new_task',
      title: 'Ny uppgift i LS-2026-0007: Ge återkoppling',
      taskId: 't1',
    });
    expect(toRole!.body).toContain('Sista dag: 1 mars 2026.');
    expect(usernamesOf(org, toRole!.recipients)).toEqual(['enhetschef']);
    const [named] = caseNoticesFor(
      {
        type: 'TaskCreated',
        data: { taskId: 't2', kind: 'investigate', assignee: 'Sas', unitId: 'solgarden', createdAt: 'x' },
      },
      state,
    );
    expect(usernamesOf(org, named!.recipients)).toEqual(['sas']);
  });

  it('an assignment tells the new assignee, unless they took the case themselves', () => {
    const assigned = { type: 'CaseAssigned', data: { assignee: 'enhetschef', by: 'sas', at: 'x' } } as const;
    expect(caseNoticesFor(assigned, state)).toMatchObject([
      {
        kind: 'assignment',
        recipients: [{ username: 'enhetschef' }],
        title: 'Du är handläggare för LS-2026-0007',
      },
    ]);
    expect(caseNoticesFor({ ...assigned, data: { ...assigned.data, by: 'enhetschef' } }, state)).toEqual([]);
  });

  it('an escalation goes to the holders of the roles it went to; its own tasks say nothing more', () => {
    const withDeadline = evolveCase(state, {
      type: 'DeadlineStarted',
      data: {
        deadlineId: 'd1',
        kind: 'lex_sarah_investigation',
        dueAt: '2026-12-01T10:00:00.000Z',
        policyVersion: 1,
        startedAt: 'x',
      },
    }) as CaseAggregateState;
    const [escalation] = caseNoticesFor(
      {
        type: 'DeadlineMissed',
        data: { deadlineId: 'd1', at: 'x', escalationLevel: 1, escalatedTo: ['division_manager'] },
      },
      withDeadline,
    );
    expect(escalation!.title).toBe('Eskalerat: Lex Sarah – utredning i LS-2026-0007');
    expect(usernamesOf(org, escalation!.recipients)).toEqual(['avdelningschef']);
    expect(
      caseNoticesFor(
        {
          type: 'TaskCreated',
          data: {
            taskId: 't3',
            kind: 'escalation',
            assigneeRole: 'director',
            unitId: 'solgarden',
            createdAt: 'x',
          },
        },
        withDeadline,
      ),
    ).toEqual([]);
    const [reminder] = caseNoticesFor(
      {
        type: 'DeadlineReminderSent',
        data: {
          deadlineId: 'd1',
          when: 'before',
          recipients: [{ role: 'lex_sarah_investigator', unitId: 'solgarden' }],
          at: 'x',
        },
      },
      withDeadline,
    );
    expect(reminder!.title).toBe('Påminnelse: Lex Sarah – utredning i LS-2026-0007 senast 1 december 2026');
    expect(usernamesOf(org, reminder!.recipients)).toEqual(['sas']);
  });
});
