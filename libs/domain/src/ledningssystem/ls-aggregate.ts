import { newRefusal } from '../common/refusal';
import type { Decision } from '../common/refusal';
import type { Duty, DutyTimings, LsTask } from './duty';
import { planDuties, settleTasks } from './duty';
import type { LsActor } from './ledningssystem-common';
import { accept, refuse } from './ledningssystem-common';

/** What every register aggregate's state has: its id, version and the tasks written for its duties. */
export interface LsStateBase {
  readonly id: string;
  readonly version: number;
  readonly tasks: readonly LsTask[];
}

export interface LsEvent<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
}

/** The process manager's command: write the tasks and escalations that are due at `at`. */
export interface AdvanceDutiesCommand {
  readonly type: 'advance-duties';
  readonly actor: LsActor;
  readonly at: string;
  readonly timings: DutyTimings;
  readonly newId: (dutyKey: string, level: number) => string;
}

export type DutyTasksOpened = LsEvent<'DutyTasksOpened', { readonly at: string; readonly tasks: LsTask[] }>;

/**
 * A register aggregate as the application service, the process manager and the projection see it:
 * a decider (`decide`/`evolve` over its own events) plus its pending duties and how its tasks are
 * labelled in the inbox.
 */
export interface LsAggregate<
  S extends LsStateBase,
  C extends { readonly type: string; readonly actor: LsActor },
  E extends LsEvent,
> {
  readonly aggregateType: string;
  decide(command: C, state: S | null, now: Date): Decision<E>;
  evolve(state: S | null, event: E | DutyTasksOpened, version: number): S | null;
  /** Duties not yet done (the planner opens and escalates tasks for them). */
  duties(state: S): Duty[];
  /** Shown as the task's "case number" in the inbox, e.g. the routine's code. */
  label(state: S): string;
  /** True when no duty can ever arise again (repealed routine, ended appointment): the process manager stops. */
  finished(state: S): boolean;
}

/** `advance-duties` for any register: the planner over the aggregate's duties and tasks. */
export function decideAdvanceDuties<S extends LsStateBase>(
  aggregate: Pick<LsAggregate<S, never, never>, 'duties'>,
  command: AdvanceDutiesCommand,
  state: S | null,
): Decision<DutyTasksOpened> & { nextWakeAt?: string | null } {
  if (!state) return refuse(newRefusal('NOT_FOUND', 'NOT_FOUND', 'Finns inte'));
  const plan = planDuties(
    aggregate.duties(state),
    state.tasks,
    new Date(command.at),
    command.timings,
    command.newId,
  );
  if (plan.tasks.length === 0) return { ...accept<DutyTasksOpened>(), nextWakeAt: plan.nextWakeAt };
  return {
    ...accept<DutyTasksOpened>({ type: 'DutyTasksOpened', data: { at: command.at, tasks: plan.tasks } }),
    nextWakeAt: plan.nextWakeAt,
  };
}

export function withOpenedTasks<S extends LsStateBase>(state: S, event: DutyTasksOpened, version: number): S {
  return { ...state, version, tasks: [...state.tasks, ...event.data.tasks] };
}

/** The state with the open tasks of duties no longer pending marked done at `at`. */
export function withSettledTasks<S extends LsStateBase>(state: S, pending: readonly Duty[], at: string): S {
  return { ...state, tasks: settleTasks(state.tasks, pending, at) };
}

type CreatedBy<E extends LsEvent, T extends E['type']> = Extract<E, { readonly type: T }>;

/** How a register aggregate's own events build its state. */
export interface LsEvolution<S extends LsStateBase, E extends LsEvent, T extends E['type']> {
  /** The type of the event that creates the aggregate; the events before it leave no state. */
  readonly createdBy: T;
  created(event: CreatedBy<E, T>, version: number): S;
  changed(state: S, event: Exclude<E, CreatedBy<E, T> | DutyTasksOpened>, version: number): S;
}

/** The evolve of a register aggregate: the tasks its duties open are added the same way for all. */
export function evolveLs<S extends LsStateBase, E extends LsEvent, T extends E['type']>(
  evolution: LsEvolution<S, E, T>,
): (state: S | null, event: E | DutyTasksOpened, version: number) => S | null {
  return (state, event, version) => {
    if (event.type === evolution.createdBy) return evolution.created(event as CreatedBy<E, T>, version);
    if (!state) return null;
    if (event.type === 'DutyTasksOpened') return withOpenedTasks(state, event as DutyTasksOpened, version);
    return evolution.changed(state, event as Exclude<E, CreatedBy<E, T> | DutyTasksOpened>, version);
  };
}

/** Rebuilds a state from its events (versions 1..n). */
export function rebuildLs<S extends LsStateBase, E extends LsEvent>(
  evolve: (state: S | null, event: E | DutyTasksOpened, version: number) => S | null,
  events: readonly (E | DutyTasksOpened)[],
): S | null {
  let state: S | null = null;
  events.forEach((event, index) => {
    state = evolve(state, event, index + 1);
  });
  return state;
}
