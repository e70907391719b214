import type { Decision } from '../common/refusal';
import { newRefusal } from '../common/refusal';
import { isValidLocalDate } from '../calendar/local-date';
import { accept, invalid, refuse, requireText } from '../ledningssystem/ledningssystem-common';
import type { LsAggregate } from '../ledningssystem/ls-aggregate';
import { decideAdvanceDuties, evolveLs } from '../ledningssystem/ls-aggregate';
import { CAUSE_KINDS } from './event-analysis-types';
import type {
  EventAnalysisCommand,
  EventAnalysisEvent,
  EventAnalysisState,
  TeamMember,
} from './event-analysis-types';

/** `YYYY-MM-DD` or `YYYY-MM-DD HH:mm`: the team often knows only the day, sometimes the minute. */
export function isTimelineMoment(value: string): boolean {
  const match = /^(\d{4}-\d{2}-\d{2})(?: ([01]\d|2[0-3]):[0-5]\d)?$/.exec(value);
  return match !== null && isValidLocalDate(match[1]!);
}

function teamRefusal(team: readonly TeamMember[]) {
  const index = team.findIndex((m) => m.name.trim() === '' || m.role.trim() === '');
  if (index >= 0)
    return invalid<EventAnalysisEvent>(
      'REQUIRED',
      'Varje deltagare i teamet måste ha namn och roll',
      `team[${index}]`,
    );
  return null;
}

/**
 * The händelseanalys (RA-11): started for one or more cases (across units and boards), a team, a
 * timeline of what happened, causes by category (IMP-5) and a summary when completed. Its actions are
 * improvement actions with the analysis as their source (IMP-1), so they live in that aggregate.
 */
export function decideEventAnalysis(
  command: EventAnalysisCommand,
  state: EventAnalysisState | null,
  now: Date,
): Decision<EventAnalysisEvent> {
  const at = now.toISOString();
  const by = command.actor.username;
  if (command.type === 'advance-duties') return decideAdvanceDuties({ duties: () => [] }, command, state);
  if (command.type === 'start') {
    if (state) return refuse(newRefusal('ALREADY_EXISTS', 'ALREADY_EXISTS', 'Analysen finns redan'));
    const d = command.data;
    const missing = requireText(d.title, 'title', 'Rubrik') ?? requireText(d.owner, 'owner', 'Analysledare');
    if (missing) return refuse(missing);
    if (d.cases.length === 0) return invalid('REQUIRED', 'Analysen måste gälla minst ett ärende', 'caseIds');
    const team = teamRefusal(d.team);
    if (team) return team;
    return accept({ type: 'EventAnalysisStarted', data: { ...d, at, by } });
  }
  if (!state) return refuse(newRefusal('NOT_FOUND', 'NOT_FOUND', 'Analysen finns inte'));
  if (state.status === 'completed')
    return refuse(newRefusal('INVALID_TRANSITION', 'COMPLETED', 'Analysen är avslutad'));
  switch (command.type) {
    case 'link-case':
      if (state.cases.some((c) => c.caseId === command.data.caseId))
        return invalid('ALREADY_LINKED', 'Ärendet ingår redan i analysen', 'caseId');
      return accept({ type: 'EventAnalysisCaseLinked', data: { ...command.data, at, by } });
    case 'set-team':
      return (
        teamRefusal(command.data.team) ??
        accept({ type: 'EventAnalysisTeamSet', data: { team: command.data.team, at, by } })
      );
    case 'add-timeline-entry': {
      const d = command.data;
      if (!isTimelineMoment(d.when))
        return invalid(
          'INVALID_DATE',
          'Tidpunkten måste vara ett datum, gärna med klockslag (2026-03-01 14:30)',
          'when',
        );
      const missing = requireText(d.what, 'what', 'Vad som hände') ?? requireText(d.role, 'role', 'Roll');
      if (missing) return refuse(missing);
      return accept({ type: 'EventAnalysisTimelineEntryAdded', data: { ...d, at, by } });
    }
    case 'remove-timeline-entry':
      if (!state.timeline.some((e) => e.entryId === command.data.entryId))
        return refuse(newRefusal('NOT_FOUND', 'NOT_FOUND', 'Händelsen finns inte i tidslinjen'));
      return accept({ type: 'EventAnalysisTimelineEntryRemoved', data: { ...command.data, at, by } });
    case 'add-cause': {
      const d = command.data;
      if (!state.categories.some((c) => c.code === d.category))
        return invalid('UNKNOWN_CATEGORY', 'Välj en av orsakskategorierna', 'category');
      if (!CAUSE_KINDS.includes(d.kind))
        return invalid('UNKNOWN_KIND', 'Ange om orsaken är bidragande eller en grundorsak', 'kind');
      const missing = requireText(d.description, 'description', 'Beskrivningen av orsaken');
      if (missing) return refuse(missing);
      if (state.causes.some((c) => c.description.trim() === d.description.trim()))
        return invalid('DUPLICATE_CAUSE', 'Orsaken finns redan i analysen', 'description');
      return accept({
        type: 'EventAnalysisCauseAdded',
        data: { ...d, description: d.description.trim(), at, by },
      });
    }
    case 'remove-cause':
      if (!state.causes.some((c) => c.causeId === command.data.causeId))
        return refuse(newRefusal('NOT_FOUND', 'NOT_FOUND', 'Orsaken finns inte i analysen'));
      return accept({ type: 'EventAnalysisCauseRemoved', data: { ...command.data, at, by } });
    case 'complete': {
      const missing = requireText(command.data.summary, 'summary', 'Sammanfattningen');
      if (missing) return refuse(missing);
      if (!state.causes.some((c) => c.kind === 'root'))
        return invalid('NO_ROOT_CAUSE', 'Ange minst en grundorsak innan analysen avslutas', 'causes');
      return accept({ type: 'EventAnalysisCompleted', data: { summary: command.data.summary, at, by } });
    }
    default: {
      const exhaustive: never = command;
      return exhaustive;
    }
  }
}

