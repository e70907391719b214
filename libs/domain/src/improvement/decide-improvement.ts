import type { CaseActor } from '../cases/case-commands';
import { newRefusal } from '../common/refusal';
import type { Decision, Refusal } from '../common/refusal';
import {
  checkDateTime,
  checkRequiredText,
  firstRefusal,
  invalidField,
  normalisedTimestamp,
  optionalText,
  parseDateTime,
  requiredText,
} from '../cases/decide/validation';
import { IMPROVEMENT_LEVELS } from './improvement-events';
import type {
  ImprovementActionContent,
  ImprovementEvent,
  ImprovementPlan,
  ImprovementTaskKind,
  LessonContent,
  ProposalContent,
} from './improvement-events';
import type {
  ImprovementAggregateState,
  ImprovementItemState,
  ImprovementState,
  LessonState,
} from './improvement-state';

type Command<TType extends string, TData> = {
  readonly type: TType;
  readonly actor: CaseActor;
  readonly data: TData;
};

export type ImprovementCommand =
  | Command<'propose', ProposalContent & { taskId: string }>
  | Command<'create-action', ImprovementActionContent & { taskId: string }>
  | Command<
      'assess',
      {
        decision: 'accepted' | 'rejected';
        feedback: string;
        plan?: ImprovementPlan;
        implementTaskId: string;
        feedbackTaskId: string;
      }
    >
  | Command<'replan', { plan: ImprovementPlan; taskId: string }>
  | Command<'implement', { result: string; followUpDueAt: string; taskId: string }>
  | Command<'follow-up-effect', { effective: boolean; evidence: string }>
  | Command<'read-feedback', Record<string, never>>
  | Command<'share-lesson', LessonContent & { taskIds: Readonly<Record<string, string>> }>
  | Command<'record-check', { unitId: string; applicable: boolean; result: string }>;

export type ImprovementCommandType = ImprovementCommand['type'];

export type DecideImprovementResult = Decision<ImprovementEvent>;

const ok = (...events: ImprovementEvent[]): DecideImprovementResult => ({ ok: true, events });
const no = (refusal: Refusal): DecideImprovementResult => ({ ok: false, refusal });
const transition = (reason: string, message: string, field?: string) =>
  newRefusal('INVALID_TRANSITION', reason, message, field);

function checkPlan(plan: ImprovementPlan | undefined, now: Date, field = 'plan'): Refusal | null {
  if (plan === undefined || plan === null || typeof plan !== 'object')
    return invalidField(
      field,
      'En plan (rubrik, nivå, ansvarig, slutdatum, förväntad effekt) måste anges.',
      'REQUIRED',
    );
  const refusal = firstRefusal(
    checkRequiredText(plan.title, `${field}.title`, 'rubrik'),
    (IMPROVEMENT_LEVELS as readonly unknown[]).includes(plan.level)
      ? null
      : invalidField(`${field}.level`, `Nivån måste vara något av: ${IMPROVEMENT_LEVELS.join(', ')}.`),
    checkRequiredText(plan.owner, `${field}.owner`, 'ansvarig'),
    checkDateTime(plan.dueAt, `${field}.dueAt`, 'slutdatum'),
    checkRequiredText(plan.expectedEffect, `${field}.expectedEffect`, 'förväntad effekt'),
  );
  if (refusal) return refusal;
  if ((parseDateTime(plan.dueAt) ?? 0) <= now.getTime())
    return invalidField(`${field}.dueAt`, 'Slutdatum måste ligga i framtiden.', 'IN_PAST');
  return null;
}

function normalisedPlan(plan: ImprovementPlan): ImprovementPlan {
  return {
    title: requiredText(plan.title),
    level: plan.level,
    owner: requiredText(plan.owner),
    dueAt: normalisedTimestamp(plan.dueAt),
    expectedEffect: requiredText(plan.expectedEffect),
  };
}

