// A bounded reader of zip archives (APPNOTE 6.3.10): the central directory's entries, and one entry's
// bytes inflated under a cap. The end record is looked for only in the last 64 KB, entries are read
// as they are found (never as many as the end record claims), at most MAX_ZIP_ENTRIES of them.
import { type InflateBudget, inflateBounded } from './inflate.js';

export interface ZipEntry {
  name: string;
  /** Bit 0 of the flags: the entry is password-encrypted. */
  encrypted: boolean;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipListing {
  entries: ZipEntry[];
  /** More entries than MAX_ZIP_ENTRIES, a directory cut short, or no end record: the list may be partial. */
  truncated: boolean;
}

export const MAX_ZIP_ENTRIES = 10_000;
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;

/**
 * Where the central directory starts, and by how much every recorded offset is off (bytes prepended to
 * the archive by self-extractors and polyglots); null when no end record is found.
 */
function directoryOffset(b: Buffer): { at: number; shift: number } | null {
  const lowest = Math.max(0, b.length - 22 - 0xffff);
  for (let p = b.length - 22; p >= lowest; p--) {
    if (b.readUInt32LE(p) !== EOCD) continue;
    let offset = b.readUInt32LE(p + 16);
    if (offset === 0xffffffff && p >= 20 && b.readUInt32LE(p - 20) === ZIP64_LOCATOR) {
      const z = Number(b.readBigUInt64LE(p - 12));
      if (z + 56 <= b.length && b.readUInt32LE(z) === ZIP64_EOCD) offset = Number(b.readBigUInt64LE(z + 48));
    }
    // Bytes prepended to an archive (self-extractors, polyglots) shift every offset by their length.
    if (offset + 4 <= b.length && b.readUInt32LE(offset) === CENTRAL) return { at: offset, shift: 0 };
    const shifted = p - b.readUInt32LE(p + 12);
    if (shifted >= 0 && shifted + 4 <= b.length && b.readUInt32LE(shifted) === CENTRAL)
      return { at: shifted, shift: shifted - offset };
    return null;
  }
  return null;
}

/** Lists the entries of the zip in `bytes`; empty and truncated when there is no readable directory. */
export function listZip(bytes: Uint8Array): ZipListing {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 22) return { entries: [], truncated: true };
  const dir = directoryOffset(b);
  if (dir === null) return { entries: [], truncated: true };
  const entries: ZipEntry[] = [];
  let p = dir.at;
  while (p + 46 <= b.length && b.readUInt32LE(p) === CENTRAL) {
    if (entries.length >= MAX_ZIP_ENTRIES) return { entries, truncated: true };
    const nameLen = b.readUInt16LE(p + 28);
    const end = p + 46 + nameLen + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
    if (end > b.length) return { entries, truncated: true };
    const utf8 = (b.readUInt16LE(p + 8) & 0x800) !== 0;
    entries.push({
      name: b.toString(utf8 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen),
      encrypted: (b.readUInt16LE(p + 8) & 1) !== 0,
      method: b.readUInt16LE(p + 10),
      compressedSize: b.readUInt32LE(p + 20),
      size: b.readUInt32LE(p + 24),
      localOffset: b.readUInt32LE(p + 42) + dir.shift,
    });
    p = end;
  }
  return { entries, truncated: false };
}

/** One entry's bytes, stored or deflated, at most `maxBytes`; null when unreadable or encrypted. */
export function readZipEntry(
  bytes: Uint8Array,
  e: ZipEntry,
  o: { maxBytes: number; budget: InflateBudget },
): Buffer | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (e.encrypted || e.localOffset + 30 > b.length || b.readUInt32LE(e.localOffset) !== LOCAL) return null;
  const from = e.localOffset + 30 + b.readUInt16LE(e.localOffset + 26) + b.readUInt16LE(e.localOffset + 28);
  // A streamed entry may leave its sizes in the central directory only; a zip64 one says 0xffffffff.
  const to = e.compressedSize === 0xffffffff ? b.length : Math.min(b.length, from + e.compressedSize);
  if (from > to) return null;
  const data = b.subarray(from, to);
  if (e.method === 0) return data.subarray(0, o.maxBytes);
  if (e.method !== 8) return null;
  const out = inflateBounded(data, { raw: true, maxBytes: o.maxBytes, budget: o.budget });
  return out.ok ? out.bytes : null;
}
