/** The name cases have used for a refusal; the class is every aggregate's CommandRefusedError. */
export { CommandRefusedError as CaseRefusedError } from '../aggregates/command-refused.error';
