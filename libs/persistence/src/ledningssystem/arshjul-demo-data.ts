import type { DataSource } from 'typeorm';
import { ARSHJUL_AGGREGATE, proposeArshjul, stockholmDateOf, stockholmYearOf } from '@kvalitet/domain';
import type { ArshjulCommand, LsActor } from '@kvalitet/domain';
import type { EventStore } from '../event-store/event-store';
import { arshjulPlanId } from './arshjul-plan-id';
import { LsCommandService } from './ls-command-service';

const KVALITET: LsActor = { username: 'kvalitet', roles: ['quality_coordinator'] };
const SAS: LsActor = { username: 'sas', roles: ['lex_sarah_investigator'] };
const MAS: LsActor = { username: 'mas', roles: ['mas'] };

/** What the demo year has done (by its owners), among the items already due; the rest of the past is late. */
const DONE_IN_DEMO: Readonly<Record<string, LsActor>> = {
  'tertialrapport-1': KVALITET,
  internkontroll_rapport: KVALITET,
  patientsakerhetsberattelse: MAS,
  kvalitetsberattelse: KVALITET,
  'verksamhetsbesok-1': KVALITET,
  'verksamhetsbesok-2': KVALITET,
  'sas_proaktiv_granskning-1': SAS,
  brukarundersokning: KVALITET,
  'tertialrapport-2': KVALITET,
  lakemedelsgenomgang: MAS,
};

/**
 * Demo årshjul for `npm start` (DL-31): socialnämnden's plan of this year, part of it done and some
 * late (AUD-13: the SAS's second review, the MAS's proactive reviews), and next year's proposal.
 * Skipped when any årshjul exists.
 */
export async function seedArshjulDemo(
  dataSource: DataSource,
  store: EventStore,
  now: Date = new Date(),
): Promise<boolean> {
  const [existing] = await dataSource.query(
    `SELECT count(*) AS n FROM events WHERE aggregate_type = 'arshjul'`,
  );
  if (Number(existing.n) > 0) return false;
  const plans = new LsCommandService(ARSHJUL_AGGREGATE, store);
  const run = (id: string, command: ArshjulCommand) => plans.execute(id, command);
  const year = stockholmYearOf(now);
  const today = stockholmDateOf(now);
  for (const planYear of [year, year + 1]) {
    const planId = arshjulPlanId('socialnamnden', planYear);
    await run(planId, {
      type: 'create-plan',
      actor: KVALITET,
      data: {
        planId,
        boardId: 'socialnamnden',
        unitId: 'forvaltning',
        year: planYear,
        items: proposeArshjul(planYear),
      },
    });
  }
  const current = arshjulPlanId('socialnamnden', year);
  for (const item of proposeArshjul(year)) {
    const actor = DONE_IN_DEMO[item.id];
    if (!actor || item.dueOn > today) continue;
    await run(current, {
      type: 'mark-done',
      actor,
      data: { itemId: item.id, doneOn: item.dueOn, note: '' },
    });
  }
  return true;
}
