import { longDate } from './appointments';

/** Contributing vs root cause (IMP-5), in the words of a händelseanalys. */
export const CAUSE_KIND_LABELS: Readonly<Record<string, string>> = {
  root: 'Grundorsak',
  contributing: 'Bidragande orsak',
};

export const ANALYSIS_STATUS_LABELS: Readonly<Record<string, string>> = {
  started: 'Pågår',
  completed: 'Avslutad',
};

/** What the unit manager made of a risk observation (RA-12). */
export const TRIAGE_OUTCOME_LABELS: Readonly<Record<string, string>> = {
  risk_assessment: 'Riskanalys',
  improvement_action: 'Förbättringsåtgärd',
  no_action: 'Ingen åtgärd',
};

/** Where an improvement action stands (shown on the analysis beside each action). */
export const IMPROVEMENT_STAGE_LABELS: Readonly<Record<string, string>> = {
  proposed: 'Föreslagen',
  rejected: 'Avslagen',
  planned: 'Planerad',
  implemented: 'Genomförd',
  effective: 'Effekten uppföljd',
};

/** `2026-02-10 14:30` → "10 februari 2026 kl. 14:30"; `2026-02-10` → "10 februari 2026". */
export function timelineMoment(when: string): string {
  const [date, time] = when.split(' ');
  const day = longDate(date);
  return time ? `${day} kl. ${time}` : day;
}

/** "Lös matta" → the outcome as the reporter reads it (IMP-8). */
export function triageOutcomeText(
  triage: { outcome: string; rationale: string | null; targetReference: string | null } | null,
): string {
  if (!triage) return 'Väntar på att chefen tar ställning';
  if (triage.outcome === 'no_action') return `Ingen åtgärd: ${triage.rationale ?? ''}`;
  const what = triage.outcome === 'risk_assessment' ? 'En riskanalys görs' : 'En förbättringsåtgärd planeras';
  return triage.targetReference ? `${what} (${triage.targetReference})` : what;
}
