import {
  CASE_TYPE_LABELS,
  CASE_TYPES,
  CASE_USER_COMMAND_TYPES,
  RESPONDABLE_TYPES,
  type CaseType,
  type CaseUserCommandType,
} from '@kvalitet/domain';
import type { Organisation } from '../org/organisation';
import type { Principal } from './principal';
import type { Role } from './roles';

/**
 * The one place that decides who may see and do what (api.md "Visibility", domain.md DATA-4).
 * Pure functions of the caller, the facts of a case and the unit tree; controllers and queries ask
 * these, they never test roles themselves.
 *
 * Reading a case:
 * - `staff` see the cases they reported;
 * - `unit_manager` / `division_manager` the cases of their units and every unit below them (and the
 *   ones they reported);
 * - `director`, `lex_sarah_investigator` (sas), `mas`, `quality_coordinator` (kvalitet) the whole board;
 * - `management_team` (ledning) never a single case and no case list: aggregates only (reports);
 * - the case's current assignee sees the case they were given to work on (DATA-4 "extra access to
 *   one case is explicit and logged": the assignment is that explicit, logged decision).
 *
 * Commands: see `COMMAND_RIGHTS` below.
 */

/** Roles that read every case of the board. */
export const BOARD_WIDE_READERS: readonly Role[] = [
  'director',
  'lex_sarah_investigator',
  'mas',
  'quality_coordinator',
];

/** Roles that read every case of some types on the board: the data protection officer, data breaches (api.md v1.1). */
const TYPE_READERS: Readonly<Partial<Record<Role, readonly CaseType[]>>> = {
  data_protection_officer: ['data_breach'],
};

function typesReadBy(principal: Principal): CaseType[] {
  return principal.roles.flatMap((role) => TYPE_READERS[role] ?? []);
}

/** Roles that read the cases of their units and the units below. */
const UNIT_SCOPED_READERS: readonly Role[] = ['unit_manager', 'division_manager'];

/** The commands of api.md's table, as the domain defines them. */
export const CASE_COMMANDS = CASE_USER_COMMAND_TYPES;

export type CaseCommandName = CaseUserCommandType;

/** What access control needs to know about one case. */
export interface CaseFacts {
  readonly unitId: string;
  readonly type: CaseType;
  readonly reportedBy: string | null;
  readonly assignee: string | null;
}

/** The handling of a case: receipt, assignment, classification, investigation, actions, closing. */
const HANDLING: readonly CaseCommandName[] = [
  'acknowledge',
  'assign',
  'classify',
  'start-investigation',
  'record-investigation',
  'add-action',
  'complete-action',
  'follow-up',
  'close',
  'reopen',
  'link',
  // Skyddade personuppgifter (DATA-2, ADR 0029): marking only narrows who reads, so every handler may.
  'mark-protected-identity',
  'unmark-protected-identity',
];

/** The formal decision and the notification to IVO. */
const DECISION: readonly CaseCommandName[] = ['decide', 'report-to-ivo'];

/** The data protection officer's statutory steps on a data breach (DL-14). */
const BREACH: readonly CaseCommandName[] = ['assess-breach', 'report-to-imy'];

/** "Eskalera till lex Sarah / lex Maria" (LC-2): a deviation's handlers, on the deviation types. */
const ESCALATE: readonly CaseCommandName[] = ['escalate'];
const ESCALATED_TYPES: readonly CaseType[] = ['deviation', 'hsl_deviation'];

/** The lex Maria steps for the patient and the journal (LC-7, LC-8 steps 3–4): the MAS or the assignee. */
const PATIENT_STEPS: readonly CaseCommandName[] = ['inform-patient', 'confirm-journal-note'];

/** After the IVO notification: the nämnd informed, IVO's decision (DL-6) — those who may report to IVO. */
const AFTER_IVO_REPORT: readonly CaseCommandName[] = ['inform-board', 'record-ivo-decision'];

/** What the person a case is assigned to does: investigate and carry out actions. */
const ASSIGNEE_WORK: readonly CaseCommandName[] = [
  'start-investigation',
  'record-investigation',
  'add-action',
  'complete-action',
  'link',
  ...PATIENT_STEPS,
];

/**
 * The answer to a complainant or an issuer (LC-4 step 7, DL-13): "those who handle the case" — its
 * unit's managers up the tree, the director, sas/mas on their types (the rights of `DECISION`), and
 * its assignee on the types that have someone to answer. The decider refuses other types (409).
 */
