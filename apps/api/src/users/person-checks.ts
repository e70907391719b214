import { Injectable } from '@nestjs/common';
import { mayBeGivenCase, mayOwnWorkOf } from '../access/assignee-policy';
import type { CaseFacts } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { ApiProblem } from '../common/problem/api-problem';
import { ORGANISATION } from '../org/organisation.instance';
import { asPrincipal, type DirectoryUser } from './directory-user';
import { UserDirectory } from './user-directory.service';

function refused(field: string, code: 'UNKNOWN_USER' | 'USER_CANNOT_SEE_CASE', message: string): ApiProblem {
  return ApiProblem.validation([{ field, code, message }], message);
}

function unitName(unitId: string): string {
  return ORGANISATION.get(unitId)?.name ?? 'enheten';
}

/**
 * The checks of every command that gives work to a person (issue 21, "People"; review L-6): the
 * person must be in the directory, and may see what the work is about. Refused before anything is
 * written, with 400 and the username in the message.
 */
@Injectable()
export class PersonChecks {
  constructor(private readonly directory: UserDirectory) {}

  /** The directory's user, or the caller (whom the sign-in has vouched for); otherwise 400 UNKNOWN_USER. */
  async known(username: unknown, caller: Principal, field: string): Promise<DirectoryUser> {
    const given = typeof username === 'string' ? username.trim() : '';
    const found = given === '' ? undefined : await this.directory.find(given);
    if (found) return found;
    if (given !== '' && given === caller.username) return caller;
    throw refused(
      field,
      'UNKNOWN_USER',
      given === ''
        ? 'Välj en person i organisationen.'
        : `Det finns ingen användare ”${given}” i organisationen. Välj en person i listan.`,
    );
  }

  /** A case's assignee: known, and may see the case (its board; a handler, or a reader by role). */
  async caseAssignee(username: unknown, facts: CaseFacts, caller: Principal, field: string): Promise<void> {
    const person = await this.known(username, caller, field);
    if (mayBeGivenCase(asPrincipal(person), facts, ORGANISATION)) return;
    throw refused(
      field,
      'USER_CANNOT_SEE_CASE',
      `${person.name} (${person.username}) får inte handlägga ärenden från ${unitName(facts.unitId)} och kan inte få ärendet.`,
    );
  }

  /** An owner or responsible of work about a unit: known, and serving the unit's board. */
  async unitWorker(username: unknown, unitId: string, caller: Principal, field: string): Promise<void> {
    const person = await this.known(username, caller, field);
    if (mayOwnWorkOf(asPrincipal(person), unitId, ORGANISATION)) return;
    throw refused(
      field,
      'USER_CANNOT_SEE_CASE',
      `${person.name} (${person.username}) arbetar inte för ${unitName(unitId)} och kan inte bli ansvarig här.`,
    );
  }

  /** An owner of a board's duty (årshjul): known, and serving that board. */
  async boardWorker(username: unknown, boardId: string, caller: Principal, field: string): Promise<void> {
    const person = await this.known(username, caller, field);
    if (ORGANISATION.boardsOf(person).includes(boardId)) return;
    throw refused(
      field,
      'USER_CANNOT_SEE_CASE',
      `${person.name} (${person.username}) arbetar inte för ${ORGANISATION.board(boardId)?.name ?? 'nämnden'} och kan inte bli ansvarig här.`,
    );
  }
}
