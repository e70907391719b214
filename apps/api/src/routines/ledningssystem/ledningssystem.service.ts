import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  DECIDING_BODY_LABELS,
  LEDNINGSSYSTEM_DOCUMENT_AGGREGATE,
  ledningssystemHealth,
  REVIEW_CHECKLIST,
  missingAppointments,
  pendingReviewYear,
  planOccurrences,
  reviewActionDueAt,
  reviewDueAt,
  stockholmDateOf,
  stockholmYearOf,
} from '@kvalitet/domain';
import type {
  AnnualReview,
  AppointmentState,
  EgenkontrollPlanState,
  InternkontrollState,
  LedningssystemCommand,
  LedningssystemDocumentState,
  LedningssystemEvent,
  ReviewImprovementAction,
} from '@kvalitet/domain';
import {
  appointmentsWithDelegations,
  EventStore,
  ImprovementCommandService,
  LsCommandService,
  VersionConflictError,
} from '@kvalitet/persistence';
import type { Principal } from '../../access/principal';
import type { RequestInfo } from '../../common/http/request-info';
import { ApiProblem } from '../../common/problem/api-problem';
import { createOnce, createdUnder } from '../../idempotency/create-once';
import { DATA_SOURCE } from '../../infrastructure/infrastructure.tokens';
import { PersonChecks } from '../../users/person-checks';
import type { CompleteReviewDto, ReviewActionViewDto } from './ledningssystem.dto';
import { nameUuid } from '../register-support/name-uuid';
import { toLsTaskDto } from '../register-support/ls-task.dto';
import type { AnnualReviewDto, LedningssystemDto, ReviewFactsDto } from './ledningssystem.dto';
import { toDecisionStatusDto } from './ledningssystem-status.service';

const LEDNINGSSYSTEM_ID = nameUuid('ledningssystem/forvaltning');

type DocumentCommand = Exclude<LedningssystemCommand, { type: 'create' | 'advance-duties' }>;

/** The improvement action a decided improvement becomes: the same id on every retry, so no duplicates. */
const reviewActionId = (year: number, index: number) =>
  nameUuid(`ledningssystem/forvaltning/review/${year}/action/${index}`);

function reviewDto(
  review: AnnualReview | undefined,
  year: number,
  now: Date,
  actions: ReviewActionViewDto[] = [],
): AnnualReviewDto {
  return {
    year,
    dueAt: reviewDueAt(year),
    overdue: !review?.completedAt && Date.parse(reviewDueAt(year)) <= now.getTime(),
    checklist: REVIEW_CHECKLIST.map((i) => {
      const item = review?.items.find((x) => x.key === i.key);
      return {
        key: i.key,
        label: i.label,
        done: item ? item.done : null,
        note: item?.note ?? '',
        checkedBy: item?.checkedBy ?? null,
      };
    }),
    outcome: review?.outcome ?? null,
    decision: review?.decision ? { ...review.decision } : null,
    improvements: [...(review?.improvements ?? [])],
    actions,
    completedAt: review?.completedAt ?? null,
  };
}

/** The ledningssystem document (PR-9) with its nämnd decisions and the March review (REP-13), one per board. */
@Injectable()
export class LedningssystemService {
  readonly documents: LsCommandService<
    LedningssystemDocumentState,
    LedningssystemCommand,
    LedningssystemEvent
  >;

  constructor(
    store: EventStore,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly people: PersonChecks,
  ) {
    this.documents = new LsCommandService(LEDNINGSSYSTEM_DOCUMENT_AGGREGATE, store);
    this.improvements = new ImprovementCommandService(store);
  }

  private readonly improvements: ImprovementCommandService;

