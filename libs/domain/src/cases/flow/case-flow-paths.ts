import type { CaseDeadlineKind } from '../case-deadline-kind';
import type { CaseType } from '../case-type';
import { DEADLINE_WORK } from './deadline-work';

/**
 * Each case type's path through the stages, as far as the process manager is concerned: which
 * deadlines start when it is reported, which one the investigation runs against, and who gets the
 * first task (api.md "Deadlines" and "Tasks"; DL-1, DL-3, DL-4, DL-10; DL-15).
 */

/** Deadlines started when a case of this type is reported (or reclassified to it). */
export function deadlinesAtReport(type: CaseType): CaseDeadlineKind[] {
  switch (type) {
    // `response` and `external_response` only when the report asks for them (`answerWanted`, `respondBy`).
    case 'complaint':
      return ['acknowledgement', 'response'];
    case 'suggestion':
      return ['acknowledgement'];
    case 'lex_sarah':
      return ['lex_sarah_first_response', 'lex_sarah_investigation'];
    case 'deviation':
      return ['investigation'];
    case 'hsl_deviation':
      return ['investigation', 'mas_classification'];
    case 'lex_maria':
      return ['investigation', 'mas_classification', 'patient_information'];
    case 'external_finding':
      return ['investigation', 'external_response'];
    case 'data_breach':
      return ['investigation', 'imy_notification'];
    case 'praise':
      return [];
  }
}

/** The deadline an investigation of this type runs against; restarted by a reopen (LC-2). */
export function investigationDeadline(type: CaseType): CaseDeadlineKind | null {
  return (
    deadlinesAtReport(type).find((kind) => kind === 'lex_sarah_investigation' || kind === 'investigation') ??
    null
  );
}

/** Deadlines that a report starts once per case (the rest are per investigation round). */
export function isOncePerCase(kind: CaseDeadlineKind): boolean {
  return (
    kind === 'acknowledgement' ||
    kind === 'lex_sarah_first_response' ||
    kind === 'imy_notification' ||
    kind === 'response' ||
    kind === 'external_response' ||
    kind === 'mas_classification' ||
    kind === 'patient_information'
  );
}

/**
 * Who gets the task of a deadline the report starts, besides the acknowledge and investigate tasks:
 * a data breach goes to the data protection officer at once (DL-14, api.md v1.1 `dataskydd`).
 */
export function deadlineOwnerRoles(kind: CaseDeadlineKind): string[] {
  switch (kind) {
    case 'imy_notification':
      return ['data_protection_officer'];
    // The complainant's answer is the unit manager's (LC-4 step 7); the issuer's the director's until
    // the case is assigned, then the assignee's (DL-13).
    case 'response':
      return ['unit_manager'];
    case 'external_response':
      return ['director'];
    // The MAS's assessment and the information to the patient are the MAS's (DL-7, DL-9).
    case 'mas_classification':
    case 'patient_information':
      return ['mas'];
    default:
      return [];
  }
}

/** Who informs the nämnd after an IVO notification (DL-6): the förvaltningschef for lex Sarah, the MAS for lex Maria. */
export function boardInformationRole(type: CaseType): string {
  return type === 'lex_maria' ? 'mas' : 'director';
}

/** Deadlines that follow events, not the type's path: a reclassification leaves them alone. */
export function isPathDeadline(kind: CaseDeadlineKind): boolean {
  return !['action', 'follow_up', 'ivo_report', 'board_information'].includes(kind);
}

/**
 * Who gets the `acknowledge` task when a case is reported: the manager of its unit; for lex Sarah
 * also the lex Sarah investigator (SAS), for lex Maria also the MAS (api.md "Tasks").
 */
export function acknowledgeRoles(type: CaseType): string[] {
  switch (type) {
    case 'complaint':
    case 'suggestion':
    case 'deviation':
      return ['unit_manager'];
    case 'lex_sarah':
      return ['unit_manager', 'lex_sarah_investigator'];
    case 'lex_maria':
      return ['unit_manager', 'mas'];
    default:
      return [];
  }
}

/**
 * Who classifies a case: central registration (the quality coordinator) for public feedback the
 * citizen did not categorise (LC-4 step 2, AUD-21); the MAS for an HSL deviation (LC-7, DL-7).
 */
export function classifyRole(type: CaseType, unclassified: boolean): string | null {
  if (unclassified) return 'quality_coordinator';
  return type === 'hsl_deviation' ? 'mas' : null;
}

/** Roles escalated to besides the chain: lex Sarah also the SAS, HSL and lex Maria also the MAS (DL-15). */
export function escalationExtraRoles(type: CaseType): string[] {
  switch (type) {
    case 'lex_sarah':
      return ['lex_sarah_investigator'];
    case 'lex_maria':
    case 'hsl_deviation':
      return ['mas'];
    default:
      return [];
  }
}

/**
 * The roles a miss at `level` (1, 2, …) goes to: one level up the policy's escalation chain per
 * step, starting above the responsible level (chain[0], the unit manager) and staying at the top
 * once there; the IVO notification goes straight to the top ("escalate to director", DL-5). The
 * type's extra roles are added at every level (their task is created once).
 */
export function caseEscalationTargets(
  kind: CaseDeadlineKind,
  level: number,
  chain: readonly string[],
  type: CaseType,
): string[] {
  const roles: string[] = [];
  if (chain.length > 0) {
    const index = DEADLINE_WORK[kind].escalatesToTop
      ? chain.length - 1
      : Math.min(Math.max(level, 1), chain.length - 1);
    roles.push(chain[index]!);
  }
  for (const role of escalationExtraRoles(type)) if (!roles.includes(role)) roles.push(role);
  return roles;
}