const RESPOND: readonly CaseCommandName[] = ['respond'];
const ANSWERED_TYPES: readonly CaseType[] = RESPONDABLE_TYPES;

/** Types for which `decide`/`report-to-ivo` belong to a statutory role rather than the line managers. */
const STATUTORY_DECISION_TYPES: readonly CaseType[] = ['lex_sarah', 'lex_maria'];

type Scope = 'in_scope' | 'board';

interface CommandRight {
  readonly role: Role;
  /** `in_scope`: the case's unit is within the caller's units; `board`: any case of the board. */
  readonly scope: Scope;
  readonly commands: readonly CaseCommandName[];
  /** Limits the right to these case types (current type of the case); all types when absent. */
  readonly types?: readonly CaseType[];
  /** Excludes these case types. */
  readonly exceptTypes?: readonly CaseType[];
}

/**
 * Who may run which command on a case (besides the assignee's `ASSIGNEE_WORK` on any type):
 *
 * | role                   | scope    | handling (ack, assign, classify, investigation, actions, follow-up, close, reopen) | decide, report-to-ivo |
 * |------------------------|----------|-------------------------------------|-------------------------------------|
 * | unit_manager           | in scope | all types                           | all but lex_sarah, lex_maria        |
 * | division_manager       | in scope | all types                           | all but lex_sarah, lex_maria        |
 * | director               | board    | all types                           | all types                           |
 * | quality_coordinator    | board    | all types                           | —                                   |
 * | lex_sarah_investigator | board    | lex_sarah, deviation                | lex_sarah                           |
 * | mas                    | board    | hsl_deviation, lex_maria            | lex_maria                           |
 * | data_protection_officer| board    | assess-breach, report-to-imy on data_breach only                          |
 *
 * inform-patient and confirm-journal-note: mas on hsl_deviation/lex_maria and the assignee;
 * inform-board and record-ivo-decision: director, sas on lex_sarah, mas on lex_maria (api.md v1.1).
 * `link` is part of the handling (and of the assignee's work); `escalate` (deviation → lex Sarah,
 * HSL deviation → lex Maria) belongs to the deviation's unit managers, the director, and sas on a
 * deviation / mas on an HSL deviation.
 * | staff, management_team | —        | —                                   | —                                   |
 */
const COMMAND_RIGHTS: readonly CommandRight[] = [
  { role: 'unit_manager', scope: 'in_scope', commands: HANDLING },
  { role: 'unit_manager', scope: 'in_scope', commands: DECISION, exceptTypes: STATUTORY_DECISION_TYPES },
  { role: 'division_manager', scope: 'in_scope', commands: HANDLING },
  { role: 'division_manager', scope: 'in_scope', commands: DECISION, exceptTypes: STATUTORY_DECISION_TYPES },
  { role: 'director', scope: 'board', commands: [...HANDLING, ...DECISION] },
  { role: 'quality_coordinator', scope: 'board', commands: HANDLING },
  { role: 'lex_sarah_investigator', scope: 'board', commands: HANDLING, types: ['lex_sarah', 'deviation'] },
  { role: 'lex_sarah_investigator', scope: 'board', commands: DECISION, types: ['lex_sarah'] },
  { role: 'mas', scope: 'board', commands: HANDLING, types: ['hsl_deviation', 'lex_maria'] },
  { role: 'mas', scope: 'board', commands: DECISION, types: ['lex_maria'] },
  { role: 'data_protection_officer', scope: 'board', commands: BREACH, types: ['data_breach'] },
  { role: 'unit_manager', scope: 'in_scope', commands: RESPOND, exceptTypes: STATUTORY_DECISION_TYPES },
  { role: 'division_manager', scope: 'in_scope', commands: RESPOND, exceptTypes: STATUTORY_DECISION_TYPES },
  { role: 'director', scope: 'board', commands: RESPOND },
  { role: 'lex_sarah_investigator', scope: 'board', commands: RESPOND, types: ['lex_sarah'] },
  { role: 'mas', scope: 'board', commands: RESPOND, types: ['lex_maria'] },
  { role: 'mas', scope: 'board', commands: PATIENT_STEPS, types: ['hsl_deviation', 'lex_maria'] },
  { role: 'director', scope: 'board', commands: AFTER_IVO_REPORT },
  { role: 'lex_sarah_investigator', scope: 'board', commands: AFTER_IVO_REPORT, types: ['lex_sarah'] },
  { role: 'mas', scope: 'board', commands: AFTER_IVO_REPORT, types: ['lex_maria'] },
  { role: 'unit_manager', scope: 'in_scope', commands: ESCALATE, types: ESCALATED_TYPES },
  { role: 'division_manager', scope: 'in_scope', commands: ESCALATE, types: ESCALATED_TYPES },
  { role: 'director', scope: 'board', commands: ESCALATE, types: ESCALATED_TYPES },
  { role: 'lex_sarah_investigator', scope: 'board', commands: ESCALATE, types: ['deviation'] },
  { role: 'mas', scope: 'board', commands: ESCALATE, types: ['hsl_deviation'] },
];

