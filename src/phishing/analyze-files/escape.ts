// Makes message-controlled text safe to print on a terminal: a hostile subject, display name or file
// name must not move the cursor, recolour, retitle the window (ESC, CSI, OSC) or reorder what the
// analyst reads (bidi overrides, "Trojan Source"). Such characters are shown as visible escapes.

// C0 controls (tab and newline too: every printed value is meant to be one line), DEL, C1 controls,
// line and paragraph separators, bidi embeddings, overrides and isolates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export function escapeControl(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const named = NAMED[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
  });
}
