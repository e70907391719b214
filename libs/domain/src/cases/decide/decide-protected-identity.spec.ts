import { decideCase } from '../decide-case';
import { T0, T0_ISO, caseReported, command, events as e, given, reportData } from '../test-support';

const closedCase = [
  caseReported(),
  e.investigationStarted(),
  e.investigationRecorded(),
  e.decided('missforhallande'),
  e.actionAdded('a1'),
  e.actionCompleted('a1'),
  e.followUpRecorded(['a1']),
  e.closed(),
];

describe('protected identity (DATA-2, ADR 0029)', () => {
  it('a report may say so; the event and the state carry the flag, absent when not', () => {
    const protectedReport = decideCase(command('report', reportData({ protectedIdentity: true })), null, T0);
    expect(protectedReport.ok && protectedReport.events[0]!.data).toMatchObject({ protectedIdentity: true });
    const plain = decideCase(command('report', reportData()), null, T0);
    expect(plain.ok && 'protectedIdentity' in plain.events[0]!.data).toBe(false);
    expect(given(caseReported({ protectedIdentity: true })).state).toMatchObject({
      protectedIdentity: true,
    });
  });

  it('refuses a flag that is not a boolean', () => {
    const refused = decideCase(
      command('report', reportData({ protectedIdentity: 'ja' as unknown as boolean })),
      null,
      T0,
    );
    expect(refused).toMatchObject({
      ok: false,
      refusal: { code: 'VALIDATION_FAILED', field: 'protectedIdentity' },
    });
  });

  it('mark, then unmark, each with a trimmed reason; the state follows', () => {
    const marked = given(caseReported()).when(
      command('mark-protected-identity', { reason: ' Sekretessmarkering ' }),
    );
    marked.then({
      type: 'ProtectedIdentityMarked',
      data: { reason: 'Sekretessmarkering', by: 'sas', at: T0_ISO },
    });
    expect(marked.state().protectedIdentity).toBe(true);
    const unmarked = given(caseReported({ protectedIdentity: true })).when(
      command('unmark-protected-identity', { reason: 'Upphört' }),
    );
    unmarked.then({ type: 'ProtectedIdentityUnmarked', data: { reason: 'Upphört', by: 'sas', at: T0_ISO } });
    expect(unmarked.state().protectedIdentity).toBeUndefined();
  });

  it('is allowed on a closed case', () => {
    expect(
      given(...closedCase).when(command('mark-protected-identity', { reason: 'Känt först nu' })).result.ok,
    ).toBe(true);
  });

  it('needs a reason, and refuses marking twice or unmarking what is not marked (409)', () => {
    given(caseReported())
      .when(command('mark-protected-identity', { reason: ' ' }))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'reason' });
    given(caseReported({ protectedIdentity: true }))
      .when(command('mark-protected-identity', { reason: 'igen' }))
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'ALREADY_PROTECTED_IDENTITY' });
    given(caseReported())
      .when(command('unmark-protected-identity', { reason: 'x' }))
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'NOT_PROTECTED_IDENTITY' });
  });
});