  /**
   * REP-13, IMP-10: the nämnd's decision on the March review; each decided improvement becomes an
   * improvement action whose owner gets it in "Mina uppgifter". The actions are written after the
   * completion under ids derived from the year, so a retry (or a crash in between) never duplicates them.
   */
  async completeReview(
    user: Principal,
    year: number,
    body: CompleteReviewDto,
    info: RequestInfo,
  ): Promise<LedningssystemDto> {
    const actions: ReviewImprovementAction[] = (body.actions ?? []).map((action, index) => {
      return {
        improvementId: reviewActionId(year, index),
        title: action.title,
        owner: action.owner.trim(),
        dueOn: action.dueOn,
        unitId: action.unitId ?? 'forvaltning',
      };
    });
    for (const [index, action] of actions.entries())
      await this.people.unitWorker(action.owner, action.unitId, user, `actions[${index}].owner`);
    const { state } = await this.documents.load(LEDNINGSSYSTEM_ID);
    const completed = state?.reviews.find((r) => r.year === year && r.completedAt !== null);
    if (completed) {
      await this.writeActions(user, state!, completed, info);
      throw new ApiProblem('INVALID_TRANSITION', `Genomgången ${year} är redan beslutad.`);
    }
    const done = await this.command(
      user,
      {
        type: 'complete-review',
        actor: user,
        data: {
          year,
          outcome: body.outcome,
          decision: { ...body.decision },
          improvements: body.improvements ?? [],
          ...(actions.length > 0 ? { actions } : {}),
        },
      },
      body.expectedVersion,
      info,
    );
    const after = await this.documents.load(LEDNINGSSYSTEM_ID);
    const review = after.state!.reviews.find((r) => r.year === year)!;
    if (review.actions.length === 0) return done;
    await this.writeActions(user, after.state!, review, info);
    return this.view(after.state!);
  }

  private async writeActions(
    user: Principal,
    document: LedningssystemDocumentState,
    review: AnnualReview,
    info: RequestInfo,
  ): Promise<void> {
    for (const action of review.actions) {
      if ((await this.improvements.load(action.improvementId)).state) continue;
      await this.improvements
        .create(
          {
            type: 'create-action',
            actor: { username: user.username, roles: [...user.roles] },
            data: {
              unitId: action.unitId,
              description: `Beslutad av nämnden vid genomgången av ledningssystemet ${review.year} (nästa års handlingsplan).`,
              sources: [
                {
                  kind: 'ledningssystem_review',
                  id: document.id,
                  year: review.year,
                  reference: `Genomgången av ledningssystemet ${review.year}`,
                  causes: [],
                },
              ],
              plan: {
                title: action.title,
                level: 'organisational',
                owner: action.owner,
                dueAt: reviewActionDueAt(action.dueOn),
                expectedEffect: 'Ledningssystemet blir lämpligare och effektivare (REP-13).',
              },
              taskId: randomUUID(),
            },
          },
          { improvementId: action.improvementId, requestId: info.requestId },
        )
        .catch((error: unknown) => {
          if (!(error instanceof VersionConflictError)) throw error;
        });
    }
  }

  /** Each decided action with where it stands in the improvement register. */
  private async actionViews(review: AnnualReview): Promise<ReviewActionViewDto[]> {
    return Promise.all(
      review.actions.map(async (action) => {
        const { state } = await this.improvements.load(action.improvementId);
        return {
          improvementId: action.improvementId,
          reference: state?.reference ?? null,
          title: action.title,
          owner: action.owner,
          dueOn: action.dueOn,
          unitId: action.unitId,
          stage: state?.stage ?? null,
        };
      }),
    );
  }

  async create(
    user: Principal,
    title: string,
    owner: string,
    info: RequestInfo,
    idempotentId?: string,
  ): Promise<LedningssystemDto> {
    await this.people.unitWorker(owner, 'forvaltning', user, 'owner');
    const { state } = await createOnce({
      idempotentId,
      create: () =>
        this.documents.execute(
          LEDNINGSSYSTEM_ID,
          {
            type: 'create',
            actor: user,
            data: { documentId: LEDNINGSSYSTEM_ID, unitId: 'forvaltning', title, owner },
          },
          { expectedVersion: 0, ...createdUnder(idempotentId), requestId: info.requestId },
        ),
      load: () => this.documents.load(LEDNINGSSYSTEM_ID),
    }).catch((error: unknown) => {
      if (error instanceof VersionConflictError)
        throw new ApiProblem('ALREADY_EXISTS', 'Ledningssystemet är redan registrerat.');
      throw error;
    });
    return this.view(state);
  }

