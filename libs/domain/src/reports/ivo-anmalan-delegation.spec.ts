import type { CaseEvent } from '../cases/case-events';
import { caseReported, events as e } from '../cases/test-support';
import { composeIvoAnmalan, ivoAnmalanDocument, type IvoAnmalan } from './ivo-anmalan';

const ctx = { provider: 'Socialnämnden', unitName: (id: string) => id };
const decidedUnder = (delegation?: {
  decision: 'lex_sarah_decision';
  boardDecision: string | null;
}): CaseEvent => {
  const decided = e.decided('allvarligt_missforhallande') as Extract<CaseEvent, { type: 'CaseDecided' }>;
  return { ...decided, data: { ...decided.data, ...(delegation ? { delegation } : {}) } };
};

/** AUD-6: the prepared IVO anmälan names the delegation the decision was made under. */
describe('IVO anmälan: the delegation of the decision', () => {
  it('carries it and shows it as "Enligt delegation"', () => {
    const anmalan = composeIvoAnmalan(
      [
        caseReported(),
        e.investigationStarted(),
        e.investigationRecorded(),
        decidedUnder({ decision: 'lex_sarah_decision', boardDecision: 'SN 2025-12-10 § 141' }),
      ],
      ctx,
    ) as IvoAnmalan;
    expect(anmalan.decision.delegation).toEqual({
      decision: 'lex_sarah_decision',
      boardDecision: 'SN 2025-12-10 § 141',
    });
    expect(JSON.stringify(ivoAnmalanDocument(anmalan, new Date('2026-12-07T10:00:00Z')))).toContain(
      'Lex Sarah – beslut, SN 2025-12-10 § 141',
    );
  });

  it('is null for a decision taken before the register', () => {
    const anmalan = composeIvoAnmalan(
      [caseReported(), e.investigationStarted(), e.investigationRecorded(), decidedUnder()],
      ctx,
    ) as IvoAnmalan;
    expect(anmalan.decision.delegation).toBeNull();
  });
});
