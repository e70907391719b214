import { apiBlob } from '../api/client';

/** Fetches a document with the session's token and hands it to the browser as a download. */
export async function downloadDocument(path: string, accept: string, filename: string): Promise<void> {
  const blob = await apiBlob(path, accept);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