function has(principal: Principal, roles: readonly Role[]): boolean {
  return principal.roles.some((role) => roles.includes(role));
}

/** Only ledning: aggregates, never a case. */
function isAggregatesOnly(principal: Principal): boolean {
  return principal.roles.length > 0 && principal.roles.every((role) => role === 'management_team');
}

function inScope(principal: Principal, unitId: string, org: Organisation): boolean {
  return org.isWithin(unitId, principal.unitIds);
}

/** Board-wide means the boards the caller serves: a nämnd's cases are secret to another's staff (DATA-3, ADR 0030). */
function inBoards(principal: Principal, unitId: string, org: Organisation): boolean {
  return org.isInBoards(unitId, org.boardsOf(principal));
}

/** The units of the boards the caller serves (every unit of an organisation without boards). */
export function boardUnitsOf(principal: Principal, org: Organisation): string[] {
  return org.unitsOfBoards(org.boardsOf(principal));
}

/** May the caller list cases at all (`GET /cases`)? */
export function canListCases(principal: Principal): boolean {
  return !isAggregatesOnly(principal);
}

/** May the caller read this case (detail, events)? */
export function canReadCase(principal: Principal, facts: CaseFacts, org: Organisation): boolean {
  if (isAggregatesOnly(principal)) return false;
  if (has(principal, BOARD_WIDE_READERS) && inBoards(principal, facts.unitId, org)) return true;
  if (has(principal, UNIT_SCOPED_READERS) && inScope(principal, facts.unitId, org)) return true;
  if (typesReadBy(principal).includes(facts.type) && inBoards(principal, facts.unitId, org)) return true;
  if (facts.reportedBy !== null && facts.reportedBy === principal.username) return true;
  return facts.assignee !== null && facts.assignee === principal.username;
}

/**
 * The same rule as `canReadCase`, as a filter the case list applies in SQL: a case is visible if
 * `all`, or its unit is in `unitIds`, or it was reported by / is assigned to `username`.
 * `null` when the caller may list nothing.
 */
export interface CaseVisibilityFilter {
  /** Every case of `boardUnitIds` (the board-wide readers). */
  readonly all: boolean;
  readonly unitIds: readonly string[];
  /** Cases of these types within `boardUnitIds` (the data protection officer's data breaches). */
  readonly types: readonly CaseType[];
  readonly username: string;
  /** The units of the caller's boards: `all` and `types` never reach past them (DATA-3). */
  readonly boardUnitIds: readonly string[];
}

export function caseVisibilityFilter(principal: Principal, org: Organisation): CaseVisibilityFilter | null {
  if (!canListCases(principal)) return null;
  return {
    all: has(principal, BOARD_WIDE_READERS),
    unitIds: has(principal, UNIT_SCOPED_READERS) ? org.scopeOf(principal.unitIds) : [],
    types: typesReadBy(principal),
    username: principal.username,
    boardUnitIds: boardUnitsOf(principal, org),
  };
}

/**
 * Could the caller run any case command on any case? Checked before anything else, so that a caller
 * who never may (staff, ledning, no role) gets 403 whatever the case, the body or the stage. Only the
 * roles of `COMMAND_RIGHTS` handle cases; being the assignee adds `ASSIGNEE_WORK` on that case to
 * such a role (e.g. a unit manager asked to investigate in another unit), it does not make a staff
 * member a handler.
 */
export function mayRunCaseCommands(principal: Principal): boolean {
  return COMMAND_RIGHTS.some((right) => principal.roles.includes(right.role));
}

function rightApplies(
  right: CommandRight,
  principal: Principal,
  command: CaseCommandName,
  facts: CaseFacts,
  org: Organisation,
): boolean {
  if (!principal.roles.includes(right.role) || !right.commands.includes(command)) return false;
  if (right.types && !right.types.includes(facts.type)) return false;
  if (right.exceptTypes?.includes(facts.type)) return false;
  return right.scope === 'board'
    ? inBoards(principal, facts.unitId, org)
    : inScope(principal, facts.unitId, org);
}

