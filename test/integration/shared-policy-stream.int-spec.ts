import { DEFAULT_RISK_POLICY } from '@kvalitet/domain';
import { EventStore, MeetingCalendarRepository, RiskPolicyRepository } from '@kvalitet/persistence';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The meeting calendar and the risk policy live on one `policy` stream (the same id). Each save must
 * expect the stream's version, not its own count of changes: a risk policy change used to make every
 * later calendar save a version conflict, and the other way round.
 */
describe('meeting calendar and risk policy on one stream', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('saves alternate without version conflicts and each keeps its own version', async () => {
    const store = new EventStore(db.dataSource);
    const calendar = new MeetingCalendarRepository(store);
    const risk = new RiskPolicyRepository(store);
    const bands = DEFAULT_RISK_POLICY.bands;
    const pattern = DEFAULT_RISK_POLICY.pattern;

    expect((await risk.change({ bands, pattern }, 'kvalitet', { expectedVersion: 1 })).version).toBe(2);
    expect(
      (await calendar.change([{ date: '2026-12-10' }], 'kvalitet', { expectedVersion: 0 })).version,
    ).toBe(1);
    expect((await risk.change({ bands, pattern }, 'kvalitet', { expectedVersion: 2 })).version).toBe(3);
    const saved = await calendar.change([{ date: '2026-12-10' }, { date: '2027-01-14' }], 'kvalitet', {
      expectedVersion: 1,
    });
    expect(saved.version).toBe(2);
    expect(saved.meetings).toHaveLength(2);
    expect((await risk.current()).version).toBe(3);
    // A stale version is still refused.
    await expect(calendar.change([], 'kvalitet', { expectedVersion: 1 })).rejects.toThrow();
  });
});
