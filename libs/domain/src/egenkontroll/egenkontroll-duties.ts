import { stockholmStartOfDay } from '../calendar/stockholm-time';
import type { Duty } from '../ledningssystem/duty';
import { controlOccurrences } from './control-occurrences';
import type { EgenkontrollPlanState } from './egenkontroll-types';

export type OccurrenceStatus = 'done' | 'pending' | 'missing';

export interface OccurrenceView {
  readonly controlId: string;
  readonly occurrence: string;
  readonly dueAt: string;
  readonly status: OccurrenceStatus;
}

/** Every occurrence of every control with its state; a due one without a result is `missing` (AUD-11). */
export function planOccurrences(state: EgenkontrollPlanState, at: Date): OccurrenceView[] {
  return state.controls.flatMap((control) =>
    controlOccurrences(state.year, control.frequency).map((occ) => {
      const done = state.results.some((r) => r.controlId === control.controlId && r.occurrence === occ.key);
      const status: OccurrenceStatus = done
        ? 'done'
        : Date.parse(occ.dueAt) <= at.getTime()
          ? 'missing'
          : 'pending';
      return { controlId: control.controlId, occurrence: occ.key, dueAt: occ.dueAt, status };
    }),
  );
}

/**
 * An adopted plan's duties (EK-1, EK-3, DL-26): each occurrence of each control without a result, for
 * the control's responsible person by the end of its period; and each action decided on a finding,
 * for its owner by its due date.
 */
export function egenkontrollDuties(state: EgenkontrollPlanState): Duty[] {
  if (state.status !== 'adopted') return [];
  const controls: Duty[] = state.controls.flatMap((control) =>
    controlOccurrences(state.year, control.frequency)
      .filter(
        (occ) => !state.results.some((r) => r.controlId === control.controlId && r.occurrence === occ.key),
      )
      .map((occ) => ({
        key: `control/${control.controlId}/${occ.key}`,
        kind: 'egenkontroll_control' as const,
        title: `Egenkontroll ${occ.key}: ${control.title}`,
        dueAt: occ.dueAt,
        assignee: control.responsible,
        unitId: state.unitId,
      })),
  );
  const actions: Duty[] = state.results.flatMap((result) =>
    result.findings
      .filter((f) => f.action !== null && f.action.completedAt === null)
      .map((f) => ({
        key: `action/${f.action!.actionId}`,
        kind: 'egenkontroll_action' as const,
        title: `Åtgärd efter egenkontroll: ${f.action!.title}`,
        dueAt: stockholmStartOfDay(f.action!.dueDate).toISOString(),
        assignee: f.action!.owner,
        unitId: state.unitId,
      })),
  );
  return [...controls, ...actions];
}
