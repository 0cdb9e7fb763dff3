// One Authentication-Results or ARC-Authentication-Results value read as RFC 8601 §2.2 writes it:
// `authserv-id [version]; method=result [reason=…] [ptype.property=value …]; …`, comments and quoted
// strings allowed anywhere. Microsoft 365 leaves the authserv-id out (`spf=pass (sender IP is …)
// smtp.mailfrom=…;dkim=…`), and some servers forget a `;` between two results; both are read.
// One pass over the value, no regular expression over it.
import { isSpaceCode } from '../parse/scan.js';

export interface MethodResult {
  /** Lower case, without a `/version`. */
  method: string;
  /** Lower case, as written: pass, fail, softfail, none, neutral, temperror, permerror, bestguesspass, … */
  result: string;
  /** `reason`, `action` and `ptype.property` values (header.from, header.d, smtp.mailfrom, …); keys lower case. */
  props: Record<string, string>;
  /** The comments of the result, joined: Google writes the DMARC policy there (`p=REJECT dis=NONE`). */
  comment: string;
}

export interface AuthHeader {
  /** Lower case; '' when the header names none (Microsoft 365). */
  authservId: string;
  /** ARC's `i=`; null in Authentication-Results. */
  instance: number | null;
  results: MethodResult[];
}

/** Results kept of one header: a real one has a handful, a hostile one millions. */
export const MAX_RESULTS_PER_HEADER = 50;

/**
 * Tokens read of one header; the rest is ignored. Fifty results with their properties take a few
 * hundred; a megabyte of `""` would otherwise become half a million objects.
 */
export const MAX_TOKENS = 4000;

type Token = { kind: 'word' | 'quoted'; text: string } | { kind: '=' | ';' };
const EQUALS: Token = { kind: '=' };
const SEMICOLON: Token = { kind: ';' };

/** Words, `=`, `;` and quoted strings; comments (nested) go to `comments` under their result's index. */
function tokens(v: string): { list: Token[]; comments: Map<number, string> } {
  const list: Token[] = [];
  const comments = new Map<number, string>();
  let semis = 0;
  for (let i = 0; i < v.length && list.length < MAX_TOKENS; ) {
    const c = v.charCodeAt(i);
    if (isSpaceCode(c)) {
      i++;
    } else if (c === 0x3d || c === 0x3b) {
      list.push(c === 0x3d ? EQUALS : SEMICOLON);
      if (c === 0x3b) semis++;
      i++;
    } else if (c === 0x28) {
      let depth = 0;
      let j = i;
      for (; j < v.length; j++) {
        const d = v.charCodeAt(j);
        if (d === 0x5c) j++;
        else if (d === 0x28) depth++;
        else if (d === 0x29 && --depth === 0) break;
      }
      if ((comments.get(semis)?.length ?? 0) < 1000)
        comments.set(semis, `${comments.get(semis) ?? ''} ${v.slice(i + 1, Math.min(j, i + 1000))}`);
      i = j + 1;
    } else if (c === 0x22) {
      let text = '';
      let j = i + 1;
      for (; j < v.length && v.charCodeAt(j) !== 0x22; j++) {
        if (v.charCodeAt(j) === 0x5c) j++;
        if (j < v.length && text.length < 1000) text += v[j];
      }
      list.push({ kind: 'quoted', text });
      i = j + 1;
    } else {
      let j = i;
      while (j < v.length) {
        const d = v.charCodeAt(j);
        if (isSpaceCode(d) || d === 0x3d || d === 0x3b || d === 0x28 || d === 0x22) break;
        j++;
      }
      list.push({ kind: 'word', text: v.slice(i, j) });
      i = j;
    }
  }
  return { list, comments };
}

/** Keys that belong to the result before them rather than starting one of their own. */
const isProperty = (key: string) => key.includes('.') || key === 'reason' || key === 'action';

export function parseAuthHeader(value: string, arc = false): AuthHeader {
  const { list, comments } = tokens(value);
  const header: AuthHeader = { authservId: '', instance: null, results: [] };
  // Statements are the token ranges between `;`s; a statement's index finds its comments.
  const ends: number[] = [];
  list.forEach((t, i) => {
    if (t.kind === ';') ends.push(i);
  });
  ends.push(list.length);
  let s = 0;
  let from = 0;
  const next = () => {
    from = (ends[s] ?? list.length) + 1;
    s++;
  };
  const at = (k: number) => (k < (ends[s] ?? list.length) ? list[k] : undefined);
  const word = (t: Token | undefined) => (t?.kind === 'word' ? t.text : null);
  if (arc && word(at(from))?.toLowerCase() === 'i' && at(from + 1)?.kind === '=') {
    const n = Number(word(at(from + 2)) ?? Number.NaN);
    header.instance = Number.isInteger(n) ? n : null;
    next();
  }
  let hasEquals = false;
  for (let k = from; k < (ends[s] ?? list.length); k++) if (list[k]?.kind === '=') hasEquals = true;
  if (!hasEquals) {
    const id = at(from);
    header.authservId = id?.kind === 'word' || id?.kind === 'quoted' ? id.text.toLowerCase() : '';
    next();
  }
  for (; s < ends.length; next()) {
    let current: MethodResult | null = null;
    for (let k = from; k + 2 < (ends[s] ?? list.length); ) {
      const key = list[k];
      const eq = list[k + 1];
      const val = list[k + 2];
      if (key?.kind !== 'word' || eq?.kind !== '=' || (val?.kind !== 'word' && val?.kind !== 'quoted')) {
        k++;
        continue;
      }
      const name = key.text.toLowerCase();
      if (current && isProperty(name)) {
        current.props[name] ??= val.text;
      } else if (!isProperty(name) && header.results.length < MAX_RESULTS_PER_HEADER) {
        const method = name.split('/')[0] ?? name;
        current = {
          method,
          result: val.text.toLowerCase(),
          props: {},
          comment: (comments.get(s) ?? '').trim(),
        };
        header.results.push(current);
      }
      k += 3;
    }
  }
  return header;
}
