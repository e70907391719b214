/**
 * The case types of the single intake (SC-4, CT-1…CT-13). Organisational deviations and deviations in
 * care collaboration are categories of `deviation` / `hsl_deviation`, not types of their own (CT-9, CT-10).
 */
export const CASE_TYPES = [
  'complaint',
  'suggestion',
  'praise',
  'deviation',
  'hsl_deviation',
  'lex_sarah',
  'lex_maria',
  'data_breach',
  'external_finding',
] as const;

export type CaseType = (typeof CASE_TYPES)[number];

/** The kinds a citizen may choose in public feedback (api.md, public feedback). */
export const FEEDBACK_KINDS = ['complaint', 'suggestion', 'praise'] as const satisfies readonly CaseType[];

export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

export const CASE_TYPE_LABELS: Readonly<Record<CaseType, string>> = {
  complaint: 'Klagomål',
  suggestion: 'Synpunkt',
  praise: 'Beröm',
  deviation: 'Kvalitetsavvikelse',
  hsl_deviation: 'HSL-avvikelse',
  lex_sarah: 'Lex Sarah',
  lex_maria: 'Lex Maria',
  data_breach: 'Personuppgiftsincident',
  external_finding: 'Extern granskning/signal',
};

/** Case-number prefix per type; the number never changes, even on reclassification (api.md). */
export const CASE_NUMBER_PREFIXES: Readonly<Record<CaseType, string>> = {
  complaint: 'KL',
  suggestion: 'SY',
  praise: 'BE',
  deviation: 'AV',
  hsl_deviation: 'HA',
  lex_sarah: 'LS',
  lex_maria: 'LM',
  data_breach: 'PU',
  external_finding: 'EX',
};

/** Health care (HSL/PSL): the types the MAS assesses (LC-7, LC-8) and the patientsäkerhetsberättelse counts (REP-10). */
export const HSL_CASE_TYPES: readonly CaseType[] = ['hsl_deviation', 'lex_maria'];

/** Reports DL-2 wants within a day of the event (`late_report_after`); a later one is flagged, never refused. */
export const LATE_REPORT_TYPES: readonly CaseType[] = ['lex_sarah', 'hsl_deviation', 'lex_maria'];

export function isCaseType(value: unknown): value is CaseType {
  return typeof value === 'string' && (CASE_TYPES as readonly string[]).includes(value);
}

export function isFeedbackKind(value: unknown): value is FeedbackKind {
  return typeof value === 'string' && (FEEDBACK_KINDS as readonly string[]).includes(value);
}

/** Types whose investigation ends in a formal decision with a statutory outcome (LC-6 S5, LC-8). */
export function requiresDecision(type: CaseType): boolean {
  return type === 'lex_sarah' || type === 'lex_maria';
}
