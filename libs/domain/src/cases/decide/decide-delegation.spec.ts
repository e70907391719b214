import type { CaseActor, CaseCommand } from '../case-commands';
import type { HeldDelegation } from '../../delegations/held-delegations';
import { T0_ISO, caseReported, command, events as e, given } from '../test-support';

const DIRECTOR: CaseActor = { username: 'forvaltningschef', roles: ['director'] };
const MAS: CaseActor = { username: 'mas', roles: ['mas'] };
const SARAH: HeldDelegation = { decision: 'lex_sarah_decision', boardDecision: 'SN 2025-12-10 § 141' };
const SARAH_IVO: HeldDelegation = { decision: 'lex_sarah_ivo_report', boardDecision: 'SN 2025-12-10 § 141' };
const MARIA_CLASS: HeldDelegation = { decision: 'lex_maria_classification', boardDecision: null };

const withDelegations = (cmd: CaseCommand, delegations: readonly HeldDelegation[]): CaseCommand => ({
  ...cmd,
  delegations,
});
const decide = (actor = DIRECTOR) =>
  command('decide', { outcome: 'allvarligt_missforhallande', rationale: 'Allvarligt' }, actor);
const reportToIvo = (actor = DIRECTOR) =>
  command('report-to-ivo', { ivoReference: 'IVO 1/2026', reportedAt: '2026-11-20' }, actor);
const investigated = [caseReported(), e.investigationStarted(), e.investigationRecorded()];

/** AUD-6, LC-6 S5, LC-8 steps 1 and 5: without a delegation valid on the day, nothing is decided. */
describe('delegation of decide, report-to-ivo and the MAS classification', () => {
  it('decide on lex Sarah without the delegation is DELEGATION_MISSING, naming the decision', () => {
    const then = given(...investigated).when(withDelegations(decide(), [SARAH_IVO]));
    then.thenRefused({ code: 'DELEGATION_MISSING', reason: 'DELEGATION_MISSING' });
    expect(!then.result.ok && then.result.refusal.message).toMatch(/Lex Sarah – beslut/);
  });

  it('an accepted decision carries the delegation, and the case shows it', () => {
    const then = given(...investigated).when(withDelegations(decide(), [SARAH]));
    expect(then.events()[0]).toEqual({
      type: 'CaseDecided',
      data: {
        outcome: 'allvarligt_missforhallande',
        rationale: 'Allvarligt',
        requiresIvoReport: true,
        delegation: SARAH,
        by: 'forvaltningschef',
        at: T0_ISO,
      },
    });
    expect(then.state().decision?.delegation).toEqual(SARAH);
  });

  it('the stage comes first: no investigation is INVALID_TRANSITION even without a delegation', () => {
    given(caseReported(), e.investigationStarted())
      .when(withDelegations(decide(), []))
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'INVESTIGATION_REQUIRED' });
    given(...investigated)
      .when(withDelegations(reportToIvo(), []))
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'IVO_REPORT_NOT_REQUIRED' });
  });

  it('report-to-ivo needs the IVO delegation, not the decision one, and carries it', () => {
    const decided = [...investigated, e.decided('allvarligt_missforhallande')];
    given(...decided)
      .when(withDelegations(reportToIvo(), [SARAH]))
      .thenRefused({ code: 'DELEGATION_MISSING' });
    const then = given(...decided).when(withDelegations(reportToIvo(), [SARAH_IVO]));
    expect(then.events()[0]).toMatchObject({ type: 'ReportedToIvo', data: { delegation: SARAH_IVO } });
    expect(then.state().ivoReport?.delegation).toEqual(SARAH_IVO);
  });

  it('a lex Maria IVO report waits for the patient information (a missing step) before the delegation is checked', () => {
    const seriousMaria = [
      caseReported({ type: 'lex_maria', caseNumber: 'LM-2026-0001' }),
      e.investigationStarted(),
      e.investigationRecorded(),
      e.decided('allvarlig_vardskada'),
    ];
    const byMas = withDelegations(reportToIvo(MAS), []);
    given(...seriousMaria)
      .when(byMas)
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'PATIENT_INFORMATION_REQUIRED' });
    given(...seriousMaria, e.patientInformed())
      .when(byMas)
      .thenRefused({ code: 'DELEGATION_MISSING' });
  });

  it('other types need no delegation', () => {
    given(
      caseReported({ type: 'deviation', caseNumber: 'AV-2026-0001' }),
      e.investigationStarted(),
      e.investigationRecorded(),
    )
      .when(
        withDelegations(command('decide', { outcome: 'avvikelse_bekraftad', rationale: 'R' }, DIRECTOR), []),
      )
      .events();
  });

  it('classify by the MAS of a case that is or becomes lex Maria needs lex_maria_classification', () => {
    const hsl = caseReported({ type: 'hsl_deviation', caseNumber: 'HA-2026-0001' });
    const toMaria = command(
      'classify',
      { type: 'lex_maria', category: 'fall', rationale: 'Allvarlig vårdskada' },
      MAS,
    );
    given(hsl).when(withDelegations(toMaria, [])).thenRefused({ code: 'DELEGATION_MISSING' });
    const then = given(hsl).when(withDelegations(toMaria, [MARIA_CLASS]));
    expect(then.events()[0]).toMatchObject({ type: 'CaseClassified', data: { delegation: MARIA_CLASS } });
    const maria = caseReported({ type: 'lex_maria', caseNumber: 'LM-2026-0001' });
    given(maria)
      .when(withDelegations(command('classify', { category: 'fall' }, MAS), []))
      .thenRefused({ code: 'DELEGATION_MISSING' });
    // An HSL deviation that stays one, or someone other than the MAS, needs none.
    given(hsl)
      .when(withDelegations(command('classify', { category: 'fall' }, MAS), []))
      .events();
    given(maria)
      .when(withDelegations(command('classify', { category: 'fall' }, DIRECTOR), []))
      .events();
  });

  it('a command not given through the command service (no resolved delegations) is not checked', () => {
    given(...investigated)
      .when(decide())
      .events();
  });
});