/** May the caller run `command` on this case (which they can read)? */
export function canRunCaseCommand(
  principal: Principal,
  command: CaseCommandName,
  facts: CaseFacts,
  org: Organisation,
): boolean {
  if (!mayRunCaseCommands(principal)) return false;
  if (COMMAND_RIGHTS.some((right) => rightApplies(right, principal, command, facts, org))) return true;
  if (facts.assignee === null || facts.assignee !== principal.username) return false;
  return (
    ASSIGNEE_WORK.includes(command) || (RESPOND.includes(command) && ANSWERED_TYPES.includes(facts.type))
  );
}

/** Every command the caller may run on the case (the web UI shows only these buttons). */
export function allowedCaseCommands(
  principal: Principal,
  facts: CaseFacts,
  org: Organisation,
): CaseCommandName[] {
  return CASE_COMMANDS.filter((command) => canRunCaseCommand(principal, command, facts, org));
}

/** Task inbox: tasks for the caller by name, or for one of their roles within their units. */
export interface TaskVisibilityFilter {
  readonly username: string;
  readonly roles: readonly Role[];
  readonly unitIds: readonly string[];
}

export function taskVisibilityFilter(principal: Principal, org: Organisation): TaskVisibilityFilter {
  const boardUnits = has(principal, BOARD_WIDE_READERS) ? boardUnitsOf(principal, org) : [];
  const unitIds = [...new Set([...org.scopeOf(principal.unitIds), ...boardUnits])].sort();
  return { username: principal.username, roles: principal.roles, unitIds };
}

/** Deadline reminders (in-app) are addressed like tasks: to a person, or to a role within the caller's scope. */
export function reminderVisibilityFilter(principal: Principal, org: Organisation): TaskVisibilityFilter {
  return taskVisibilityFilter(principal, org);
}

/** The deadline policy: read by those who act on deadlines, changed by the quality function. */
export function canReadPolicy(principal: Principal): boolean {
  return has(principal, [
    'quality_coordinator',
    'director',
    'division_manager',
    'unit_manager',
    'lex_sarah_investigator',
    'mas',
  ]);
}

export function canChangePolicy(principal: Principal): boolean {
  return has(principal, ['quality_coordinator']);
}

/** The ledningsgrupp's meeting calendar (DL-18): read by ledning, kvalitet and the director; kept by kvalitet. */
export function canReadMeetingCalendar(principal: Principal): boolean {
  return has(principal, ['quality_coordinator', 'management_team', 'director']);
}

export function canChangeMeetingCalendar(principal: Principal): boolean {
  return has(principal, ['quality_coordinator']);
}

/** The nämnd's meeting calendar (DL-6, api.md v1.1): anyone signed in reads it; kvalitet keeps it. */
export function canReadBoardMeetings(_principal: Principal): boolean {
  return true;
}

export function canChangeBoardMeetings(principal: Principal): boolean {
  return has(principal, ['quality_coordinator']);
}

/** The classification lists (categories, lagrum; issue 24): read by everyone signed in, kept by kvalitet. */
export function canReadClassifications(_principal: Principal): boolean {
  return true;
}

export function canChangeClassifications(principal: Principal): boolean {
  return has(principal, ['quality_coordinator']);
}

/** The delegation register (AUD-6): anyone signed in reads who may decide; kvalitet keeps it. */
export function canReadDelegations(_principal: Principal): boolean {
  return true;
}

export function canChangeDelegations(principal: Principal): boolean {
  return has(principal, ['quality_coordinator']);
}

/**
 * Gallring (DATA-2, DATA-7, api.md v1.1 "Records and gallring"): the data protection officer and
 * kvalitet keep the retention rules, run gallring and read its log; the director reads the rules.
 */
export function canReadRetentionRules(principal: Principal): boolean {
  return has(principal, ['data_protection_officer', 'quality_coordinator', 'director']);
}

export function canManageRetention(principal: Principal): boolean {
  return has(principal, ['data_protection_officer', 'quality_coordinator']);
}

/** A legal hold (spärr mot gallring) on a case the caller can read: kvalitet, and dataskydd on its cases. */
export function canManageLegalHold(principal: Principal): boolean {
  return canManageRetention(principal);
}

