// Recovers the original from a plain forward (no attachment): the header block Outlook, Gmail and
// Thunderbird put above the forwarded text. Only From/Sent/To/Cc/Subject survive such a forward, so
// the result has no Received or authentication headers and says so in a warning.
import { parseAddress } from './address.js';
import { htmlToText } from './html-text.js';
import { replaceEach } from './scan.js';
import type { HeaderField, MailAddress, ParsedMessage } from './types.js';

export { parseAddress };

type Field = 'from' | 'date' | 'to' | 'cc' | 'subject' | 'replyTo';

/** Labels per language (English, German, French, Dutch, Spanish), lower case, without the colon. */
const LABELS: Record<string, Field> = {
  from: 'from',
  von: 'from',
  de: 'from',
  van: 'from',
  sent: 'date',
  date: 'date',
  gesendet: 'date',
  datum: 'date',
  envoyé: 'date',
  verzonden: 'date',
  enviado: 'date',
  fecha: 'date',
  to: 'to',
  an: 'to',
  à: 'to',
  aan: 'to',
  para: 'to',
  cc: 'cc',
  kopie: 'cc',
  subject: 'subject',
  betreff: 'subject',
  objet: 'subject',
  onderwerp: 'subject',
  asunto: 'subject',
  'reply-to': 'replyTo',
  'antwort an': 'replyTo',
};

const HEADER_NAME: Record<Field, string> = {
  from: 'From',
  date: 'Date',
  to: 'To',
  cc: 'Cc',
  subject: 'Subject',
  replyTo: 'Reply-To',
};

// "From: x", "*From:* x" (Outlook plain text of bold labels), "> From: x" (quoted), "Envoyé : x" (French spacing)
const LINE = /^[>\s]*\*?([A-Za-zÀ-ÿ-]+(?: an)?)\s?:\*?\s*(.*)$/;

function label(line: string): { field: Field; value: string } | null {
  const m = LINE.exec(line);
  if (!m) return null;
  const field = LABELS[(m[1] ?? '').toLowerCase()];
  return field ? { field, value: (m[2] ?? '').trim() } : null;
}

function isoOrRaw(text: string): string {
  const t = Date.parse(text);
  return Number.isNaN(t) ? text : new Date(t).toISOString();
}

/** Finds the first forwarded header block (a From line with a Subject line close below) in a body. */
export function findInlineForward(text: string, html: string): ParsedMessage | null {
  const body = text.trim() ? text : htmlToText(html);
  const lines = replaceEach(body, /\r\n?/g, '\n').split('\n');
  // Each line is labelled once, and a block is tried once whichever of its From lines leads to it: a
  // body of 100,000 header-like lines must not be walked again for each of them.
  const labels: Array<ReturnType<typeof label> | undefined> = [];
  const labelAt = (k: number) => {
    if (labels[k] === undefined) labels[k] = label(lines[k] ?? '');
    return labels[k] ?? null;
  };
  let blockStart = 0;
  let tried = -1;
  for (let i = 0; i < lines.length; i++) {
    if (i === 0 || labelAt(i - 1) === null) blockStart = i;
    if (labelAt(i)?.field !== 'from' || blockStart === tried) continue;
    // The block may start above the From line (Thunderbird puts Subject and Date first).
    const start = blockStart;
    tried = start;
    const found = new Map<Field, string>();
    let j = start;
    // Header lines are consecutive; Outlook allows one wrapped continuation of a long To line.
    for (; j < lines.length && j < start + 12; j++) {
      const l = labelAt(j);
      if (!l) {
        if ((lines[j] ?? '').trim() === '') break;
        continue;
      }
      if (!found.has(l.field)) found.set(l.field, l.value);
    }
    if (!found.has('subject') || !parseAddress(found.get('from') ?? '')) continue;
    const headers: HeaderField[] = [...found].map(([f, v]) => ({ name: HEADER_NAME[f], value: v }));
    const replyTo = found.get('replyTo');
    const rest = lines
      .slice(j)
      .map((l) => l.replace(/^> ?/, ''))
      .join('\n')
      .trim();
    const date = found.get('date');
    return {
      headers,
      from: parseAddress(found.get('from') ?? ''),
      replyTo: replyTo ? [parseAddress(replyTo)].filter((a): a is MailAddress => a !== null) : [],
      returnPath: null,
      messageId: null,
      subject: found.get('subject') ?? '',
      date: date ? isoOrRaw(date) : null,
      text: rest,
      // An HTML forward keeps its links only in the HTML; the forwarder's few lines above come along.
      html,
      attachments: [],
    };
  }
  return null;
}
