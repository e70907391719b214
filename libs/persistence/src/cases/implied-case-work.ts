import {
  applyCaseEvent,
  applyWorkResult,
  decideCase,
  evolveCase,
  initialCaseFlowState,
  pendingWork,
} from '@kvalitet/domain';
import type { CaseAggregateState, CaseEvent, CaseFlowState, CaseState } from '@kvalitet/domain';
import { caseWorkflowId, toCaseWorkflowEvent } from '@kvalitet/contracts';
import type { EventEnvelope } from '@kvalitet/contracts';
import { CaseRefusedError } from './case-refused.error';
import type { CaseCommandInput } from './case-command-service';
import { writeCaseWork, type CaseWorkSources, type CaseWorkTarget } from './case-work-writer';

/**
 * A target that decides each implied command on the state in memory and keeps its events, so they
 * are appended in the same statement as the command that implied them.
 */
class CollectingTarget implements CaseWorkTarget {
  readonly workflowId: string;
  readonly events: CaseEvent[] = [];

  constructor(
    caseId: string,
    public state: CaseAggregateState,
    private readonly now: Date,
  ) {
    this.workflowId = caseWorkflowId(caseId);
  }

  async write(command: CaseCommandInput): Promise<void> {
    const decision = decideCase(command, this.state, this.now);
    if (!decision.ok) throw new CaseRefusedError(decision.refusal);
    for (const event of decision.events) this.add(event);
  }

  add(event: CaseEvent): void {
    this.state = evolveCase(this.state, event) as CaseAggregateState;
    this.events.push(event);
  }

  step<T>(run: (state: CaseAggregateState) => Promise<T>): Promise<T> {
    return run(this.state);
  }
}

/** The fields of a not yet appended event that the case flow reads. */
function pendingEnvelope(caseId: string, event: CaseEvent, version: number, now: Date): EventEnvelope {
  const at = now.toISOString();
  return {
    id: `pending:${caseId}:${version}`,
    position: '0',
    aggregateType: 'case',
    aggregateId: caseId,
    version,
    type: event.type,
    schemaVersion: 1,
    data: event.data as unknown as Record<string, unknown>,
    metadata: { actor: 'system', correlationId: caseId },
    occurredAt: at,
    recordedAt: at,
  };
}

function fold(flow: CaseFlowState, envelope: EventEnvelope): void {
  const event = toCaseWorkflowEvent(envelope);
  if (event !== null) applyCaseEvent(flow, event);
}

export interface ImpliedWorkInput {
  readonly caseId: string;
  /** The stored stream before the command (empty for a report) and the state it folds to. */
  readonly history: readonly EventEnvelope[];
  readonly state: CaseState;
  readonly now: Date;
  /** The settings the implied work reads (`lazySources`: each at most once per command). */
  readonly sources: CaseWorkSources;
}

/**
 * A command records what it implies (ADR 0021): the events to append for `decide` — first the
 * deadlines and tasks the stored history already implied and nobody wrote yet (the workflow may lag
 * behind), then the command's own events decided on that state, then the deadlines it starts or
 * cancels and the tasks it opens or closes. The case flow (`applyCaseEvent`, `pendingWork` in the
 * domain) says what is implied; `writeCaseWork` decides it, with the ids the case workflow derives,
 * so the workflow later finds it all written and only keeps the timers.
 *
 * `decide` returns the command's events or throws its refusal (CaseRefusedError).
 */
export async function withImpliedWork(
  input: ImpliedWorkInput,
  decide: (state: CaseState) => readonly CaseEvent[],
): Promise<CaseEvent[]> {
  const { caseId, history, now } = input;
  const flow = initialCaseFlowState(caseId);
  for (const envelope of history) fold(flow, envelope);
  let target: CollectingTarget | null = null;
  if (input.state !== null) {
    target = new CollectingTarget(caseId, input.state, now);
    await catchUp(target, flow, now, input.sources);
  }
  const decided = decide(target?.state ?? input.state);
  if (decided.length === 0) return target?.events ?? [];
  const first = decided[0]!;
  if (target === null) {
    if (first.type !== 'CaseReported') return [...decided];
    target = new CollectingTarget(caseId, evolveCase(null, first) as CaseAggregateState, now);
    target.events.push(first);
  } else {
    target.add(first);
  }
  fold(flow, pendingEnvelope(caseId, first, target.state.version, now));
  for (const event of decided.slice(1)) {
    target.add(event);
    fold(flow, pendingEnvelope(caseId, event, target.state.version, now));
  }
  await catchUp(target, flow, now, input.sources);
  return target.events;
}

/** Writes what the flow wants and is not yet written, and tells the flow what became of it. */
async function catchUp(
  target: CollectingTarget,
  flow: CaseFlowState,
  now: Date,
  sources: CaseWorkSources,
): Promise<void> {
  const work = pendingWork(flow, now.toISOString());
  if (work === null) return;
  applyWorkResult(flow, await writeCaseWork(target, work, sources));
}
