import { missingAppointments } from '../appointments/appointment-requirements';
import {
  delegationAsAppointment,
  delegationDecisionOf,
  endDelegation,
  isAppointmentViewInForce,
  oneAppointmentRegister,
  withDelegationIds,
} from './delegation-appointments';
import {
  DEFAULT_DELEGATION_ITEMS,
  validateDelegationDocument,
  type DelegationItem,
} from './delegation-register';

const ROW: DelegationItem = {
  id: '11111111-1111-4111-8111-111111111111',
  decision: 'lex_maria_decision',
  username: 'mas',
  validFrom: '2026-01-01',
  validTo: null,
  boardDecision: 'SN 2025-12-10 § 142',
  delegationReference: 'Delegationsordning 2026 p. 4.2',
};

describe('the delegation register as förordnanden (ADR 0034, AUD-6, LC-8)', () => {
  it('a row is a delegate for the matching decision type, with the nämnd decision of its reference', () => {
    expect(delegationAsAppointment({ ...ROW, id: ROW.id! })).toMatchObject({
      role: 'delegat',
      holder: 'mas',
      holderRole: null,
      scope: { unitId: 'forvaltning', decisionType: 'lex_maria_decision' },
      decision: { decidedBy: 'namnd', decidedOn: '2025-12-10', reference: 'SN 2025-12-10 § 142' },
      delegationReference: 'Delegationsordning 2026 p. 4.2',
      status: 'active',
      source: 'delegation_register',
    });
    expect(delegationDecisionOf('lex_sarah_ivo_notification')).toBe('lex_sarah_ivo_report');
    expect(delegationDecisionOf('complaint_answer')).toBeNull();
  });

  it('the demo register fills every delegate requirement (AUD-6), and nothing else', () => {
    const all = oneAppointmentRegister([], DEFAULT_DELEGATION_ITEMS);
    expect(missingAppointments(all, '2026-03-01').map((m) => m.requirement.key)).toEqual([
      'sas',
      'mas',
      'verksamhetschef_hsl',
    ]);
    expect(missingAppointments(all, '2025-12-31').map((m) => m.requirement.key)).toContain(
      'delegat/lex_maria_decision',
    );
  });

  it('ending a row closes its window on the end day; it stays listed as ended; twice is refused', () => {
    const ended = endDelegation([ROW], ROW.id!, { on: '2026-06-30', reason: 'Ny MAS', by: 'kvalitet' });
    if (!ended.ok) throw new Error(ended.refusal.message);
    expect(ended.row).toMatchObject({ validTo: '2026-06-30', ended: { on: '2026-06-30', by: 'kvalitet' } });
    const view = delegationAsAppointment(ended.row);
    expect(view.status).toBe('ended');
    expect(isAppointmentViewInForce(view, '2026-06-30')).toBe(true);
    expect(isAppointmentViewInForce(view, '2026-07-01')).toBe(false);
    expect(missingAppointments([view], '2026-07-01').map((m) => m.requirement.key)).toContain(
      'delegat/lex_maria_decision',
    );
    expect(endDelegation(ended.items, ROW.id!, { on: '2026-07-01', reason: 'x', by: 'k' })).toMatchObject({
      ok: false,
      refusal: { code: 'INVALID_TRANSITION' },
    });
    expect(endDelegation([ROW], ROW.id!, { on: '2025-12-31', reason: 'x', by: 'k' })).toMatchObject({
      ok: false,
      refusal: { code: 'VALIDATION_FAILED', field: 'on' },
    });
    expect(endDelegation([ROW], 'nope', { on: '2026-07-01', reason: 'x', by: 'k' })).toMatchObject({
      ok: false,
      refusal: { code: 'NOT_FOUND' },
    });
  });

  it('a save that leaves the förordnande fields out keeps them on the matching row; a new row gets a new id', () => {
    const { id: _id, delegationReference: _ref, ...bare } = ROW;
    const added: DelegationItem = {
      decision: 'lex_maria_ivo_report',
      role: 'mas',
      validFrom: '2026-02-01',
      validTo: null,
    };
    const saved = withDelegationIds([bare, added], [ROW], (i) => `new-${i}`);
    expect(saved[0]).toMatchObject({ id: ROW.id, delegationReference: 'Delegationsordning 2026 p. 4.2' });
    expect(saved[1]!.id).toBe('new-1');
  });

  it('stored delegates for a register decision are left out (the register is the one source); others stay', () => {
    const stored = (decisionType: 'lex_sarah_decision' | 'complaint_answer') =>
      ({
        id: decisionType,
        version: 1,
        tasks: [],
        role: 'delegat',
        holder: 'forvaltningschef',
        scope: { unitId: 'forvaltning', processId: null, decisionType },
        decision: { decidedBy: 'namnd', decidedOn: '2026-01-20', reference: 'SN § 6' },
        validFrom: '2026-01-01',
        validTo: null,
        delegationReference: 'DO p. 4',
        status: 'active',
        ended: null,
        appointedAt: '2026-01-20T10:00:00Z',
        recordedBy: 'kvalitet',
        unitId: 'forvaltning',
        appointmentId: decisionType,
      }) as const;
    const all = oneAppointmentRegister([stored('lex_sarah_decision'), stored('complaint_answer')], []);
    expect(all.map((a) => a.id)).toEqual(['complaint_answer']);
  });

  it('the register accepts the förordnande fields back as GET gave them, and checks them', () => {
    expect(validateDelegationDocument({ items: DEFAULT_DELEGATION_ITEMS })).toMatchObject({ ok: true });
    const bad = validateDelegationDocument({
      items: [{ ...ROW, decidedBy: 'kungen', decidedOn: 'igår', ended: { on: '2026-01-01' } }],
    });
    expect(bad.ok ? [] : bad.errors.map((e) => [e.field, e.code])).toEqual([
      ['items[0].decidedBy', 'UNKNOWN_DECIDING_BODY'],
      ['items[0].decidedOn', 'INVALID_DATE'],
      ['items[0].ended', 'INVALID_ENDED'],
    ]);
  });
});
