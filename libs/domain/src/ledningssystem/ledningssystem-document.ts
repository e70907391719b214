import { newRefusal } from '../common/refusal';
import type { Decision } from '../common/refusal';
import { stockholmLocalParts, stockholmWallClockToInstant } from '../calendar/stockholm-time';
import type { Duty } from './duty';
import type { AdoptionDecision, LsCommand } from './ledningssystem-common';
import {
  accept,
  invalid,
  refuse,
  requireLocalDate,
  requireText,
  validateDecision,
} from './ledningssystem-common';
import type {
  AdvanceDutiesCommand,
  DutyTasksOpened,
  LsAggregate,
  LsEvent,
  LsStateBase,
} from './ls-aggregate';
import { decideAdvanceDuties, evolveLs, withSettledTasks } from './ls-aggregate';
import type { ReviewImprovementAction } from './review-improvement-actions';
import { normalisedReviewAction, validateReviewActions } from './review-improvement-actions';

/**
 * The ledningssystem document itself (PR-9, AUD-1, AUD-3, AUD-4, REP-13, DL-24): versions with the
 * nämnd decisions that adopted them and the header fields Beslutat av, Fastställelse, Reviderad,
 * Ansvarig, Revideras, Följs upp; and the yearly review in March with its checklist.
 */
