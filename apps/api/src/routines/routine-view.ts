import { isRevisionOverdue } from '@kvalitet/domain';
import type { RoutineState } from '@kvalitet/domain';
import type { RoutineDto } from './routine.dto';
import { toLsTaskDto } from './register-support/ls-task.dto';

export function toRoutineDto(state: RoutineState, now: Date): RoutineDto {
  const current = state.versions[state.versions.length - 1] ?? null;
  return {
    id: state.id,
    kind: state.kind,
    level: state.level,
    code: state.code,
    title: state.title,
    unitId: state.unitId,
    owner: state.owner,
    administrator: state.administrator,
    parentId: state.parentId,
    revisionInterval: state.revisionInterval,
    cooperation: [...state.cooperation],
    status: state.status,
    currentVersion: current?.version ?? null,
    validFrom: current?.validFrom ?? null,
    nextRevisionDue: state.nextRevisionDue,
    revisionOverdue: isRevisionOverdue(state, now),
    versions: state.versions.map((v) => ({ ...v, decision: { ...v.decision } })),
    tasks: state.tasks.map(toLsTaskDto),
    version: state.version,
  };
}
