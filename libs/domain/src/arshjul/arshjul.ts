import { newRefusal } from '../common/refusal';
import type { Decision } from '../common/refusal';
import { stockholmDateOf, stockholmStartOfDay } from '../calendar/stockholm-time';
import { addPolicyDuration } from '../policy/add-policy-duration';
import type { Duty } from '../ledningssystem/duty';
import type { LsCommand } from '../ledningssystem/ledningssystem-common';
import {
  accept,
  invalid,
  refuse,
  requireLocalDate,
  requireText,
} from '../ledningssystem/ledningssystem-common';
import type {
  AdvanceDutiesCommand,
  DutyTasksOpened,
  LsAggregate,
  LsEvent,
  LsStateBase,
} from '../ledningssystem/ls-aggregate';
import { decideAdvanceDuties, evolveLs, withSettledTasks } from '../ledningssystem/ls-aggregate';
import { ARSHJUL_KINDS, ARSHJUL_OWNER_ROLES } from './arshjul-catalogue';
import type { ArshjulKind, ArshjulOwnerRole, ProposedArshjulItem } from './arshjul-catalogue';

/**
 * The årshjul (DL-31): one board's plan of recurring duties for one year. Every planned item is a
 * duty of its owner, so it is reminded and escalated by the same planner as every other register
 * (AUD-13: SAS's and MAS's proactive work becomes tasks with completion tracked).
 */
export type ArshjulItemStatus = 'planned' | 'done' | 'cancelled';

export interface ArshjulItem extends ProposedArshjulItem {
  readonly status: ArshjulItemStatus;
  readonly doneOn: string | null;
  readonly doneBy: string | null;
  readonly cancelReason: string | null;
}

export interface ArshjulState extends LsStateBase {
  readonly boardId: string;
  /** The board's top unit: the duties' unit, so the inbox shows them to the board's role holders. */
  readonly unitId: string;
  readonly year: number;
  readonly items: readonly ArshjulItem[];
  readonly status: 'active';
}

export interface ArshjulItemInput {
  readonly kind: ArshjulKind;
  readonly title: string;
  readonly ownerRole: ArshjulOwnerRole | null;
  readonly owner: string | null;
  readonly dueOn: string;
  readonly note: string;
}

export type ArshjulCommand =
  | LsCommand<
      'create-plan',
      {
        readonly planId: string;
        readonly boardId: string;
        readonly unitId: string;
        readonly year: number;
        readonly items: readonly ProposedArshjulItem[];
      }
    >
  | LsCommand<'add-item', ArshjulItemInput & { readonly itemId: string }>
  | LsCommand<'move-item', { readonly itemId: string; readonly dueOn: string; readonly note?: string }>
  | LsCommand<'cancel-item', { readonly itemId: string; readonly reason: string }>
  | LsCommand<'mark-done', { readonly itemId: string; readonly doneOn: string; readonly note?: string }>
  | AdvanceDutiesCommand;

type Stamp = { readonly at: string; readonly by: string };

export type ArshjulEvent =
  | LsEvent<
      'ArshjulCreated',
      {
        readonly planId: string;
        readonly boardId: string;
        readonly unitId: string;
        readonly year: number;
        readonly items: readonly ProposedArshjulItem[];
      } & Stamp
    >
  | LsEvent<'ArshjulItemAdded', { readonly item: ProposedArshjulItem } & Stamp>
  | LsEvent<
      'ArshjulItemMoved',
      { readonly itemId: string; readonly dueOn: string; readonly note: string } & Stamp
    >
  | LsEvent<'ArshjulItemCancelled', { readonly itemId: string; readonly reason: string } & Stamp>
  | LsEvent<
      'ArshjulItemDone',
      { readonly itemId: string; readonly doneOn: string; readonly note: string } & Stamp
    >
  | DutyTasksOpened;

/** When a reminder or escalation falls due: the item is late from the day after its date. */
function dueInstant(dueOn: string): string {
  return addPolicyDuration(stockholmStartOfDay(dueOn), 'P1D').toISOString();
}

/** Escalation goes to the quality function and then the förvaltningschef, skipping the owner's own role. */
function escalationOf(item: ArshjulItem): string[] {
  if (item.ownerRole === 'director') return [];
  return ['quality_coordinator', 'director'].filter((role) => role !== item.ownerRole);
}

export function arshjulDuties(state: ArshjulState): Duty[] {
  return state.items
    .filter((item) => item.status === 'planned')
    .map((item) => ({
      key: `item/${item.id}/${item.dueOn}`,
      kind: 'arshjul_item' as const,
      title: `Årshjul ${state.year}: ${item.title}`,
      dueAt: dueInstant(item.dueOn),
      ...(item.owner ? { assignee: item.owner } : { assigneeRole: item.ownerRole ?? 'quality_coordinator' }),
      unitId: state.unitId,
      escalateTo: escalationOf(item),
    }));
}

