import { newRefusal } from '../common/refusal';
import type { Decision } from '../common/refusal';
import {
  accept,
  invalid,
  isPositiveIsoDuration,
  refuse,
  requireLocalDate,
  requireText,
  validateDecision,
} from '../ledningssystem/ledningssystem-common';
import { decideAdvanceDuties } from '../ledningssystem/ls-aggregate';
import { isCaseLinked, openReviewRequests } from './routine-case-links';
import { nextRevisionDate, routineDuties } from './routine-revision';
import { PROCESS_LEVELS, ROUTINE_KINDS } from './routine-types';
import type { RoutineCommand, RoutineEvent, RoutineState } from './routine-types';

const notFound = () =>
  refuse<RoutineEvent>(newRefusal('NOT_FOUND', 'NOT_FOUND', 'Processen eller rutinen finns inte'));
const repealed = () =>
  refuse<RoutineEvent>(
    newRefusal('INVALID_TRANSITION', 'REPEALED', 'Dokumentet är upphävt och kan inte ändras'),
  );

/** The decider of the process and routine registry (PR-1 … PR-5). */
export function decideRoutine(
  command: RoutineCommand,
  state: RoutineState | null,
  now: Date,
): Decision<RoutineEvent> {
  const at = now.toISOString();
  if (command.type === 'advance-duties')
    return decideAdvanceDuties({ duties: routineDuties }, command, state);
  if (command.type === 'register') {
    if (state) return refuse(newRefusal('ALREADY_EXISTS', 'ALREADY_EXISTS', 'Dokumentet finns redan'));
    const d = command.data;
    if (!ROUTINE_KINDS.includes(d.kind)) return invalid('UNKNOWN_KIND', 'Okänd dokumenttyp', 'kind');
    if (!PROCESS_LEVELS.includes(d.level))
      return invalid('INVALID_LEVEL', 'Nivån måste vara 1, 2 eller 3', 'level');
    // PR-1: routines and templates attach at levels 2–3.
    if (d.kind === 'routine' && d.level === 1)
      return invalid(
        'ROUTINE_AT_LEVEL_1',
        'En rutin hör till nivå 2 eller 3 (nivå 1 är övergripande processer)',
        'level',
      );
    const missing =
      requireText(d.code, 'code', 'Dokument-id') ??
      requireText(d.title, 'title', 'Titel') ??
      requireText(d.owner, 'owner', 'Ägare');
    if (missing) return refuse(missing);
    // PR-5, DL-32: the interval is mandatory.
    if (!isPositiveIsoDuration(d.revisionInterval))
      return invalid(
        'INVALID_DURATION',
        'Ange hur ofta dokumentet ska revideras, till exempel varje år eller var sjätte månad',
        'revisionInterval',
      );
    if (d.parentId === d.routineId)
      return invalid('SELF_PARENT', 'Ett dokument kan inte ligga under sig självt', 'parentId');
    return accept({
      type: 'RoutineRegistered',
      data: {
        ...d,
        code: d.code.trim(),
        title: d.title.trim(),
        administrator: d.administrator ?? null,
        parentId: d.parentId ?? null,
        cooperation: [...(d.cooperation ?? [])],
        registeredAt: at,
        registeredBy: command.actor.username,
      },
    });
  }
  // Every other command changes a routine that is registered and not repealed.
  if (!state) return notFound();
  if (state.status === 'repealed') return repealed();
  switch (command.type) {
    case 'adopt-version': {
      const d = command.data;
      const missing =
        requireText(d.version, 'version', 'Version') ??
        requireText(d.changeNote, 'changeNote', 'Ändringsnotering');
      if (missing) return refuse(missing);
      const invalidDecision = validateDecision(d.decision, 'decision');
      if (invalidDecision) return refuse(invalidDecision);
      const validFrom = requireLocalDate(
        d.validFrom,
        'validFrom',
        'Giltig från måste vara ett datum (ÅÅÅÅ-MM-DD)',
      );
      if (validFrom) return refuse(validFrom);
      if (state.versions.some((v) => v.version === d.version.trim()))
        return refuse(
          newRefusal(
            'ALREADY_EXISTS',
            'VERSION_EXISTS',
            `Version ${d.version} finns redan; alla versioner sparas`,
            'version',
          ),
        );
      const current = state.versions[state.versions.length - 1];
      if (current && d.validFrom < current.validFrom)
        return invalid(
          'VALID_FROM_BEFORE_CURRENT',
          'En ny version kan inte gälla före den nuvarande',
          'validFrom',
        );
      return accept({
        type: 'RoutineVersionAdopted',
        data: {
          version: d.version.trim(),
          decision: d.decision,
          validFrom: d.validFrom,
          changeNote: d.changeNote.trim(),
          adoptedAt: at,
          recordedBy: command.actor.username,
          nextRevisionDue: nextRevisionDate(d.validFrom, state.revisionInterval),
        },
      });
    }
    case 'change-owner': {
      const missing = requireText(command.data.owner, 'owner', 'Ägare');
      if (missing) return refuse(missing);
      return accept({
        type: 'RoutineOwnershipChanged',
        data: {
          owner: command.data.owner,
          administrator: command.data.administrator ?? state.administrator,
          at,
          changedBy: command.actor.username,
        },
      });
    }
    case 'repeal': {
      const refusal =
        validateDecision(command.data.decision, 'decision') ??
        requireText(command.data.reason, 'reason', 'Skäl');
      if (refusal) return refuse(refusal);
      return accept({
        type: 'RoutineRepealed',
        data: {
          decision: command.data.decision,
          reason: command.data.reason.trim(),
          at,
          repealedBy: command.actor.username,
        },
      });
    }
    case 'link-case': {
      const d = command.data;
      // PR-8: one link per case; a second would only repeat the evidence.
      if (isCaseLinked(state, d.caseId))
        return refuse(
          newRefusal(
            'ALREADY_EXISTS',
            'CASE_ALREADY_LINKED',
            'Ärendet är redan kopplat till dokumentet',
            'caseId',
          ),
        );
      return accept({
        type: 'RoutineCaseLinked',
        data: {
          caseId: d.caseId,
          caseNumber: d.caseNumber,
          caseType: d.caseType,
          note: d.note.trim(),
          linkedAt: at,
          linkedBy: command.actor.username,
        },
      });
    }
    case 'request-review': {
      const d = command.data;
      const missing = requireText(d.reason, 'reason', 'Skäl');
      if (missing) return refuse(missing);
      // A review answers with a new version, so there must be an adopted one to review.
      if (state.status !== 'adopted')
        return refuse(
          newRefusal(
            'INVALID_TRANSITION',
            'NOT_ADOPTED',
            'Dokumentet har ingen fastställd version att se över',
          ),
        );
      if (!isCaseLinked(state, d.caseId))
        return invalid('CASE_NOT_LINKED', 'Koppla ärendet till dokumentet först', 'caseId');
      if (openReviewRequests(state).some((r) => r.caseId === d.caseId))
        return refuse(
          newRefusal(
            'ALREADY_EXISTS',
            'REVIEW_ALREADY_REQUESTED',
            'Översyn är redan begärd för det här ärendet',
            'caseId',
          ),
        );
      return accept({
        type: 'RoutineReviewRequested',
        data: {
          requestId: d.requestId,
          caseId: d.caseId,
          reason: d.reason.trim(),
          requestedAt: at,
          requestedBy: command.actor.username,
        },
      });
    }
    default: {
      const exhaustive: never = command;
      return exhaustive;
    }
  }
}
