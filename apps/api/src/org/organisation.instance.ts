import { organisation } from '@kvalitet/runtime';

/** The organisation the api serves: config/organisation.json, or the file ORGANISATION_FILE names (ADR 0030). */
export const ORGANISATION = organisation();
