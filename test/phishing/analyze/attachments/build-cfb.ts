// OLE2 compound files built for the tests ([MS-CFB] version 3, 512-byte sectors): a root, storages and
// streams, each storage's children chained as right siblings. Streams all live in regular sectors
// (the mini-stream cutoff is written as 0, which readers follow), so no mini FAT is needed.

export interface CfbNode {
  name: string;
  /** Bytes of a stream; absent for a storage. */
  data?: Buffer;
  children?: CfbNode[];
}

const SS = 512;
const END = 0xfffffffe;
const FREE = 0xffffffff;
const FAT_SECTOR = 0xfffffffd;

/** A compound file with `children` under the root. `corrupt` hooks into the FAT before it is written. */
export function buildCfb(
  children: CfbNode[],
  corrupt?: (fat: number[], layout: { dirStart: number }) => void,
): Buffer {
  // Flatten: entry 0 is the root; each node's index, its child and right sibling.
  const flat: { node: CfbNode; child: number; right: number; start: number }[] = [];
  const place = (nodes: CfbNode[]): number => {
    const ids = nodes.map((node) => {
      flat.push({ node, child: FREE, right: FREE, start: END });
      return flat.length - 1;
    });
    nodes.forEach((node, k) => {
      const me = flat[ids[k]!]!;
      me.right = ids[k + 1] ?? FREE;
      if (node.children) me.child = place(node.children);
    });
    return ids[0] ?? FREE;
  };
  flat.push({ node: { name: 'Root Entry', children }, child: FREE, right: FREE, start: END });
  flat[0]!.child = place(children);

  const dirSectors = Math.ceil(flat.length / 4);
  const fat: number[] = [FAT_SECTOR];
  const dirStart = 1;
  for (let k = 0; k < dirSectors; k++) fat.push(k === dirSectors - 1 ? END : dirStart + k + 1);
  const data: Buffer[] = [];
  for (const e of flat) {
    const bytes = e.node.data;
    if (!bytes || bytes.length === 0) continue;
    const n = Math.ceil(bytes.length / SS);
    e.start = fat.length;
    for (let k = 0; k < n; k++) fat.push(k === n - 1 ? END : fat.length + 1);
    data.push(Buffer.concat([bytes, Buffer.alloc(n * SS - bytes.length)]));
  }
  if (fat.length > 128) throw new Error('test CFB too large for one FAT sector');
  corrupt?.(fat, { dirStart });

  const header = Buffer.alloc(512);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(1, 0x2c); // one FAT sector
  header.writeUInt32LE(dirStart, 0x30);
  header.writeUInt32LE(0, 0x38); // mini-stream cutoff
  header.writeUInt32LE(END, 0x3c);
  header.writeUInt32LE(END, 0x44);
  for (let k = 0; k < 109; k++) header.writeUInt32LE(k === 0 ? 0 : FREE, 0x4c + k * 4);

  const fatSector = Buffer.alloc(SS, 0xff);
  for (const [k, v] of fat.entries()) fatSector.writeUInt32LE(v >>> 0, k * 4);
  const dir = Buffer.alloc(dirSectors * SS);
  flat.forEach((e, k) => {
    const off = k * 128;
    const name = Buffer.from(`${e.node.name}\0`, 'utf16le');
    name.copy(dir, off, 0, Math.min(64, name.length));
    dir.writeUInt16LE(Math.min(64, name.length), off + 0x40);
    dir[off + 0x42] = k === 0 ? 5 : e.node.data ? 2 : 1;
    dir.writeUInt32LE(FREE, off + 0x44);
    dir.writeUInt32LE(e.right >>> 0, off + 0x48);
    dir.writeUInt32LE(e.child >>> 0, off + 0x4c);
    dir.writeUInt32LE(e.start >>> 0, off + 0x74);
    dir.writeUInt32LE(e.node.data?.length ?? 0, off + 0x78);
  });
  return Buffer.concat([header, fatSector, dir, ...data]);
}

/** A BIFF8 globals substream: one BoundSheet8 record per sheet type given (0 sheet, 1 macro sheet). */
export function workbookStream(sheetTypes: number[]): Buffer {
  const records = sheetTypes.map((dt, k) => {
    const name = Buffer.from(`S${k}`, 'latin1');
    const body = Buffer.concat([Buffer.from([0, 0, 0, 0, 0, dt, name.length, 0]), name]);
    const head = Buffer.alloc(4);
    head.writeUInt16LE(0x85, 0);
    head.writeUInt16LE(body.length, 2);
    return Buffer.concat([head, body]);
  });
  const bof = Buffer.from([0x09, 0x08, 0x02, 0x00, 0x00, 0x06]);
  const eof = Buffer.from([0x0a, 0x00, 0x00, 0x00]);
  // Real workbooks are padded past the 4096-byte mini-stream cutoff.
  return Buffer.concat([bof, ...records, eof, Buffer.alloc(4096)]);
}

/** The storages of a Word document with a VBA project. */
export const wordWithMacros = (): CfbNode[] => [
  { name: 'WordDocument', data: Buffer.alloc(600, 1) },
  {
    name: 'Macros',
    children: [
      {
        name: 'VBA',
        children: [
          { name: 'dir', data: Buffer.from('x') },
          { name: '_VBA_PROJECT', data: Buffer.from('y') },
        ],
      },
      { name: 'PROJECT', data: Buffer.from('ID="{...}"') },
    ],
  },
];
