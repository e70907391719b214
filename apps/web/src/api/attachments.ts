import { sessionHeaders } from '../auth/session';
import { ApiError, apiBlob, apiJson } from './client';
import type { components } from './generated/openapi';

export type Attachment = components['schemas']['AttachmentDto'];
export type AttachmentList = components['schemas']['AttachmentListDto'];
export type AttachmentSettings = components['schemas']['AttachmentSettingsDto'];
export type AttachmentStep = Attachment['step'];

/** The one body of the api that is not JSON: a file as multipart/form-data (issue 21). */
export async function uploadAttachment(
  path: string,
  file: File,
  step: AttachmentStep,
  options: { anonymous?: boolean } = {},
): Promise<Attachment> {
  const form = new FormData();
  form.append('step', step);
  form.append('file', file, file.name);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (!options.anonymous) Object.assign(headers, sessionHeaders('POST'));
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers, body: form });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Kunde inte nå servern. Kontrollera nätverket och försök igen.');
  }
  const body = (await response.json().catch(() => ({}))) as Partial<
    Attachment & { code: string; detail: string }
  >;
  if (!response.ok) {
    throw new ApiError(
      response.status,
      body.code ?? 'UNKNOWN',
      body.detail ?? 'Filen kunde inte bifogas. Försök igen.',
    );
  }
  return body as Attachment;
}

export function attachmentSettings(): Promise<AttachmentSettings> {
  return apiJson<AttachmentSettings>('/api/v1/attachments/settings', { anonymous: true });
}

export function caseAttachments(caseId: string): Promise<AttachmentList> {
  return apiJson<AttachmentList>(`/api/v1/cases/${caseId}/attachments`);
}

/** Fetches the file (the api logs the download) and hands it to the browser under its own name. */
export async function downloadAttachment(
  caseId: string,
  attachment: Attachment,
  reason?: string,
): Promise<void> {
  const query = reason ? `?reason=${encodeURIComponent(reason)}` : '';
  const blob = await apiBlob(
    `/api/v1/cases/${caseId}/attachments/${attachment.id}${query}`,
    attachment.contentType,
  );
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = attachment.fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
