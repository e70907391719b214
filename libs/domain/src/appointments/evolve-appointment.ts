import { evolveLs, withSettledTasks } from '../ledningssystem/ls-aggregate';
import type { LsAggregate } from '../ledningssystem/ls-aggregate';
import { appointmentDuties, decideAppointment } from './decide-appointment';
import type { AppointmentCommand, AppointmentEvent, AppointmentState } from './appointment-types';

export const evolveAppointment = evolveLs<AppointmentState, AppointmentEvent, 'AppointmentMade'>({
  createdBy: 'AppointmentMade',
  created: ({ data: { at, by, appointmentId, ...d } }, version) => ({
    id: appointmentId,
    version,
    tasks: [],
    ...d,
    status: 'active',
    ended: null,
    appointedAt: at,
    recordedBy: by,
    unitId: d.scope.unitId,
  }),
  changed: (state, event, version) => {
    const next: AppointmentState = {
      ...state,
      version,
      status: 'ended',
      ended: { on: event.data.on, reason: event.data.reason, by: event.data.by },
    };
    return withSettledTasks(next, [], event.data.at);
  },
});

export const APPOINTMENT_AGGREGATE: LsAggregate<AppointmentState, AppointmentCommand, AppointmentEvent> = {
  aggregateType: 'appointment',
  decide: decideAppointment,
  evolve: evolveAppointment,
  duties: appointmentDuties,
  label: (state) => `${state.role}:${state.holder}`,
  finished: (state) => state.status === 'ended',
};
