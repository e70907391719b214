import type { AdoptionDecision, LsCommand } from '../ledningssystem/ledningssystem-common';
import type {
  AdvanceDutiesCommand,
  DutyTasksOpened,
  LsEvent,
  LsStateBase,
} from '../ledningssystem/ls-aggregate';

/**
 * Appointed roles (R-7 … R-12, R-15): who is SAS, MAS, MAR, verksamhetschef HSL, processägare, and
 * who decides which decision type on the nämnd's behalf (delegationsordning, AUD-6); AUD-24's unit
 * owners of egenkontroll and risk analysis.
 */
export const APPOINTMENT_ROLES = [
  'sas',
  'mas',
  'mar',
  'verksamhetschef_hsl',
  'processagare',
  'delegat',
  'kvalitetssamordnare',
  'egenkontrollansvarig',
  'riskanalysansvarig',
] as const;
export type AppointmentRole = (typeof APPOINTMENT_ROLES)[number];

export const APPOINTMENT_ROLE_LABELS: Readonly<Record<AppointmentRole, string>> = {
  sas: 'Socialt ansvarig samordnare (SAS) / lex Sarah-utredare',
  mas: 'Medicinskt ansvarig sjuksköterska (MAS)',
  mar: 'Medicinskt ansvarig för rehabilitering (MAR)',
  verksamhetschef_hsl: 'Verksamhetschef enligt HSL',
  processagare: 'Processägare',
  delegat: 'Delegat enligt delegationsordningen',
  kvalitetssamordnare: 'Kvalitetssamordnare / processamordnare',
  egenkontrollansvarig: 'Ansvarig för egenkontroll på enheten',
  riskanalysansvarig: 'Ansvarig för riskanalys på enheten',
};

/** Decision types a delegate may be appointed for (AUD-6: without a valid delegate, decide/notify are refused). */
export const APPOINTMENT_DECISION_TYPES = [
  'lex_sarah_decision',
  'lex_sarah_ivo_notification',
  'lex_maria_decision',
  'lex_maria_ivo_notification',
  'complaint_answer',
  'lex_maria_classification',
] as const;
export type AppointmentDecisionType = (typeof APPOINTMENT_DECISION_TYPES)[number];

export const APPOINTMENT_DECISION_TYPE_LABELS: Readonly<Record<AppointmentDecisionType, string>> = {
  lex_sarah_decision: 'beslut i lex Sarah-ärenden',
  lex_sarah_ivo_notification: 'anmälan till IVO enligt lex Sarah',
  lex_maria_decision: 'beslut i lex Maria-ärenden',
  lex_maria_ivo_notification: 'anmälan till IVO enligt lex Maria',
  complaint_answer: 'svar på klagomål',
  lex_maria_classification: 'bedömning av lex Maria (MAS)',
};

export interface AppointmentScope {
  /** The unit the appointment covers, `forvaltning` for the whole board. */
  readonly unitId: string;
  /** For a processägare: the process. */
  readonly processId: string | null;
  /** For a delegate: the decision type. */
  readonly decisionType: AppointmentDecisionType | null;
}

export interface AppointmentState extends LsStateBase, Omit<AppointData, 'appointmentId'> {
  readonly status: 'active' | 'ended';
  readonly ended: { readonly on: string; readonly reason: string; readonly by: string } | null;
  readonly appointedAt: string;
  readonly recordedBy: string;
  /** The unit the register lists it under. */
  readonly unitId: string;
}

export interface AppointData {
  readonly appointmentId: string;
  readonly role: AppointmentRole;
  readonly holder: string;
  readonly scope: AppointmentScope;
  readonly decision: AdoptionDecision;
  /** `YYYY-MM-DD` */
  readonly validFrom: string;
  readonly validTo: string | null;
  /** The delegationsordning's point, e.g. "Delegationsordning 2026 p. 4.2". */
  readonly delegationReference: string | null;
}

export type AppointmentCommand =
  | LsCommand<'appoint', AppointData>
  | LsCommand<'end', { readonly on: string; readonly reason: string }>
  | AdvanceDutiesCommand;

export type AppointmentEvent =
  | LsEvent<'AppointmentMade', AppointData & { readonly at: string; readonly by: string }>
  | LsEvent<
      'AppointmentEnded',
      { readonly on: string; readonly reason: string; readonly at: string; readonly by: string }
    >
  | DutyTasksOpened;
