// The overview and platform pages as blocks: every job's state, what needs a person (from each
// feature's overview part), the features' charts and panels, the dependencies and the lease table.
import type {
  AttentionItem,
  Block,
  Cell,
  Locale,
  OverviewPart,
  Panel,
  Tone,
} from '../platform/feature/index.js';
import { isIsoTime } from './iso-time.js';
import type { DashboardModel, JobState } from './model.js';
import type { Translate } from './translate.js';
import { dependencyLabel, unitLabel } from './labels.js';

const STATE_TONES: Record<JobState | 'ok' | 'unknown', Tone> = {
  running: 'ok',
  idle: 'ok',
  ok: 'ok',
  degraded: 'warn',
  unknown: 'warn',
  failing: 'bad',
  disabled: 'muted',
  'not-configured': 'muted',
  unavailable: 'muted',
};

const state = (t: Translate, s: keyof typeof STATE_TONES): Cell => ({
  text: t(`state.${s}`),
  tone: STATE_TONES[s],
});

export function attentionBlock(t: Translate, items: readonly AttentionItem[]): Block {
  return {
    kind: 'table',
    id: 'attention',
    title: t('console.overview.attention'),
    columns: [t('console.col.detail')],
    rows: items.map((a, i) => ({
      key: String(i),
      cells: [a.href ? { text: a.text, href: a.href } : { text: a.text, tone: a.tone }],
    })),
    empty: t('console.overview.nothing'),
  };
}

export function jobsBlock(
  t: Translate,
  m: DashboardModel,
  guide: (docs?: string) => string | undefined,
  locale: Locale = 'en',
): Block {
  return {
    kind: 'table',
    id: 'jobs',
    title: t('console.overview.jobs'),
    columns: [t('console.col.job'), t('console.col.state'), t('console.col.detail')],
    rows: m.jobs.map((j) => {
      const href = guide(j.docs);
      const text = (locale !== 'en' && j.translations?.[locale]) || j;
      return {
        key: j.id,
        cells: [
          { list: [text.title, { text: text.purpose, tone: 'muted' }] },
          state(t, j.state),
          href ? { list: [j.detail, { text: t('console.guide'), href }] } : j.detail,
        ],
      };
    }),
    empty: '',
  };
}

/** A feature's dashboard panel as a table block; a cell that is an ISO time shows as a time. */
export function panelBlock(p: Panel): Block {
  return {
    kind: 'table',
    id: p.id,
    title: p.title,
    columns: p.columns,
    rows: p.rows.map((r) => ({
      key: r.key,
      cells: r.cells.map((c) => (isIsoTime(c) ? { text: c, time: true } : c)),
    })),
    empty: p.empty,
    ...(p.hint ? { hint: p.hint } : {}),
  };
}

export function dependenciesBlock(t: Translate, m: DashboardModel): Block {
  const rows = [
    {
      key: 'database',
      cells: [
        t('console.platform.database', { dialect: m.database.dialect }),
        state(t, m.database.state),
        m.database.detail,
      ],
    },
    ...m.dependencies.map((d) => {
      const label = dependencyLabel(d.name);
      const detail: Cell[] = d.detail ? [d.detail] : [];
      if (d.checkedAt) detail.push({ text: d.checkedAt, time: true });
      return {
        key: d.name,
        cells: [
          label === d.name ? label : { list: [label, { text: d.name, code: true }] },
          state(t, d.state),
          { list: detail },
        ] as Cell[],
      };
    }),
  ];
  return {
    kind: 'table',
    id: 'dependencies',
    title: t('console.platform.deps'),
    columns: [t('console.col.dependency'), t('console.col.state'), t('console.col.detail')],
    rows,
    empty: '',
    ...(m.tenants.length === 0 ? { hint: t('console.platform.noTenant') } : {}),
  };
}

export function leasesBlock(t: Translate, m: DashboardModel): Block {
  return {
    kind: 'table',
    id: 'leases',
    title: t('console.platform.leases'),
    columns: [
      t('console.col.unit'),
      t('console.col.owner'),
      t('console.col.epoch'),
      t('console.col.leaseEnds'),
    ],
    rows: m.leases.map((l) => {
      const label = unitLabel(l.name);
      return {
        key: l.name,
        cells: [
          label === l.name ? label : { list: [label, { text: l.name, code: true }] },
          { list: [{ text: l.owner, code: true }, ...(l.mine ? [t('console.platform.thisInstance')] : [])] },
          String(l.epoch),
          { text: l.expiresAt, time: true },
        ],
      };
    }),
    empty: t('console.platform.noLeases'),
    hint: t('console.platform.leaseHint'),
  };
}

/** Attention first (the worst first), then the jobs, the charts, the panels. */
export function overviewBlocks(
  t: Translate,
  m: DashboardModel,
  parts: readonly OverviewPart[],
  guide: (docs?: string) => string | undefined,
  locale: Locale = 'en',
): Block[] {
  const rank: Record<Tone, number> = { bad: 0, warn: 1, info: 2, muted: 3, ok: 4 };
  const attention = parts.flatMap((p) => p.attention).sort((a, b) => rank[a.tone] - rank[b.tone]);
  if (m.database.state === 'failing')
    attention.unshift({
      tone: 'bad',
      text: `${t('console.platform.database', { dialect: m.database.dialect })}: ${m.database.detail}`,
      href: '/platform',
    });
  for (const d of m.dependencies)
    if (d.state === 'failing')
      attention.push({ tone: 'bad', text: `${dependencyLabel(d.name)}: ${d.detail}`, href: '/platform' });
  return [
    attentionBlock(t, attention),
    jobsBlock(t, m, guide, locale),
    ...parts.flatMap((p) => p.charts),
    ...m.panels.map(panelBlock),
  ];
}
