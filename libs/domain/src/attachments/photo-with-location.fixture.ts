/**
 * Real image files made from bytes, for the attachment tests (issue 21): a 1×1 baseline JPEG that
 * any decoder shows, carrying an Exif APP1 segment with GPS tags and an XMP APP1 segment with the
 * position; and a PNG with an eXIf and a tEXt chunk. Test fixtures only: not exported by the library.
 */

/** Latitude 59° 19' 45" N, longitude 18° 4' 6" E (Stockholm). */
export const GPS_LATITUDE = [59, 19, 45] as const;

const SOI = [0xff, 0xd8];
const DQT = [0xff, 0xdb, 0x00, 0x43, 0x00, ...new Array<number>(64).fill(1)];
const SOF0 = [0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00];
const huffman = (tableClass: number) => [
  0xff,
  0xc4,
  0x00,
  0x14,
  tableClass,
  1,
  ...new Array<number>(15).fill(0),
  0x00,
];
const SOS = [0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00];
/** DC difference 0 ("0"), end of block ("0"), padded with ones. */
export const JPEG_SCAN = [0x3f];
const EOI = [0xff, 0xd9];

function u16(n: number): number[] {
  return [(n >> 8) & 0xff, n & 0xff];
}
function u32(n: number): number[] {
  return [(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}
function bytesOf(text: string): number[] {
  return [...Buffer.from(text, 'latin1')];
}

/** Exif (big-endian TIFF): IFD0 points at a GPS IFD holding GPSLatitudeRef "N" and GPSLatitude. */
function exifSegment(): number[] {
  const gpsIfdOffset = 8 + 2 + 12 + 4;
  const rationalsOffset = gpsIfdOffset + 2 + 12 * 2 + 4;
  const tiff = [
    ...bytesOf('MM'),
    ...u16(42),
    ...u32(8),
    ...u16(1),
    ...u16(0x8825), // GPSInfo
    ...u16(4),
    ...u32(1),
    ...u32(gpsIfdOffset),
    ...u32(0),
    ...u16(2),
    ...u16(0x0001), // GPSLatitudeRef
    ...u16(2),
    ...u32(2),
    ...bytesOf('N'),
    0,
    0,
    0,
    ...u16(0x0002), // GPSLatitude
    ...u16(5),
    ...u32(3),
    ...u32(rationalsOffset),
    ...u32(0),
    ...GPS_LATITUDE.flatMap((n) => [...u32(n), ...u32(1)]),
  ];
  const payload = [...bytesOf('Exif'), 0, 0, ...tiff];
  return [0xff, 0xe1, ...u16(payload.length + 2), ...payload];
}

function xmpSegment(): number[] {
  const payload = [
    ...bytesOf('http://ns.adobe.com/xap/1.0/'),
    0,
    ...bytesOf('<x:xmpmeta><exif:GPSLatitude>59,19.75N</exif:GPSLatitude></x:xmpmeta>'),
  ];
  return [0xff, 0xe1, ...u16(payload.length + 2), ...payload];
}

/** A JPEG photo as a phone would send it: position in Exif and XMP. */
export function jpegWithLocation(): Buffer {
  return Buffer.from([
    ...SOI,
    ...exifSegment(),
    ...xmpSegment(),
    ...DQT,
    ...SOF0,
    ...huffman(0x00),
    ...huffman(0x10),
    ...SOS,
    ...JPEG_SCAN,
    ...EOI,
  ]);
}

function pngChunk(type: string, data: number[]): number[] {
  const typeAndData = Buffer.from([...bytesOf(type), ...data]);
  return [...u32(data.length), ...typeAndData, ...u32(crc32(typeAndData))];
}

/** A 1×1 grey PNG with an eXIf chunk and a tEXt comment naming a place. */
export function pngWithLocation(): Buffer {
  const ihdr = [...u32(1), ...u32(1), 8, 0, 0, 0, 0];
  // zlib stream of one filter byte 0 and one grey pixel 0x80, stored (uncompressed)
  const raw = Buffer.from([0x00, 0x80]);
  const idat = [
    0x78,
    0x01,
    0x01,
    ...u16(0x0002).reverse(),
    ...u16(0xfffd).reverse(),
    ...raw,
    ...adler32(raw),
  ];
  return Buffer.from([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...pngChunk('IHDR', ihdr),
    ...pngChunk('eXIf', exifSegment().slice(10)),
    ...pngChunk('tEXt', [...bytesOf('Comment'), 0, ...bytesOf('Solgarden, rum 12')]),
    ...pngChunk('IDAT', idat),
    ...pngChunk('IEND', []),
  ]);
}

function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function adler32(data: Buffer): number[] {
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return u32(((b << 16) | a) >>> 0);
}

/** The EICAR anti-virus test file: harmless, detected by every scanner by design. */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';
