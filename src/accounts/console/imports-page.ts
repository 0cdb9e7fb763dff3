// `/accounts/imports`: the upload form (a template for rows that name none, and the CSV file) for
// administrators, and the imports so far, newest first.
import type { Block, ConsolePageRoute, ConsoleRequest } from '../../platform/feature/console.js';
import { MAX_CSV_ROWS } from '../csv/parse.js';
import { timeCell, sectionLinks } from './cells.js';
import type { AccountsConsoleDeps } from './deps.js';
import { importsQuery, PAGE_SIZE, parse } from './params.js';

export function importsPage(d: AccountsConsoleDeps): ConsolePageRoute {
  return {
    path: '/accounts/imports',
    async render(req) {
      const q = parse(importsQuery, req.query, req, 'query');
      const rows = await d.imports.page({ ...(q.before ? { before: q.before } : {}), limit: PAGE_SIZE + 1 });
      const shown = rows.slice(0, PAGE_SIZE);
      const last = shown.at(-1);
      return {
        title: req.t('imports.title'),
        blocks: [
          sectionLinks(req),
          ...uploadForm(d, req),
          {
            kind: 'table',
            id: 'imports',
            title: req.t('imports.list'),
            columns: [
              req.t('col.import'),
              req.t('col.created'),
              req.t('col.createdBy'),
              req.t('col.file'),
              req.t('col.template'),
              req.t('col.rows'),
              req.t('col.accepted'),
              req.t('col.refused'),
            ],
            rows: shown.map((i) => ({
              key: String(i.id),
              cells: [
                { text: `#${i.id}`, href: `/accounts/imports/${i.id}` },
                timeCell(i.createdAt),
                i.createdBy,
                i.fileName,
                i.template,
                String(i.rows),
                String(i.accepted),
                String(i.refused),
              ],
            })),
            empty: req.t('imports.empty'),
            ...(rows.length > PAGE_SIZE && last ? { next: `/accounts/imports?before=${last.id}` } : {}),
          },
        ],
      };
    },
  };
}

function uploadForm(d: AccountsConsoleDeps, req: ConsoleRequest): Block[] {
  if (d.config.templates.length === 0)
    return [{ kind: 'text', id: 'no-templates', text: req.t('imports.noTemplates'), tone: 'warn' }];
  return [
    {
      kind: 'form',
      id: 'upload',
      title: req.t('imports.upload'),
      path: '/accounts/imports',
      needs: 'accounts.admin',
      submit: req.t('imports.submit'),
      hint: req.t('imports.hint', { rows: MAX_CSV_ROWS }),
      fields: [
        {
          kind: 'select',
          name: 'template',
          label: req.t('col.template'),
          required: true,
          options: d.config.templates.map((t) => ({
            value: t.name,
            label: t.title ? `${t.title} (${t.name})` : t.name,
          })),
          hint: req.t('imports.templateHint'),
        },
        {
          kind: 'file',
          name: 'file',
          label: req.t('imports.file'),
          required: true,
          accept: '.csv,text/csv',
          hint: req.t('imports.fileHint'),
        },
      ],
    },
  ];
}
