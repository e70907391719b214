import { ApiError } from '../api/client';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CASE_NUMBER = /^[A-ZÅÄÖ]{2}-\d{4}-\d{4,}$/i;

type FetchJson = <T>(path: string) => Promise<T>;

function notFound(message: string): ApiError {
  return new ApiError(400, 'VALIDATION_FAILED', message, [{ field: 'caseId', code: 'NOT_FOUND', message }]);
}

/**
 * The id of the case a user names to link to: an id as it is, or a case number (which users know,
 * e.g. AV-2026-0031) looked up through the case list, which only lists cases the user may see. The
 * api takes ids only; a number nobody may see reads as not found, as the api's 404 would.
 */
export async function resolveCaseRef(ref: string, fetchJson: FetchJson): Promise<string> {
  const value = ref.trim();
  if (value === '') throw notFound('Ange ärendenumret (till exempel AV-2026-0031) eller ärendets id.');
  if (UUID.test(value)) return value.toLowerCase();
  if (!CASE_NUMBER.test(value)) throw notFound('Ange ett ärendenummer som AV-2026-0031, eller ärendets id.');
  const page = await fetchJson<{ items: { id: string; caseNumber: string }[] }>(
    `/api/v1/cases?q=${encodeURIComponent(value)}&pageSize=20`,
  );
  const match = page.items.find((item) => item.caseNumber.toUpperCase() === value.toUpperCase());
  if (!match) throw notFound(`Hittade inget ärende med numret ${value.toUpperCase()} som du får se.`);
  return match.id;
}
