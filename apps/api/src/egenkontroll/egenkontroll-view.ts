import { planOccurrences } from '@kvalitet/domain';
import type { EgenkontrollPlanState } from '@kvalitet/domain';
import { toLsTaskDto } from '../routines/register-support/ls-task.dto';
import type { EgenkontrollPlanDto } from './egenkontroll.dto';

export function toEgenkontrollPlanDto(state: EgenkontrollPlanState, now: Date): EgenkontrollPlanDto {
  const occurrences = planOccurrences(state, now);
  return {
    id: state.id,
    unitId: state.unitId,
    year: state.year,
    status: state.status,
    adoptedBy: state.adopted?.by ?? null,
    adoptedAt: state.adopted?.at ?? null,
    controls: state.controls.map((c) => ({ ...c })),
    results: state.results.map((r) => ({
      ...r,
      findings: r.findings.map((f) => ({ ...f, action: f.action ? { ...f.action } : null })),
    })),
    occurrences,
    missing: state.status === 'adopted' ? occurrences.filter((o) => o.status === 'missing').length : 0,
    tasks: state.tasks.map(toLsTaskDto),
    version: state.version,
  };
}
