import { evolveLs, withSettledTasks } from '../ledningssystem/ls-aggregate';
import { egenkontrollDuties } from './egenkontroll-duties';
import type { EgenkontrollEvent, EgenkontrollPlanState } from './egenkontroll-types';

const settled = (state: EgenkontrollPlanState, at: string): EgenkontrollPlanState =>
  withSettledTasks(state, egenkontrollDuties(state), at);

export const evolveEgenkontroll = evolveLs<
  EgenkontrollPlanState,
  EgenkontrollEvent,
  'EgenkontrollPlanCreated'
>({
  createdBy: 'EgenkontrollPlanCreated',
  created: ({ data: d }, version) => ({
    id: d.planId,
    version,
    tasks: [],
    unitId: d.unitId,
    year: d.year,
    status: 'draft',
    adopted: null,
    controls: d.controls,
    results: [],
    createdAt: d.at,
  }),
  changed: (state, event, version) => {
    switch (event.type) {
      case 'EgenkontrollControlAdded':
        return { ...state, version, controls: [...state.controls, event.data.control] };
      case 'EgenkontrollPlanAdopted':
        return { ...state, version, status: 'adopted', adopted: { by: event.data.by, at: event.data.at } };
      case 'EgenkontrollResultRecorded':
        return settled({ ...state, version, results: [...state.results, event.data] }, event.data.recordedAt);
      case 'EgenkontrollActionCompleted': {
        const { actionId, note, at } = event.data;
        const results = state.results.map((r) => ({
          ...r,
          findings: r.findings.map((f) =>
            f.action?.actionId === actionId
              ? { ...f, action: { ...f.action, completedAt: at, completionNote: note } }
              : f,
          ),
        }));
        return settled({ ...state, version, results }, at);
      }
      default: {
        const exhaustive: never = event;
        return exhaustive;
      }
    }
  },
});
