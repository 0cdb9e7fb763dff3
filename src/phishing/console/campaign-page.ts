// `/phishing/campaigns/:key`: the campaign's facts and its reports, each with its reporter, report
// kind, verdict with the reasons, IOCs defanged, and why it joined the campaign.
import type { Block, ConsolePage, ConsolePageRoute, TableRow } from '../../platform/feature/console.js';
import type { ReportListRow } from '../store/console-queries.js';
import { analysisView } from './analysis-view.js';
import { archerCell, campaignHref, reportHref } from './campaigns-page.js';
import { hostile, iocList, kindCell, reasonText, type T, timeCell, tOf, verdictCell } from './cells.js';
import type { PhishingConsoleDeps } from './deps.js';
import { PhishingConsoleError } from './errors.js';
import { campaignParams, campaignQuery, cursorOf, parse } from './params.js';

export const REPORTS_PER_PAGE = 100;

export function campaignPage(d: PhishingConsoleDeps): ConsolePageRoute {
  return {
    path: '/phishing/campaigns/:key',
    async render(req): Promise<ConsolePage> {
      const t = tOf(req);
      const { key } = parse(campaignParams, req.params, req, 'key');
      const { after } = parse(campaignQuery, req.query, req, 'after');
      const c = await d.queries.campaign(key);
      if (!c)
        throw new PhishingConsoleError('NOT_FOUND', t('error.campaignMissing', { key: hostile(key, 80) }), {
          key,
        });
      const rows = await d.queries.campaignReports(key, REPORTS_PER_PAGE + 1, after);
      const page = rows.slice(0, REPORTS_PER_PAGE);
      const last = page[page.length - 1];
      const facts: Block = {
        kind: 'facts',
        id: 'phishing-campaign',
        title: t('campaign.facts'),
        items: [
          { label: t('campaign.key'), value: { text: c.key, code: true } },
          { label: t('col.subject'), value: hostile(c.subject, 400) },
          { label: t('col.verdict'), value: verdictCell(t, c.verdict) },
          { label: t('col.size'), value: String(c.report_count) },
          { label: t('col.first'), value: timeCell(c.first_report_at) },
          { label: t('col.last'), value: timeCell(c.last_report_at) },
          { label: t('col.archer'), value: archerCell(t, d.archer, c.archer_content_id) },
        ],
      };
      const table: Block = {
        kind: 'table',
        id: 'phishing-campaign-reports',
        title: t('campaign.reports'),
        columns: [
          t('col.report'),
          t('col.reporter'),
          t('col.kind'),
          t('col.verdict'),
          t('col.reasons'),
          t('col.iocs'),
          t('col.join'),
        ],
        rows: page.map((r) => reportRow(t, r)),
        empty: t('campaign.reportsEmpty'),
        ...(rows.length > REPORTS_PER_PAGE && last
          ? { next: `${campaignHref(key)}?after=${cursorOf(last.received_at, last.id)}` }
          : {}),
      };
      return { title: t('campaign.title', { key: c.key }), blocks: [facts, table], live: true };
    },
  };
}

function reportRow(t: T, r: ReportListRow & { analysis: string | null }): TableRow {
  const view = analysisView(r.analysis);
  return {
    key: String(r.id),
    cells: [
      { text: `#${r.id}`, href: reportHref(r.id), code: true },
      hostile(r.reporter) || t('none'),
      kindCell(t, r.report_kind),
      verdictCell(t, r.verdict),
      { list: (view?.reasons ?? []).map((x) => reasonText(x.text)) },
      iocList(t, view?.iocs ?? []),
      hostile(r.campaign_join, 400) || t('none'),
    ],
  };
}
