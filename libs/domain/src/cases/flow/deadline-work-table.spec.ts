import { CASE_DEADLINE_KINDS } from '../case-deadline-kind';
import type { CaseDeadlineKind } from '../case-deadline-kind';
import { CASE_TYPES } from '../case-type';
import { deadlinesAtReport, investigationDeadline } from './case-flow-paths';
import { DEADLINE_WORK, deadlineKindsMetBy, taskKindsDoneBy } from './deadline-work';

/**
 * The table is the one statement of the rules (issue 22): these checks keep the case flow's paths
 * and the table saying the same thing.
 */
describe('DEADLINE_WORK — which event starts and meets which deadline, and which task asks for it', () => {
  it('has a row for every deadline kind', () => {
    expect(Object.keys(DEADLINE_WORK).sort()).toEqual([...CASE_DEADLINE_KINDS].sort());
  });

  it('every deadline a report starts lists CaseReported and CaseClassified (a reclassification starts the new path)', () => {
    for (const type of CASE_TYPES) {
      for (const kind of deadlinesAtReport(type)) {
        expect(DEADLINE_WORK[kind].startedBy).toEqual(
          expect.arrayContaining(['CaseReported', 'CaseClassified']),
        );
      }
    }
  });

  it('the investigation deadlines restart with a reopen (LC-2)', () => {
    const restarted = new Set(
      CASE_TYPES.map(investigationDeadline).filter((k): k is CaseDeadlineKind => k !== null),
    );
    for (const kind of CASE_DEADLINE_KINDS)
      expect(DEADLINE_WORK[kind].startedBy.includes('CaseReopened')).toBe(restarted.has(kind));
  });

  it('answers by event: acknowledging meets both first-response deadlines and completes acknowledge', () => {
    expect(deadlineKindsMetBy('CaseAcknowledged')).toEqual(['acknowledgement', 'lex_sarah_first_response']);
    expect(taskKindsDoneBy('CaseAcknowledged')).toEqual(['acknowledge']);
    expect(deadlineKindsMetBy('ReportedToIvo')).toEqual(['ivo_report']);
    expect(taskKindsDoneBy('InvestigationRecorded')).toEqual(['investigate']);
    expect(deadlineKindsMetBy('CaseAssigned')).toEqual([]);
  });
});
