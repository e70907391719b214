/** Another writer appended to the aggregate first: the caller's view is stale (409 VERSION_CONFLICT). */
export class VersionConflictError extends Error {
  constructor(
    readonly aggregateId: string,
    readonly expectedVersion: number,
  ) {
    super(`version conflict on ${aggregateId}: expected ${expectedVersion}`);
    this.name = 'VersionConflictError';
  }
}
