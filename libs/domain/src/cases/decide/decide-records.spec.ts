import type { RetentionRule } from '../../records/retention-rules';
import { caseReported, command, events as e, given, SYSTEM, T0, T0_ISO } from '../test-support';

const KVALITET = { username: 'kvalitet', roles: ['quality_coordinator'] };
const rules: RetentionRule[] = [{ caseType: 'lex_sarah', keepYears: 2, from: 'closed' }];
const hold = command('place-legal-hold', { reason: ' Begärd av förvaltningsrätten ' }, KVALITET);
const lift = command('lift-legal-hold', {}, KVALITET);
const erase = command('erase', { rules, erasedBy: 'gallring' }, SYSTEM);
/** Two years and a day after T0 (2026-11-20). */
const AFTER = new Date('2028-11-21T08:00:00.000Z');

/** Legal hold and erasure (DATA-2, DATA-7, api.md v1.1 "Records and gallring", ADR 0027). */
describe('legal hold and erasure', () => {
  it('places a hold with its reason, on an open or a closed case, once', () => {
    given(caseReported())
      .when(hold)
      .then({
        type: 'LegalHoldPlaced',
        data: { reason: 'Begärd av förvaltningsrätten', by: 'kvalitet', at: T0_ISO },
      });
    const held = given(caseReported(), e.closed(), {
      type: 'LegalHoldPlaced',
      data: { reason: 'x', by: 'kvalitet', at: T0_ISO },
    });
    expect(held.state?.legalHold).toEqual({ placedAt: T0_ISO, placedBy: 'kvalitet' });
    held.when(hold).thenRefused({ code: 'INVALID_TRANSITION', reason: 'LEGAL_HOLD_EXISTS' });
    given(caseReported())
      .when(command('place-legal-hold', { reason: ' ' }, KVALITET))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'reason' });
  });

  it('lifts a hold, and refuses to lift none', () => {
    const held = given(caseReported(), {
      type: 'LegalHoldPlaced',
      data: { reason: 'x', by: 'kvalitet', at: T0_ISO },
    });
    held.when(lift).then({ type: 'LegalHoldLifted', data: { by: 'kvalitet', at: T0_ISO } });
    expect(held.when(lift).state().legalHold).toBeUndefined();
    given(caseReported()).when(lift).thenRefused({ code: 'INVALID_TRANSITION', reason: 'NO_LEGAL_HOLD' });
  });

  it('erases a closed case past its rule, naming the rule and keeping number, type and unit', () => {
    const result = given(caseReported(), e.closed()).when(erase, AFTER);
    result.then({
      type: 'CaseErased',
      data: {
        caseNumber: 'LS-2026-0007',
        caseType: 'lex_sarah',
        unitId: 'solgarden',
        rule: { caseType: 'lex_sarah', keepYears: 2, from: 'closed' },
        dueOn: '2028-11-20',
        erasedAt: AFTER.toISOString(),
        erasedBy: 'gallring',
      },
    });
    expect(result.state()).toMatchObject({
      erasedAt: AFTER.toISOString(),
      caseNumber: 'LS-2026-0007',
      stage: 'closed',
    });
  });

  it('refuses to erase a case not due: held, open, too early, without a rule', () => {
    given(caseReported(), e.closed(), {
      type: 'LegalHoldPlaced',
      data: { reason: 'x', by: 'kvalitet', at: T0_ISO },
    })
      .when(erase, AFTER)
      .thenRefused({ reason: 'LEGAL_HOLD' });
    given(caseReported()).when(erase, AFTER).thenRefused({ reason: 'CASE_NOT_CLOSED' });
    given(caseReported(), e.closed()).when(erase, T0).thenRefused({ reason: 'GALLRING_NOT_DUE' });
    given(caseReported(), e.closed())
      .when(command('erase', { rules: [], erasedBy: 'gallring' }, SYSTEM), AFTER)
      .thenRefused({ reason: 'NO_RETENTION_RULE' });
  });

  it('takes nothing more of people on an erased case, but the process manager may still finish its work', () => {
    const erasure = given(caseReported(), e.closed()).when(erase, AFTER).events()[0]!;
    const erased = given(caseReported(), e.taskCreated('t1', 'escalation'), e.closed(), erasure);
    erased.when(erase, AFTER).thenRefused({ code: 'INVALID_TRANSITION', reason: 'CASE_ERASED' });
    erased.when(command('reopen', { reason: 'x' })).thenRefused({ reason: 'CASE_ERASED' });
    erased.when(hold).thenRefused({ reason: 'CASE_ERASED' });
    expect(erased.when(command('complete-task', { taskId: 't1' }, SYSTEM)).result.ok).toBe(true);
  });
});
