import { DEFAULT_DEADLINE_POLICY } from '../../policy/default-deadline-policy';
import { caseEscalationTargets, investigationDeadline } from './case-flow-paths';

const chain = DEFAULT_DEADLINE_POLICY.escalationChain;

describe('caseEscalationTargets (DL-15)', () => {
  it('goes one level up the chain per miss, starting above the unit manager, and stays at the top', () => {
    expect(
      [1, 2, 3, 4, 30].map((level) => caseEscalationTargets('acknowledgement', level, chain, 'complaint')),
    ).toEqual([['division_manager'], ['director'], ['director'], ['director'], ['director']]);
  });

  it('adds the SAS for lex Sarah and the MAS for HSL deviations and lex Maria', () => {
    expect(caseEscalationTargets('lex_sarah_first_response', 1, chain, 'lex_sarah')).toEqual([
      'division_manager',
      'lex_sarah_investigator',
    ]);
    expect(caseEscalationTargets('investigation', 1, chain, 'hsl_deviation')).toEqual([
      'division_manager',
      'mas',
    ]);
    expect(caseEscalationTargets('investigation', 2, chain, 'lex_maria')).toEqual(['director', 'mas']);
  });

  it('sends a missed IVO notification straight to the top of the chain', () => {
    expect(caseEscalationTargets('ivo_report', 1, chain, 'lex_maria')).toEqual(['director', 'mas']);
  });

  it('follows the policy chain, whatever it is', () => {
    expect(caseEscalationTargets('action', 1, ['unit_manager', 'quality_coordinator'], 'deviation')).toEqual([
      'quality_coordinator',
    ]);
    expect(caseEscalationTargets('action', 1, ['director'], 'deviation')).toEqual(['director']);
    expect(caseEscalationTargets('action', 1, [], 'lex_sarah')).toEqual(['lex_sarah_investigator']);
  });
});

describe('investigationDeadline', () => {
  it('is the lex Sarah investigation for lex Sarah, none for complaints, suggestions and praise', () => {
    expect(investigationDeadline('lex_sarah')).toBe('lex_sarah_investigation');
    expect(investigationDeadline('deviation')).toBe('investigation');
    expect(investigationDeadline('complaint')).toBeNull();
    expect(investigationDeadline('praise')).toBeNull();
  });
});
