import { jpegWithLocation, JPEG_SCAN, pngWithLocation } from './photo-with-location.fixture';
import {
  sniffAttachmentType,
  stripJpegMetadata,
  stripPngMetadata,
  withoutMetadata,
} from './attachment-content';

const has = (haystack: Uint8Array, needle: string) =>
  Buffer.from(haystack).includes(Buffer.from(needle, 'latin1'));

describe('attachment content (issue 21)', () => {
  it('knows a file by its first bytes, not by its name or declared type', () => {
    expect(sniffAttachmentType(jpegWithLocation())).toBe('image/jpeg');
    expect(sniffAttachmentType(pngWithLocation())).toBe('image/png');
    expect(sniffAttachmentType(Buffer.from('%PDF-1.7\n%…'))).toBe('application/pdf');
    expect(sniffAttachmentType(Buffer.from('\0\0\0\x18ftypheic\0\0\0\0'))).toBe('image/heic');
    expect(sniffAttachmentType(Buffer.from('MZ\x90\0 a Windows program'))).toBeNull();
    expect(sniffAttachmentType(Buffer.from('<html><script>'))).toBeNull();
    expect(sniffAttachmentType(Buffer.alloc(0))).toBeNull();
  });

  it('removes the Exif GPS position and the XMP packet from a JPEG photo and keeps the image', () => {
    const photo = jpegWithLocation();
    expect(has(photo, 'Exif')).toBe(true);
    expect(has(photo, 'GPSLatitude')).toBe(true);

    const cleaned = stripJpegMetadata(photo)!;

    expect(has(cleaned, 'Exif')).toBe(false);
    expect(has(cleaned, 'GPSLatitude')).toBe(false);
    expect(has(cleaned, 'ns.adobe.com')).toBe(false);
    expect(Buffer.from(cleaned).includes(Buffer.from([0xff, 0xe1]))).toBe(false);
    expect([...cleaned.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect([...cleaned.subarray(-3)]).toEqual([...JPEG_SCAN, 0xff, 0xd9]);
    expect(sniffAttachmentType(cleaned)).toBe('image/jpeg');
    expect(cleaned.length).toBeLessThan(photo.length);
    // stripping twice changes nothing more
    expect(Buffer.from(stripJpegMetadata(cleaned)!).equals(Buffer.from(cleaned))).toBe(true);
  });

  it('removes eXIf and tEXt chunks from a PNG and keeps its image chunks', () => {
    const png = pngWithLocation();
    const cleaned = stripPngMetadata(png)!;
    expect(has(cleaned, 'eXIf')).toBe(false);
    expect(has(cleaned, 'Solgarden')).toBe(false);
    expect(has(cleaned, 'IHDR')).toBe(true);
    expect(has(cleaned, 'IDAT')).toBe(true);
    expect(has(cleaned, 'IEND')).toBe(true);
  });

  it('refuses to clean a truncated image rather than keep its metadata', () => {
    const photo = jpegWithLocation();
    expect(stripJpegMetadata(photo.subarray(0, 20))).toBeNull();
    expect(stripPngMetadata(pngWithLocation().subarray(0, 40))).toBeNull();
  });

  it('leaves a PDF as it came', () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF');
    expect(Buffer.from(withoutMetadata('application/pdf', pdf)!).equals(pdf)).toBe(true);
  });
});
