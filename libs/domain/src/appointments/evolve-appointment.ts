import { settleTasks } from '../ledningssystem/duty';
import { withOpenedTasks } from '../ledningssystem/ls-aggregate';
import type { LsAggregate } from '../ledningssystem/ls-aggregate';
import { appointmentDuties, decideAppointment } from './decide-appointment';
import type { AppointmentCommand, AppointmentEvent, AppointmentState } from './appointment-types';

export function evolveAppointment(
  state: AppointmentState | null,
  event: AppointmentEvent,
  version: number,
): AppointmentState | null {
  if (event.type === 'AppointmentMade') {
    const { at, by, appointmentId, ...d } = event.data;
    return {
      id: appointmentId,
      version,
      tasks: [],
      ...d,
      status: 'active',
      ended: null,
      appointedAt: at,
      recordedBy: by,
      unitId: d.scope.unitId,
    };
  }
  if (!state) return null;
  switch (event.type) {
    case 'AppointmentEnded': {
      const next: AppointmentState = {
        ...state,
        version,
        status: 'ended',
        ended: { on: event.data.on, reason: event.data.reason, by: event.data.by },
      };
      return { ...next, tasks: settleTasks(next.tasks, [], event.data.at) };
    }
    case 'DutyTasksOpened':
      return withOpenedTasks(state, event, version);
    default: {
      const exhaustive: never = event;
      return exhaustive;
    }
  }
}

export const APPOINTMENT_AGGREGATE: LsAggregate<AppointmentState, AppointmentCommand, AppointmentEvent> = {
  aggregateType: 'appointment',
  decide: decideAppointment,
  evolve: (state, event, version) => evolveAppointment(state, event as AppointmentEvent, version),
  duties: appointmentDuties,
  label: (state) => `${state.role}:${state.holder}`,
  finished: (state) => state.status === 'ended',
};
