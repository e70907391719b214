/** Timestamps relative to now, in the ISO-8601-with-offset form the api accepts. */
export function isoMinutesFromNow(minutes: number): string {
  return new Date(Date.now() + minutes * 60_000).toISOString().replace('Z', '+00:00');
}

export function stockholmDateDaysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toLocaleDateString('sv-SE', {
    timeZone: 'Europe/Stockholm',
  });
}

export interface ReportBody {
  type: string;
  unitId: string;
  description: string;
  occurredAt?: string;
  [key: string]: unknown;
}

export function report(
  type: string,
  unitId: string,
  description = `Händelse ${type} på ${unitId}`,
  extra: Record<string, unknown> = {},
): ReportBody {
  return { type, unitId, description, occurredAt: isoMinutesFromNow(-24 * 60), ...extra };
}
