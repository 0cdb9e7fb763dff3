// One level of a plain zip archive: its entries' names, which are encrypted, and which have a type
// mail should not bring (programs, scripts, disk images, HTML, Office with macros, nested archives).
// Nothing inside is opened: a password-protected zip with a script inside is the finding.
import { attachmentRisk } from '../attachment-risk.js';
import { extensionOf } from './magic.js';
import type { ZipListing } from './zip.js';

export interface ArchiveFindings {
  /** Entries in the archive (as listed, at most MAX_ZIP_ENTRIES). */
  entries: number;
  /** The first MAX_NAMES entry names, for the analyst. */
  names: string[];
  /** Entries with a password. */
  encryptedEntries: number;
  /** Names of entries whose type is dangerous, with the risk: `invoice.js` → executable. */
  dangerous: { name: string; risk: string }[];
  /** Entries that are archives or disk images themselves: one more layer this listing did not open. */
  nestedArchives: number;
  truncated: boolean;
}

export const MAX_NAMES = 100;
const NESTED = new Set(['zip', 'rar', '7z', 'gz', 'tgz', 'cab', 'iso', 'img', 'vhd', 'vhdx', 'tar', 'ace']);

/** Lists a plain zip archive's entries. */
export function inspectArchive(listing: ZipListing): ArchiveFindings {
  const f: ArchiveFindings = {
    entries: listing.entries.length,
    names: [],
    encryptedEntries: 0,
    dangerous: [],
    nestedArchives: 0,
    truncated: listing.truncated,
  };
  for (const e of listing.entries) {
    if (e.name.endsWith('/')) continue; // a folder
    if (f.names.length < MAX_NAMES) f.names.push(e.name);
    if (e.encrypted) f.encryptedEntries++;
    const base = e.name.slice(e.name.lastIndexOf('/') + 1);
    const risk = attachmentRisk(base.length > 255 ? base.slice(-255) : base, '');
    if (risk && f.dangerous.length < MAX_NAMES) f.dangerous.push({ name: e.name, risk });
    if (NESTED.has(extensionOf(base))) f.nestedArchives++;
  }
  return f;
}
