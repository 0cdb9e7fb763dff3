// The threat-intel sync's texts in the console, English and German.
import type { Messages } from '../../platform/feature/index.js';

export const INTEL_MESSAGES: Messages = {
  en: {
    'intel.nav': 'Threat intel',
    'intel.title': 'Threat-intel sync',
    'intel.facts': 'Configuration',
    'intel.pairs': 'Sources and sinks',
    'intel.interval': 'Runs every',
    'intel.minutes': '{n} minutes',
    'intel.runs': 'Last run per source and sink',
    'intel.col.pair': 'Pair',
    'intel.col.lastRun': 'Last run',
    'intel.col.outcome': 'Outcome',
    'intel.col.did': 'What it did',
    'intel.col.live': 'Live in the sink',
    'intel.col.error': 'Error',
    'intel.read': '{source} (read)',
    'intel.did.read':
      '{new} new, {changed} changed, {unchanged} unchanged in {pages} pages; {rejected} rejected',
    'intel.did.sink':
      '{sent} sent ({new} new, {updated} updated, {revoked} revoked, {withdrawn} withdrawn); {refused} refused, {cap} over capacity; {calls} calls, {throttled} × 429',
    'intel.outcome.running': 'running',
    'intel.outcome.ok': 'ok',
    'intel.outcome.refused': 'records refused',
    'intel.outcome.failed': 'failed',
    'intel.empty':
      'No sync has run yet. Run `graphsoc intel sync --dry-run` to see what the first run would send.',
    'intel.hint':
      'A failed pair resumes at its last committed batch on its next run; docs/intel.md says what each figure means.',
    'intel.refusals': 'Records the sinks refused in their last run',
    'intel.col.record': 'Record',
    'intel.col.sink': 'Sink',
    'intel.refusals.empty': 'No sink refused a record in its last run.',
    'intel.refusals.hint': 'A refused record is not sent again until its content changes.',
    'intel.chart.sent': 'Records sent per day, by sink',
    'intel.unit.records': 'records',
    'intel.attention.failed': 'Threat-intel sync {pair} failed: {error}',
    'intel.attention.refused': '{sink} refused records from {source} in its last run',
    'intel.attention.stale': 'Threat-intel sync {pair} has not run for over three intervals',
  },
  de: {
    'intel.nav': 'Bedrohungsdaten',
    'intel.title': 'Abgleich der Bedrohungsdaten',
    'intel.facts': 'Konfiguration',
    'intel.pairs': 'Quellen und Ziele',
    'intel.interval': 'Läuft alle',
    'intel.minutes': '{n} Minuten',
    'intel.runs': 'Letzter Lauf je Quelle und Ziel',
    'intel.col.pair': 'Paar',
    'intel.col.lastRun': 'Letzter Lauf',
    'intel.col.outcome': 'Ergebnis',
    'intel.col.did': 'Was er tat',
    'intel.col.live': 'Aktiv im Ziel',
    'intel.col.error': 'Fehler',
    'intel.read': '{source} (Lesen)',
    'intel.did.read':
      '{new} neu, {changed} geändert, {unchanged} unverändert in {pages} Seiten; {rejected} abgewiesen',
    'intel.did.sink':
      '{sent} gesendet ({new} neu, {updated} aktualisiert, {revoked} widerrufen, {withdrawn} zurückgezogen); {refused} abgelehnt, {cap} über der Kapazität; {calls} Aufrufe, {throttled} × 429',
    'intel.outcome.running': 'läuft',
    'intel.outcome.ok': 'ok',
    'intel.outcome.refused': 'Datensätze abgelehnt',
    'intel.outcome.failed': 'fehlgeschlagen',
    'intel.empty':
      'Noch kein Abgleich ist gelaufen. `graphsoc intel sync --dry-run` zeigt, was der erste Lauf senden würde.',
    'intel.hint':
      'Ein fehlgeschlagenes Paar setzt beim nächsten Lauf nach dem letzten bestätigten Stapel fort; docs/intel.md erklärt jede Zahl.',
    'intel.refusals': 'Datensätze, die die Ziele im letzten Lauf abgelehnt haben',
    'intel.col.record': 'Datensatz',
    'intel.col.sink': 'Ziel',
    'intel.refusals.empty': 'Kein Ziel hat im letzten Lauf einen Datensatz abgelehnt.',
    'intel.refusals.hint':
      'Ein abgelehnter Datensatz wird erst wieder gesendet, wenn sich sein Inhalt ändert.',
    'intel.chart.sent': 'Gesendete Datensätze pro Tag, nach Ziel',
    'intel.unit.records': 'Datensätze',
    'intel.attention.failed': 'Abgleich {pair} fehlgeschlagen: {error}',
    'intel.attention.refused': '{sink} hat im letzten Lauf Datensätze von {source} abgelehnt',
    'intel.attention.stale': 'Abgleich {pair} ist seit über drei Intervallen nicht gelaufen',
  },
};
