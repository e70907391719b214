import { CASE_TYPE_LABELS, type CaseType } from '@kvalitet/domain';
import type { FlatUnit } from '../api/hooks';
import type { ApiSchemas } from '../api/types';

export type Routine = ApiSchemas['RoutineDto'];
export type RoutineVersion = ApiSchemas['RoutineVersionDto'];
export type RoutineCaseLink = ApiSchemas['RoutineCaseLinkDto'];

export const ROUTINE_KIND_LABELS: Readonly<Record<string, string>> = { process: 'Process', routine: 'Rutin' };

export const ROUTINE_STATUS_LABELS: Readonly<Record<string, string>> = {
  draft: 'Utkast',
  adopted: 'Fastställd',
  repealed: 'Upphävd',
};

/** PR-1: the three process levels in plain words. */
export const LEVEL_LABELS: Readonly<Record<number, string>> = {
  1: 'Nivå 1 – övergripande process',
  2: 'Nivå 2 – delprocess',
  3: 'Nivå 3 – aktivitet',
};

/** The revision intervals a person chooses between (PR-5); the api takes them as durations. */
export const REVISION_INTERVALS: readonly { value: string; label: string }[] = [
  { value: 'P6M', label: 'Varje halvår' },
  { value: 'P1Y', label: 'Varje år' },
  { value: 'P2Y', label: 'Vartannat år' },
  { value: 'P3Y', label: 'Vart tredje år' },
];

/** "1 år", "6 månader", "2 år och 6 månader": a duration as people say it; anything else as it came. */
export function describeInterval(duration: string): string {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(duration);
  if (!m || duration === 'P') return duration;
  const [years, months, weeks, days] = m.slice(1).map((v) => (v ? Number(v) : 0)) as [
    number,
    number,
    number,
    number,
  ];
  const parts = [
    years ? `${years} år` : '',
    months ? `${months} ${months === 1 ? 'månad' : 'månader'}` : '',
    weeks ? `${weeks} ${weeks === 1 ? 'vecka' : 'veckor'}` : '',
    days ? `${days} ${days === 1 ? 'dag' : 'dagar'}` : '',
  ].filter(Boolean);
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} och ${parts.at(-1)}` : (parts[0] ?? duration);
}

/** "Varje år", "Vartannat år"; other intervals as "Var 18:e månad" would be, said plainly. */
export function intervalLabel(duration: string): string {
  return (
    REVISION_INTERVALS.find((i) => i.value === duration)?.label ??
    `Med ${describeInterval(duration)} mellanrum`
  );
}

export function caseTypeLabel(type: string): string {
  return CASE_TYPE_LABELS[type as CaseType] ?? 'Ärende';
}

/** DL-32: the owner is told 60 days ahead; the register warns as early. */
export const REVISION_WARNING_DAYS = 60;

export type RevisionState = 'overdue' | 'soon' | 'ok' | 'none';

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/** Overdue (PR-5: flagged), due within 60 days (a warning), or neither; `today` is `YYYY-MM-DD`. */
export function revisionStateOf(
  routine: Pick<Routine, 'status' | 'nextRevisionDue' | 'revisionOverdue'>,
  today: string,
): RevisionState {
  if (routine.status !== 'adopted' || !routine.nextRevisionDue) return 'none';
  if (routine.revisionOverdue || routine.nextRevisionDue <= today) return 'overdue';
  return dayNumber(routine.nextRevisionDue) - dayNumber(today) <= REVISION_WARNING_DAYS ? 'soon' : 'ok';
}

const RANK: Readonly<Record<RevisionState, number>> = { overdue: 0, soon: 1, ok: 2, none: 3 };

/** The register's order: overdue revisions first, then those due soon (earliest first), then by document id. */
export function sortRoutines<
  R extends Pick<Routine, 'status' | 'nextRevisionDue' | 'revisionOverdue' | 'code'>,
>(routines: readonly R[], today: string): R[] {
  return [...routines].sort(
    (a, b) =>
      RANK[revisionStateOf(a, today)] - RANK[revisionStateOf(b, today)] ||
      (a.nextRevisionDue ?? '9999').localeCompare(b.nextRevisionDue ?? '9999') ||
      a.code.localeCompare(b.code, 'sv'),
  );
}

/** A unit and the units under it, from the flattened tree (children follow their parent, deeper). */
export function unitWithDescendants(units: readonly FlatUnit[], unitId: string): string[] {
  const start = units.findIndex((u) => u.id === unitId);
  if (start < 0) return [unitId];
  const ids = [unitId];
  for (let i = start + 1; i < units.length && units[i]!.depth > units[start]!.depth; i++)
    ids.push(units[i]!.id);
  return ids;
}

/**
 * May the person change documents of this unit (the api's canManageUnitRegister): kvalitet and the
 * förvaltningschef anywhere in their board, unit and division managers within their units. The api
 * decides in any case; this only avoids offering forms it would refuse.
 */
export function mayManageRoutinesOf(
  me: { roles: readonly string[]; unitIds: readonly string[] } | null | undefined,
  unitId: string,
  units: readonly FlatUnit[],
): boolean {
  if (!me) return false;
  if (me.roles.some((r) => r === 'quality_coordinator' || r === 'director')) return true;
  if (!me.roles.some((r) => r === 'unit_manager' || r === 'division_manager')) return false;
  return me.unitIds.some((own) => unitWithDescendants(units, own).includes(unitId));
}

/** Could the person create documents at all (the "Ny process/rutin" form)? */
export function mayCreateRoutines(roles: readonly string[]): boolean {
  return roles.some((r) =>
    ['quality_coordinator', 'director', 'unit_manager', 'division_manager'].includes(r),
  );
}

export { todayInStockholm } from './format';

/** The version after the current one: "1.0" → "2.0", "2.3" → "3.0"; "1.0" for the first. */
export function suggestNextVersion(current: string | null): string {
  if (!current) return '1.0';
  const major = /^(\d+)/.exec(current);
  return major ? `${Number(major[1]) + 1}.0` : '';
}
