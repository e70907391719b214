import type { CaseType } from './case-type';

/**
 * Links between cases (api.md v1.1 `link`, LC-2, LC-4 step 6): `led_to` is one-way and its other side
 * reads `led_from`; `related` and `same_event` read the same from both sides. A person names one of
 * `CASE_LINK_REQUEST_RELATIONS`; `led_from` is only ever written as the other side of `led_to`.
 */
export const CASE_LINK_RELATIONS = ['related', 'led_to', 'led_from', 'same_event'] as const;
export type CaseLinkRelation = (typeof CASE_LINK_RELATIONS)[number];

export const CASE_LINK_REQUEST_RELATIONS = ['related', 'led_to', 'same_event'] as const;
export type CaseLinkRequestRelation = (typeof CASE_LINK_REQUEST_RELATIONS)[number];

export const CASE_LINK_RELATION_LABELS: Readonly<Record<CaseLinkRelation, string>> = {
  related: 'Relaterat',
  led_to: 'Ledde till',
  led_from: 'Följer av',
  same_event: 'Samma händelse',
};

/** The relation as the other case records it. */
export function reverseCaseLinkRelation(relation: CaseLinkRelation): CaseLinkRelation {
  if (relation === 'led_to') return 'led_from';
  if (relation === 'led_from') return 'led_to';
  return relation;
}

/**
 * "Eskalera till lex Sarah / lex Maria" (LC-2): the statutory type a deviation of this type is
 * escalated to — a social-services deviation to lex Sarah, an HSL deviation to lex Maria — or null.
 */
export function escalationTargetOf(type: CaseType): CaseType | null {
  if (type === 'deviation') return 'lex_sarah';
  if (type === 'hsl_deviation') return 'lex_maria';
  return null;
}

/** The link a case records: the other case, its number (which never changes) and the relation from this side. */
export interface CaseLink {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly relation: CaseLinkRelation;
  /** On a deviation's side: the link is its escalation to this statutory type. */
  readonly escalatedTo?: CaseType;
}