export const evolveEventAnalysis = evolveLs<EventAnalysisState, EventAnalysisEvent, 'EventAnalysisStarted'>({
  createdBy: 'EventAnalysisStarted',
  created: ({ data: d }, version) => ({
    id: d.analysisId,
    version,
    tasks: [],
    reference: d.reference,
    title: d.title,
    owner: d.owner,
    unitId: d.cases[0]!.unitId,
    cases: d.cases,
    team: d.team,
    timeline: [],
    causes: [],
    categories: d.categories,
    status: 'started',
    summary: null,
    startedAt: d.at,
    startedBy: d.by,
    completedAt: null,
    completedBy: null,
  }),
  changed: (state, event, version) => {
    switch (event.type) {
      case 'EventAnalysisCaseLinked': {
        const { at: _at, by: _by, ...linked } = event.data;
        return { ...state, version, cases: [...state.cases, linked] };
      }
      case 'EventAnalysisTeamSet':
        return { ...state, version, team: event.data.team };
      case 'EventAnalysisTimelineEntryAdded': {
        const { at: _at, by: _by, ...entry } = event.data;
        // The timeline reads in time order whatever order the team remembers it in.
        const timeline = [...state.timeline, entry].sort((a, b) => a.when.localeCompare(b.when));
        return { ...state, version, timeline };
      }
      case 'EventAnalysisTimelineEntryRemoved':
        return {
          ...state,
          version,
          timeline: state.timeline.filter((e) => e.entryId !== event.data.entryId),
        };
      case 'EventAnalysisCauseAdded': {
        const { at: _at, by: _by, ...cause } = event.data;
        return { ...state, version, causes: [...state.causes, cause] };
      }
      case 'EventAnalysisCauseRemoved':
        return { ...state, version, causes: state.causes.filter((c) => c.causeId !== event.data.causeId) };
      case 'EventAnalysisCompleted':
        return {
          ...state,
          version,
          status: 'completed',
          summary: event.data.summary,
          completedAt: event.data.at,
          completedBy: event.data.by,
        };
      default: {
        const exhaustive: never = event;
        return exhaustive;
      }
    }
  },
});

export const EVENT_ANALYSIS_AGGREGATE: LsAggregate<
  EventAnalysisState,
  EventAnalysisCommand,
  EventAnalysisEvent
> = {
  aggregateType: 'event_analysis',
  decide: decideEventAnalysis,
  evolve: evolveEventAnalysis,
  duties: () => [],
  label: (state) => state.reference,
  finished: (state) => state.status === 'completed',
};

/** Prefix of the analysis reference (`HA-2026-0001`), numbered like case numbers. */
export const EVENT_ANALYSIS_REFERENCE_PREFIX = 'HA';
