/** The organisation's name on every report (DATA-10); the demo organisation of api.md by default. */
export const DEFAULT_ORGANISATION_NAME = 'Exempelkommun, socialnämnden';

export function organisationNameFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const name = env['REPORT_ORGANISATION_NAME']?.trim();
  return name && name.length > 0 ? name : DEFAULT_ORGANISATION_NAME;
}
