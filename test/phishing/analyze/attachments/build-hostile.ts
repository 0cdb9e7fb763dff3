// Hostile containers of a given size for the linear-time tests: a compound file whose every chain
// loops, and zips whose directories are endless or repeat one part.
import { buildZip, rel, relsPart } from './build-zip.js';

const SS = 512;
const FAT_SECTOR = 0xfffffffd;

/**
 * A compound file of about `bytes` bytes: the directory chain runs through every data sector and back
 * to its start; entries alternate a Workbook stream starting in that loop and claiming 2 GB, and an
 * ObjectPool storage whose children point at each other.
 */
export function hostileCfb(bytes: number): Buffer {
  const sectors = Math.max(8, Math.ceil(bytes / SS));
  const fatCount = Math.ceil(sectors / 128);
  if (fatCount > 109) throw new Error('hostile CFB too large for the header DIFAT');
  const data = sectors - fatCount;
  const fat = new Uint32Array(fatCount * 128).fill(0xffffffff);
  for (let k = 0; k < fatCount; k++) fat[k] = FAT_SECTOR;
  for (let k = fatCount; k < sectors; k++) fat[k] = k + 1 < sectors ? k + 1 : fatCount; // loop
  const header = Buffer.alloc(512);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(header, 0);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(fatCount, 0x2c);
  header.writeUInt32LE(fatCount, 0x30); // directory starts at the first data sector
  header.writeUInt32LE(4096, 0x38);
  header.writeUInt32LE(fatCount, 0x3c); // the mini FAT is the same loop
  header.writeUInt32LE(0xfffffffe, 0x44);
  for (let k = 0; k < 109; k++) header.writeUInt32LE(k < fatCount ? k : 0xffffffff, 0x4c + k * 4);
  const body = Buffer.alloc(data * SS);
  for (let e = 0; e < (data * SS) / 128; e++) {
    const off = e * 128;
    const stream = e % 2 === 0;
    const name = Buffer.from(stream ? 'Workbook\0' : 'ObjectPool\0', 'utf16le');
    name.copy(body, off);
    body.writeUInt16LE(name.length, off + 0x40);
    body[off + 0x42] = e === 0 ? 5 : stream ? 2 : 1;
    body.writeUInt32LE(e + 1, off + 0x44);
    body.writeUInt32LE(Math.max(0, e - 1), off + 0x48);
    body.writeUInt32LE(e + 2, off + 0x4c);
    body.writeUInt32LE(fatCount, off + 0x74);
    body.writeUInt32LE(0x7fffffff, off + 0x78);
  }
  return Buffer.concat([header, Buffer.from(fat.buffer), body]);
}

/** A zip of ~`bytes` bytes of one-byte stored entries, whose end record claims 65,535 of them. */
export function zipOfTinyEntries(bytes: number): Buffer {
  const n = Math.ceil(bytes / 80);
  const entries = Array.from({ length: n }, (_, k) => ({ name: `_rels/${k}.rels`, data: '<', store: true }));
  return buildZip([{ name: '[Content_Types].xml', data: '<Types/>' }, ...entries], { claimEntries: 65_535 });
}

/**
 * A zip whose central directory lists one deflated .rels part (external targets, ~64 KB inflated)
 * again and again: a few bytes of directory cost an inflation each until the budget stops them.
 */
export function zipOfRepeatedRels(bytes: number): Buffer {
  const rels = relsPart(
    Array.from({ length: 600 }, (_, k) => rel(`r${k}`, 'oleObject', `https://o${k}.example/x`, true)),
  );
  const one = buildZip([
    { name: '[Content_Types].xml', data: '<Types/>' },
    { name: 'word/_rels/document.xml.rels', data: rels },
  ]);
  // Copy the second central record (the .rels one) to fill the size.
  const cdStart = one.readUInt32LE(one.length - 6);
  const first = 46 + one.readUInt16LE(cdStart + 28);
  const record = one.subarray(cdStart + first, one.length - 22);
  const copies = Math.max(1, Math.ceil((bytes - one.length) / record.length));
  const cd = Buffer.concat([one.subarray(cdStart, cdStart + first), ...Array(copies).fill(record)]);
  const end = Buffer.from(one.subarray(one.length - 22));
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(cd.length, 12);
  return Buffer.concat([one.subarray(0, cdStart), cd, end]);
}
