import { accessSync, constants, readFileSync } from 'node:fs';
import { z } from 'zod';

/** A problem the schema reports against one variable (cross-field checks of the connection settings). */
export interface VariableProblem {
  variable: string;
  message: string;
}

function readable(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * A certificate, key or CA file in PEM form: checked at start so that a wrong mount stops the
 * process naming its variable instead of failing on the first connection minutes later.
 */
export const pemFile = z
  .string()
  .min(1)
  .refine(readable, 'filen finns inte eller går inte att läsa / the file does not exist or cannot be read')
  .refine(
    (path) => !readable(path) || /-----BEGIN [A-Z0-9 ]+-----/.test(readFileSync(path, 'utf8')),
    'är ingen PEM-fil (-----BEGIN …-----) / is not a PEM file',
  );

export const trueOrFalse = z.enum(['true', 'false'], {
  errorMap: () => ({ message: 'true eller false / true or false' }),
});

/** Both files of a client certificate pair or neither: one alone is a mistake, never meant. */
export function pairProblems(
  config: Record<string, unknown>,
  certVariable: string,
  keyVariable: string,
): VariableProblem[] {
  const cert = config[certVariable] !== undefined;
  const key = config[keyVariable] !== undefined;
  if (cert && !key)
    return [
      {
        variable: keyVariable,
        message: `krävs när ${certVariable} är satt / is required when ${certVariable} is set`,
      },
    ];
  if (key && !cert)
    return [
      {
        variable: certVariable,
        message: `krävs när ${keyVariable} är satt / is required when ${keyVariable} is set`,
      },
    ];
  return [];
}

/** Adds each problem to the zod context under its variable (for `.superRefine`/`.transform`). */
export function reportProblems(problems: readonly VariableProblem[], ctx: z.RefinementCtx): void {
  for (const problem of problems)
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: [problem.variable], message: problem.message });
}
