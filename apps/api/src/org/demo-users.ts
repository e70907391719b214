import type { OrganisationUser } from '@kvalitet/domain';
import { ORGANISATION } from './organisation.instance';

/** A user of the directory (the organisation file's `users`), the only users `POST /auth/dev-token` knows. */
export type DemoUser = OrganisationUser;

export const DEMO_USERS: readonly DemoUser[] = ORGANISATION.users;

export function findDemoUser(username: string): DemoUser | undefined {
  return ORGANISATION.findUser(username);
}