/**
 * Reclassification (LC-6 S3, api.md v1.1 "Reads, searches and reclassification"), on top of the
 * `classify` right of `COMMAND_RIGHTS`, which lets a case's handlers set its category and lagrum:
 *
 * | from type     | to another type for     | except to (open to every handler) |
 * |---------------|-------------------------|-----------------------------------|
 * | lex_sarah     | lex_sarah_investigator  | —                                 |
 * | lex_maria     | mas                     | —                                 |
 * | hsl_deviation | mas                     | lex_sarah, lex_maria              |
 * | other types   | every handler           |                                   |
 *
 * Moving a case to another unit (central registration) is for `UNIT_MOVERS`. A unit manager who
 * tries either is refused with 403, so a manager cannot take a report out of the statutory triage
 * or out of their own line.
 */
const TYPE_GUARDS: readonly {
  readonly from: CaseType;
  readonly roles: readonly Role[];
  readonly openTo: readonly CaseType[];
  readonly who: string;
}[] = [
  { from: 'lex_sarah', roles: ['lex_sarah_investigator'], openTo: [], who: 'lex Sarah-utredaren (SAS)' },
  { from: 'lex_maria', roles: ['mas'], openTo: [], who: 'medicinskt ansvarig sjuksköterska (MAS)' },
  {
    from: 'hsl_deviation',
    roles: ['mas'],
    openTo: ['lex_sarah', 'lex_maria'],
    who: 'medicinskt ansvarig sjuksköterska (MAS)',
  },
];

const UNIT_MOVERS: readonly Role[] = ['lex_sarah_investigator', 'mas', 'quality_coordinator'];

/** May the caller, who may `classify` the case, change its type to `toType`? */
export function mayReclassifyTo(principal: Principal, facts: CaseFacts, toType: CaseType): boolean {
  if (toType === facts.type) return true;
  const guard = TYPE_GUARDS.find((g) => g.from === facts.type);
  return !guard || guard.openTo.includes(toType) || has(principal, guard.roles);
}

/** May the caller, who may `classify` the case, move it to another unit? */
export function mayMoveCaseToAnotherUnit(principal: Principal): boolean {
  return has(principal, UNIT_MOVERS);
}

/** Why a `classify` with this type and unit is refused (403, Swedish), or null when it is not. */
export function reclassificationRefusal(
  principal: Principal,
  facts: CaseFacts,
  change: { readonly type?: CaseType; readonly unitId?: string },
): string | null {
  if (change.type !== undefined && !mayReclassifyTo(principal, facts, change.type)) {
    const who = TYPE_GUARDS.find((g) => g.from === facts.type)?.who ?? 'den som ansvarar för ärendetypen';
    return `Bara ${who} får omklassificera ett ärende av typen ${CASE_TYPE_LABELS[facts.type]} till ${CASE_TYPE_LABELS[change.type]} (LC-6 S3).`;
  }
  if (change.unitId !== undefined && change.unitId !== facts.unitId && !mayMoveCaseToAnotherUnit(principal))
    return 'Bara lex Sarah-utredaren (SAS), medicinskt ansvarig sjuksköterska (MAS) och kvalitetssamordnaren får flytta ett ärende till en annan enhet.';
  return null;
}

/** What the classify form may offer the caller: the types they may change the case to, and whether they may move it. */
export interface ClassifyOptions {
  readonly types: CaseType[];
  readonly moveUnit: boolean;
}

export function classifyOptions(principal: Principal, facts: CaseFacts): ClassifyOptions {
  return {
    types: CASE_TYPES.filter((type) => type !== facts.type && mayReclassifyTo(principal, facts, type)),
    moveUnit: mayMoveCaseToAnotherUnit(principal),
  };
}

/** The access log (loggkontroll, EK-6) is reviewed by the quality function. */
export function canReadAccessLog(principal: Principal): boolean {
  return has(principal, ['quality_coordinator']);
}

/**
 * Events the consumers could not handle (dead letters, issue 23), as counts per consumer: the quality
 * function is told so that it knows which lists may be behind; drift replays them.
 */
export function canReadDeadLetters(principal: Principal): boolean {
  return has(principal, ['quality_coordinator']);
}

/** All mail the system sent (the local capture or the SMTP record): the quality function. */
export function canReadMail(principal: Principal): boolean {
  return has(principal, ['quality_coordinator']);
}

