import type { LsCommand } from '../ledningssystem/ledningssystem-common';
import type {
  AdvanceDutiesCommand,
  DutyTasksOpened,
  LsEvent,
  LsStateBase,
} from '../ledningssystem/ls-aggregate';

/** A category of causes (IMP-5): a stable code for trends and a Swedish name for people. */
export interface CauseCategory {
  readonly code: string;
  readonly label: string;
}

/**
 * IMP-5's defaults (inferred in domain.md): routine, handover, competence, staffing, technology,
 * cooperation — plus "annat" so that a cause never has to be forced into a wrong category.
 */
export const DEFAULT_CAUSE_CATEGORIES: readonly CauseCategory[] = [
  { code: 'rutin', label: 'Rutin' },
  { code: 'overlamning', label: 'Överlämning' },
  { code: 'kompetens', label: 'Kompetens' },
  { code: 'bemanning', label: 'Bemanning' },
  { code: 'teknik', label: 'Teknik' },
  { code: 'samverkan', label: 'Samverkan' },
  { code: 'annat', label: 'Annat' },
];

/** A contributing cause made the event more likely; a root cause is what, removed, would have prevented it. */
export const CAUSE_KINDS = ['contributing', 'root'] as const;
export type CauseKind = (typeof CAUSE_KINDS)[number];

/** A case the analysis is about, as it was when linked (the unit decides who may take part). */
export interface AnalysedCase {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly unitId: string;
}

export interface TeamMember {
  readonly name: string;
  /** The member's role in the analysis or at work, e.g. "undersköterska", "sakkunnig". */
  readonly role: string;
}

/** One step of what happened. Roles only: the timeline is read in nämnd material (no personal data). */
export interface TimelineEntry {
  readonly entryId: string;
  /** `YYYY-MM-DD` or `YYYY-MM-DD HH:mm` (local time), as the team knows it. */
  readonly when: string;
  readonly what: string;
  readonly role: string;
}

export interface AnalysedCause {
  readonly causeId: string;
  readonly category: string;
  readonly kind: CauseKind;
  readonly description: string;
}

export interface EventAnalysisState extends LsStateBase {
  readonly reference: string;
  readonly title: string;
  /** The analysis leader. */
  readonly owner: string;
  /** The unit of the first linked case: where the analysis is listed and its tasks belong. */
  readonly unitId: string;
  readonly cases: readonly AnalysedCase[];
  readonly team: readonly TeamMember[];
  readonly timeline: readonly TimelineEntry[];
  readonly causes: readonly AnalysedCause[];
  /** The categories in force when the analysis started; later changes to the list do not reclassify it. */
  readonly categories: readonly CauseCategory[];
  readonly status: 'started' | 'completed';
  readonly summary: string | null;
  readonly startedAt: string;
  readonly startedBy: string;
  readonly completedAt: string | null;
  readonly completedBy: string | null;
}

export type EventAnalysisCommand =
  | LsCommand<
      'start',
      {
        readonly analysisId: string;
        readonly reference: string;
        readonly title: string;
        readonly owner: string;
        readonly cases: readonly AnalysedCase[];
        readonly team: readonly TeamMember[];
        readonly categories: readonly CauseCategory[];
      }
    >
  | LsCommand<'link-case', AnalysedCase>
  | LsCommand<'set-team', { readonly team: readonly TeamMember[] }>
  | LsCommand<'add-timeline-entry', Omit<TimelineEntry, 'entryId'> & { readonly entryId: string }>
  | LsCommand<'remove-timeline-entry', { readonly entryId: string }>
  | LsCommand<'add-cause', AnalysedCause>
  | LsCommand<'remove-cause', { readonly causeId: string }>
  | LsCommand<'complete', { readonly summary: string }>
  | AdvanceDutiesCommand;

type At = { readonly at: string; readonly by: string };

export type EventAnalysisEvent =
  | LsEvent<'EventAnalysisStarted', Extract<EventAnalysisCommand, { type: 'start' }>['data'] & At>
  | LsEvent<'EventAnalysisCaseLinked', AnalysedCase & At>
  | LsEvent<'EventAnalysisTeamSet', { readonly team: readonly TeamMember[] } & At>
  | LsEvent<'EventAnalysisTimelineEntryAdded', TimelineEntry & At>
  | LsEvent<'EventAnalysisTimelineEntryRemoved', { readonly entryId: string } & At>
  | LsEvent<'EventAnalysisCauseAdded', AnalysedCause & At>
  | LsEvent<'EventAnalysisCauseRemoved', { readonly causeId: string } & At>
  | LsEvent<'EventAnalysisCompleted', { readonly summary: string } & At>
  | DutyTasksOpened;
