import type { AttachmentContentType } from '@kvalitet/domain';

// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const UNSAFE_IN_FILE_NAME = /[\u0000-\u001f\u007f"<>]/g;

/** A name to show and to offer on download: no path, no control characters, at most 200 characters. */
export function cleanFileName(name: string, type: AttachmentContentType): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(UNSAFE_IN_FILE_NAME, '').trim().slice(-200);
  if (cleaned) return cleaned;
  return {
    'image/jpeg': 'bild.jpg',
    'image/png': 'bild.png',
    'image/heic': 'bild.heic',
    'application/pdf': 'dokument.pdf',
  }[type];
}
