import { containsPersonnummer, PERSONNUMMER_IN_TEXT_WARNING } from '@kvalitet/domain';

/**
 * Said with a report that was received but whose free text seems to hold a personnummer (issue 21).
 * A warning, not a 400: the report is registered as written, the number stays readable on the case
 * and is masked everywhere else (lists, mail, documents); the web warns before sending.
 */
export interface TextWarning {
  readonly code: 'PERSONNUMMER_IN_TEXT';
  readonly fields: string[];
  readonly message: string;
}

/**
 * `{ warnings }` with one warning naming every field whose text holds a personnummer or
 * samordningsnummer; `{}` when no text does, so an answer without one keeps its v1 shape.
 */
export function personnummerWarnings(texts: Readonly<Record<string, string | null | undefined>>): {
  warnings?: TextWarning[];
} {
  const fields = Object.entries(texts)
    .filter(([, text]) => containsPersonnummer(text))
    .map(([field]) => field);
  return fields.length === 0
    ? {}
    : { warnings: [{ code: 'PERSONNUMMER_IN_TEXT', fields, message: PERSONNUMMER_IN_TEXT_WARNING }] };
}
