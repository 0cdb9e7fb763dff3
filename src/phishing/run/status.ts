// What the dashboard shows of the phishing job: report counts by state, every mailbox whose rounds
// fail or wait for a service, and the quarantined reports an operator can release.
import type { JobStatus, Panel } from '../../platform/feature/index.js';
import type { PhishingConfig } from '../config.js';
import type { MailboxHealthBoard } from '../pipeline/mailbox-health.js';
import type { CampaignStore, ReportStore } from '../store/index.js';

export interface StatusSources {
  mailboxes: PhishingConfig['mailboxes'];
  reports: ReportStore;
  campaigns: CampaignStore;
  health: MailboxHealthBoard;
}

export async function phishingStatus(s: StatusSources): Promise<JobStatus> {
  const { byState, notFiled } = await s.reports.counts();
  const campaigns = await s.campaigns.count();
  const problems: string[] = [];
  for (const m of s.mailboxes) {
    const h = await s.health.read({ mailbox: m.mailbox, folder: m.folder });
    if (h?.problem) problems.push(`${m.mailbox}: ${h.problem} (since ${new Date(h.since).toISOString()})`);
  }
  const counts = `${byState.done - notFiled} reports filed as ${campaigns} campaigns${notFiled > 0 ? `, ${notFiled} not filed by their report kind` : ''}, ${byState.pending} in progress, ${byState.quarantined} quarantined`;
  return {
    state: problems.length > 0 ? 'failing' : byState.quarantined > 0 ? 'degraded' : 'running',
    detail: [`${s.mailboxes.length} mailbox(es); ${counts}`, ...problems].join('; '),
  };
}

/** Reports set aside after repeated failures, newest first, with the last reason. */
export async function quarantinePanel(reports: ReportStore, limit = 20): Promise<Panel> {
  const rows = await reports.quarantined(limit);
  return {
    id: 'phishing-quarantine',
    title: 'Quarantined phishing reports',
    columns: ['Report', 'Mailbox', 'Attempts', 'Last reason', 'Since'],
    rows: rows.map((r) => ({
      key: String(r.id),
      cells: [
        String(r.id),
        r.mailbox,
        String(r.attempts),
        r.last_error ?? '',
        new Date(r.updated_at).toISOString(),
      ],
    })),
    empty: 'No report is quarantined.',
    hint: 'Once the cause is fixed, send a report back with `graphsoc phishing release <report>` (or `--all`).',
  };
}
