import { stepUuid } from '../cases/step-ids';

/** One årshjul per board and year: its id is named by both, so the API and the yearly schedule create the same one. */
export function arshjulPlanId(boardId: string, year: number): string {
  return stepUuid('arshjul', `${boardId}/${year}`);
}
