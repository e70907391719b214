import { proxyActivities } from '@temporalio/workflow';

/** The activity contract of the yearly årshjul planning; `apps/worker` implements it (`createArshjulActivities`). */
export interface CreateNextArshjulRequest {
  /** The workflow's clock: the plan is made for the Stockholm year after this instant. */
  readonly at: string;
}

export interface CreatedArshjul {
  readonly year: number;
  /** Boards that got the proposal now. */
  readonly created: readonly string[];
  /** Boards that already had a plan for the year (kvalitet made it, or an earlier run did). */
  readonly existing: readonly string[];
}

export interface ArshjulActivities {
  createNextArshjul(request: CreateNextArshjulRequest): Promise<CreatedArshjul>;
}

export const ARSHJUL_PLANNING_WORKFLOW_TYPE = 'arshjulPlanningWorkflow';

export interface ArshjulPlanningInput {
  /** For a run made by hand for a given day; the schedule's runs use the workflow's clock. */
  readonly at?: string;
}

const { createNextArshjul } = proxyActivities<ArshjulActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '30 seconds', backoffCoefficient: 2, maximumInterval: '1 hour' },
});

/**
 * DL-31 "before each year": started by its schedule every 1 October, it makes next year's årshjul
 * from the catalogue for every board that has none. Idempotent: a plan already there is left as it is.
 */
export async function arshjulPlanningWorkflow(input: ArshjulPlanningInput = {}): Promise<CreatedArshjul> {
  return createNextArshjul({ at: input.at ?? new Date().toISOString() });
}
