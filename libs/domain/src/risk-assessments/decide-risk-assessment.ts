import { newRefusal } from '../common/refusal';
import type { Decision, Refusal } from '../common/refusal';
import {
  checkDateTime,
  checkRequiredText,
  firstRefusal,
  invalidField,
  isBlank,
  normalisedTimestamp,
  optionalText,
  parseDateTime,
  requiredText,
} from '../cases/decide/validation';
import { scoreRisk } from '../risk/score-risk';
import type {
  RiskAssessmentCommand,
  RiskAssessmentCommandOfType,
  NewRiskInput,
} from './risk-assessment-commands';
import type { RiskAssessmentEvent, RiskScoreData } from './risk-assessment-events';
import type { RiskAssessmentAggregateState, RiskAssessmentState } from './risk-assessment-state';
import { RISK_ASSESSMENT_TRIGGERS } from './risk-assessment-trigger';
import { riskNeedsActionPlan, riskNeedsResidual } from './evolve-risk-assessment';
import { DEFAULT_RISK_POLICY } from './risk-policy';
import type { RiskPolicy } from './risk-policy';

export type DecideRiskAssessmentResult = Decision<RiskAssessmentEvent>;

type Policy = Pick<RiskPolicy, 'version' | 'bands'>;

const accepted = (...events: RiskAssessmentEvent[]): DecideRiskAssessmentResult => ({ ok: true, events });
const refused = (refusal: Refusal): DecideRiskAssessmentResult => ({ ok: false, refusal });
const transition = (reason: string, message: string, field?: string) =>
  newRefusal('INVALID_TRANSITION', reason, message, field);

export const MAX_RISKS = 50;
export const MAX_CAUSES = 50;

const STAGE_OF_WORK = ['describing', 'analysing', 'planning', 'following_up'] as const;

/** Scores a risk; an invalid factor is a field refusal (`risks.0.probability`, `probability`). */
function scored(
  probability: unknown,
  severity: unknown,
  policy: Policy,
  prefix: string,
): RiskScoreData | Refusal {
  const result = scoreRisk(probability, severity, policy.bands);
  if (!result.ok) {
    const [error] = result.errors;
    const factor = error?.field ?? 'probability';
    return newRefusal(
      'VALIDATION_FAILED',
      `${factor.toUpperCase()}_${error?.code ?? 'INVALID'}`,
      `${error?.message ?? 'Ogiltigt riskvärde'}.`,
      `${prefix}${factor}`,
    );
  }
  return {
    probability: result.probability,
    severity: result.severity,
    score: result.score,
    level: result.level,
    policyVersion: policy.version,
  };
}

function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && 'reason' in value && 'code' in value;
}

function checkCauses(causes: unknown, field: string): Refusal | null {
  if (causes === undefined) return null;
  if (!Array.isArray(causes) || causes.some(isBlank))
    return invalidField(field, 'Orsakerna måste vara en lista med ifyllda texter.');
  if (causes.length > MAX_CAUSES)
    return invalidField(field, `Högst ${MAX_CAUSES} orsaker per risk.`, 'TOO_MANY');
  return null;
}

function newRiskEvents(
  risks: readonly NewRiskInput[] | undefined,
  existing: RiskAssessmentAggregateState | null,
  policy: Policy,
  by: string,
  at: string,
  fieldPrefix: (index: number) => string,
): RiskAssessmentEvent[] | Refusal {
  if (risks === undefined) return [];
  if (!Array.isArray(risks as unknown)) return invalidField('risks', 'Riskerna måste vara en lista.');
  if (risks.length + (existing?.riskOrder.length ?? 0) > MAX_RISKS)
    return invalidField('risks', `Högst ${MAX_RISKS} risker per riskanalys.`, 'TOO_MANY');
  const events: RiskAssessmentEvent[] = [];
  const seen = new Set<string>(existing?.riskOrder ?? []);
  for (const [index, risk] of risks.entries()) {
    const prefix = fieldPrefix(index);
    const refusal = firstRefusal(
      checkRequiredText(risk.riskId, `${prefix}riskId`, 'riskens id'),
      checkRequiredText(risk.description, `${prefix}description`, 'riskens beskrivning'),
      checkCauses(risk.causes, `${prefix}causes`),
    );
    if (refusal) return refusal;
    const score = scored(risk.probability, risk.severity, policy, prefix);
    if (isRefusal(score)) return score;
    const riskId = requiredText(risk.riskId);
    if (seen.has(riskId))
      return newRefusal(
        'ALREADY_EXISTS',
        'RISK_ALREADY_EXISTS',
        'Det finns redan en risk med detta id.',
        `${prefix}riskId`,
      );
    seen.add(riskId);
    events.push({
      type: 'RiskAdded',
      data: {
        riskId,
        description: requiredText(risk.description),
        ...score,
        causes: (risk.causes ?? []).map((cause) => cause.trim()),
        by,
        at,
      },
    });
  }
  return events;
}

