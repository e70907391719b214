import type { Role } from './roles';

/** The authenticated caller, from a verified token. */
export interface Principal {
  readonly username: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly unitIds: readonly string[];
}
