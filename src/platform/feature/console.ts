// What a feature shows and does in the operator console (issue 14): navigation entries, pages and
// actions, as plain data. The console (src/console/) renders every feature's pages with one layout,
// escapes every value, checks the session, the role, CSRF and the origin before an action runs, and
// writes the audit entry; a feature never writes HTML and never sees a cookie. Features added later
// (accounts) get their place in the navigation and on the overview by returning these, not by
// editing the console.
import type { ConsoleAction, Role } from '../web-session/index.js';

/** The console's languages; every message a feature gives has a text in each. */
export const LOCALES = ['en', 'de'] as const;
export type Locale = (typeof LOCALES)[number];

/** Message id → text per locale. `{name}` in a text is replaced by the value of `name`. */
export type Messages = Readonly<Record<Locale, Readonly<Record<string, string>>>>;

export type Tone = 'ok' | 'info' | 'warn' | 'bad' | 'muted';

/**
 * One table cell, list item or fact value. A string is plain text. Every text is escaped and shown
 * with `dir="auto"` isolation, so a subject with RTL overrides cannot reorder the page around it.
 */
export type Cell =
  | string
  | {
      text: string;
      /** A console path (`/phishing/...`) or, with `external`, an absolute https URL (an Archer record). */
      href?: string;
      external?: boolean;
      /** `text` is an ISO 8601 time: shown as <time>, relative where the page's script runs. */
      time?: boolean;
      /** A coloured badge (a verdict, a state). */
      tone?: Tone;
      /** Monospace (an id, an IOC, a hash). */
      code?: boolean;
    }
  | { list: readonly Cell[] };

/** A button that posts to one of the feature's actions, for one row or for the page. */
export interface ActionButton {
  /** The action's path, with its parameters filled in (`/phishing/reports/12/release`). */
  path: string;
  /** Message text shown on the button. */
  label: string;
  /** The role check, repeated when the post arrives; the button is left out for those who may not. */
  needs: ConsoleAction;
  /** Asked in a confirm() before posting where script runs; without script the post goes straight. */
  confirm?: string;
}

export interface TableRow {
  /** Stable key: the row's `data-row` attribute. */
  key: string;
  /** The first cell is the row's header cell. */
  cells: readonly Cell[];
  actions?: readonly ActionButton[];
}

/** A time series, bucketed: `values[i]` is the bucket starting at `from + i * stepMs`. */
export interface ChartSeries {
  name: string;
  values: readonly number[];
  tone?: Tone;
}

export interface Chart {
  kind: 'bars' | 'lines';
  /** Bars of several series stack; lines never do. */
  stacked?: boolean;
  /** Epoch ms of the first bucket, and the bucket width. */
  from: number;
  stepMs: number;
  series: readonly ChartSeries[];
  /** What the values count or measure, for the axis ("reports", "ms"). */
  unit: string;
}

export type Block =
  | {
      kind: 'table';
      id: string;
      title?: string;
      columns: readonly string[];
      rows: readonly TableRow[];
      /** Shown instead of the table when there are no rows. */
      empty: string;
      /** Shown under the table; `backticks` mark code. */
      hint?: string;
      /** A link to the next page of rows (keyset paging), e.g. `/phishing?before=...`. */
      next?: string;
    }
  | { kind: 'facts'; id: string; title?: string; items: ReadonlyArray<{ label: string; value: Cell }> }
  | { kind: 'chart'; id: string; title: string; chart: Chart; hint?: string }
  /** Text to copy (a module definition), with a copy button where script runs. */
  | { kind: 'code'; id: string; title: string; text: string; hint?: string }
  /** A GET search form on `path` with one field `q`. */
  | { kind: 'search'; id: string; path: string; label: string; value: string; placeholder?: string }
  | { kind: 'text'; id: string; text: string; tone?: Tone }
  /** Buttons for the whole page. */
  | { kind: 'actions'; id: string; buttons: readonly ActionButton[] }
  | FormBlock
  | ProgressBlock;

/**
 * One field of a form block. `name` is the posted field's name (the action reads it from
 * `req.body`, or `req.files` for a file); `label` and `hint` are texts already translated.
 */
export type FormField =
  | {
      kind: 'text' | 'textarea';
      name: string;
      label: string;
      required?: boolean;
      value?: string;
      maxLength?: number;
      hint?: string;
    }
  | {
      kind: 'select';
      name: string;
      label: string;
      required?: boolean;
      /** The option selected; the first when not given. */
      value?: string;
      options: ReadonlyArray<{ value: string; label: string }>;
      hint?: string;
    }
  /** Posts `name=yes` when ticked, nothing when not. */
  | { kind: 'checkbox'; name: string; label: string; checked?: boolean; hint?: string }
  /**
   * A file to upload: the form is sent as multipart/form-data, and the action must declare
   * `upload` (its size limit). `accept` is the browser's hint (`.csv,text/csv`), not a check.
   */
  | { kind: 'file'; name: string; label: string; required?: boolean; accept?: string; hint?: string };

/**
 * A form posting to one of the feature's actions, with the session's anti-forgery token and the page
 * to come back to, as the buttons have. Left out, like a button, for those whose roles do not allow
 * `needs`; the action checks the role again when the post arrives. The fields are in a fieldset whose
 * legend is `title`; each has its label.
 */
export interface FormBlock {
  kind: 'form';
  id: string;
  title: string;
  /** The action's path, with its parameters filled in. */
  path: string;
  needs: ConsoleAction;
  fields: readonly FormField[];
  /** The submit button's text. */
  submit: string;
  confirm?: string;
  hint?: string;
}

