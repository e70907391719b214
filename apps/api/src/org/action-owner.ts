import type { Principal } from '../access/principal';
import { ApiProblem } from '../common/problem/api-problem';
import { findDemoUser } from './demo-users';

/**
 * An action's `owner` gets its tasks and reminder mail (username@MAIL_DOMAIN), so it must be a user
 * of the organisation, never a free address (issue 24, review L-6: an e-mail address as owner got the
 * reminder mail outside the organisation). Known are the users of the directory (the demo
 * organisation of api.md until a directory is configured) and the caller, whom the sign-in has vouched
 * for. Anything else is 400 UNKNOWN_USER on the field.
 */
export function assertActionOwner(owner: unknown, caller: Principal, field = 'owner'): void {
  if (typeof owner === 'string' && (owner === caller.username || findDemoUser(owner) !== undefined)) return;
  const message =
    'Ansvarig måste vara en användare i organisationen (användarnamn), inte en e-postadress eller ett namn.';
  throw ApiProblem.validation([{ field, code: 'UNKNOWN_USER', message }]);
}
