import type { CaseType } from '@kvalitet/domain';
import { DEMO_USERS } from '../org/demo-users';
import { ORGANISATION } from '../org/organisation.instance';
import {
  allowedCaseCommands,
  canChangePolicy,
  canListCases,
  canReadAccessLog,
  canReadDeadLetters,
  canReadCase,
  canReadPolicy,
  canRunCaseCommand,
  caseVisibilityFilter,
  mayRunCaseCommands,
  taskVisibilityFilter,
  CASE_COMMANDS,
  type CaseFacts,
} from './access-policy';
import type { Principal } from './principal';

const org = ORGANISATION;
const user = (username: string): Principal => {
  const found = DEMO_USERS.find((u) => u.username === username);
  if (!found) throw new Error(username);
  return { ...found, roles: [...found.roles], unitIds: [...found.unitIds] };
};
const facts = (type: CaseType, unitId: string, extra: Partial<CaseFacts> = {}): CaseFacts => ({
  type,
  unitId,
  reportedBy: 'someone-else',
  assignee: null,
  ...extra,
});

const HANDLING = [
  'acknowledge',
  'assign',
  'classify',
  'start-investigation',
  'record-investigation',
  'add-action',
  'complete-action',
  'follow-up',
  'close',
  'reopen',
  'link',
  'mark-protected-identity',
  'unmark-protected-identity',
];
const DECISION = ['decide', 'report-to-ivo'];
const BREACH = ['assess-breach', 'report-to-imy'];
const ESCALATE = ['escalate'];
/** The lex Maria steps for the patient and the journal: the MAS and the assignee (api.md v1.1). */
const PATIENT_STEPS = ['inform-patient', 'confirm-journal-note'];
/** After the IVO notification: those who may report to IVO (director, sas, mas). */
const AFTER_IVO_REPORT = ['inform-board', 'record-ivo-decision'];
const without = (...lists: string[][]) =>
  CASE_COMMANDS.filter((c) => !lists.some((list) => list.includes(c)));
/** Every command but the data protection officer's, the escalation of a deviation and the statutory steps. */
const CASE_HANDLER_COMMANDS = without(BREACH, ESCALATE, PATIENT_STEPS, AFTER_IVO_REPORT);
/** On a deviation, its handlers also escalate it to lex Sarah / lex Maria (LC-2). */
const DEVIATION_HANDLER_COMMANDS = without(BREACH, PATIENT_STEPS, AFTER_IVO_REPORT);
/** The director, and sas / mas on their types, also inform the nämnd and record IVO's decision. */
const IVO_REPORTER_COMMANDS = without(BREACH, ESCALATE, PATIENT_STEPS);

describe('access policy: reading cases (api.md Visibility)', () => {
  const solgardenDeviation = facts('deviation', 'solgarden');
  const ekbackenDeviation = facts('deviation', 'ekbacken');

  it.each([
    ['medarbetare', false, false],
    ['enhetschef', true, false],
    ['enhetschef.ekbacken', false, true],
    ['avdelningschef', true, false],
    ['forvaltningschef', true, true],
    ['sas', true, true],
    ['mas', true, true],
    ['kvalitet', true, true],
    ['ledning', false, false],
  ])('%s reads a Solgården case: %s, an Ekbacken case: %s', (username, solgarden, ekbacken) => {
    expect(canReadCase(user(username), solgardenDeviation, org)).toBe(solgarden);
    expect(canReadCase(user(username), ekbackenDeviation, org)).toBe(ekbacken);
  });

  it('staff read the cases they reported, and only those', () => {
    expect(
      canReadCase(user('medarbetare'), facts('deviation', 'solgarden', { reportedBy: 'medarbetare' }), org),
    ).toBe(true);
    expect(
      canReadCase(user('medarbetare'), facts('deviation', 'ekbacken', { reportedBy: 'medarbetare' }), org),
    ).toBe(true);
  });

  it('ledning never reads a single case, not even one it reported or is assigned', () => {
    const own = facts('complaint', 'forvaltning', { reportedBy: 'ledning', assignee: 'ledning' });
    expect(canReadCase(user('ledning'), own, org)).toBe(false);
    expect(canListCases(user('ledning'))).toBe(false);
    expect(caseVisibilityFilter(user('ledning'), org)).toBeNull();
  });

  it('the assignee reads the case given to them', () => {
    expect(
      canReadCase(
        user('enhetschef.ekbacken'),
        facts('deviation', 'solgarden', { assignee: 'enhetschef.ekbacken' }),
        org,
      ),
    ).toBe(true);
  });

  it('gives the list the same rule as a filter', () => {
    expect(caseVisibilityFilter(user('kvalitet'), org)).toMatchObject({
      all: true,
      unitIds: [],
      types: [],
      username: 'kvalitet',
    });
    expect(caseVisibilityFilter(user('avdelningschef'), org)).toMatchObject({
      all: false,
      unitIds: ['aldreomsorg', 'hemtjanst-norr', 'solgarden'],
      types: [],
      username: 'avdelningschef',
    });
    expect(caseVisibilityFilter(user('medarbetare'), org)).toMatchObject({
      all: false,
      unitIds: [],
      types: [],
      username: 'medarbetare',
    });
  });
});

