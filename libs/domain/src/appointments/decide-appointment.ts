import { newRefusal } from '../common/refusal';
import type { Decision } from '../common/refusal';
import { isValidLocalDate } from '../calendar/local-date';
import { stockholmStartOfDay } from '../calendar/stockholm-time';
import type { Duty } from '../ledningssystem/duty';
import {
  accept,
  invalid,
  refuse,
  requireLocalDate,
  requireText,
  validateDecision,
} from '../ledningssystem/ledningssystem-common';
import { decideAdvanceDuties } from '../ledningssystem/ls-aggregate';
import { APPOINTMENT_ROLE_LABELS, APPOINTMENT_ROLES, APPOINTMENT_DECISION_TYPES } from './appointment-types';
import type { AppointmentCommand, AppointmentEvent, AppointmentState } from './appointment-types';

/** An appointment with an end date must be renewed (or let go) before it lapses: a task for the quality function. */
export function appointmentDuties(state: AppointmentState): Duty[] {
  if (state.status !== 'active' || state.validTo === null) return [];
  return [
    {
      key: `renewal/${state.validTo}`,
      kind: 'appointment_renewal',
      title: `Förordnandet som ${APPOINTMENT_ROLE_LABELS[state.role]} (${state.holder}) löper ut ${state.validTo}`,
      dueAt: stockholmStartOfDay(state.validTo).toISOString(),
      assigneeRole: 'quality_coordinator',
      unitId: 'forvaltning',
      escalateTo: ['director'],
    },
  ];
}

/** The decider of one appointment (R-15: appointer, decision reference and validity). */
export function decideAppointment(
  command: AppointmentCommand,
  state: AppointmentState | null,
  now: Date,
): Decision<AppointmentEvent> {
  const at = now.toISOString();
  switch (command.type) {
    case 'appoint': {
      if (state) return refuse(newRefusal('ALREADY_EXISTS', 'ALREADY_EXISTS', 'Förordnandet finns redan'));
      const d = command.data;
      if (!APPOINTMENT_ROLES.includes(d.role)) return invalid('UNKNOWN_ROLE', 'Okänd roll', 'role');
      const holder = requireText(d.holder, 'holder', 'Innehavaren');
      if (holder) return refuse(holder);
      const decision = validateDecision(d.decision, 'decision');
      if (decision) return refuse(decision);
      const validFrom = requireLocalDate(d.validFrom, 'validFrom', 'Giltig från måste vara ett datum');
      if (validFrom) return refuse(validFrom);
      if (d.validTo !== null && (!isValidLocalDate(d.validTo) || d.validTo < d.validFrom))
        return invalid('INVALID_DATE', 'Giltig till måste vara ett datum efter giltig från', 'validTo');
      if (
        d.role === 'delegat' &&
        (d.scope.decisionType === null || !APPOINTMENT_DECISION_TYPES.includes(d.scope.decisionType))
      )
        return invalid('REQUIRED', 'En delegat förordnas för en beslutstyp', 'scope.decisionType');
      if (d.role === 'delegat' && !d.delegationReference?.trim())
        return invalid('REQUIRED', 'Ange punkten i delegationsordningen', 'delegationReference');
      if (d.role === 'processagare' && d.scope.processId === null)
        return invalid('REQUIRED', 'En processägare förordnas för en process', 'scope.processId');
      // AUD-5: the nämnd appoints the verksamhetschef HSL; PR-2: the förvaltningschef appoints process owners.
      if (d.role === 'verksamhetschef_hsl' && d.decision.decidedBy !== 'namnd')
        return invalid(
          'WRONG_APPOINTER',
          'Verksamhetschef enligt HSL utses av nämnden',
          'decision.decidedBy',
        );
      return accept({ type: 'AppointmentMade', data: { ...d, at, by: command.actor.username } });
    }
    case 'end': {
      if (!state) return refuse(newRefusal('NOT_FOUND', 'NOT_FOUND', 'Förordnandet finns inte'));
      if (state.status === 'ended')
        return refuse(newRefusal('INVALID_TRANSITION', 'ENDED', 'Förordnandet har redan upphört'));
      const on = requireLocalDate(command.data.on, 'on', 'Slutdatum måste vara ett datum');
      if (on) return refuse(on);
      const reason = requireText(command.data.reason, 'reason', 'Skäl');
      if (reason) return refuse(reason);
      return accept({
        type: 'AppointmentEnded',
        data: { on: command.data.on, reason: command.data.reason.trim(), at, by: command.actor.username },
      });
    }
    case 'advance-duties':
      return decideAdvanceDuties({ duties: appointmentDuties }, command, state);
    default: {
      const exhaustive: never = command;
      return exhaustive;
    }
  }
}
