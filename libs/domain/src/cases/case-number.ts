import { CASE_NUMBER_PREFIXES } from './case-type';
import type { CaseType } from './case-type';

/**
 * Human-readable case number: a prefix per type, the year of the report and a sequence per prefix
 * and year of at least four digits, e.g. `LS-2026-0007` (api.md). Allocation of the sequence is done
 * by persistence; this only formats and parses.
 */
export function formatCaseNumber(prefix: string, year: number, seq: number): string {
  if (!/^[A-Z]{2,}$/.test(prefix)) throw new RangeError(`Invalid case-number prefix: ${prefix}`);
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`Invalid year: ${year}`);
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`Invalid sequence: ${seq}`);
  return `${prefix}-${year}-${String(seq).padStart(4, '0')}`;
}

export function caseNumberPrefix(type: CaseType): string {
  return CASE_NUMBER_PREFIXES[type];
}

export interface ParsedCaseNumber {
  readonly prefix: string;
  readonly year: number;
  readonly seq: number;
}

const CASE_NUMBER_PATTERN = /^([A-Z]{2,})-(\d{4})-(\d{4,})$/;

export function parseCaseNumber(caseNumber: string): ParsedCaseNumber | null {
  const match = CASE_NUMBER_PATTERN.exec(caseNumber);
  if (!match) return null;
  const [, prefix, year, seq] = match;
  if (prefix === undefined || year === undefined || seq === undefined) return null;
  const parsedSeq = Number(seq);
  if (parsedSeq < 1 || !Number.isSafeInteger(parsedSeq)) return null;
  return { prefix, year: Number(year), seq: parsedSeq };
}