describe('access policy: commands', () => {
  it('staff and ledning run no command on any case', () => {
    for (const username of ['medarbetare', 'ledning']) {
      expect(mayRunCaseCommands(user(username))).toBe(false);
      const own = facts('deviation', 'solgarden', { reportedBy: username, assignee: username });
      expect(allowedCaseCommands(user(username), own, org)).toEqual([]);
    }
  });

  it('unit and division managers handle cases in their scope, and decide on all but lex Sarah/Maria', () => {
    for (const username of ['enhetschef', 'avdelningschef']) {
      expect(allowedCaseCommands(user(username), facts('deviation', 'solgarden'), org)).toEqual([
        ...DEVIATION_HANDLER_COMMANDS,
      ]);
      expect(allowedCaseCommands(user(username), facts('lex_sarah', 'solgarden'), org)).toEqual(
        CASE_COMMANDS.filter((c) => HANDLING.includes(c)),
      );
      expect(allowedCaseCommands(user(username), facts('lex_maria', 'solgarden'), org)).toEqual(
        CASE_COMMANDS.filter((c) => HANDLING.includes(c)),
      );
      expect(allowedCaseCommands(user(username), facts('deviation', 'ekbacken'), org)).toEqual([]);
    }
    expect(allowedCaseCommands(user('avdelningschef'), facts('complaint', 'hemtjanst-norr'), org)).toEqual([
      ...CASE_HANDLER_COMMANDS,
    ]);
    expect(allowedCaseCommands(user('enhetschef'), facts('complaint', 'hemtjanst-norr'), org)).toEqual([]);
  });

  it('the director does everything on every case', () => {
    for (const type of ['lex_sarah', 'lex_maria', 'complaint'] as const) {
      expect(allowedCaseCommands(user('forvaltningschef'), facts(type, 'forsorjningsstod'), org)).toEqual([
        ...IVO_REPORTER_COMMANDS,
      ]);
    }
  });

  it('kvalitet handles every case but takes no decision', () => {
    expect(allowedCaseCommands(user('kvalitet'), facts('lex_sarah', 'ekbacken'), org)).toEqual(
      CASE_COMMANDS.filter((c) => HANDLING.includes(c)),
    );
    expect(canRunCaseCommand(user('kvalitet'), 'decide', facts('complaint', 'solgarden'), org)).toBe(false);
  });

  it('sas handles lex Sarah and deviations and decides lex Sarah; mas the same for HSL and lex Maria', () => {
    expect(allowedCaseCommands(user('sas'), facts('lex_sarah', 'ekbacken'), org)).toEqual([
      ...IVO_REPORTER_COMMANDS,
    ]);
    expect(allowedCaseCommands(user('sas'), facts('deviation', 'ekbacken'), org)).toEqual(
      CASE_COMMANDS.filter((c) => [...HANDLING, ...ESCALATE].includes(c)),
    );
    expect(allowedCaseCommands(user('sas'), facts('lex_maria', 'ekbacken'), org)).toEqual([]);
    expect(allowedCaseCommands(user('mas'), facts('lex_maria', 'solgarden'), org)).toEqual(
      without(BREACH, ESCALATE),
    );
    expect(allowedCaseCommands(user('mas'), facts('hsl_deviation', 'solgarden'), org)).toEqual(
      CASE_COMMANDS.filter((c) => [...HANDLING, ...ESCALATE, ...PATIENT_STEPS].includes(c)),
    );
    expect(canRunCaseCommand(user('sas'), 'escalate', facts('hsl_deviation', 'solgarden'), org)).toBe(false);
    expect(canRunCaseCommand(user('kvalitet'), 'escalate', facts('deviation', 'solgarden'), org)).toBe(false);
    expect(allowedCaseCommands(user('mas'), facts('lex_sarah', 'solgarden'), org)).toEqual([]);
  });

  it('an assignee with a handling role investigates and acts outside their own scope', () => {
    const assigned = facts('deviation', 'solgarden', { assignee: 'enhetschef.ekbacken' });
    expect(allowedCaseCommands(user('enhetschef.ekbacken'), assigned, org)).toEqual(
      CASE_COMMANDS.filter((c) =>
        [
          'start-investigation',
          'record-investigation',
          'link',
          'add-action',
          'complete-action',
          ...PATIENT_STEPS,
        ].includes(c),
      ),
    );
    expect(
      DECISION.some((c) =>
        allowedCaseCommands(user('mas'), facts('lex_sarah', 'solgarden', { assignee: 'mas' }), org).includes(
          c as never,
        ),
      ),
    ).toBe(false);
  });
});

