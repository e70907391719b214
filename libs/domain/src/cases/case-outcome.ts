import type { CaseType } from './case-type';

/** Lex Sarah assessment (LC-6 S5; SoL 14 kap. 6–7 §§). */
export const LEX_SARAH_OUTCOMES = [
  'allvarligt_missforhallande',
  'pataglig_risk_for_allvarligt_missforhallande',
  'missforhallande',
  'risk_for_missforhallande',
  'ej_missforhallande',
] as const;

/** Lex Maria assessment by the MAS (LC-8 step 1; PSL 3 kap. 5 §). */
export const LEX_MARIA_OUTCOMES = [
  'allvarlig_vardskada',
  'vardskada',
  'risk_for_vardskada',
  'ej_vardskada',
] as const;

/**
 * Outcomes for every other type. api.md names outcomes only for lex Sarah and lex Maria; for the rest
 * the process asks for a conclusion on whether a deviation occurred and whether to act (LC-4 steps 6
 * and 8: "act and follow up, or close with a rationale"; LC-5: investigation → actions). This small
 * generic set lets `decide` record that conclusion where a manager wants a formal one; for these types
 * the decision is optional (closing only needs the investigation, LC-3).
 */
export const GENERIC_OUTCOMES = [
  'atgarder_kravs',
  'inga_atgarder',
  'avvikelse_bekraftad',
  'avvikelse_ej_bekraftad',
] as const;

/**
 * An HSL deviation: the MAS's vårdskada assessment (LC-7: "vårdskada yes/no/risk"), which decides
 * whether the journal note is required, or the generic conclusions. An allvarlig vårdskada is not
 * among them: it goes to lex Maria ("Eskalera till lex Maria", LC-2).
 */
const HSL_OUTCOMES = [
  'vardskada',
  'risk_for_vardskada',
  'ej_vardskada',
  ...GENERIC_OUTCOMES,
] as const satisfies readonly (LexMariaOutcome | GenericOutcome)[];

export type LexSarahOutcome = (typeof LEX_SARAH_OUTCOMES)[number];
export type LexMariaOutcome = (typeof LEX_MARIA_OUTCOMES)[number];
export type GenericOutcome = (typeof GENERIC_OUTCOMES)[number];
export type CaseOutcome = LexSarahOutcome | LexMariaOutcome | GenericOutcome;

export const CASE_OUTCOMES: readonly CaseOutcome[] = [
  ...LEX_SARAH_OUTCOMES,
  ...LEX_MARIA_OUTCOMES,
  ...GENERIC_OUTCOMES,
];

export const CASE_OUTCOME_LABELS: Readonly<Record<CaseOutcome, string>> = {
  allvarligt_missforhallande: 'Allvarligt missförhållande',
  pataglig_risk_for_allvarligt_missforhallande: 'Påtaglig risk för allvarligt missförhållande',
  missforhallande: 'Missförhållande',
  risk_for_missforhallande: 'Påtaglig risk för missförhållande',
  ej_missforhallande: 'Ej missförhållande',
  allvarlig_vardskada: 'Allvarlig vårdskada',
  vardskada: 'Vårdskada',
  risk_for_vardskada: 'Risk för vårdskada',
  ej_vardskada: 'Ej vårdskada',
  atgarder_kravs: 'Åtgärder krävs',
  inga_atgarder: 'Inga åtgärder',
  avvikelse_bekraftad: 'Avvikelse bekräftad',
  avvikelse_ej_bekraftad: 'Avvikelse ej bekräftad',
};

const SERIOUS_OUTCOMES: readonly CaseOutcome[] = [
  'allvarligt_missforhallande',
  'pataglig_risk_for_allvarligt_missforhallande',
  'allvarlig_vardskada',
];

/** Outcomes after which no action is expected; the case may go straight to follow-up. */
const NO_ACTION_OUTCOMES: readonly CaseOutcome[] = [
  'ej_missforhallande',
  'ej_vardskada',
  'inga_atgarder',
  'avvikelse_ej_bekraftad',
];

export function isCaseOutcome(value: unknown): value is CaseOutcome {
  return typeof value === 'string' && (CASE_OUTCOMES as readonly string[]).includes(value);
}

/** A vårdskada, which "ska antecknas i patientjournal" (LC-7, LC-8 step 4). */
export function isVardskadaOutcome(outcome: CaseOutcome): boolean {
  return outcome === 'vardskada' || outcome === 'allvarlig_vardskada';
}

/** The outcomes that must be notified to IVO "snarast" (DL-5, DL-8). */
export function isSeriousOutcome(outcome: CaseOutcome): boolean {
  return SERIOUS_OUTCOMES.includes(outcome);
}

export function isNoActionOutcome(outcome: CaseOutcome): boolean {
  return NO_ACTION_OUTCOMES.includes(outcome);
}

/** The outcomes `decide` accepts for a case of this type. */
export function outcomesForType(type: CaseType): readonly CaseOutcome[] {
  switch (type) {
    case 'lex_sarah':
      return LEX_SARAH_OUTCOMES;
    case 'lex_maria':
      return LEX_MARIA_OUTCOMES;
    case 'hsl_deviation':
      return HSL_OUTCOMES;
    default:
      return GENERIC_OUTCOMES;
  }
}

export function isOutcomeAllowedForType(outcome: CaseOutcome, type: CaseType): boolean {
  return outcomesForType(type).includes(outcome);
}
