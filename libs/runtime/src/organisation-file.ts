import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describeOrganisationFaults, parseOrganisation, type Organisation } from '@kvalitet/domain';

/** The demo organisation (api.md), the default when ORGANISATION_FILE is not set. */
export const DEFAULT_ORGANISATION_FILE = resolve(__dirname, '../../../config/organisation.json');

/**
 * Reads and validates an organisation file (ADR 0030). A file with faults stops the process that
 * reads it, with every fault and its path in the message: no process runs on half an organisation.
 */
export function loadOrganisationFile(file: string): Organisation {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Organisationsfilen ${file} kan inte läsas som JSON: ${(error as Error).message}`);
  }
  const parsed = parseOrganisation(raw);
  if (!parsed.ok)
    throw new Error(`Organisationsfilen ${file} är ogiltig:\n${describeOrganisationFaults(parsed.faults)}`);
  return parsed.organisation;
}

export function organisationFileFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const file = env['ORGANISATION_FILE']?.trim();
  return file ? resolve(file) : DEFAULT_ORGANISATION_FILE;
}

let loaded: Organisation | null = null;

/**
 * The organisation every process uses (api, worker, projector, scripts, test fixtures): the file
 * ORGANISATION_FILE names, or the demo organisation. Read once per process.
 */
export function organisation(): Organisation {
  loaded ??= loadOrganisationFile(organisationFileFromEnv());
  return loaded;
}