describe('access policy: policy, access log, tasks', () => {
  it.each([
    ['medarbetare', false, false, false],
    ['enhetschef', true, false, false],
    ['enhetschef.ekbacken', true, false, false],
    ['avdelningschef', true, false, false],
    ['forvaltningschef', true, false, false],
    ['sas', true, false, false],
    ['mas', true, false, false],
    ['kvalitet', true, true, true],
    ['ledning', false, false, false],
  ])('%s: read policy %s, change policy %s, read access log %s', (username, read, change, log) => {
    expect(canReadPolicy(user(username))).toBe(read);
    expect(canChangePolicy(user(username))).toBe(change);
    expect(canReadAccessLog(user(username))).toBe(log);
    expect(canReadDeadLetters(user(username))).toBe(log);
  });

  it('scopes role tasks to the units below the caller', () => {
    expect(taskVisibilityFilter(user('enhetschef'), org)).toEqual({
      username: 'enhetschef',
      roles: ['unit_manager'],
      unitIds: ['solgarden'],
    });
    expect(taskVisibilityFilter(user('sas'), org).unitIds).toHaveLength(8);
  });
});

describe('access policy: the data protection officer (api.md v1.1, DL-14)', () => {
  const breach = facts('data_breach', 'solgarden');
  const dataskydd = user('dataskydd');

  it('reads every data breach on the board and no other case', () => {
    expect(canReadCase(dataskydd, breach, org)).toBe(true);
    expect(canReadCase(dataskydd, facts('data_breach', 'ekbacken'), org)).toBe(true);
    expect(canReadCase(dataskydd, facts('deviation', 'solgarden'), org)).toBe(false);
    expect(caseVisibilityFilter(dataskydd, org)).toMatchObject({
      all: false,
      unitIds: [],
      types: ['data_breach'],
      username: 'dataskydd',
    });
  });

  it('alone assesses a data breach and reports it to IMY', () => {
    expect(allowedCaseCommands(dataskydd, breach, org)).toEqual(BREACH);
    expect(allowedCaseCommands(dataskydd, facts('deviation', 'solgarden'), org)).toEqual([]);
    for (const username of ['enhetschef', 'forvaltningschef', 'kvalitet', 'sas', 'mas'])
      for (const command of BREACH)
        expect(canRunCaseCommand(user(username), command as never, breach, org)).toBe(false);
  });
});
