import { newRefusal } from '../common/refusal';
import type { Refusal, RefusalCode } from '../common/refusal';

/** A case's refusal is the one refusal type of every aggregate (`common/refusal.ts`). */
export type CaseRefusalCode = RefusalCode;
export type CaseRefusal = Refusal;
export const caseRefusal = newRefusal;
