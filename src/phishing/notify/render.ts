// Mails to the person who reported a message: an acknowledgement, then the verdict, in English or
// German. Rendered with eta's auto-escaping, so a hostile subject or reason stays text; anything that
// looks like a link is defanged first, because mail clients turn bare URLs into clickable links.
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import { defangProse } from '../analyze/index.js';

export type ReporterMailKind = 'ack' | 'verdict';
export type Language = 'en' | 'de';
export type VerdictLevel = 'clean' | 'suspicious' | 'malicious';

export interface ReporterMailData {
  /** The reporter's display name, when known. */
  name?: string | undefined;
  /** Subject of the reported message (not of the report). */
  subject: string;
  /** Sender of the reported message. */
  from?: string | undefined;
  level?: VerdictLevel;
  /** Human-readable verdict reasons. */
  reasons?: readonly string[];
  /** The incident reference the SOC uses, e.g. the Archer record id. */
  reference?: string | undefined;
  /** Signature line. */
  team?: string;
}

export interface ReporterMail {
  subject: string;
  html: string;
}

const SUBJECTS: Record<ReporterMailKind, Record<Language, (s: string) => string>> = {
  ack: { en: (s) => `Thank you for your report: ${s}`, de: (s) => `Danke für Ihre Meldung: ${s}` },
  verdict: { en: (s) => `Result of your report: ${s}`, de: (s) => `Ergebnis Ihrer Meldung: ${s}` },
};

const DEFAULT_TEAM: Record<Language, string> = { en: 'Your security team', de: 'Ihr Sicherheitsteam' };

const eta = new Eta({
  views: fileURLToPath(new URL('./templates/', import.meta.url)),
  autoEscape: true,
  cache: true,
});

/** Subjects are cut and stripped of line breaks: they end up in a mail header. */
function subjectLine(s: string): string {
  return s
    .replace(/[\r\n\t]+/g, ' ')
    .trim()
    .slice(0, 200);
}

export function renderReporterMail(
  kind: ReporterMailKind,
  lang: Language,
  d: ReporterMailData,
): ReporterMail {
  const subject = defangProse(subjectLine(d.subject || '(no subject)'));
  const html = eta.render(`${kind}-${lang}`, {
    name: d.name ? d.name.slice(0, 100) : '',
    subject,
    from: d.from ? defangProse(d.from.slice(0, 320)) : '',
    level: d.level ?? 'clean',
    reasons: (d.reasons ?? []).slice(0, 20).map((r) => defangProse(r.slice(0, 500))),
    reference: d.reference ?? '',
    team: d.team ?? DEFAULT_TEAM[lang],
  });
  return { subject: SUBJECTS[kind][lang](subject), html };
}