/** Mail to `to` (username or address): the quality function, or the caller's own (`ownAddress`). */
export function canReadMailOf(principal: Principal, to: string, ownAddress: string): boolean {
  if (canReadMail(principal)) return true;
  const wanted = to.trim().toLowerCase();
  return wanted === principal.username.toLowerCase() || wanted === ownAddress.toLowerCase();
}

/*
 * The registers of the ledningssystem (ADR 0008: routines, egenkontroll, internkontroll,
 * appointments, training, the ledningssystem document). The quality function manages them board-wide
 * (R-11), the förvaltningschef too (R-3); unit and division managers manage their own units' (R-5,
 * R-6); everyone reads the routines (PR-7: the routine must be at hand when it is needed).
 */

/** Roles that manage the registers of the whole board. */
const REGISTER_BOARD_MANAGERS: readonly Role[] = ['quality_coordinator', 'director'];

/** Could the caller manage any routine, plan or record (checked first: 403 before 400)? */
export function mayManageUnitRegisters(principal: Principal): boolean {
  return has(principal, [...REGISTER_BOARD_MANAGERS, ...UNIT_SCOPED_READERS]);
}

/** May the caller manage the register items of this unit (routines, egenkontroll plans, training records)? */
export function canManageUnitRegister(principal: Principal, unitId: string, org: Organisation): boolean {
  if (has(principal, REGISTER_BOARD_MANAGERS) && inBoards(principal, unitId, org)) return true;
  return has(principal, UNIT_SCOPED_READERS) && inScope(principal, unitId, org);
}

/** The process and routine registry is read by every user (staff included). */
export function canReadRoutines(principal: Principal): boolean {
  return principal.roles.length > 0;
}

/**
 * Egenkontroll (EK-5): unit-run controls are visible to SAS, MAS and the quality function, the
 * förvaltningschef, and the managers of the unit; staff and ledning do not read single plans.
 */
export function mayReadEgenkontroll(principal: Principal): boolean {
  return has(principal, [...BOARD_WIDE_READERS, ...UNIT_SCOPED_READERS]);
}

export function canReadEgenkontroll(principal: Principal, unitId: string, org: Organisation): boolean {
  if (has(principal, BOARD_WIDE_READERS) && inBoards(principal, unitId, org)) return true;
  return has(principal, UNIT_SCOPED_READERS) && inScope(principal, unitId, org);
}

/** Results are recorded by the plan's managers and by SAS and MAS, who do proactive controls (R-10, AUD-13). */
export function mayRecordEgenkontroll(principal: Principal): boolean {
  return mayManageUnitRegisters(principal) || has(principal, ['lex_sarah_investigator', 'mas']);
}

export function canRecordEgenkontroll(principal: Principal, unitId: string, org: Organisation): boolean {
  return (
    canManageUnitRegister(principal, unitId, org) ||
    (has(principal, ['lex_sarah_investigator', 'mas']) && inBoards(principal, unitId, org))
  );
}

/** Appointments and the ledningssystem document: everyone may see who holds which role; the quality function and the förvaltningschef record them. */
export function canReadAppointments(principal: Principal): boolean {
  return principal.roles.length > 0;
}

export function canManageBoardRegisters(principal: Principal): boolean {
  return has(principal, REGISTER_BOARD_MANAGERS);
}

/** Internkontroll (IK-1 … IK-3) is the board's plan: read by management and the statutory roles, managed by kvalitet and the förvaltningschef. */
export function canReadInternkontroll(principal: Principal): boolean {
  return has(principal, [
    ...REGISTER_BOARD_MANAGERS,
    'management_team',
    'lex_sarah_investigator',
    'mas',
    'division_manager',
  ]);
}

/** Training records (DL-29): the unit's managers, the quality function, the förvaltningschef. */
export const mayReadTraining = mayManageUnitRegisters;
export const canReadTraining = canManageUnitRegister;

/*
 * Risk assessments and improvement work (ADR 0007, api.md "managers for their own units and those
 * below, kvalitet"). The förvaltningschef is the manager of the whole administration, so every unit
 * is below theirs. SAS, MAS, staff and ledning have no access to single risk assessments.
 */

/** Roles that work with risk assessments within their units (and the units below). */
const RISK_UNIT_MANAGERS: readonly Role[] = ['unit_manager', 'division_manager', 'director'];

/** Could the caller work with risk assessments at all (checked first: 403 before 400/404)? */
export function mayUseRiskAssessments(principal: Principal): boolean {
  return has(principal, ['quality_coordinator', ...RISK_UNIT_MANAGERS]);
}

