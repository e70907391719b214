import { sniffAttachmentType, withoutMetadata } from './attachment-content';
import { stripHeicMetadata } from './heic-metadata';

/**
 * HEIC photos lose their Exif and XMP items (issue 21): a HEIF file built box by box the way an
 * iPhone writes one (ftyp, meta with hdlr/iinf/iloc, mdat holding the image, the Exif and the XMP).
 */
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const u32 = (n: number) => [(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
const box = (type: string, content: number[]) => [...u32(8 + content.length), ...ascii(type), ...content];
const fullBox = (type: string, version: number, content: number[]) =>
  box(type, [version, 0, 0, 0, ...content]);
const infe = (id: number, type: string, extra: number[] = []) =>
  fullBox('infe', 2, [...u16(id), ...u16(0), ...ascii(type), 0, ...extra]);

const IMAGE = [0x00, 0x00, 0x00, 0x10, ...ascii('hevc-image-data!')];
const EXIF = [0, 0, 0, 6, ...ascii('Exif\0\0MM\0*GPSLatitude 59 19 45 N; iPhone 15')];
const XMP = ascii('<x:xmpmeta><exif:GPSLatitude>59,19.75N</exif:GPSLatitude></x:xmpmeta>');

function heic(ilocVersion: 0 | 1 = 1): { bytes: Uint8Array; image: [number, number] } {
  const ftyp = box('ftyp', [...ascii('heic'), ...u32(0), ...ascii('mif1heic')]);
  const hdlr = fullBox('hdlr', 0, [...u32(0), ...ascii('pict'), ...u32(0), ...u32(0), ...u32(0), 0]);
  const iinf = fullBox('iinf', 0, [
    ...u16(3),
    ...infe(1, 'hvc1'),
    ...infe(2, 'Exif'),
    ...infe(3, 'mime', [...ascii('application/rdf+xml'), 0]),
  ]);
  const ilocFor = (mdatData: number) => {
    const entry = (id: number, offset: number, length: number) => [
      ...u16(id),
      ...(ilocVersion === 1 ? u16(0) : []),
      ...u16(0),
      ...u16(1),
      ...u32(offset),
      ...u32(length),
    ];
    return fullBox('iloc', ilocVersion, [
      0x44,
      0x00,
      ...u16(3),
      ...entry(1, mdatData, IMAGE.length),
      ...entry(2, mdatData + IMAGE.length, EXIF.length),
      ...entry(3, mdatData + IMAGE.length + EXIF.length, XMP.length),
    ]);
  };
  const metaLength = fullBox('meta', 0, [...hdlr, ...iinf, ...ilocFor(0)]).length;
  const mdatData = ftyp.length + metaLength + 8;
  const meta = fullBox('meta', 0, [...hdlr, ...iinf, ...ilocFor(mdatData)]);
  const mdat = box('mdat', [...IMAGE, ...EXIF, ...XMP]);
  return { bytes: Uint8Array.from([...ftyp, ...meta, ...mdat]), image: [mdatData, mdatData + IMAGE.length] };
}

const contains = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(Buffer.from(text));

describe('HEIC metadata (issue 21)', () => {
  it.each([0, 1] as const)(
    'zeroes the Exif and XMP items and keeps the image and every offset (iloc v%s)',
    (v) => {
      const { bytes, image } = heic(v);
      expect(sniffAttachmentType(bytes)).toBe('image/heic');
      expect(contains(bytes, 'GPSLatitude')).toBe(true);
      const stripped = withoutMetadata('image/heic', bytes)!;
      expect(stripped).not.toBeNull();
      expect(stripped.length).toBe(bytes.length);
      expect(contains(stripped, 'GPSLatitude')).toBe(false);
      expect(contains(stripped, 'iPhone')).toBe(false);
      expect(Buffer.from(stripped.subarray(...image)).equals(Buffer.from(bytes.subarray(...image)))).toBe(
        true,
      );
      expect(
        Buffer.from(stripped.subarray(0, image[0])).equals(Buffer.from(bytes.subarray(0, image[0]))),
      ).toBe(true);
    },
  );

  it('refuses a file whose boxes cannot be followed, or without item information', () => {
    const { bytes } = heic();
    expect(stripHeicMetadata(bytes.subarray(0, bytes.length - 5))).toBeNull();
    expect(stripHeicMetadata(Uint8Array.from(box('ftyp', [...ascii('heic'), ...u32(0)])))).toBeNull();
    const truncatedIloc = Uint8Array.from(bytes);
    truncatedIloc.set(u16(60000), bytes.indexOf(0x44) + 2); // an item count far beyond the box
    expect(stripHeicMetadata(truncatedIloc)).toBeNull();
  });
});
