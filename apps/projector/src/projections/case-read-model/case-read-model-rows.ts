import type { CaseAggregateState } from '@kvalitet/domain';

/** One row of `rm_cases`, in the table's own column names so it can be bulk-written as JSON. */
export interface CaseRow {
  id: string;
  case_number: string;
  type: string;
  reported_type: string;
  unit_id: string;
  stage: string;
  channel: string;
  unclassified: boolean;
  category: string | null;
  reported_at: string;
  occurred_at: string | null;
  reported_by: string | null;
  assignee: string | null;
  description: string | null;
  next_due_at: string | null;
  missed_deadlines: number;
  version: number;
  closed_at: string | null;
  state: CaseAggregateState;
}

export interface TaskRow {
  id: string;
  case_id: string;
  case_number: string;
  case_type: string;
  kind: string;
  assignee: string | null;
  assignee_role: string | null;
  unit_id: string;
  due_at: string | null;
  deadline_id: string | null;
  action_id: string | null;
  status: 'open' | 'done';
  created_at: string;
  completed_at: string | null;
}

export interface CounterRow {
  unit_id: string;
  type: string;
  month: string;
  reported: number;
  closed: number;
  deadlines_missed: number;
}

export function counterKey(row: Pick<CounterRow, 'unit_id' | 'type' | 'month'>): string {
  return `${row.unit_id}|${row.type}|${row.month}`;
}
