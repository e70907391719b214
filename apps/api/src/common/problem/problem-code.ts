/** The stable, English problem codes of api.md, with their HTTP status and Swedish title. */
export const PROBLEM_CODES = {
  VALIDATION_FAILED: { status: 400, title: 'Ogiltig begäran' },
  UNAUTHENTICATED: { status: 401, title: 'Inte inloggad' },
  FORBIDDEN: { status: 403, title: 'Åtkomst nekas' },
  CSRF_FAILED: { status: 403, title: 'Begäran kunde inte bekräftas' },
  NOT_FOUND: { status: 404, title: 'Hittades inte' },
  INVALID_TRANSITION: { status: 409, title: 'Otillåten åtgärd i ärendets läge' },
  VERSION_CONFLICT: { status: 409, title: 'Ärendet har ändrats' },
  ALREADY_EXISTS: { status: 409, title: 'Finns redan' },
  DELEGATION_MISSING: { status: 409, title: 'Delegation saknas' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'För stor begäran' },
  ATTACHMENT_TOO_LARGE: { status: 413, title: 'För stor fil' },
  ATTACHMENT_TYPE_NOT_ALLOWED: { status: 415, title: 'Filtypen tillåts inte' },
  ATTACHMENT_INFECTED: { status: 422, title: 'Filen innehåller skadlig kod' },
  ATTACHMENT_SCAN_FAILED: { status: 503, title: 'Filen kunde inte virusskannas' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Medietypen stöds inte' },
  IDEMPOTENCY_CONFLICT: { status: 422, title: 'Idempotensnyckeln är redan använd' },
  RATE_LIMITED: { status: 429, title: 'För många förfrågningar' },
  INTERNAL_ERROR: { status: 500, title: 'Internt fel' },
  UNAVAILABLE: { status: 503, title: 'Tjänsten är inte tillgänglig' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEM_CODES;

export const PROBLEM_CODE_VALUES = Object.keys(PROBLEM_CODES) as ProblemCode[];

/** `type` of a problem: a stable URI per code (RFC 9457 §3.1.1). */
export function problemTypeUri(code: ProblemCode): string {
  return `urn:kvalitet:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