function task(
  taskId: string,
  kind: ImprovementTaskKind,
  unitId: string,
  at: string,
  who: { assignee?: string; assigneeRole?: string },
  dueAt?: string,
): ImprovementEvent {
  return {
    type: 'ImprovementTaskCreated',
    data: { taskId, kind, unitId, ...who, ...(dueAt === undefined ? {} : { dueAt }), createdAt: at },
  };
}

function complete(
  state: ImprovementAggregateState,
  at: string,
  kinds: readonly ImprovementTaskKind[],
  which: (unitId: string) => boolean = () => true,
): ImprovementEvent[] {
  return Object.values(state.tasks)
    .filter((t) => t.status === 'open' && kinds.includes(t.kind) && which(t.unitId))
    .map((t) => ({ type: 'ImprovementTaskCompleted', data: { taskId: t.id, at } }));
}

function decideItem(
  command: ImprovementCommand,
  state: ImprovementItemState,
  now: Date,
): DecideImprovementResult {
  const at = now.toISOString();
  const by = command.actor.username;
  switch (command.type) {
    case 'assess': {
      const { data } = command;
      const refusal = firstRefusal(
        data.decision === 'accepted' || data.decision === 'rejected'
          ? null
          : invalidField('decision', 'Beslutet måste vara accepted eller rejected.'),
        checkRequiredText(data.feedback, 'feedback', 'återkoppling'),
        data.decision === 'accepted' ? checkPlan(data.plan, now) : null,
      );
      if (refusal) return no(refusal);
      if (state.stage !== 'proposed') return no(transition('NOT_PROPOSED', 'Förslaget är redan bedömt.'));
      const plan = data.decision === 'accepted' ? normalisedPlan(data.plan!) : undefined;
      return ok(
        {
          type: 'ImprovementProposalAssessed',
          data: {
            decision: data.decision,
            feedback: requiredText(data.feedback),
            ...(plan ? { plan } : {}),
            by,
            at,
          },
        },
        ...complete(state, at, ['assess_improvement_proposal']),
        ...(plan
          ? [
              task(
                data.implementTaskId,
                'implement_improvement',
                state.unitId,
                at,
                { assignee: plan.owner },
                plan.dueAt,
              ),
            ]
          : []),
        ...(state.proposer
          ? [
              task(data.feedbackTaskId, 'improvement_feedback', state.unitId, at, {
                assignee: state.proposer,
              }),
            ]
          : []),
      );
    }
    case 'replan': {
      const refusal = checkPlan(command.data.plan, now);
      if (refusal) return no(refusal);
      if (state.stage !== 'planned' || state.dueAt !== null)
        return no(
          transition(
            'NOT_AFTER_INEFFECTIVE_FOLLOW_UP',
            'En ny plan görs när uppföljningen visat att åtgärden inte gav effekt.',
          ),
        );
      const plan = normalisedPlan(command.data.plan);
      return ok(
        { type: 'ImprovementReplanned', data: { plan, by, at } },
        task(
          command.data.taskId,
          'implement_improvement',
          state.unitId,
          at,
          { assignee: plan.owner },
          plan.dueAt,
        ),
      );
    }
    case 'implement': {
      const refusal = firstRefusal(
        checkRequiredText(command.data.result, 'result', 'resultat'),
        checkDateTime(command.data.followUpDueAt, 'followUpDueAt', 'datum för effektuppföljning'),
      );
      if (refusal) return no(refusal);
      if (state.stage !== 'planned' || state.dueAt === null)
        return no(
          transition(
            state.stage === 'proposed' ? 'NOT_ASSESSED' : 'NOT_PLANNED',
            'Bara en planerad åtgärd kan genomföras.',
          ),
        );
      return ok(
        {
          type: 'ImprovementImplemented',
          data: {
            result: requiredText(command.data.result),
            late: now.getTime() > Date.parse(state.dueAt),
            by,
            at,
          },
        },
        ...complete(state, at, ['implement_improvement']),
        task(
          command.data.taskId,
          'follow_up_improvement_effect',
          state.unitId,
          at,
          { assignee: by },
          normalisedTimestamp(command.data.followUpDueAt),
        ),
      );
    }
    case 'follow-up-effect': {
      const { data } = command;
      const refusal = firstRefusal(
        typeof data.effective === 'boolean'
          ? null
          : invalidField('effective', 'Ange om åtgärden hade avsedd effekt (sant/falskt).', 'REQUIRED'),
        checkRequiredText(data.evidence, 'evidence', 'underlag'),
      );
      if (refusal) return no(refusal);
      if (state.stage !== 'implemented')
        return no(transition('NOT_IMPLEMENTED', 'Effekten följs upp när åtgärden är genomförd.'));
      return ok(
        {
          type: 'ImprovementEffectFollowedUp',
          data: { effective: data.effective, evidence: requiredText(data.evidence), by, at },
        },
        ...complete(state, at, ['follow_up_improvement_effect']),
      );
    }
    case 'read-feedback': {
      if (state.proposer !== by)
        return no(
          newRefusal(
            'INVALID_TRANSITION',
            'NOT_THE_PROPOSER',
            'Bara den som lämnade förslaget kvitterar återkopplingen.',
          ),
        );
      if (state.stage === 'proposed')
        return no(transition('NO_FEEDBACK_YET', 'Förslaget har ännu inte fått någon återkoppling.'));
      if (state.feedbackRead)
        return no(transition('FEEDBACK_ALREADY_READ', 'Återkopplingen är redan kvitterad.'));
      return ok(
        { type: 'ImprovementFeedbackRead', data: { by, at } },
        ...complete(state, at, ['improvement_feedback']),
      );
    }
    case 'record-check':
      return no(
        transition('NOT_A_LESSON', 'Kontroller registreras på lärdomar, inte på förbättringsförslag.'),
      );
    default:
      return no(newRefusal('ALREADY_EXISTS', 'IMPROVEMENT_ALREADY_EXISTS', 'Förbättringen finns redan.'));
  }
}