function decideCreate(
  command: RiskAssessmentCommandOfType<'create'>,
  state: RiskAssessmentState,
  now: Date,
  policy: Policy,
): DecideRiskAssessmentResult {
  const { data, actor } = command;
  if (state !== null)
    return refused(
      newRefusal('ALREADY_EXISTS', 'RISK_ASSESSMENT_ALREADY_EXISTS', 'Riskanalysen finns redan.'),
    );
  const refusal = firstRefusal(
    checkRequiredText(data.assessmentId, 'assessmentId', 'riskanalysens id'),
    checkRequiredText(data.reference, 'reference', 'diarienummer'),
    checkRequiredText(data.title, 'title', 'rubrik'),
    checkRequiredText(data.unitId, 'unitId', 'enhet'),
    (RISK_ASSESSMENT_TRIGGERS as readonly unknown[]).includes(data.trigger)
      ? null
      : invalidField('trigger', `Anledning måste vara något av: ${RISK_ASSESSMENT_TRIGGERS.join(', ')}.`),
  );
  if (refusal) return refused(refusal);
  const at = now.toISOString();
  const risks = newRiskEvents(data.risks, null, policy, actor.username, at, (i) => `risks[${i}].`);
  if (isRefusal(risks)) return refused(risks);
  const description = optionalText(data.description);
  return accepted(
    {
      type: 'RiskAssessmentCreated',
      data: {
        assessmentId: requiredText(data.assessmentId),
        reference: requiredText(data.reference),
        title: requiredText(data.title),
        unitId: requiredText(data.unitId),
        trigger: data.trigger,
        ...(description === undefined ? {} : { description }),
        owner: actor.username,
        by: actor.username,
        at,
      },
    },
    ...risks,
  );
}

function decidePropose(
  command: RiskAssessmentCommandOfType<'propose'>,
  state: RiskAssessmentState,
  now: Date,
): DecideRiskAssessmentResult {
  const { data } = command;
  if (state !== null)
    return refused(newRefusal('ALREADY_EXISTS', 'RISK_ASSESSMENT_ALREADY_EXISTS', 'Förslaget finns redan.'));
  const refusal = firstRefusal(
    checkRequiredText(data.assessmentId, 'assessmentId', 'riskanalysens id'),
    checkRequiredText(data.reference, 'reference', 'diarienummer'),
    checkRequiredText(data.title, 'title', 'rubrik'),
    checkRequiredText(data.unitId, 'unitId', 'enhet'),
    data.pattern.caseIds.length === 0 ? invalidField('pattern.caseIds', 'Mönstret saknar ärenden.') : null,
    data.tasks.length === 0 ? invalidField('tasks', 'Förslaget måste gå till någon.') : null,
  );
  if (refusal) return refused(refusal);
  const at = now.toISOString();
  return accepted(
    {
      type: 'RiskAssessmentProposed',
      data: {
        assessmentId: data.assessmentId,
        reference: data.reference,
        title: requiredText(data.title),
        unitId: data.unitId,
        trigger: 'deviation_pattern',
        pattern: data.pattern,
        at,
      },
    },
    ...data.tasks.map((task): RiskAssessmentEvent => ({
      type: 'RiskTaskCreated',
      data: { ...task, kind: 'consider_risk_assessment', createdAt: at },
    })),
  );
}

function completeTasks(
  state: RiskAssessmentAggregateState,
  at: string,
  which: (task: RiskAssessmentAggregateState['tasks'][string]) => boolean,
  by?: string,
): RiskAssessmentEvent[] {
  return Object.values(state.tasks)
    .filter((task) => task.status === 'open' && which(task))
    .map((task) => ({
      type: 'RiskTaskCompleted',
      data: { taskId: task.id, at, ...(by === undefined ? {} : { by }) },
    }));
}

