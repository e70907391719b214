import { settleTasks } from '../ledningssystem/duty';
import { withOpenedTasks } from '../ledningssystem/ls-aggregate';
import { egenkontrollDuties } from './egenkontroll-duties';
import type { EgenkontrollEvent, EgenkontrollPlanState } from './egenkontroll-types';

const settled = (state: EgenkontrollPlanState, at: string): EgenkontrollPlanState => ({
  ...state,
  tasks: settleTasks(state.tasks, egenkontrollDuties(state), at),
});

export function evolveEgenkontroll(
  state: EgenkontrollPlanState | null,
  event: EgenkontrollEvent,
  version: number,
): EgenkontrollPlanState | null {
  if (event.type === 'EgenkontrollPlanCreated') {
    const d = event.data;
    return {
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
    };
  }
  if (!state) return null;
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
    case 'DutyTasksOpened':
      return withOpenedTasks(state, event, version);
    default: {
      const exhaustive: never = event;
      return exhaustive;
    }
  }
}