function decideLesson(command: ImprovementCommand, state: LessonState, now: Date): DecideImprovementResult {
  if (command.type !== 'record-check')
    return no(transition('NOT_AN_IMPROVEMENT', 'Lärdomen tar bara emot kontrollresultat.'));
  const { data } = command;
  const refusal = firstRefusal(
    checkRequiredText(data.unitId, 'unitId', 'enhet'),
    typeof data.applicable === 'boolean'
      ? null
      : invalidField('applicable', 'Ange om lärdomen är tillämplig på enheten (sant/falskt).', 'REQUIRED'),
    checkRequiredText(data.result, 'result', 'resultat'),
  );
  if (refusal) return no(refusal);
  if (!state.targetUnitIds.includes(data.unitId))
    return no(
      newRefusal('NOT_FOUND', 'UNIT_NOT_TARGETED', 'Lärdomen skickades inte till den enheten.', 'unitId'),
    );
  if (state.checkedUnitIds.includes(data.unitId))
    return no(transition('ALREADY_CHECKED', 'Enheten har redan registrerat sin kontroll.', 'unitId'));
  const at = now.toISOString();
  return ok(
    {
      type: 'LessonCheckRecorded',
      data: {
        unitId: data.unitId,
        applicable: data.applicable,
        result: requiredText(data.result),
        by: command.actor.username,
        at,
      },
    },
    ...complete(state, at, ['check_lesson'], (unitId) => unitId === data.unitId),
  );
}

