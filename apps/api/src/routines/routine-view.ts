import { caseLinksOf, isRevisionOverdue, reviewRequestsOf } from '@kvalitet/domain';
import type { RoutineState } from '@kvalitet/domain';
import type { RoutineDto } from './routine.dto';
import { toLsTaskDto } from './register-support/ls-task.dto';
import { ORGANISATION } from '../org/organisation.instance';

/**
 * The document as the caller may see it. A linked case shows its number and type to everyone (the
 * routine is read by all); its id, the note and a review's reason only to those who may read the
 * case, because they can tell about the person in it (PR-8).
 */
export function toRoutineDto(
  state: RoutineState,
  now: Date,
  mayReadCase: (caseId: string) => boolean = () => false,
): RoutineDto {
  const current = state.versions[state.versions.length - 1] ?? null;
  const links = caseLinksOf(state);
  return {
    id: state.id,
    kind: state.kind,
    level: state.level,
    code: state.code,
    title: state.title,
    unitId: state.unitId,
    owner: state.owner,
    ownerName: ORGANISATION.findUser(state.owner)?.name ?? null,
    administrator: state.administrator,
    administratorName: state.administrator
      ? (ORGANISATION.findUser(state.administrator)?.name ?? null)
      : null,
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
    repeal: state.repeal ? { ...state.repeal, decision: { ...state.repeal.decision } } : null,
    caseLinks: links.map((link) => {
      const readable = mayReadCase(link.caseId);
      return {
        caseId: readable ? link.caseId : null,
        caseNumber: link.caseNumber,
        caseType: link.caseType,
        note: readable ? link.note : null,
        linkedAt: link.linkedAt,
        linkedBy: readable ? link.linkedBy : null,
        readable,
      };
    }),
    reviewRequests: reviewRequestsOf(state).map((r) => ({
      requestId: r.requestId,
      caseNumber: links.find((l) => l.caseId === r.caseId)?.caseNumber ?? '',
      reason: mayReadCase(r.caseId) ? r.reason : null,
      requestedAt: r.requestedAt,
      requestedBy: r.requestedBy,
      answeredAt: r.answeredAt,
    })),
    version: state.version,
  };
}