/** AUD-13, REP-13: how much of the year's plan is done, and what is late, at `today` (`YYYY-MM-DD`). */
export interface ArshjulCompletion {
  readonly year: number;
  /** Items not cancelled. */
  readonly total: number;
  readonly done: number;
  readonly cancelled: number;
  readonly overdue: readonly ArshjulItem[];
}

export function arshjulCompletion(state: ArshjulState, today: string): ArshjulCompletion {
  const active = state.items.filter((i) => i.status !== 'cancelled');
  return {
    year: state.year,
    total: active.length,
    done: active.filter((i) => i.status === 'done').length,
    cancelled: state.items.length - active.length,
    overdue: active.filter((i) => i.status === 'planned' && i.dueOn < today),
  };
}

export function isArshjulItemOverdue(item: ArshjulItem, today: string): boolean {
  return item.status === 'planned' && item.dueOn < today;
}

function validateItem(year: number, item: ArshjulItemInput): Decision<ArshjulEvent> | null {
  if (!ARSHJUL_KINDS.includes(item.kind)) return invalid('UNKNOWN_KIND', 'Okänd sorts uppgift', 'kind');
  const title = requireText(item.title, 'title', 'Rubrik');
  if (title) return refuse(title);
  if (item.owner === null && item.ownerRole === null)
    return invalid('REQUIRED', 'Ansvarig måste anges', 'ownerRole');
  if (item.ownerRole !== null && !ARSHJUL_OWNER_ROLES.includes(item.ownerRole))
    return invalid('UNKNOWN_ROLE', 'Okänd ansvarig roll', 'ownerRole');
  return validateDueOn(year, item.dueOn);
}

function validateDueOn(year: number, dueOn: string): Decision<ArshjulEvent> | null {
  const date = requireLocalDate(dueOn, 'dueOn', 'Datum måste vara ett datum (ÅÅÅÅ-MM-DD)');
  if (date) return refuse(date);
  if (Number(dueOn.slice(0, 4)) !== year)
    return invalid('OUTSIDE_YEAR', `Datumet måste ligga inom ${year}`, 'dueOn');
  return null;
}

function plannedItem(state: ArshjulState, itemId: string): ArshjulItem | Decision<ArshjulEvent> {
  const item = state.items.find((i) => i.id === itemId);
  if (!item)
    return refuse(newRefusal('NOT_FOUND', 'ITEM_NOT_FOUND', 'Uppgiften finns inte i årshjulet', 'itemId'));
  if (item.status === 'done')
    return refuse(newRefusal('INVALID_TRANSITION', 'ITEM_DONE', 'Uppgiften är redan klar'));
  if (item.status === 'cancelled')
    return refuse(newRefusal('INVALID_TRANSITION', 'ITEM_CANCELLED', 'Uppgiften är struken'));
  return item;
}

const isDecision = (value: ArshjulItem | Decision<ArshjulEvent>): value is Decision<ArshjulEvent> =>
  'ok' in value;