function decideNew(command: ImprovementCommand, now: Date): DecideImprovementResult {
  const at = now.toISOString();
  const by = command.actor.username;
  switch (command.type) {
    case 'propose': {
      const { data } = command;
      const refusal = firstRefusal(
        checkRequiredText(data.unitId, 'unitId', 'enhet'),
        checkRequiredText(data.title, 'title', 'rubrik'),
        checkRequiredText(data.description, 'description', 'beskrivning'),
      );
      if (refusal) return no(refusal);
      const expectedEffect = optionalText(data.expectedEffect);
      return ok(
        {
          type: 'ImprovementProposed',
          data: {
            improvementId: data.improvementId,
            reference: data.reference,
            unitId: data.unitId,
            title: requiredText(data.title),
            description: requiredText(data.description),
            ...(expectedEffect ? { expectedEffect } : {}),
            proposer: by,
            at,
          },
        },
        task(data.taskId, 'assess_improvement_proposal', data.unitId, at, { assigneeRole: 'unit_manager' }),
      );
    }
    case 'create-action': {
      const { data } = command;
      const refusal = firstRefusal(
        checkRequiredText(data.unitId, 'unitId', 'enhet'),
        Array.isArray(data.sources) && data.sources.length > 0
          ? null
          : invalidField('sources', 'Ange vad åtgärden kommer från (ärende eller riskanalys).', 'REQUIRED'),
        checkPlan(data.plan, now),
      );
      if (refusal) return no(refusal);
      const plan = normalisedPlan(data.plan);
      const description = optionalText(data.description);
      return ok(
        {
          type: 'ImprovementActionCreated',
          data: {
            improvementId: data.improvementId,
            reference: data.reference,
            unitId: data.unitId,
            ...(description ? { description } : {}),
            sources: data.sources,
            plan,
            by,
            at,
          },
        },
        task(data.taskId, 'implement_improvement', data.unitId, at, { assignee: plan.owner }, plan.dueAt),
      );
    }
    case 'share-lesson': {
      const { data } = command;
      const targets = [...new Set(data.targetUnitIds ?? [])];
      const refusal = firstRefusal(
        checkRequiredText(data.title, 'title', 'rubrik'),
        checkRequiredText(data.finding, 'finding', 'iakttagelse'),
        targets.length > 0
          ? null
          : invalidField('targetUnitIds', 'Ange minst en enhet som ska kontrollera lärdomen.', 'REQUIRED'),
        targets.includes(data.sourceUnitId)
          ? invalidField(
              'targetUnitIds',
              'Lärdomen skickas till andra enheter än den där den gjordes.',
              'SOURCE_UNIT',
            )
          : null,
        checkDateTime(data.dueAt, 'dueAt', 'slutdatum'),
      );
      if (refusal) return no(refusal);
      if ((parseDateTime(data.dueAt) ?? 0) <= now.getTime())
        return no(invalidField('dueAt', 'Slutdatum måste ligga i framtiden.', 'IN_PAST'));
      const dueAt = normalisedTimestamp(data.dueAt);
      return ok(
        {
          type: 'LessonShared',
          data: {
            improvementId: data.improvementId,
            reference: data.reference,
            sourceUnitId: data.sourceUnitId,
            title: requiredText(data.title),
            finding: requiredText(data.finding),
            ...(data.sourceCaseId ? { sourceCaseId: data.sourceCaseId } : {}),
            targetUnitIds: targets,
            dueAt,
            by,
            at,
          },
        },
        ...targets.map((unitId) =>
          task(
            data.taskIds[unitId] ?? `${data.improvementId}/${unitId}`,
            'check_lesson',
            unitId,
            at,
            { assigneeRole: 'unit_manager' },
            dueAt,
          ),
        ),
      );
    }
    default:
      return no(newRefusal('NOT_FOUND', 'IMPROVEMENT_NOT_FOUND', 'Förbättringen finns inte.'));
  }
}

/** The improvement decider: events or a named refusal; pure, `now` the only clock, ids passed in. */
export function decideImprovement(
  command: ImprovementCommand,
  state: ImprovementState,
  now: Date,
): DecideImprovementResult {
  const creates =
    command.type === 'propose' || command.type === 'create-action' || command.type === 'share-lesson';
  if (state === null) return decideNew(command, now);
  if (creates)
    return no(newRefusal('ALREADY_EXISTS', 'IMPROVEMENT_ALREADY_EXISTS', 'Förbättringen finns redan.'));
  return state.kind === 'lesson' ? decideLesson(command, state, now) : decideItem(command, state, now);
}