  async get(): Promise<LedningssystemDto> {
    const { state } = await this.documents.load(LEDNINGSSYSTEM_ID);
    if (!state)
      throw ApiProblem.notFound(
        'Ledningssystemet är inte registrerat ännu (AUD-1: det saknas ett beslutat ledningssystem).',
      );
    return this.view(state);
  }

  async command(
    user: Principal,
    command: DocumentCommand,
    expectedVersion: number | undefined,
    info: RequestInfo,
  ): Promise<LedningssystemDto> {
    const { state } = await this.documents.load(LEDNINGSSYSTEM_ID);
    if (!state) throw ApiProblem.notFound('Ledningssystemet är inte registrerat ännu.');
    const result = await this.documents.execute(LEDNINGSSYSTEM_ID, command, {
      expectedVersion,
      requestId: info.requestId,
    });
    return this.view(result.state);
  }

  /** What the review needs to know from the other registers (REP-13 inputs), from their read model. */
  async facts(now: Date): Promise<ReviewFactsDto> {
    const today = stockholmDateOf(now);
    const rows: { aggregate_type: string; status: string; state: unknown }[] = await this.dataSource.query(
      `SELECT aggregate_type, status, state FROM rm_ledningssystem WHERE aggregate_type IN ('routine', 'egenkontroll', 'appointment', 'training', 'internkontroll')`,
    );
    const of = <S>(type: string) => rows.filter((r) => r.aggregate_type === type).map((r) => r.state as S);
    const routinesOverdue = of<{ status: string; nextRevisionDue: string | null }>('routine').filter(
      (r) => r.status === 'adopted' && r.nextRevisionDue !== null && r.nextRevisionDue <= today,
    ).length;
    const egenkontrollMissing = of<EgenkontrollPlanState>('egenkontroll')
      .filter((p) => p.status === 'adopted')
      .reduce((n, p) => n + planOccurrences(p, now).filter((o) => o.status === 'missing').length, 0);
    const trainingOverdue = of<{ status: string; nextDue: string | null }>('training').filter(
      (t) => t.status === 'active' && t.nextDue !== null && t.nextDue <= today,
    ).length;
    const previous = of<InternkontrollState>('internkontroll').find(
      (p) => p.year === stockholmYearOf(now) - 1,
    );
    return {
      routinesOverdue,
      egenkontrollMissing,
      appointmentsMissing: missingAppointments(
        await appointmentsWithDelegations(this.dataSource, of<AppointmentState>('appointment')),
        today,
      ).length,
      trainingOverdue,
      internkontrollStage: previous?.stage ?? null,
    };
  }

  private async view(state: LedningssystemDocumentState): Promise<LedningssystemDto> {
    const now = new Date();
    const current = state.versions[state.versions.length - 1];
    const pending = pendingReviewYear(state);
    return {
      id: state.id,
      title: state.title,
      status: state.status,
      adoptedByNamnd: current?.decision.decidedBy === 'namnd',
      decisionStatus: toDecisionStatusDto(ledningssystemHealth(state, now)),
      header: {
        beslutatAv: current
          ? `${DECIDING_BODY_LABELS[current.decision.decidedBy]} ${current.decision.decidedOn}, ${current.decision.reference}`
          : null,
        faststallelse: state.versions[0]?.validFrom ?? null,
        reviderad: current && state.versions.length > 1 ? current.validFrom : null,
        ansvarig: state.owner,
        revideras: current?.revisionRule ?? null,
        foljsUpp: current?.followUpRule ?? null,
      },
      versions: state.versions.map((v) => ({ ...v, decision: { ...v.decision } })),
      pendingReview:
        pending === null
          ? null
          : reviewDto(
              state.reviews.find((r) => r.year === pending),
              pending,
              now,
            ),
      facts: await this.facts(now),
      reviews: await Promise.all(
        state.reviews
          .filter((r) => r.completedAt !== null)
          .map(async (r) => reviewDto(r, r.year, now, await this.actionViews(r))),
      ),
      tasks: state.tasks.map(toLsTaskDto),
      version: state.version,
    };
  }
}
