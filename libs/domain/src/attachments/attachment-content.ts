import { stripHeicMetadata } from './heic-metadata';

/**
 * What a file really is, read from its first bytes (issue 21): a declared Content-Type or file name
 * is what the sender claims, so only the magic bytes decide. Images a phone takes (JPEG, PNG, HEIC)
 * and PDF documents are allowed; anything else is refused before it is stored.
 */
export type AttachmentContentType = 'image/jpeg' | 'image/png' | 'image/heic' | 'application/pdf';

export const ALLOWED_ATTACHMENT_TYPES: readonly AttachmentContentType[] = [
  'image/jpeg',
  'image/png',
  'image/heic',
  'application/pdf',
];

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((byte, i) => bytes[at + i] === byte);
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

export function sniffAttachmentType(bytes: Uint8Array): AttachmentContentType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (bytes.length >= 12 && ascii(bytes, 4, 8) === 'ftyp' && HEIC_BRANDS.has(ascii(bytes, 8, 12)))
    return 'image/heic';
  return null;
}

/**
 * A JPEG without the segments that carry where and with what a photo was taken: APP1 (Exif, XMP —
 * GPS position, camera, time), APP13 (IPTC) and comments. The image data itself is copied as it is.
 * A JPEG whose segments cannot be followed is returned as null: it is refused rather than stored
 * with its metadata.
 */
export function stripJpegMetadata(bytes: Uint8Array): Uint8Array | null {
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xd9 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      kept.push(bytes.subarray(at, at + 2));
      at += 2;
      continue;
    }
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (length < 2 || at + 2 + length > bytes.length) return null;
    const segmentEnd = at + 2 + length;
    if (marker === 0xda) {
      // start of scan: the compressed image and everything after it stays as it is
      kept.push(bytes.subarray(at));
      return concat(kept);
    }
    const drop = marker === 0xe1 || marker === 0xed || marker === 0xfe;
    if (!drop) kept.push(bytes.subarray(at, segmentEnd));
    at = segmentEnd;
  }
  return null;
}

const PNG_TEXT_AND_METADATA_CHUNKS = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

/** A PNG without its eXIf and text chunks (where camera software writes position and comments). */
export function stripPngMetadata(bytes: Uint8Array): Uint8Array | null {
  const kept: Uint8Array[] = [bytes.subarray(0, 8)];
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length =
      ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
    const type = ascii(bytes, at + 4, at + 8);
    const end = at + 12 + length;
    if (end > bytes.length) return null;
    if (!PNG_TEXT_AND_METADATA_CHUNKS.has(type)) kept.push(bytes.subarray(at, end));
    at = end;
    if (type === 'IEND') return concat(kept);
  }
  return null;
}

/**
 * The bytes to store: photos without their metadata, other allowed files as they came. Null when
 * the image cannot be read well enough to clean it.
 */
export function withoutMetadata(type: AttachmentContentType, bytes: Uint8Array): Uint8Array | null {
  if (type === 'image/jpeg') return stripJpegMetadata(bytes);
  if (type === 'image/png') return stripPngMetadata(bytes);
  if (type === 'image/heic') return stripHeicMetadata(bytes);
  return bytes;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