function requireWorkStage(state: RiskAssessmentAggregateState, what: string): Refusal | null {
  if ((STAGE_OF_WORK as readonly string[]).includes(state.stage)) return null;
  if (state.stage === 'proposed')
    return transition('RISK_ASSESSMENT_NOT_STARTED', `Förslaget måste startas innan du kan ${what}.`);
  return transition('RISK_ASSESSMENT_ENDED', `Riskanalysen är avslutad; det går inte att ${what}.`);
}

function requireRisk(state: RiskAssessmentAggregateState, riskId: unknown): Refusal | null {
  const missing = checkRequiredText(riskId, 'riskId', 'riskens id');
  if (missing) return missing;
  if (state.risks[requiredText(riskId as string)] === undefined)
    return newRefusal('NOT_FOUND', 'RISK_NOT_FOUND', 'Risken finns inte i riskanalysen.', 'riskId');
  return null;
}

function missingForClose(state: RiskAssessmentAggregateState): Refusal | null {
  const risks = state.riskOrder.map((id) => state.risks[id]!);
  if (risks.some((risk) => risk.causeCount === 0 && !risk.accepted))
    return transition(
      'CAUSES_REQUIRED',
      'Orsakerna till varje risk måste analyseras innan riskanalysen kan avslutas.',
    );
  if (risks.some((risk) => riskNeedsActionPlan(state, risk)))
    return transition(
      'ACTION_PLAN_REQUIRED',
      'Risker med hög eller mycket hög nivå kräver en handlingsplan (åtgärd) eller ett motiverat accepterande.',
    );
  if (Object.values(state.actions).some((action) => action.status === 'open'))
    return transition('ACTIONS_OPEN', 'Alla åtgärder måste vara genomförda innan riskanalysen kan avslutas.');
  if (risks.some((risk) => riskNeedsResidual(state, risk)))
    return transition(
      'RESIDUAL_REQUIRED',
      'Varje risk med åtgärder måste bedömas om efter åtgärderna (kvarstående risk) innan riskanalysen kan avslutas.',
    );
  return null;
}

