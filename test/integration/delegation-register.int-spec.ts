import type { CaseActor } from '@kvalitet/domain';
import {
  CaseCommandService,
  CaseRefusedError,
  DelegationRegisterRepository,
  EventStore,
  type CaseCommandInput,
} from '@kvalitet/persistence';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const STAFF: CaseActor = { username: 'medarbetare', roles: ['staff'] };
const SAS: CaseActor = { username: 'sas', roles: ['lex_sarah_investigator'] };
const DIRECTOR: CaseActor = { username: 'forvaltningschef', roles: ['director'] };

/**
 * AUD-6 through the command service on Postgres: "valid on that day" is the Europe/Stockholm date of
 * the service's clock when the command is given, read from the stored register (ADR 0023). 31 March
 * 2026 is summer time (UTC+2): 21:30 UTC is still 31 March in Sweden, 22:30 UTC is 1 April.
 */
describe('delegation register in the case command service (integration)', () => {
  let db: TestDatabase;
  let now = new Date('2026-03-31T20:00:00Z');
  let cases: CaseCommandService;
  let register: DelegationRegisterRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    const store = new EventStore(db.dataSource);
    cases = new CaseCommandService(store, () => now);
    register = new DelegationRegisterRepository(store);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('a delegation from 1 April holds from Swedish midnight, not UTC midnight; a refusal writes nothing', async () => {
    await register.change(
      [
        {
          decision: 'lex_sarah_decision',
          role: 'director',
          validFrom: '2026-04-01',
          validTo: null,
          boardDecision: 'SN 2026-03-18 § 30',
        },
      ],
      'kvalitet',
    );
    const reported = await cases.report(
      {
        type: 'lex_sarah',
        unitId: 'solgarden',
        occurredAt: '2026-03-31T18:00:00+02:00',
        description: 'Tillsyn uteblev',
        channel: 'staff_form',
      },
      STAFF,
    );
    const id = reported.state.id;
    await cases.execute(id, { type: 'start-investigation', actor: SAS, data: {} });
    await cases.execute(id, { type: 'record-investigation', actor: SAS, data: { summary: 'S', causes: [] } });
    const decide: CaseCommandInput = {
      type: 'decide',
      actor: DIRECTOR,
      data: { outcome: 'missforhallande', rationale: 'R' },
    };

    now = new Date('2026-03-31T21:30:00Z');
    const versionBefore = (await cases.load(id)).state!.version;
    await expect(cases.execute(id, decide)).rejects.toMatchObject({
      refusal: { code: 'DELEGATION_MISSING' },
    });
    await expect(cases.execute(id, decide)).rejects.toBeInstanceOf(CaseRefusedError);
    expect((await cases.load(id)).state!.version).toBe(versionBefore);

    now = new Date('2026-03-31T22:30:00Z');
    const decided = await cases.execute(id, decide);
    expect(decided.state.decision?.delegation).toEqual({
      decision: 'lex_sarah_decision',
      boardDecision: 'SN 2026-03-18 § 30',
    });
  });
});