export interface DocumentVersion {
  readonly version: string;
  readonly decision: AdoptionDecision;
  /** `YYYY-MM-DD` ("Fastställelse"/"Reviderad") */
  readonly validFrom: string;
  readonly changeNote: string;
  /** "Revideras": how often and when. */
  readonly revisionRule: string;
  /** "Följs upp": how it is followed up. */
  readonly followUpRule: string;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

/** REP-13's inputs and the §10 audit checks, item by item. */
export const REVIEW_CHECKLIST = [
  { key: 'namndbeslut', label: 'Nämnden har fattat beslut om gällande ledningssystem (AUD-1)' },
  { key: 'styrdokument', label: 'Processer och rutiner är reviderade inom sina intervall (AUD-2, PR-5)' },
  {
    key: 'egenkontroll',
    label: 'Egenkontrollplanens kontroller har resultat, analys och åtgärder (AUD-10, AUD-11)',
  },
  { key: 'riskanalyser', label: 'Varje enhet har en dokumenterad riskanalys för året (RA-10, AUD-8)' },
  {
    key: 'avvikelser_klagomal',
    label: 'Klagomål, avvikelser, lex Sarah och lex Maria är sammanställda och analyserade (REP-9)',
  },
  { key: 'forbattringar', label: 'Förbättringsåtgärder är genomförda och uppföljda (IMP-10)' },
  { key: 'forordnanden', label: 'SAS, MAS, verksamhetschef HSL och delegater är förordnade (AUD-5, AUD-6)' },
  { key: 'information_lex_sarah', label: 'Personalen har informerats om lex Sarah (DL-29, AUD-16)' },
  { key: 'internkontroll', label: 'Internkontrollplanens utfall är rapporterat (IK-2)' },
  {
    key: 'lamplighet_effektivitet',
    label: 'Ledningssystemets lämplighet och effektivitet är bedömd (REP-13, AUD-4)',
  },
] as const;
export type ReviewChecklistKey = (typeof REVIEW_CHECKLIST)[number]['key'];

export interface ReviewItem {
  readonly key: ReviewChecklistKey;
  readonly done: boolean;
  readonly note: string;
  readonly checkedBy: string;
  readonly checkedAt: string;
}

export interface AnnualReview {
  readonly year: number;
  readonly items: readonly ReviewItem[];
  readonly outcome: 'approved' | 'improvements_decided' | null;
  readonly decision: AdoptionDecision | null;
  readonly improvements: readonly string[];
  /** The decided improvements as owned actions (IMP-10); empty for reviews completed with text lines only. */
  readonly actions: readonly ReviewImprovementAction[];
  readonly completedAt: string | null;
}

export interface LedningssystemDocumentState extends LsStateBase {
  readonly unitId: string;
  readonly title: string;
  /** "Ansvarig" */
  readonly owner: string;
  readonly status: 'draft' | 'adopted';
  readonly versions: readonly DocumentVersion[];
  readonly reviews: readonly AnnualReview[];
}

export type LedningssystemCommand =
  | LsCommand<
      'create',
      { readonly documentId: string; readonly unitId: string; readonly title: string; readonly owner: string }
    >
  | LsCommand<'adopt-version', Omit<DocumentVersion, 'recordedBy' | 'recordedAt'>>
  | LsCommand<
      'check-review-item',
      {
        readonly year: number;
        readonly key: ReviewChecklistKey;
        readonly done: boolean;
        readonly note: string;
      }
    >
  | LsCommand<
      'complete-review',
      {
        readonly year: number;
        readonly outcome: 'approved' | 'improvements_decided';
        readonly decision: AdoptionDecision;
        readonly improvements: readonly string[];
        readonly actions?: readonly ReviewImprovementAction[];
      }
    >
  | AdvanceDutiesCommand;

export type LedningssystemEvent =
  | LsEvent<
      'LedningssystemCreated',
      {
        readonly documentId: string;
        readonly unitId: string;
        readonly title: string;
        readonly owner: string;
        readonly at: string;
        readonly by: string;
      }
    >
  | LsEvent<'LedningssystemVersionAdopted', DocumentVersion>
  | LsEvent<'ReviewItemChecked', { readonly year: number } & ReviewItem>
  | LsEvent<
      'AnnualReviewCompleted',
      {
        readonly year: number;
        readonly outcome: 'approved' | 'improvements_decided';
        readonly decision: AdoptionDecision;
        readonly improvements: readonly string[];
        /** Absent in reviews completed before decided improvements became owned actions. */
        readonly actions?: readonly ReviewImprovementAction[];
        readonly at: string;
        readonly by: string;
      }
    >
  | DutyTasksOpened;

/** The first review is in the March after the first adoption; then every year (GAP-4 default P1Y). */
export function pendingReviewYear(state: LedningssystemDocumentState): number | null {
  const first = state.versions[0];
  if (!first) return null;
  let year = Number(first.validFrom.slice(0, 4)) + 1;
  while (state.reviews.some((r) => r.year === year && r.completedAt !== null)) year++;
  return year;
}

/** The review of `year` is due by the end of March (DL-24 "i mars månad"). */
export function reviewDueAt(year: number): string {
  return stockholmWallClockToInstant({ year, month: 4, day: 1 }).toISOString();
}

export function ledningssystemDuties(state: LedningssystemDocumentState): Duty[] {
  const year = pendingReviewYear(state);
  if (year === null) return [];
  return [
    {
      key: `review/${year}`,
      kind: 'ledningssystem_review',
      title: `Årlig genomgång av ledningssystemet ${year} (mars) med checklista`,
      dueAt: reviewDueAt(year),
      assigneeRole: 'quality_coordinator',
      unitId: state.unitId,
      escalateTo: ['director'],
    },
  ];
}

/** AUD-4: the pending review's March has passed. */
export function isReviewOverdue(state: LedningssystemDocumentState, at: Date): boolean {
  const year = pendingReviewYear(state);
  return year !== null && Date.parse(reviewDueAt(year)) <= at.getTime();
}

export function decideLedningssystem(
  command: LedningssystemCommand,
  state: LedningssystemDocumentState | null,
  now: Date,
): Decision<LedningssystemEvent> {
  const at = now.toISOString();
  const by = command.actor.username;
  if (command.type !== 'create' && command.type !== 'advance-duties' && !state)
    return refuse(newRefusal('NOT_FOUND', 'NOT_FOUND', 'Ledningssystemet är inte registrerat'));
  switch (command.type) {
    case 'create': {
      if (state)
        return refuse(newRefusal('ALREADY_EXISTS', 'ALREADY_EXISTS', 'Ledningssystemet finns redan'));
      const missing =
        requireText(command.data.title, 'title', 'Titel') ??
        requireText(command.data.owner, 'owner', 'Ansvarig');
      if (missing) return refuse(missing);
      return accept({ type: 'LedningssystemCreated', data: { ...command.data, at, by } });
    }
    case 'adopt-version': {
      const d = command.data;
      const missing =
        requireText(d.version, 'version', 'Version') ??
        requireText(d.changeNote, 'changeNote', 'Ändringsnotering') ??
        requireText(d.revisionRule, 'revisionRule', 'Revideras') ??
        requireText(d.followUpRule, 'followUpRule', 'Följs upp');
      if (missing) return refuse(missing);
      const invalidDecision = validateDecision(d.decision, 'decision');
      if (invalidDecision) return refuse(invalidDecision);
      // KL 6 kap. 38 §, AUD-1, AUD-3: quality may not be delegated, so the nämnd itself adopts it.
      if (d.decision.decidedBy !== 'namnd')
        return invalid(
          'NOT_NAMND',
          'Ledningssystemet fastställs av nämnden själv (KL 6 kap. 38 §)',
          'decision.decidedBy',
        );
      const validFrom = requireLocalDate(d.validFrom, 'validFrom', 'Giltig från måste vara ett datum');
      if (validFrom) return refuse(validFrom);
      if (state!.versions.some((v) => v.version === d.version.trim()))
        return refuse(
          newRefusal('ALREADY_EXISTS', 'VERSION_EXISTS', `Version ${d.version} finns redan`, 'version'),
        );
      return accept({
        type: 'LedningssystemVersionAdopted',
        data: { ...d, version: d.version.trim(), recordedBy: by, recordedAt: at },
      });
    }
    case 'check-review-item': {
      const year = pendingReviewYear(state!);
      if (year === null)
        return refuse(
          newRefusal(
            'INVALID_TRANSITION',
            'NOT_ADOPTED',
            'Ledningssystemet måste vara fastställt innan det kan följas upp',
          ),
        );
      if (command.data.year !== year)
        return refuse(
          newRefusal(
            'INVALID_TRANSITION',
            'NOT_PENDING',
            `Det är genomgången ${year} som står på tur`,
            'year',
          ),
        );
      if (!REVIEW_CHECKLIST.some((i) => i.key === command.data.key))
        return invalid('UNKNOWN_ITEM', 'Okänd punkt i checklistan', 'key');
      if (!command.data.done && command.data.note.trim().length === 0)
        return invalid('NOTE_REQUIRED', 'En punkt som inte är uppfylld behöver en kommentar', 'note');
      return accept({
        type: 'ReviewItemChecked',
        data: {
          year,
          key: command.data.key,
          done: command.data.done,
          note: command.data.note.trim(),
          checkedBy: by,
          checkedAt: at,
        },
      });
    }
    case 'complete-review': {
      const year = pendingReviewYear(state!);
      if (year === null || command.data.year !== year)
        return refuse(
          newRefusal(
            'INVALID_TRANSITION',
            'NOT_PENDING',
            `Det är genomgången ${year ?? '–'} som står på tur`,
            'year',
          ),
        );
      const review = state!.reviews.find((r) => r.year === year);
      const unchecked = REVIEW_CHECKLIST.filter((i) => !review?.items.some((item) => item.key === i.key));
      if (unchecked.length > 0)
        return refuse(
          newRefusal(
            'INVALID_TRANSITION',
            'CHECKLIST_INCOMPLETE',
            `Checklistan är inte genomgången: ${unchecked.map((i) => i.key).join(', ')}`,
          ),
        );
      const invalidDecision = validateDecision(command.data.decision, 'decision');
      if (invalidDecision) return refuse(invalidDecision);
      if (command.data.decision.decidedBy !== 'namnd')
        return invalid(
          'NOT_NAMND',
          'Genomgången redovisas för och beslutas av nämnden (REP-13)',
          'decision.decidedBy',
        );
      const improvements = command.data.improvements.map((i) => i.trim()).filter((i) => i.length > 0);
      const actions = command.data.actions ?? [];
      if (
        command.data.outcome === 'improvements_decided' &&
        improvements.length === 0 &&
        actions.length === 0
      )
        return invalid(
          'REQUIRED',
          'Beslutade förbättringar ska anges (de blir nästa års handlingsplan)',
          'actions',
        );
      if (command.data.outcome === 'approved' && actions.length > 0)
        return invalid(
          'NOT_DECIDED',
          'Förbättringsåtgärder hör till beslutet att åtgärder ska vidtas',
          'outcome',
        );
      const invalidAction = validateReviewActions(actions, now);
      if (invalidAction) return refuse(invalidAction);
      const notMet = review!.items.filter((i) => !i.done);
      if (command.data.outcome === 'approved' && notMet.length > 0)
        return invalid(
          'NOT_ALL_MET',
          'Ledningssystemet kan inte godkännas utan åtgärder när punkter inte är uppfyllda',
          'outcome',
        );
      return accept({
        type: 'AnnualReviewCompleted',
        data: {
          year,
          outcome: command.data.outcome,
          decision: command.data.decision,
          improvements,
          ...(actions.length > 0 ? { actions: actions.map(normalisedReviewAction) } : {}),
          at,
          by,
        },
      });
    }
    case 'advance-duties':
      return decideAdvanceDuties({ duties: ledningssystemDuties }, command, state);
    default: {
      const exhaustive: never = command;
      return exhaustive;
    }
  }
}

function withReview(
  state: LedningssystemDocumentState,
  year: number,
  change: (review: AnnualReview) => AnnualReview,
): LedningssystemDocumentState {
  const existing = state.reviews.find((r) => r.year === year) ?? {
    year,
    items: [],
    outcome: null,
    decision: null,
    improvements: [],
    actions: [],
    completedAt: null,
  };
  return {
    ...state,
    reviews: [...state.reviews.filter((r) => r.year !== year), change(existing)].sort(
      (a, b) => a.year - b.year,
    ),
  };
}

export const evolveLedningssystem = evolveLs<
  LedningssystemDocumentState,
  LedningssystemEvent,
  'LedningssystemCreated'
>({
  createdBy: 'LedningssystemCreated',
  created: ({ data: d }, version) => ({
    id: d.documentId,
    version,
    tasks: [],
    unitId: d.unitId,
    title: d.title,
    owner: d.owner,
    status: 'draft',
    versions: [],
    reviews: [],
  }),
  changed: (state, event, version) => {
    switch (event.type) {
      case 'LedningssystemVersionAdopted':
        return { ...state, version, status: 'adopted', versions: [...state.versions, event.data] };
      case 'ReviewItemChecked': {
        const { year, ...item } = event.data;
        return {
          ...withReview(state, year, (r) => ({
            ...r,
            items: [...r.items.filter((i) => i.key !== item.key), item],
          })),
          version,
        };
      }
      case 'AnnualReviewCompleted': {
        const d = event.data;
        const next = {
          ...withReview(state, d.year, (r) => ({
            ...r,
            outcome: d.outcome,
            decision: d.decision,
            improvements: d.improvements,
            actions: d.actions ?? [],
            completedAt: d.at,
          })),
          version,
        };
        return withSettledTasks(next, ledningssystemDuties(next), d.at);
      }
      default: {
        const exhaustive: never = event;
        return exhaustive;
      }
    }
  },
});

export const LEDNINGSSYSTEM_DOCUMENT_AGGREGATE: LsAggregate<
  LedningssystemDocumentState,
  LedningssystemCommand,
  LedningssystemEvent
> = {
  aggregateType: 'ledningssystem',
  decide: decideLedningssystem,
  evolve: evolveLedningssystem,
  duties: ledningssystemDuties,
  label: (state) => `Ledningssystem v${state.versions[state.versions.length - 1]?.version ?? '–'}`,
  finished: () => false,
};

/** Stockholm year of an instant (for "this year's review"). */
export function stockholmYearOf(at: Date): number {
  return stockholmLocalParts(at).year;
}
