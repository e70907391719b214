import { assignmentViewOf, type AssignmentView } from '../tasks/assignment-view';
import type { ImprovementEvent, ImprovementPlan, ImprovementSource } from './improvement-events';
import { rebuildImprovement } from './improvement-state';

export interface ImprovementTaskView extends AssignmentView {
  readonly status: 'open' | 'done';
}

/** A proposal or an improvement action as people see it (IMP-2 fields). */
export interface ImprovementView {
  readonly id: string;
  readonly kind: 'proposal' | 'action';
  readonly reference: string;
  readonly unitId: string;
  readonly stage: string;
  readonly title: string;
  readonly description: string | null;
  readonly expectedEffect: string | null;
  readonly proposer: string | null;
  readonly sources: ImprovementSource[];
  readonly plan: ImprovementPlan | null;
  /** The feedback to the proposer (IMP-8). */
  readonly feedback: {
    readonly decision: string;
    readonly text: string;
    readonly by: string;
    readonly at: string;
    readonly read: boolean;
  } | null;
  readonly implementation: { readonly result: string; readonly late: boolean; readonly at: string } | null;
  readonly followUps: {
    readonly effective: boolean;
    readonly evidence: string;
    readonly by: string;
    readonly at: string;
  }[];
  readonly tasks: ImprovementTaskView[];
  readonly version: number;
  readonly createdAt: string;
}

export interface LessonView {
  readonly id: string;
  readonly kind: 'lesson';
  readonly reference: string;
  readonly sourceUnitId: string;
  readonly sourceCaseId: string | null;
  readonly stage: string;
  readonly title: string;
  readonly finding: string;
  readonly dueAt: string;
  readonly targetUnitIds: string[];
  readonly checks: {
    readonly unitId: string;
    readonly applicable: boolean;
    readonly result: string;
    readonly by: string;
    readonly at: string;
  }[];
  readonly tasks: ImprovementTaskView[];
  readonly version: number;
  readonly createdAt: string;
}

export function buildImprovementView(
  events: readonly ImprovementEvent[],
): ImprovementView | LessonView | null {
  const state = rebuildImprovement(events);
  if (!state) return null;
  const tasks: ImprovementTaskView[] = Object.values(state.tasks).map((t) => ({
    ...assignmentViewOf(t),
    status: t.status,
  }));
  if (state.kind === 'lesson') {
    const shared = events.find((e) => e.type === 'LessonShared');
    const data = shared?.type === 'LessonShared' ? shared.data : null;
    return {
      id: state.id,
      kind: 'lesson',
      reference: state.reference,
      sourceUnitId: state.sourceUnitId,
      sourceCaseId: data?.sourceCaseId ?? null,
      stage: state.stage,
      title: data?.title ?? '',
      finding: data?.finding ?? '',
      dueAt: data?.dueAt ?? '',
      targetUnitIds: [...state.targetUnitIds],
      checks: events.flatMap((e) => (e.type === 'LessonCheckRecorded' ? [{ ...e.data }] : [])),
      tasks,
      version: state.version,
      createdAt: state.createdAt,
    };
  }
  let title = '';
  let description: string | null = null;
  let expectedEffect: string | null = null;
  let sources: ImprovementSource[] = [];
  let plan: ImprovementPlan | null = null;
  let feedback: ImprovementView['feedback'] = null;
  let implementation: ImprovementView['implementation'] = null;
  const followUps: ImprovementView['followUps'] = [];
  let feedbackRead = false;
  for (const e of events) {
    if (e.type === 'ImprovementProposed') {
      title = e.data.title;
      description = e.data.description;
      expectedEffect = e.data.expectedEffect ?? null;
      sources = [{ kind: 'proposal', id: e.data.improvementId, reference: e.data.reference, causes: [] }];
    } else if (e.type === 'ImprovementActionCreated') {
      title = e.data.plan.title;
      description = e.data.description ?? null;
      expectedEffect = e.data.plan.expectedEffect;
      sources = e.data.sources.map((s) => ({ ...s, causes: [...s.causes] }));
      plan = e.data.plan;
    } else if (e.type === 'ImprovementProposalAssessed') {
      feedback = {
        decision: e.data.decision,
        text: e.data.feedback,
        by: e.data.by,
        at: e.data.at,
        read: false,
      };
      if (e.data.plan) plan = e.data.plan;
    } else if (e.type === 'ImprovementReplanned') {
      plan = e.data.plan;
      implementation = null;
    } else if (e.type === 'ImprovementImplemented') {
      implementation = { result: e.data.result, late: e.data.late, at: e.data.at };
    } else if (e.type === 'ImprovementEffectFollowedUp') {
      followUps.push({ ...e.data });
    } else if (e.type === 'ImprovementFeedbackRead') {
      feedbackRead = true;
    }
  }
  return {
    id: state.id,
    kind: state.kind,
    reference: state.reference,
    unitId: state.unitId,
    stage: state.stage,
    title,
    description,
    expectedEffect,
    proposer: state.proposer,
    sources,
    plan,
    feedback: feedback === null ? null : { ...feedback, read: feedbackRead },
    implementation,
    followUps,
    tasks,
    version: state.version,
    createdAt: state.createdAt,
  };
}
