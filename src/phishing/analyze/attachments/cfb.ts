// A bounded reader of OLE2 compound files ([MS-CFB]): the header, the FAT (through the DIFAT), the
// directory, and the bytes of one stream. Every sector chain is walked at most as many steps as the
// file has sectors, so a chain that loops or points outside the file ends instead of spinning.
// Does not: write, validate red-black trees, or read past MAX_STREAM_BYTES of any stream.

export interface CfbEntry {
  name: string;
  /** 1 storage, 2 stream, 5 root. */
  type: number;
  child: number;
  left: number;
  right: number;
  start: number;
  size: number;
}

export interface Cfb {
  entries: CfbEntry[];
  /** A chain looped, left the file, or a bound was reached: the listing may be incomplete. */
  damaged: boolean;
  /** The stream's bytes (at most `maxBytes`), or null when the entry is not a readable stream. */
  read(entry: CfbEntry, maxBytes: number): Buffer | null;
}

const SIGNATURE = 'd0cf11e0a1b11ae1';
const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;
const NO_STREAM = 0xffffffff;
/** Directory entries read at most; a real document has tens. */
export const MAX_ENTRIES = 50_000;

/** Parses the compound file in `bytes`, or returns null when it is not one (bad signature or header). */
export function readCfb(bytes: Uint8Array): Cfb | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 512 || b.toString('hex', 0, 8) !== SIGNATURE) return null;
  const shift = b.readUInt16LE(0x1e);
  const miniShift = b.readUInt16LE(0x20);
  if ((shift !== 9 && shift !== 12) || miniShift !== 6) return null;
  const ss = 1 << shift;
  const sectors = Math.floor((b.length - 512) / ss) + (b.length > 512 && (b.length - 512) % ss ? 1 : 0);
  let damaged = false;
  const sectorAt = (n: number) => 512 + n * ss;

  // The FAT's own sectors: 109 in the header, the rest in a DIFAT chain.
  const fatSectors: number[] = [];
  const numFat = b.readUInt32LE(0x2c);
  for (let k = 0; k < 109 && fatSectors.length < numFat; k++) fatSectors.push(b.readUInt32LE(0x4c + k * 4));
  let difat = b.readUInt32LE(0x44);
  for (let steps = 0; difat < sectors && fatSectors.length < numFat; steps++) {
    if (steps > sectors) {
      damaged = true;
      break;
    }
    const base = sectorAt(difat);
    for (let k = 0; k < ss / 4 - 1 && fatSectors.length < numFat; k++) {
      if (base + k * 4 + 4 > b.length) break;
      fatSectors.push(b.readUInt32LE(base + k * 4));
    }
    difat = base + ss <= b.length ? b.readUInt32LE(base + ss - 4) : END_OF_CHAIN;
  }
  // The FAT itself: no more entries than the file has sectors (higher ones could not be followed).
  const fat = new Uint32Array(sectors).fill(FREE);
  let filled = 0;
  for (const fs of fatSectors.slice(0, sectors)) {
    if (fs >= sectors) {
      damaged = true;
      continue;
    }
    const base = sectorAt(fs);
    for (let k = 0; k < ss / 4 && filled < sectors; k++, filled++) {
      fat[filled] = base + k * 4 + 4 <= b.length ? b.readUInt32LE(base + k * 4) : FREE;
    }
  }

  /** The sectors of a chain in `table`, at most `table.length` of them. */
  const chain = (table: Uint32Array, start: number, maxSectors: number): number[] => {
    const out: number[] = [];
    let s = start;
    while (s < table.length && out.length < maxSectors) {
      out.push(s);
      if (out.length > table.length) break;
      s = table[s] as number;
    }
    if (s !== END_OF_CHAIN && out.length < maxSectors) damaged = true;
    if (out.length >= table.length && s < table.length) damaged = true; // a loop: cut at the file's size
    return out;
  };
  const gather = (ids: number[], unit: number, source: Buffer, base: (n: number) => number, max: number) => {
    const parts: Buffer[] = [];
    let got = 0;
    for (const id of ids) {
      if (got >= max) break;
      const from = base(id);
      const part = source.subarray(from, Math.min(from + unit, source.length, from + (max - got)));
      parts.push(part);
      got += part.length;
    }
    return Buffer.concat(parts);
  };

  const dirBytes = gather(chain(fat, b.readUInt32LE(0x30), sectors), ss, b, sectorAt, MAX_ENTRIES * 128);
  const entries: CfbEntry[] = [];
  for (let off = 0; off + 128 <= dirBytes.length; off += 128) {
    const nameLen = Math.min(dirBytes.readUInt16LE(off + 0x40), 64);
    const type = dirBytes[off + 0x42] as number;
    entries.push({
      name: dirBytes.toString('utf16le', off, off + Math.max(0, nameLen - 2)),
      type,
      left: dirBytes.readUInt32LE(off + 0x44),
      right: dirBytes.readUInt32LE(off + 0x48),
      child: dirBytes.readUInt32LE(off + 0x4c),
      start: dirBytes.readUInt32LE(off + 0x74),
      // Version 3 files may leave garbage in the high half of the size.
      size: dirBytes.readUInt32LE(off + 0x78),
    });
  }
  if (entries.length >= MAX_ENTRIES) damaged = true;

  const cutoff = b.readUInt32LE(0x38);
  let mini: { fat: Uint32Array; stream: Buffer } | null = null;
  const miniStream = () => {
    if (mini) return mini;
    const root = entries[0];
    const miniFatBytes = gather(chain(fat, b.readUInt32LE(0x3c), sectors), ss, b, sectorAt, sectors * ss);
    const count = Math.floor(miniFatBytes.length / 4);
    const miniFat = new Uint32Array(count);
    for (let k = 0; k < count; k++) miniFat[k] = miniFatBytes.readUInt32LE(k * 4);
    const stream = root
      ? gather(chain(fat, root.start, sectors), ss, b, sectorAt, root.size)
      : Buffer.alloc(0);
    mini = { fat: miniFat, stream };
    return mini;
  };

  return {
    entries,
    get damaged() {
      return damaged;
    },
    read(entry, maxBytes) {
      if (entry.type !== 2 || entry.start === NO_STREAM) return null;
      const want = Math.min(entry.size, maxBytes);
      if (entry.size < cutoff) {
        const m = miniStream();
        const ids = chain(m.fat, entry.start, Math.ceil(want / 64));
        return gather(ids, 64, m.stream, (n) => n * 64, want);
      }
      return gather(chain(fat, entry.start, Math.ceil(want / ss)), ss, b, sectorAt, want);
    },
  };
}

/** The entries directly inside storage `parent`: its child and that child's siblings. */
export function childrenOf(cfb: Cfb, parent: CfbEntry): CfbEntry[] {
  const out: CfbEntry[] = [];
  const visited = new Uint8Array(cfb.entries.length);
  const stack = [parent.child];
  while (stack.length > 0) {
    const id = stack.pop() as number;
    if (id >= cfb.entries.length || visited[id]) continue;
    visited[id] = 1;
    const e = cfb.entries[id] as CfbEntry;
    out.push(e);
    stack.push(e.left, e.right);
  }
  return out;
}
