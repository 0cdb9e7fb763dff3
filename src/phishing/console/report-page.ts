// `/phishing/reports/:id`: one report in full (where it stands, its analysis, its IOCs defanged) with
// the actions that apply to it.
import type { ActionButton, Block, ConsolePage, ConsolePageRoute } from '../../platform/feature/console.js';
import type { ReportDetailRow } from '../store/console-queries.js';
import { analysisView } from './analysis-view.js';
import { campaignHref } from './campaigns-page.js';
import {
  hostile,
  iocList,
  kindCell,
  reasonText,
  stateCell,
  type T,
  timeCell,
  tOf,
  verdictCell,
} from './cells.js';
import type { PhishingConsoleDeps } from './deps.js';
import { PhishingConsoleError } from './errors.js';
import { parse, reportParams } from './params.js';

export function reportPage(d: PhishingConsoleDeps): ConsolePageRoute {
  return {
    path: '/phishing/reports/:id',
    async render(req): Promise<ConsolePage> {
      const t = tOf(req);
      const { id } = parse(reportParams, req.params, req, 'id');
      const r = await d.queries.report(id);
      if (!r) throw new PhishingConsoleError('NOT_FOUND', t('error.reportMissing', { id }), { id });
      const view = analysisView(r.analysis);
      const blocks: Block[] = [facts(t, r, view)];
      const buttons = reportActions(t, r);
      if (buttons.length > 0) blocks.push({ kind: 'actions', id: 'phishing-report-actions', buttons });
      if (!view)
        blocks.push({
          kind: 'text',
          id: 'phishing-report-analysis',
          text: t('report.notAnalysed'),
          tone: 'muted',
        });
      else {
        blocks.push({
          kind: 'table',
          id: 'phishing-report-reasons',
          title: t('report.reasons'),
          columns: [t('col.reasons'), t('report.points')],
          rows: view.reasons.map((x, i) => ({
            key: `${i}-${x.code}`,
            cells: [reasonText(x.text), String(x.points)],
          })),
          empty: t('report.reasonsEmpty'),
        });
        blocks.push({
          kind: 'facts',
          id: 'phishing-report-iocs',
          title: t('report.iocs'),
          items: [
            {
              label: t('col.iocs'),
              value: view.iocs.length > 0 ? iocList(t, view.iocs, 200) : t('report.iocsEmpty'),
            },
          ],
        });
      }
      return { title: t('report.title', { id }), blocks, live: r.state === 'pending' };
    },
  };
}

/** Release for a quarantined report; Re-analyse for one whose message is still kept. */
export function reportActions(t: T, r: { id: number; state: string; mime_kept: boolean }): ActionButton[] {
  if (r.state !== 'quarantined') return [];
  const release: ActionButton = {
    path: `/phishing/reports/${r.id}/release`,
    label: t('action.release'),
    needs: 'report.release',
    confirm: t('action.releaseConfirm', { id: r.id }),
  };
  if (!r.mime_kept) return [release];
  return [
    release,
    {
      path: `/phishing/reports/${r.id}/reanalyse`,
      label: t('action.reanalyse'),
      needs: 'report.reanalyse',
      confirm: t('action.reanalyseConfirm', { id: r.id }),
    },
  ];
}

function facts(t: T, r: ReportDetailRow, view: ReturnType<typeof analysisView>): Block {
  const auth = view?.auth;
  const items = [
    { label: t('col.state'), value: stateCell(t, r.state) },
    { label: t('report.step'), value: { text: r.step, code: true } },
    { label: t('col.attempts'), value: String(r.attempts) },
    { label: t('col.lastError'), value: hostile(r.last_error, 2000) || t('none') },
    { label: t('col.mailbox'), value: r.mailbox },
    { label: t('col.received'), value: timeCell(r.received_at) },
    { label: t('col.subject'), value: hostile(r.subject, 400) || t('none') },
    { label: t('col.sender'), value: hostile(r.sender) || t('none') },
    { label: t('col.reporter'), value: hostile(r.reporter) || t('none') },
    { label: t('col.kind'), value: kindCell(t, r.report_kind) },
    {
      label: t('report.messageId'),
      value: r.original_message_id ? { text: hostile(r.original_message_id), code: true } : t('none'),
    },
    {
      label: t('report.campaign'),
      value: r.campaign_key
        ? { text: r.campaign_key, href: campaignHref(r.campaign_key), code: true }
        : t('none'),
    },
    { label: t('col.join'), value: hostile(r.campaign_join, 400) || t('none') },
    { label: t('col.verdict'), value: verdictCell(t, r.verdict) },
    { label: t('report.score'), value: view?.score == null ? t('none') : String(view.score) },
    {
      label: t('report.auth'),
      value: auth
        ? [auth.spf, auth.dkim, auth.dmarc].map((x) => hostile(x, 40) || '—').join(' / ')
        : t('none'),
    },
    { label: t('report.mime'), value: r.mime_kept ? t('yes') : t('no') },
    ...(view?.incomplete ? [{ label: t('report.incomplete'), value: hostile(view.incomplete, 400) }] : []),
    ...(view?.unparseable ? [{ label: t('report.unparseable'), value: hostile(view.unparseable, 400) }] : []),
  ];
  return { kind: 'facts', id: 'phishing-report', title: t('report.facts'), items };
}