/** How far a piece of work is: a `<progress>` with its text ("340 of 1,000 (34 %)") beside it. */
export interface ProgressBlock {
  kind: 'progress';
  id: string;
  /** The heading, also the bar's accessible name. */
  label: string;
  value: number;
  max: number;
  tone?: Tone;
  /** Shown beside the bar; the console's "{value} of {max} ({percent} %)" when not given. */
  text?: string;
}

export interface ConsolePage {
  title: string;
  blocks: readonly Block[];
  /** Set when the page's content changes by itself (a list of live work): it refreshes unless paused. */
  live?: boolean;
}

/** What a page or action handler gets: the request as plain values and who is asking. */
export interface ConsoleRequest {
  /** Path parameters, as matched (`/phishing/campaigns/:key` → `{ key }`); validate them. */
  params: Readonly<Record<string, string>>;
  /** Query parameters (the last value of a repeated one); validate them. */
  query: Readonly<Record<string, string>>;
  locale: Locale;
  /** The feature's message, in the request's locale, with `{name}`s filled in. */
  t(id: string, vars?: Readonly<Record<string, string | number>>): string;
  user: { subject: string; name: string; roles: readonly Role[] };
  /** Whether the user may take the action (to leave a button out). */
  can(action: ConsoleAction): boolean;
  /**
   * An action's posted fields (the last value of a repeated one), without the console's own `_csrf`
   * and `return`; empty for pages and downloads. Strings as sent: validate them (zod). Optional only
   * so that requests built by hand (tests) stay valid; the console always sets it.
   */
  body?: Readonly<Record<string, string>>;
  /** An action's uploaded files (only for an action that declares `upload`); empty otherwise. */
  files?: readonly UploadedFile[];
}

/** A file from a form's file field, held in memory (at most the action's `upload.maxBytes`). */
export interface UploadedFile {
  /** The form field's name. */
  field: string;
  /** The name the browser gave, as sent: untrusted, for display and the audit entry only. */
  filename: string;
  /** The browser's guess (`text/csv`, often `application/octet-stream`): untrusted. */
  contentType: string;
  data: Buffer;
}

export interface ConsolePageRoute {
  /** A Fastify path under the feature's section: `/phishing`, `/phishing/campaigns/:key`. */
  path: string;
  render(req: ConsoleRequest): Promise<ConsolePage>;
}

/** What an action did, for the flash message and the audit entry. */
export interface ActionResult {
  /** Shown on the page the browser is sent back to. */
  message: string;
  tone?: Tone;
  /** The console path to go back to; the referring page when not given. */
  redirect?: string;
  /** What the audit entry records besides who, what, when and where. */
  target?: string;
  detail?: unknown;
}

export interface ConsoleActionRoute {
  /** A Fastify path, posted to: `/phishing/reports/:id/release`. */
  path: string;
  /** The role check; the console refuses others before run() with 403 and audits the refusal. */
  needs: ConsoleAction;
  /** The audit log's action code (`phishing.report.release`). */
  audit: string;
  /**
   * Takes one file of at most `maxBytes` from a multipart/form-data post (a form block with a file
   * field). A larger one is refused with 413 (GSOC_CONSOLE_UPLOAD_TOO_LARGE) before run(); without
   * `upload` an action takes no file and its body stays within the console's 64 KB.
   */
  upload?: { maxBytes: number };
  /** Throws a CallerError (not found, not quarantined) for a refusal the user should read. */
  run(req: ConsoleRequest): Promise<ActionResult>;
}

/** A file the console offers for download (a CSV export): a GET behind the session and the role. */
export interface ConsoleDownload {
  /** A Fastify path: `/accounts/export.csv`, `/accounts/imports/:id/results.csv`. */
  path: string;
  /** The role check; refused with 403 and audited as denied. */
  needs: ConsoleAction;
  /** The audit log's action code; every download is recorded with who took it. */
  audit: string;
  /** Throws a CallerError (not found) for a refusal the user should read. */
  render(req: ConsoleRequest): Promise<DownloadFile>;
}

/** Sent as an attachment (`Content-Disposition: attachment`, `Cache-Control: no-store`). */
export interface DownloadFile {
  /** The name the browser saves it under; characters outside printable ASCII are sent RFC 6266-encoded. */
  filename: string;
  /** `text/csv; charset=utf-8`. */
  contentType: string;
  body: string | Buffer;
  /** What the audit entry records as the target (`import:12`); the path when not given. */
  target?: string;
  detail?: unknown;
}

/** Something a person should look at, listed on the overview. */
export interface AttentionItem {
  tone: Tone;
  text: string;
  /** Where to look. */
  href?: string;
}

/** A feature's part of the overview: what needs a person, and its charts. */
export interface OverviewPart {
  attention: readonly AttentionItem[];
  charts: ReadonlyArray<Extract<Block, { kind: 'chart' }>>;
}

export interface ConsoleSection {
  /** Navigation entries, in order; `title` is a message id. */
  nav: ReadonlyArray<{ path: string; title: string }>;
  pages: readonly ConsolePageRoute[];
  actions?: readonly ConsoleActionRoute[];
  /** Files to download (CSV exports), each role-checked and audited. */
  downloads?: readonly ConsoleDownload[];
  /** The feature's texts. Page titles, columns and labels come from here through `t`. */
  messages: Messages;
  overview?(req: ConsoleRequest): Promise<OverviewPart>;
}
