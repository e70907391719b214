import type {
  CaseChannel,
  CaseDeadlineKind,
  CaseDeadlineStatus,
  CaseEventType,
  CaseOutcome,
  CaseStage,
  CaseTaskKind,
  CaseType,
  CaseUserCommandType,
} from '@kvalitet/domain';
import type { components } from './generated/openapi';

/**
 * The api's response types, generated from its OpenAPI document (`npm run gen:api-types`,
 * apps/web/src/api/generated/openapi.d.ts; `npm run check:api-types` fails when the document has
 * moved on). Nothing here restates a response by hand: where a type is wrong, the api's DTO
 * decorators are (issue 22: the hand-written Deadline had no `cancelled`).
 */
export type ApiSchemas = components['schemas'];

export type Role = ApiSchemas['Role'];

export type Me = ApiSchemas['MeDto'];

export type OrgUnitNode = ApiSchemas['OrgUnitDto'];

export type Boards = ApiSchemas['BoardsDto'];

export type Board = ApiSchemas['BoardDto'];

/** The envelope of every paged list (CaseListDto, TaskPageDto, AccessLogPageDto, …). */
export type Page<T> = Omit<ApiSchemas['CaseListDto'], 'items'> & { items: T[] };

export type Deadline = ApiSchemas['CaseDeadlineDto'];

export type DeadlineStatus = ApiSchemas['DeadlineStatus'];

export type CaseTask = ApiSchemas['CaseTaskDto'];

export type CaseAction = ApiSchemas['CaseActionDto'];

export type CaseView = ApiSchemas['CaseDto'];

export type CaseEvent = ApiSchemas['CaseEventDto'];

/** A line of the case list: no free text and no names (api.md v1.1); those are read on the case. */
export type CaseListItem = ApiSchemas['CaseListItemDto'];

export type Task = ApiSchemas['TaskDto'];

export type Policy = ApiSchemas['PolicyDto'];

export type PolicyDuration = Policy['deadlines'][string];

/** `search`: a search of the case list, with its query and number of hits, and no case. */
export type AccessLogEntry = ApiSchemas['AccessLogEntryDto'];

/** GET /api/v1/operations/dead-letters: counts and dates only, no payloads (kvalitet). */
export type DeadLetterSummary = ApiSchemas['DeadLetterSummaryDto'];

/**
 * The web labels the api's codes with the domain's lists (CASE_TYPE_LABELS, CASE_TASK_KIND_LABELS, …),
 * so the api's enums must be the domain's: a difference fails the web's typecheck here.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
type _ApiEnumsAreTheDomains = [
  Holds<Same<ApiSchemas['CaseType'], CaseType>>,
  Holds<Same<ApiSchemas['CaseStage'], CaseStage>>,
  Holds<Same<ApiSchemas['CaseOutcome'], CaseOutcome>>,
  Holds<Same<ApiSchemas['CaseChannel'], CaseChannel>>,
  Holds<Same<ApiSchemas['DeadlineKind'], CaseDeadlineKind>>,
  Holds<Same<ApiSchemas['DeadlineStatus'], CaseDeadlineStatus>>,
  Holds<Same<ApiSchemas['TaskKind'], CaseTaskKind>>,
  Holds<Same<ApiSchemas['CaseEventType'], CaseEventType>>,
  Holds<Same<ApiSchemas['CaseCommand'], CaseUserCommandType>>,
];
