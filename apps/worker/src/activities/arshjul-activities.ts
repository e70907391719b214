import {
  ARSHJUL_AGGREGATE,
  arshjulBoardUnit,
  proposeArshjul,
  stockholmYearOf,
  type LsActor,
  type Organisation,
} from '@kvalitet/domain';
import {
  CommandRefusedError,
  LsCommandService,
  VersionConflictError,
  arshjulPlanId,
} from '@kvalitet/persistence';
import type { EventStore } from '@kvalitet/persistence';
import type { ArshjulActivities, CreatedArshjul, CreateNextArshjulRequest } from '@kvalitet/workflows';

export interface ArshjulActivityDeps {
  readonly store: EventStore;
  readonly organisation: Organisation;
}

const SYSTEM_ACTOR: LsActor = { username: 'system', roles: ['system'] };

/** Next year's årshjul for every board that has none (DL-31), as the catalogue proposes it. */
export function createArshjulActivities(deps: ArshjulActivityDeps): ArshjulActivities {
  const plans = new LsCommandService(ARSHJUL_AGGREGATE, deps.store);
  return {
    async createNextArshjul(request: CreateNextArshjulRequest): Promise<CreatedArshjul> {
      const year = stockholmYearOf(new Date(request.at)) + 1;
      const created: string[] = [];
      const existing: string[] = [];
      for (const board of deps.organisation.boards) {
        const planId = arshjulPlanId(board.id, year);
        try {
          await plans.execute(
            planId,
            {
              type: 'create-plan',
              actor: SYSTEM_ACTOR,
              data: {
                planId,
                boardId: board.id,
                unitId: arshjulBoardUnit(deps.organisation, board.id),
                year,
                items: proposeArshjul(year),
              },
            },
            { expectedVersion: 0 },
          );
          created.push(board.id);
        } catch (error) {
          const exists =
            error instanceof VersionConflictError ||
            (error instanceof CommandRefusedError && error.refusal.code === 'ALREADY_EXISTS');
          if (!exists) throw error;
          existing.push(board.id);
        }
      }
      return { year, created, existing };
    },
  };
}
