import { copyRetentionDaysFromEnv, DEFAULT_COPY_RETENTION_DAYS } from './prune-expired-copies';

describe('copyRetentionDaysFromEnv', () => {
  it('takes the defaults where nothing is set and the given days where something is', () => {
    expect(copyRetentionDaysFromEnv({})).toEqual(DEFAULT_COPY_RETENTION_DAYS);
    expect(
      copyRetentionDaysFromEnv({ RETENTION_IDEMPOTENCY_KEYS_DAYS: '2', RETENTION_INBOX_DAYS: ' ' }),
    ).toEqual({
      ...DEFAULT_COPY_RETENTION_DAYS,
      idempotencyKeys: 2,
    });
  });

  it('refuses days that are not a whole number of at least one, in Swedish', () => {
    for (const bad of ['0', '-3', '1.5', 'sju'])
      expect(() => copyRetentionDaysFromEnv({ RETENTION_PUBLISHED_OUTBOX_DAYS: bad })).toThrow(
        /RETENTION_PUBLISHED_OUTBOX_DAYS måste vara ett heltal/,
      );
  });
});