function decideOnExisting(
  command: Exclude<RiskAssessmentCommand, { type: 'create' | 'propose' }>,
  state: RiskAssessmentAggregateState,
  now: Date,
  policy: Policy,
): DecideRiskAssessmentResult {
  const at = now.toISOString();
  const by = command.actor.username;
  switch (command.type) {
    case 'start': {
      if (state.stage !== 'proposed')
        return refused(transition('NOT_A_PROPOSAL', 'Riskanalysen är redan startad eller avslutad.'));
      const title = optionalText(command.data.title);
      const description = optionalText(command.data.description);
      const risks = newRiskEvents(command.data.risks, state, policy, by, at, (i) => `risks[${i}].`);
      if (isRefusal(risks)) return refused(risks);
      return accepted(
        {
          type: 'RiskAssessmentStarted',
          data: {
            title: title ?? '',
            owner: by,
            by,
            at,
            ...(description === undefined ? {} : { description }),
          },
        },
        ...risks,
        ...completeTasks(state, at, (task) => task.kind === 'consider_risk_assessment', by),
      );
    }
    case 'dismiss': {
      const refusal = checkRequiredText(command.data.rationale, 'rationale', 'motivering');
      if (refusal) return refused(refusal);
      if (state.stage !== 'proposed')
        return refused(transition('NOT_A_PROPOSAL', 'Bara ett förslag till riskanalys kan avfärdas.'));
      return accepted(
        {
          type: 'RiskAssessmentDismissed',
          data: { rationale: requiredText(command.data.rationale), by, at },
        },
        ...completeTasks(state, at, () => true, by),
      );
    }
    case 'add-risk': {
      const stage = requireWorkStage(state, 'lägga till en risk');
      if (stage) return refused(stage);
      const risks = newRiskEvents([command.data], state, policy, by, at, () => '');
      return isRefusal(risks) ? refused(risks) : accepted(...risks);
    }
    case 'record-causes': {
      const refusal =
        requireRisk(state, command.data.riskId) ??
        checkCauses(command.data.causes, 'causes') ??
        (Array.isArray(command.data.causes) && command.data.causes.length === 0
          ? invalidField('causes', 'Ange minst en orsak.', 'REQUIRED')
          : null) ??
        requireWorkStage(state, 'registrera orsaker');
      if (refusal) return refused(refusal);
      return accepted({
        type: 'RiskCausesRecorded',
        data: {
          riskId: requiredText(command.data.riskId),
          causes: command.data.causes.map((c) => c.trim()),
          by,
          at,
        },
      });
    }
    case 'add-action': {
      const { data } = command;
      const refusal = firstRefusal(
        checkRequiredText(data.actionId, 'actionId', 'åtgärdens id'),
        requireRisk(state, data.riskId),
        checkRequiredText(data.title, 'title', 'rubrik'),
        checkRequiredText(data.owner, 'owner', 'ansvarig'),
        checkDateTime(data.dueAt, 'dueAt', 'slutdatum'),
      );
      if (refusal) return refused(refusal);
      if ((parseDateTime(data.dueAt) ?? 0) <= now.getTime())
        return refused(invalidField('dueAt', 'Slutdatum för åtgärden måste ligga i framtiden.', 'IN_PAST'));
      const risk = state.risks[requiredText(data.riskId)]!;
      const causeIndexes = data.causeIndexes ?? [];
      if (
        !Array.isArray(causeIndexes) ||
        causeIndexes.some((i) => !Number.isInteger(i) || i < 0 || i >= risk.causeCount) ||
        new Set(causeIndexes).size !== causeIndexes.length
      )
        return refused(
          invalidField(
            'causeIndexes',
            `Orsakerna anges med sitt nummer i riskens orsakslista (0–${Math.max(risk.causeCount - 1, 0)}), utan dubbletter.`,
          ),
        );
      const stage = requireWorkStage(state, 'lägga till en åtgärd');
      if (stage) return refused(stage);
      if (state.actions[requiredText(data.actionId)] !== undefined)
        return refused(
          newRefusal(
            'ALREADY_EXISTS',
            'ACTION_ALREADY_EXISTS',
            'Det finns redan en åtgärd med detta id.',
            'actionId',
          ),
        );
      return accepted({
        type: 'RiskActionAdded',
        data: {
          actionId: requiredText(data.actionId),
          riskId: risk.id,
          title: requiredText(data.title),
          owner: requiredText(data.owner),
          dueAt: normalisedTimestamp(data.dueAt),
          causeIndexes: [...causeIndexes].sort((a, b) => a - b),
          by,
          at,
        },
      });
    }
    case 'complete-action': {
      const refusal = firstRefusal(
        checkRequiredText(command.data.actionId, 'actionId', 'åtgärdens id'),
        checkRequiredText(command.data.result, 'result', 'resultat'),
      );
      if (refusal) return refused(refusal);
      const action = state.actions[requiredText(command.data.actionId)];
      if (!action)
        return refused(newRefusal('NOT_FOUND', 'ACTION_NOT_FOUND', 'Åtgärden finns inte.', 'actionId'));
      const stage = requireWorkStage(state, 'slutföra en åtgärd');
      if (stage) return refused(stage);
      if (action.status !== 'open')
        return refused(transition('ACTION_ALREADY_COMPLETED', 'Åtgärden är redan genomförd.', 'actionId'));
      return accepted(
        {
          type: 'RiskActionCompleted',
          data: {
            actionId: action.id,
            result: requiredText(command.data.result),
            late: now.getTime() > Date.parse(action.dueAt),
            by,
            at,
          },
        },
        ...completeTasks(state, at, (task) => task.actionId === action.id, by),
      );
    }
    case 'reassess': {
      const refusal =
        requireRisk(state, command.data.riskId) ??
        checkRequiredText(command.data.rationale, 'rationale', 'motivering');
      if (refusal) return refused(refusal);
      const score = scored(command.data.probability, command.data.severity, policy, '');
      if (isRefusal(score)) return refused(score);
      const stage = requireWorkStage(state, 'bedöma om en risk');
      if (stage) return refused(stage);
      const riskId = requiredText(command.data.riskId);
      const actions = Object.values(state.actions).filter((action) => action.riskId === riskId);
      if (actions.length === 0)
        return refused(
          transition('RISK_HAS_NO_ACTIONS', 'Risken kan bedömas om först när den har åtgärder.', 'riskId'),
        );
      if (actions.some((action) => action.status === 'open'))
        return refused(
          transition(
            'RISK_ACTIONS_OPEN',
            'Risken bedöms om (kvarstående risk) när dess åtgärder är genomförda.',
            'riskId',
          ),
        );
      return accepted({
        type: 'RiskReassessed',
        data: { riskId, ...score, rationale: requiredText(command.data.rationale), by, at },
      });
    }
    case 'accept-risk': {
      const refusal =
        requireRisk(state, command.data.riskId) ??
        checkRequiredText(command.data.rationale, 'rationale', 'motivering') ??
        requireWorkStage(state, 'acceptera en risk');
      if (refusal) return refused(refusal);
      const risk = state.risks[requiredText(command.data.riskId)]!;
      if (risk.accepted)
        return refused(transition('RISK_ALREADY_ACCEPTED', 'Risken är redan accepterad.', 'riskId'));
      return accepted({
        type: 'RiskAccepted',
        data: { riskId: risk.id, rationale: requiredText(command.data.rationale), by, at },
      });
    }
    case 'close': {
      const refusal =
        checkRequiredText(command.data.summary, 'summary', 'sammanfattning') ??
        requireWorkStage(state, 'avsluta den') ??
        missingForClose(state);
      if (refusal) return refused(refusal);
      return accepted(
        { type: 'RiskAssessmentClosed', data: { summary: requiredText(command.data.summary), by, at } },
        ...completeTasks(state, at, () => true, by),
      );
    }
    case 'record-action-missed': {
      const { data } = command;
      const action = state.actions[data.actionId];
      if (!action)
        return refused(newRefusal('NOT_FOUND', 'ACTION_NOT_FOUND', 'Åtgärden finns inte.', 'actionId'));
      if (state.stage === 'closed' || state.stage === 'dismissed')
        return refused(transition('RISK_ASSESSMENT_ENDED', 'Riskanalysen är avslutad.'));
      if (action.status !== 'open')
        return refused(transition('DEADLINE_NOT_OPEN', 'Åtgärden är redan genomförd.', 'actionId'));
      if (now.getTime() < Date.parse(action.dueAt))
        return refused(transition('DEADLINE_NOT_DUE', 'Åtgärdens slutdatum har inte passerats.', 'actionId'));
      if (!Number.isInteger(data.escalationLevel) || data.escalationLevel <= action.escalationLevel)
        return refused(
          invalidField('escalationLevel', 'Eskaleringsnivån måste vara högre än den senast registrerade.'),
        );
      return accepted({
        type: 'RiskActionDeadlineMissed',
        data: {
          actionId: action.id,
          escalationLevel: data.escalationLevel,
          escalatedTo: [...data.escalatedTo],
          at,
        },
      });
    }
    case 'create-task': {
      const { data } = command;
      if (state.tasks[data.taskId] !== undefined)
        return refused(
          newRefusal('ALREADY_EXISTS', 'TASK_ALREADY_EXISTS', 'Uppgiften finns redan.', 'taskId'),
        );
      if (state.stage === 'closed' || state.stage === 'dismissed')
        return refused(transition('RISK_ASSESSMENT_ENDED', 'Riskanalysen är avslutad.'));
      if (data.assignee === undefined && data.assigneeRole === undefined)
        return refused(invalidField('assignee', 'Uppgiften måste ha en mottagare.', 'REQUIRED'));
      return accepted({ type: 'RiskTaskCreated', data: { ...data, createdAt: at } });
    }
    case 'complete-task': {
      const task = state.tasks[command.data.taskId];
      if (!task) return refused(newRefusal('NOT_FOUND', 'TASK_NOT_FOUND', 'Uppgiften finns inte.', 'taskId'));
      if (task.status === 'done')
        return refused(transition('TASK_ALREADY_DONE', 'Uppgiften är redan klar.', 'taskId'));
      return accepted({ type: 'RiskTaskCompleted', data: { taskId: task.id, at } });
    }
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

/**
 * The risk assessment decider: the events a command gives on the current state, or a named refusal.
 * Pure and deterministic; `now` is the only clock and `policy` gives the bands a score's level comes
 * from (RA-3, configurable). Every command but `create`/`propose` needs an existing assessment.
 */
export function decideRiskAssessment(
  command: RiskAssessmentCommand,
  state: RiskAssessmentState,
  now: Date,
  policy: Policy = DEFAULT_RISK_POLICY,
): DecideRiskAssessmentResult {
  if (command.type === 'create') return decideCreate(command, state, now, policy);
  if (command.type === 'propose') return decidePropose(command, state, now);
  if (state === null)
    return refused(newRefusal('NOT_FOUND', 'RISK_ASSESSMENT_NOT_FOUND', 'Riskanalysen finns inte.'));
  return decideOnExisting(command, state, now, policy);
}
