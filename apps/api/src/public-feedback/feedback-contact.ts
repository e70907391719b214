import type { ProblemFieldError } from '../common/problem/problem-details';

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)*\.[^\s@.]{2,}$/;
const PHONE_CHARACTERS = /^\+?[\d\s\-()]+$/;
const MIN_PHONE_DIGITS = 5;

export interface FeedbackContact {
  readonly email?: string;
  readonly phone?: string;
}

function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/** The contact ways a citizen actually gave, blank ones left out. */
export function givenContact(contact: FeedbackContact | undefined): FeedbackContact | undefined {
  const email = present(contact?.email);
  const phone = present(contact?.phone);
  if (email === undefined && phone === undefined) return undefined;
  return { ...(email === undefined ? {} : { email }), ...(phone === undefined ? {} : { phone }) };
}

/**
 * A citizen who wants an answer must say where it should go, and an address or number we could
 * never reach is refused now rather than discovered when the answer is due (AUD-21).
 */
export function feedbackContactErrors(
  contact: FeedbackContact | undefined,
  wantsAnswer: boolean | undefined,
): ProblemFieldError[] {
  const given = givenContact(contact);
  const errors: ProblemFieldError[] = [];
  if (given?.email !== undefined && !EMAIL.test(given.email))
    errors.push({
      field: 'contact.email',
      code: 'INVALID_EMAIL',
      message: 'E-postadressen ser inte ut att stämma. Skriv den som namn@exempel.se.',
    });
  if (
    given?.phone !== undefined &&
    (!PHONE_CHARACTERS.test(given.phone) || given.phone.replace(/\D/g, '').length < MIN_PHONE_DIGITS)
  )
    errors.push({
      field: 'contact.phone',
      code: 'INVALID_PHONE',
      message: 'Telefonnumret ser inte ut att stämma. Skriv det med siffror, till exempel 070-123 45 67.',
    });
  if (wantsAnswer === true && given === undefined)
    errors.push({
      field: 'contact',
      code: 'CONTACT_REQUIRED',
      message: 'Om du vill få svar behöver du skriva din e-postadress eller ditt telefonnummer.',
    });
  return errors;
}