/** May the caller read and work on the risk assessments of this unit? */
export function canUseRiskAssessment(principal: Principal, unitId: string, org: Organisation): boolean {
  if (has(principal, ['quality_coordinator']) && inBoards(principal, unitId, org)) return true;
  return has(principal, RISK_UNIT_MANAGERS) && inScope(principal, unitId, org);
}

/** The list filter: every assessment (`all`) or those of these units; null when the caller may list none. */
export function riskAssessmentVisibility(
  principal: Principal,
  org: Organisation,
): { readonly all: boolean; readonly unitIds: readonly string[] } | null {
  if (!mayUseRiskAssessments(principal)) return null;
  const own = org.scopeOf(principal.unitIds);
  if (!has(principal, ['quality_coordinator'])) return { all: false, unitIds: own };
  const visible = new Set([...boardUnitsOf(principal, org), ...own]);
  return { all: false, unitIds: org.units.map((unit) => unit.id).filter((id) => visible.has(id)) };
}

/** The risk policy (bands, pattern rule) is read by those who assess risks and changed by kvalitet. */
export function canChangeRiskPolicy(principal: Principal): boolean {
  return has(principal, ['quality_coordinator']);
}

/** Improvement proposals (IMP-8, CT-3): any user with a role may propose. */
export function mayProposeImprovement(principal: Principal): boolean {
  return principal.roles.length > 0 && !isAggregatesOnly(principal);
}

/** Who handles (assesses, gives feedback on) a unit's improvement proposals: its managers and kvalitet. */
export function canHandleImprovement(principal: Principal, unitId: string, org: Organisation): boolean {
  return canUseRiskAssessment(principal, unitId, org);
}

/** Could the caller handle improvement work at all (proposals, lessons)? */
export function mayHandleImprovements(principal: Principal): boolean {
  return mayUseRiskAssessments(principal);
}

/** Spreading a lesson to other units (IMP-7) is for kvalitet, the förvaltningschef and division managers. */
export function maySpreadLessons(principal: Principal): boolean {
  return has(principal, ['quality_coordinator', 'director', 'division_manager']);
}

/**
 * Aggregated reports (weekly digest, statistics, tertial/period reports): the ledningsgrupp and up —
 * ledning, förvaltningschef, kvalitet — and the board-wide SAS and MAS. Aggregates and de-identified
 * lines only (REP-15), so no unit-level manager or staff member needs them through this door.
 */
export function canReadReports(principal: Principal): boolean {
  return has(principal, [
    'management_team',
    'director',
    'quality_coordinator',
    'lex_sarah_investigator',
    'mas',
  ]);
}

/** Counts per board and type for samverkan (AUD-20, ADR 0030): the director and kvalitet of any board. */
export function canReadCrossBoardAggregates(principal: Principal): boolean {
  return has(principal, ['director', 'quality_coordinator']);
}

/** The patientsäkerhetsberättelse draft (REP-10): MAS, kvalitet, förvaltningschef (api.md). */
export function canReadPatientsakerhetsberattelse(principal: Principal): boolean {
  return has(principal, ['mas', 'quality_coordinator', 'director']);
}

/** The kvalitetsberättelse draft (REP-11): kvalitet, förvaltningschef (api.md). */
export function canReadKvalitetsberattelse(principal: Principal): boolean {
  return has(principal, ['quality_coordinator', 'director']);
}

/** What access control needs to know about a proposal, an improvement action or a lesson. */
export interface ImprovementFacts {
  readonly kind: 'proposal' | 'action' | 'lesson';
  /** The unit of a proposal or action; the source unit of a lesson. */
  readonly unitId: string;
  readonly proposer: string | null;
  readonly owner: string | null;
  readonly targetUnitIds: readonly string[];
}

/**
 * Reading improvement work: the proposer their own proposal (feedback, IMP-8), the owner their action,
 * the managers of the unit (or, for a lesson, of the source or a target unit) and kvalitet.
 */
export function canReadImprovement(
  principal: Principal,
  facts: ImprovementFacts,
  org: Organisation,
): boolean {
  if (isAggregatesOnly(principal)) return false;
  if (facts.proposer !== null && facts.proposer === principal.username) return true;
  if (facts.owner !== null && facts.owner === principal.username) return true;
  return [facts.unitId, ...facts.targetUnitIds].some((unitId) =>
    canHandleImprovement(principal, unitId, org),
  );
}

