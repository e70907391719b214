import type { AppointmentRole, AppointmentState, AppointmentDecisionType } from './appointment-types';
import { APPOINTMENT_DECISION_TYPE_LABELS, APPOINTMENT_ROLE_LABELS } from './appointment-types';
import type { DecidingBody } from '../ledningssystem/ledningssystem-common';

/** A role a lifecycle needs someone appointed to; missing is an alert, never a silent gap. */
export interface AppointmentRequirement {
  readonly key: string;
  readonly role: AppointmentRole;
  readonly unitId: string;
  readonly decisionType?: AppointmentDecisionType;
  /** AUD-5: the verksamhetschef HSL must be appointed by the nämnd itself. */
  readonly appointedBy?: DecidingBody;
  /** Why the lifecycle needs it (Swedish). */
  readonly because: string;
}

/**
 * The default requirements of a board that runs social care and health care (configurable data):
 * lex Sarah needs an SAS (LC-6) and delegates for its decision and notification (AUD-6); lex Maria
 * a MAS (LC-8, GAP-3) and delegates; HSL a verksamhetschef appointed by the nämnd (AUD-5).
 */
export const DEFAULT_APPOINTMENT_REQUIREMENTS: readonly AppointmentRequirement[] = [
  {
    key: 'sas',
    role: 'sas',
    unitId: 'forvaltning',
    because: 'Lex Sarah-rapporter ska tas emot, bedömas och utredas av SAS',
  },
  {
    key: 'mas',
    role: 'mas',
    unitId: 'forvaltning',
    because: 'HSL-avvikelser och lex Maria bedöms av MAS',
  },
  {
    key: 'verksamhetschef_hsl',
    role: 'verksamhetschef_hsl',
    unitId: 'forvaltning',
    appointedBy: 'namnd',
    because: 'Nämnden ska utse verksamhetschef enligt HSL',
  },
  {
    key: 'delegat/lex_sarah_decision',
    role: 'delegat',
    unitId: 'forvaltning',
    decisionType: 'lex_sarah_decision',
    because: 'Beslut i lex Sarah-ärenden kräver en delegat',
  },
  {
    key: 'delegat/lex_sarah_ivo_notification',
    role: 'delegat',
    unitId: 'forvaltning',
    decisionType: 'lex_sarah_ivo_notification',
    because: 'Anmälan till IVO enligt lex Sarah kräver en delegat',
  },
  {
    key: 'delegat/lex_maria_decision',
    role: 'delegat',
    unitId: 'forvaltning',
    decisionType: 'lex_maria_decision',
    because: 'Bedömning i lex Maria-ärenden kräver en delegat',
  },
  {
    key: 'delegat/lex_maria_ivo_notification',
    role: 'delegat',
    unitId: 'forvaltning',
    decisionType: 'lex_maria_ivo_notification',
    because: 'Anmälan till IVO enligt lex Maria kräver en delegat',
  },
];

/** Is the appointment in force on this day (`YYYY-MM-DD`)? */
export function isAppointmentActive(
  appointment: Pick<AppointmentState, 'status' | 'validFrom' | 'validTo'>,
  on: string,
): boolean {
  return (
    appointment.status === 'active' &&
    appointment.validFrom <= on &&
    (appointment.validTo === null || appointment.validTo >= on)
  );
}

/** What judging a requirement reads of a förordnande, stored or a row of the delegation register (ADR 0034). */
export type RequirementCandidate = Pick<
  AppointmentState,
  'role' | 'scope' | 'decision' | 'status' | 'validFrom' | 'validTo'
> & { readonly source?: 'appointment' | 'delegation_register' };

/** A row of the delegation register counts while its window holds, as the statutory steps count it. */
function inForce(appointment: RequirementCandidate, on: string): boolean {
  if (appointment.source === 'delegation_register')
    return appointment.validFrom <= on && (appointment.validTo === null || appointment.validTo >= on);
  return isAppointmentActive(appointment, on);
}

function satisfies(
  appointment: RequirementCandidate,
  requirement: AppointmentRequirement,
  on: string,
): boolean {
  return (
    inForce(appointment, on) &&
    appointment.role === requirement.role &&
    appointment.scope.unitId === requirement.unitId &&
    (requirement.decisionType === undefined || appointment.scope.decisionType === requirement.decisionType) &&
    (requirement.appointedBy === undefined || appointment.decision.decidedBy === requirement.appointedBy)
  );
}

/** "Delegat enligt delegationsordningen för beslut i lex Sarah-ärenden": the role in words, for people. */
export function requirementLabel(requirement: Pick<AppointmentRequirement, 'role' | 'decisionType'>): string {
  const role = APPOINTMENT_ROLE_LABELS[requirement.role];
  return requirement.decisionType
    ? `${role} för ${APPOINTMENT_DECISION_TYPE_LABELS[requirement.decisionType]}`
    : role;
}

export interface MissingAppointment {
  readonly requirement: AppointmentRequirement;
  /** Swedish, for the alert. */
  readonly message: string;
}

/** The requirements no appointment in force satisfies on `on`. */
export function missingAppointments(
  appointments: readonly RequirementCandidate[],
  on: string,
  requirements: readonly AppointmentRequirement[] = DEFAULT_APPOINTMENT_REQUIREMENTS,
): MissingAppointment[] {
  return requirements
    .filter((requirement) => !appointments.some((a) => satisfies(a, requirement, on)))
    .map((requirement) => ({
      requirement,
      message: `Ingen gällande förordnad: ${requirementLabel(requirement)}${requirement.appointedBy === 'namnd' ? ', utsedd av nämnden' : ''}. ${requirement.because}.`,
    }));
}
