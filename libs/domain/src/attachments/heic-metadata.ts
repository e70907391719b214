/**
 * HEIC (HEIF) photos, as iPhones take them (issue 21): the position and camera data are not in the
 * image but in metadata items — an `Exif` item and an XMP item (`mime`, application/rdf+xml) listed
 * in the `meta` box's item information (`iinf`) and located by its item locations (`iloc`). Their
 * bytes are overwritten with zeros where they lie, so every offset in the file stays right and the
 * image itself is copied as it is. No maintained Node library writes HEIF without a native HEVC
 * codec (sharp's prebuilt libvips has no HEIC; libheif is not packaged for Node), and the boxes are
 * plain ISO BMFF, so this follows ISO/IEC 14496-12 §8.11 directly, like the JPEG and PNG stripping.
 * A file whose boxes cannot be followed is null: refused rather than stored with its metadata.
 */

interface Box {
  readonly type: string;
  /** Where the box's content starts (after size and type). */
  readonly start: number;
  readonly end: number;
}

interface Extent {
  readonly offset: number;
  readonly length: number;
}

class Malformed extends Error {}

function u8(b: Uint8Array, at: number): number {
  if (at >= b.length) throw new Malformed();
  return b[at]!;
}

function uint(b: Uint8Array, at: number, size: number): number {
  let value = 0;
  for (let i = 0; i < size; i++) value = value * 256 + u8(b, at + i);
  return value;
}

function fourcc(b: Uint8Array, at: number): string {
  return String.fromCharCode(u8(b, at), u8(b, at + 1), u8(b, at + 2), u8(b, at + 3));
}

function boxesIn(b: Uint8Array, from: number, to: number): Box[] {
  const boxes: Box[] = [];
  let at = from;
  while (at + 8 <= to) {
    let size = uint(b, at, 4);
    const type = fourcc(b, at + 4);
    let header = 8;
    if (size === 1) {
      size = uint(b, at + 8, 8);
      header = 16;
    } else if (size === 0) size = to - at;
    if (size < header || at + size > to) throw new Malformed();
    boxes.push({ type, start: at + header, end: at + size });
    at += size;
  }
  if (at !== to) throw new Malformed();
  return boxes;
}

/** A null-terminated string and where the next field starts. */
function cString(b: Uint8Array, at: number, end: number): [string, number] {
  let stop = at;
  while (stop < end && b[stop] !== 0) stop++;
  return [String.fromCharCode(...b.subarray(at, stop)), Math.min(stop + 1, end)];
}

/** The ids of the Exif and XMP items (`infe` version 2 or 3; older versions carry no item type). */
function metadataItemIds(b: Uint8Array, iinf: Box): Set<number> {
  const version = u8(b, iinf.start);
  const entriesFrom = iinf.start + 4 + (version === 0 ? 2 : 4);
  const ids = new Set<number>();
  for (const infe of boxesIn(b, entriesFrom, iinf.end)) {
    if (infe.type !== 'infe') continue;
    const infeVersion = u8(b, infe.start);
    if (infeVersion < 2) continue;
    let at = infe.start + 4;
    const idSize = infeVersion === 2 ? 2 : 4;
    const id = uint(b, at, idSize);
    at += idSize + 2; // item_protection_index
    const itemType = fourcc(b, at);
    at += 4;
    if (itemType === 'Exif') ids.add(id);
    if (itemType === 'mime') {
      const [, afterName] = cString(b, at, infe.end);
      const [contentType] = cString(b, afterName, infe.end);
      if (contentType.trim().toLowerCase() === 'application/rdf+xml') ids.add(id);
    }
  }
  return ids;
}

/** Where each wanted item's bytes lie in the file (construction method 0) or in `idat` (1). */
function extentsOf(b: Uint8Array, iloc: Box, idat: Box | undefined, wanted: Set<number>): Extent[] {
  const version = u8(b, iloc.start);
  if (version > 2) throw new Malformed();
  let at = iloc.start + 4;
  const offsetSize = u8(b, at) >> 4;
  const lengthSize = u8(b, at) & 0x0f;
  const baseOffsetSize = u8(b, at + 1) >> 4;
  const indexSize = version === 0 ? 0 : u8(b, at + 1) & 0x0f;
  at += 2;
  const countSize = version < 2 ? 2 : 4;
  const itemCount = uint(b, at, countSize);
  at += countSize;
  const extents: Extent[] = [];
  for (let item = 0; item < itemCount; item++) {
    const id = uint(b, at, countSize);
    at += countSize;
    let method = 0;
    if (version > 0) {
      method = uint(b, at, 2) & 0x0f;
      at += 2;
    }
    at += 2; // data_reference_index
    const baseOffset = uint(b, at, baseOffsetSize);
    at += baseOffsetSize;
    const extentCount = uint(b, at, 2);
    at += 2;
    for (let e = 0; e < extentCount; e++) {
      at += indexSize;
      const offset = uint(b, at, offsetSize);
      at += offsetSize;
      const length = uint(b, at, lengthSize);
      at += lengthSize;
      if (!wanted.has(id)) continue;
      if (method === 0) extents.push({ offset: baseOffset + offset, length });
      else if (method === 1 && idat) extents.push({ offset: idat.start + baseOffset + offset, length });
      else throw new Malformed(); // a metadata item built from other items cannot be cleaned in place
    }
    if (at > iloc.end) throw new Malformed();
  }
  return extents;
}

export function stripHeicMetadata(bytes: Uint8Array): Uint8Array | null {
  try {
    const top = boxesIn(bytes, 0, bytes.length);
    if (top[0]?.type !== 'ftyp') return null;
    const meta = top.find((box) => box.type === 'meta');
    if (!meta) return null;
    const children = boxesIn(bytes, meta.start + 4, meta.end);
    const iinf = children.find((box) => box.type === 'iinf');
    const iloc = children.find((box) => box.type === 'iloc');
    if (!iinf || !iloc) return null;
    const wanted = metadataItemIds(bytes, iinf);
    const out = Uint8Array.from(bytes);
    if (wanted.size === 0) return out;
    const idat = children.find((box) => box.type === 'idat');
    for (const extent of extentsOf(bytes, iloc, idat, wanted)) {
      // length 0 means "to the end of the file" (ISO/IEC 14496-12 §8.11.3)
      const end = extent.length === 0 ? out.length : extent.offset + extent.length;
      if (extent.offset < 0 || end > out.length) return null;
      out.fill(0, extent.offset, end);
    }
    return out;
  } catch (error) {
    if (error instanceof Malformed) return null;
    throw error;
  }
}
