import { checkPersonRef, maskPersonRef, PERSON_REF_INVALID_MESSAGES } from '@kvalitet/domain';
import type { CaseFacts } from '../access/access-policy';
import type { Principal } from '../access/principal';
import type { Role } from '../access/roles';
import { ApiProblem } from '../common/problem/api-problem';

/**
 * Who reads `personRef` in full (issue 24, DATA-2 "ID numbers … need-to-know only"): those who
 * investigate and decide statutory cases and report them to IVO — `forvaltningschef` (director),
 * `sas` and `mas` — and whoever the case is assigned to (the investigator). Everyone else who may
 * read the case (its reporter, the unit's managers, kvalitet) sees an identity number masked
 * (`19121212-****`), and so does everyone in the event history, the answer to a report and the IVO
 * anmälan. The full number only ever leaves the api with the case itself, i.e. `GET /cases/{id}`
 * (access log `read_case`) and a command's answer (`command:<name>`): both are logged with the
 * reader's roles, from which the rule tells whether the number was shown.
 */
const FULL_PERSON_REF_ROLES: readonly Role[] = ['director', 'lex_sarah_investigator', 'mas'];

export function mayReadFullPersonRef(principal: Principal, facts: Pick<CaseFacts, 'assignee'>): boolean {
  return (
    principal.roles.some((role) => FULL_PERSON_REF_ROLES.includes(role)) ||
    (facts.assignee !== null && facts.assignee === principal.username)
  );
}

/** The reference as this reader may see it. */
export function personRefFor(value: string | null, fullAllowed: boolean): string | null {
  return fullAllowed ? value : maskPersonRef(value);
}

/**
 * The `personRef` of a report as it is stored: a pseudonym as written (trimmed), a personnummer or
 * samordningsnummer as `ÅÅÅÅMMDD-NNNN`; one that does not exist (date, check digit) or a pseudonym
 * with an identity number inside is 400 naming the field.
 */
export function storablePersonRef(value: string | undefined, today: Date = new Date()): string | undefined {
  if (value === undefined || value.trim() === '') return value;
  const checked = checkPersonRef(value, today);
  if (checked.kind === 'invalid')
    throw ApiProblem.validation([
      {
        field: 'personRef',
        code: 'INVALID_PERSONNUMMER',
        message: PERSON_REF_INVALID_MESSAGES[checked.reason],
      },
    ]);
  return checked.value;
}
