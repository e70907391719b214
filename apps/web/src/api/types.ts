import type { CaseOutcome, CaseStage, CaseType } from '@kvalitet/domain';

export type Role =
  | 'staff'
  | 'unit_manager'
  | 'division_manager'
  | 'director'
  | 'lex_sarah_investigator'
  | 'mas'
  | 'quality_coordinator'
  | 'management_team';

export interface Me {
  username: string;
  name: string;
  roles: Role[];
  unitIds: string[];
}

export interface OrgUnitNode {
  id: string;
  name: string;
  parentId: string | null;
  children: OrgUnitNode[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Deadline {
  id: string;
  kind: string;
  dueAt: string;
  status: 'open' | 'met' | 'missed';
  policyVersion: number;
  actionId?: string;
  startedAt: string;
  metAt?: string;
  missedAt?: string;
  escalationLevel: number;
}

export interface CaseTask {
  id: string;
  kind: string;
  assignee?: string;
  assigneeRole?: string;
  unitId: string;
  dueAt?: string;
  status: 'open' | 'done';
  createdAt: string;
  completedAt?: string;
  actionId?: string;
}

export interface CaseAction {
  id: string;
  title: string;
  level: 'individual' | 'organisational';
  owner: string;
  dueAt: string;
  status: 'open' | 'completed' | 'followed_up';
  addedAt: string;
  result?: string;
  completedAt?: string;
  followedUpAt?: string;
  effective?: boolean;
}

export interface CaseView {
  id: string;
  caseNumber: string;
  type: CaseType;
  reportedType: CaseType;
  stage: CaseStage;
  version: number;
  unitId: string;
  channel: string;
  unclassified: boolean;
  category: string | null;
  lagrum: string | null;
  reportedAt: string;
  registeredAt: string;
  occurredAt: string | null;
  description: string;
  immediateActions: string | null;
  reporter: { username?: string; name?: string };
  onBehalfOf: { name: string; contact?: string } | null;
  personRef: string | null;
  kind: string | null;
  contact: { email?: string; phone?: string } | null;
  wantsAnswer: boolean | null;
  assignee: string | null;
  acknowledged: { by: string; at: string; note?: string } | null;
  investigationStartedAt: string | null;
  investigation: {
    summary: string;
    causes: string[];
    deviationOccurred?: boolean;
    by: string;
    at: string;
  } | null;
  decision: {
    outcome: CaseOutcome;
    rationale: string;
    requiresIvoReport: boolean;
    by: string;
    at: string;
  } | null;
  ivoReport: { ivoReference: string; reportedAt: string; by: string } | null;
  closedAt: string | null;
  closingSummary: string | null;
  reopenCount: number;
  deadlines: Deadline[];
  tasks: CaseTask[];
  actions: CaseAction[];
  allowedCommands?: string[];
  /** What classify may change for the caller: the types to reclassify to, and moving the case (issue 24). */
  classifyOptions?: { types: CaseType[]; moveUnit: boolean };
}

export interface CaseEvent {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  recordedAt: string;
  actor: string;
  data: Record<string, unknown>;
}

/** A line of the case list: no free text and no names (api.md v1.1); those are read on the case. */
export interface CaseListItem {
  id: string;
  caseNumber: string;
  type: CaseType;
  stage: CaseStage;
  unitId: string;
  channel: string;
  unclassified: boolean;
  category: string | null;
  reportedAt: string;
  occurredAt: string | null;
  assignee: string | null;
  nextDueAt: string | null;
  missedDeadlines: number;
  overdue: boolean;
  version: number;
  closedAt: string | null;
}

export interface Task {
  id: string;
  caseId: string;
  caseNumber: string;
  caseType: CaseType;
  kind: string;
  unitId: string;
  assignee: string | null;
  assigneeRole: string | null;
  dueAt: string | null;
  overdue: boolean;
  status: 'open' | 'done';
  createdAt: string;
  completedAt: string | null;
}

export type PolicyDuration = string | { workingDays: number };

export interface Policy {
  version: number;
  deadlines: Record<string, PolicyDuration>;
  escalationChain: string[];
}

export interface AccessLogEntry {
  id: string;
  at: string;
  username: string;
  roles: string[];
  /** `search`: a search of the case list, with its query and number of hits, and no case. */
  kind: 'read' | 'search';
  caseId: string | null;
  action: string;
  route: string;
  requestId: string | null;
  query: string | null;
  hits: number | null;
}

/** GET /api/v1/operations/dead-letters: counts and dates only, no payloads (kvalitet). */
export interface DeadLetterSummary {
  open: number;
  oldestAt: string | null;
  byConsumer: { consumer: string; open: number; oldestAt: string }[];
  replayCommand: string;
}
