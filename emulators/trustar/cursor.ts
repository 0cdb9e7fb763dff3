// The opaque search cursor: base64 of JSON, like TruSTAR's ({"pageNumber":1,"pageSize":1000,
// "offset":1000} in the SDK's tests), plus the key of the last observable looked at, so a page
// started from a cursor continues exactly where the previous one stopped even when the corpus changed.
import type { Key } from './corpus/store.js';

export interface CursorState {
  pageNumber: number;
  pageSize: number;
  /** Items returned before this page. */
  offset: number;
  after: Key;
}

export function encodeCursor(c: CursorState): string {
  return Buffer.from(JSON.stringify(c)).toString('base64');
}

/** The cursor's state, or undefined for anything this emulator did not issue. */
export function decodeCursor(text: string): CursorState | undefined {
  if (text.length > 1000) return undefined;
  try {
    const c = JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as Partial<CursorState>;
    const ok =
      Number.isInteger(c.pageNumber) &&
      Number.isInteger(c.pageSize) &&
      Number.isInteger(c.offset) &&
      Array.isArray(c.after) &&
      c.after.length === 2 &&
      c.after.every((n) => Number.isSafeInteger(n));
    return ok ? (c as CursorState) : undefined;
  } catch {
    return undefined;
  }
}
