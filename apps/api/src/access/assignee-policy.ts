import type { Organisation } from '../org/organisation';
import { mayRunCaseCommands, type CaseFacts } from './access-policy';
import type { Principal } from './principal';

/**
 * May a case be given to this person (issue 21, "People"; DATA-3, DATA-4)? The assignment is the
 * explicit extra access to one case, so it must not carry a case across the nämnd's secrecy
 * boundary nor go to someone who could not work on it: the person is a handler (not staff, not
 * ledning, who can run no case command even as assignee) serving the case's board — which lets a
 * unit manager be asked to investigate in another unit of the same board.
 */
export function mayBeGivenCase(person: Principal, facts: CaseFacts, org: Organisation): boolean {
  return mayRunCaseCommands(person) && org.isInBoards(facts.unitId, org.boardsOf(person));
}

/** May this person own work about a unit (an action, a risk, a control): only within the boards they serve (DATA-3). */
export function mayOwnWorkOf(person: Principal, unitId: string, org: Organisation): boolean {
  return org.isInBoards(unitId, org.boardsOf(person));
}
