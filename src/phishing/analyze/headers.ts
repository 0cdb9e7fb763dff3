// Header look-ups on a parsed message: case-insensitive, in the order the message carries them
// (the top one is the last one added, normally by our own mail system).
import type { ParsedMessage } from '../parse/index.js';

export function headerValues(message: ParsedMessage, name: string): string[] {
  const lower = name.toLowerCase();
  return message.headers.filter((h) => h.name.toLowerCase() === lower).map((h) => h.value);
}

export const firstHeader = (message: ParsedMessage, name: string): string | null =>
  headerValues(message, name)[0] ?? null;