/** Spreading a lesson from a unit: kvalitet and the förvaltningschef from any, a division manager from their division. */
export function canSpreadLessonFrom(principal: Principal, unitId: string, org: Organisation): boolean {
  if (has(principal, ['quality_coordinator', 'director']) && inBoards(principal, unitId, org)) return true;
  return has(principal, ['division_manager']) && inScope(principal, unitId, org);
}

/** A target unit's check of a lesson is recorded by its managers (or kvalitet). */
export function canRecordLessonCheck(principal: Principal, unitId: string, org: Organisation): boolean {
  return canHandleImprovement(principal, unitId, org);
}

/*
 * Register items (ADR 0008): the rules the RegisterAccessGuard applies to one routine, plan or record
 * before the body is read. `not_found` for an item the caller may not see, `forbidden` for one they
 * see but may not change.
 */
export type RegisterItemDecision = 'ok' | 'not_found' | 'forbidden';

/** Could the caller link any case to a routine (a case handler or a register manager; 403 first)? */
export function mayLinkCasesToRoutines(principal: Principal): boolean {
  return mayRunCaseCommands(principal) || mayManageUnitRegisters(principal);
}

/**
 * May the caller link this case to a routine, or ask for the routine's review from it (PR-8)? Its
 * investigator, or whoever manages the registers of the case's unit (the unit manager, kvalitet).
 */
export function canLinkCaseToRoutine(principal: Principal, facts: CaseFacts, org: Organisation): boolean {
  if (!canReadCase(principal, facts, org)) return false;
  if (facts.assignee !== null && facts.assignee === principal.username) return true;
  return canManageUnitRegister(principal, facts.unitId, org);
}

export function routineCommandAccess(
  principal: Principal,
  item: { unitId?: unknown },
  org: Organisation,
): RegisterItemDecision {
  return canManageUnitRegister(principal, String(item.unitId), org) ? 'ok' : 'forbidden';
}

export function egenkontrollReadAccess(
  principal: Principal,
  item: { unitId?: unknown },
  org: Organisation,
): RegisterItemDecision {
  return canReadEgenkontroll(principal, String(item.unitId), org) ? 'ok' : 'not_found';
}

export function egenkontrollManageAccess(
  principal: Principal,
  item: { unitId?: unknown },
  org: Organisation,
): RegisterItemDecision {
  if (!canReadEgenkontroll(principal, String(item.unitId), org)) return 'not_found';
  return canManageUnitRegister(principal, String(item.unitId), org) ? 'ok' : 'forbidden';
}

export function egenkontrollRecordAccess(
  principal: Principal,
  item: { unitId?: unknown },
  org: Organisation,
): RegisterItemDecision {
  if (!canReadEgenkontroll(principal, String(item.unitId), org)) return 'not_found';
  return canRecordEgenkontroll(principal, String(item.unitId), org) ? 'ok' : 'forbidden';
}

export function trainingAccess(
  principal: Principal,
  item: { unitId?: unknown },
  org: Organisation,
): RegisterItemDecision {
  return canReadTraining(principal, String(item.unitId), org) ? 'ok' : 'not_found';
}

/** A control's result: the board managers, or the person responsible for one of the plan's controls. */
export function internkontrollResultAccess(
  principal: Principal,
  item: { controls?: unknown },
): RegisterItemDecision {
  if (canManageBoardRegisters(principal)) return 'ok';
  const controls = Array.isArray(item.controls) ? (item.controls as { responsible?: unknown }[]) : [];
  return controls.some((c) => c.responsible === principal.username) ? 'ok' : 'forbidden';
}

/** An archived scheduled report (in-app delivery): the berättelser keep their narrower readers. */
export function canReadReportKind(principal: Principal, kind: string): boolean {
  if (kind === 'patientsakerhetsberattelse') return canReadPatientsakerhetsberattelse(principal);
  if (kind === 'kvalitetsberattelse') return canReadKvalitetsberattelse(principal);
  return canReadReports(principal);
}

/**
 * Who approves (freezes) a report (REP-1, DL-22, DL-23): the owner of the patientsäkerhetsberättelse
 * is the MAS, with kvalitet and the förvaltningschef; the kvalitetsberättelse and the nämnd's reports
 * are kvalitet's and the förvaltningschef's.
 */
export function canApproveReport(principal: Principal, kind: string): boolean {
  if (kind === 'patientsakerhetsberattelse')
    return has(principal, ['mas', 'quality_coordinator', 'director']);
  return has(principal, ['quality_coordinator', 'director']);
}