export function decideArshjul(
  command: ArshjulCommand,
  state: ArshjulState | null,
  now: Date,
): Decision<ArshjulEvent> {
  const stamp = { at: now.toISOString(), by: command.actor.username };
  if (command.type !== 'create-plan' && command.type !== 'advance-duties' && !state)
    return refuse(newRefusal('NOT_FOUND', 'NOT_FOUND', 'Årshjulet finns inte'));
  switch (command.type) {
    case 'create-plan': {
      if (state)
        return refuse(
          newRefusal('ALREADY_EXISTS', 'ALREADY_EXISTS', `Årshjulet för ${state.year} finns redan`),
        );
      const d = command.data;
      if (!Number.isInteger(d.year) || d.year < 2000 || d.year > 2100)
        return invalid('INVALID_YEAR', 'Året måste vara ett årtal', 'year');
      for (const item of d.items) {
        const refused = validateItem(d.year, item);
        if (refused) return refused;
      }
      return accept({ type: 'ArshjulCreated', data: { ...d, items: [...d.items], ...stamp } });
    }
    case 'add-item': {
      const { itemId, ...input } = command.data;
      const refused = validateItem(state!.year, input);
      if (refused) return refused;
      if (state!.items.some((i) => i.id === itemId))
        return refuse(newRefusal('ALREADY_EXISTS', 'ITEM_EXISTS', 'Uppgiften finns redan', 'itemId'));
      return accept({
        type: 'ArshjulItemAdded',
        data: {
          item: { ...input, id: itemId, title: input.title.trim(), note: input.note.trim() },
          ...stamp,
        },
      });
    }
    case 'move-item': {
      const item = plannedItem(state!, command.data.itemId);
      if (isDecision(item)) return item;
      const refused = validateDueOn(state!.year, command.data.dueOn);
      if (refused) return refused;
      if (command.data.dueOn === item.dueOn) return accept();
      return accept({
        type: 'ArshjulItemMoved',
        data: {
          itemId: item.id,
          dueOn: command.data.dueOn,
          note: (command.data.note ?? '').trim(),
          ...stamp,
        },
      });
    }
    case 'cancel-item': {
      const item = plannedItem(state!, command.data.itemId);
      if (isDecision(item)) return item;
      const reason = requireText(command.data.reason, 'reason', 'Skäl');
      if (reason) return refuse(reason);
      return accept({
        type: 'ArshjulItemCancelled',
        data: { itemId: item.id, reason: command.data.reason.trim(), ...stamp },
      });
    }
    case 'mark-done': {
      const item = plannedItem(state!, command.data.itemId);
      if (isDecision(item)) return item;
      const date = requireLocalDate(command.data.doneOn, 'doneOn', 'Datum måste vara ett datum (ÅÅÅÅ-MM-DD)');
      if (date) return refuse(date);
      if (command.data.doneOn > stockholmDateOf(now))
        return invalid('IN_FUTURE', 'En uppgift kan inte markeras klar i förväg', 'doneOn');
      return accept({
        type: 'ArshjulItemDone',
        data: {
          itemId: item.id,
          doneOn: command.data.doneOn,
          note: (command.data.note ?? '').trim(),
          ...stamp,
        },
      });
    }
    case 'advance-duties':
      return decideAdvanceDuties({ duties: arshjulDuties }, command, state);
    default: {
      const exhaustive: never = command;
      return exhaustive;
    }
  }
}

const fresh = (item: ProposedArshjulItem): ArshjulItem => ({
  ...item,
  status: 'planned',
  doneOn: null,
  doneBy: null,
  cancelReason: null,
});

function changeItem(
  state: ArshjulState,
  itemId: string,
  change: (item: ArshjulItem) => ArshjulItem,
): ArshjulState {
  return { ...state, items: state.items.map((i) => (i.id === itemId ? change(i) : i)) };
}

const byDate = (items: readonly ArshjulItem[]) =>
  [...items].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.id.localeCompare(b.id));

export const evolveArshjul = evolveLs<ArshjulState, ArshjulEvent, 'ArshjulCreated'>({
  createdBy: 'ArshjulCreated',
  created: ({ data: d }, version) => ({
    id: d.planId,
    version,
    tasks: [],
    boardId: d.boardId,
    unitId: d.unitId,
    year: d.year,
    items: byDate(d.items.map(fresh)),
    status: 'active',
  }),
  changed: (state, event, version) => {
    let next: ArshjulState;
    switch (event.type) {
      case 'ArshjulItemAdded':
        next = { ...state, items: byDate([...state.items, fresh(event.data.item)]) };
        break;
      case 'ArshjulItemMoved': {
        const d = event.data;
        next = changeItem(state, d.itemId, (i) => ({ ...i, dueOn: d.dueOn, note: d.note || i.note }));
        next = { ...next, items: byDate(next.items) };
        break;
      }
      case 'ArshjulItemCancelled':
        next = changeItem(state, event.data.itemId, (i) => ({
          ...i,
          status: 'cancelled',
          cancelReason: event.data.reason,
        }));
        break;
      case 'ArshjulItemDone': {
        const d = event.data;
        next = changeItem(state, d.itemId, (i) => ({
          ...i,
          status: 'done',
          doneOn: d.doneOn,
          doneBy: d.by,
          note: d.note || i.note,
        }));
        break;
      }
      default: {
        const exhaustive: never = event;
        return exhaustive;
      }
    }
    return withSettledTasks({ ...next, version }, arshjulDuties(next), event.data.at);
  },
});

export const ARSHJUL_AGGREGATE: LsAggregate<ArshjulState, ArshjulCommand, ArshjulEvent> = {
  aggregateType: 'arshjul',
  decide: decideArshjul,
  evolve: evolveArshjul,
  duties: arshjulDuties,
  label: (state) => `Årshjul ${state.year}`,
  finished: (state) => state.items.every((i) => i.status !== 'planned'),
};

/** The board's top unit (its förvaltning): the årshjul's duties belong to the whole board. */
export function arshjulBoardUnit(
  org: {
    unitsOfBoards(boardIds: readonly string[]): string[];
    get(unitId: string): { parentId: string | null } | undefined;
  },
  boardId: string,
): string {
  const units = org.unitsOfBoards([boardId]);
  return units.find((u) => org.get(u)?.parentId === null) ?? units[0] ?? boardId;
}
