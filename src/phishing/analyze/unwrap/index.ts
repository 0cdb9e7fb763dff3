// Rewritten links unwrapped offline: the target a Safe Links, URL Defense, … link leads to, read from
// the link itself (no request is ever made). A wrapper's host is the rewriter's infrastructure; the
// target is what the analysis judges. Formats are listed in rewriters.ts.
// What it does not do: follow redirects, guess at parameters of unknown sites, or decode links whose
// target lives on the rewriter's servers (Mimecast, Symantec's encrypted form): those are recognised as
// wrappers and left as they are.
import { httpTarget } from './decode.js';
import { type RewriterName, rewriterOfUrl } from './rewriters.js';

export type { RewriterName } from './rewriters.js';

/** Longest link decoded; a longer one is recognised as a wrapper but not read. */
export const MAX_WRAPPED_LENGTH = 64 * 1024;
/** Most layers unwrapped: a link wrapped by two gateways is common, five is an attack on the tooling. */
export const MAX_UNWRAP_DEPTH = 5;

export interface UnwrapOptions {
  /** Longest link decoded (MAX_WRAPPED_LENGTH); the tests raise it to time the decoders on 1 MB. */
  maxLength?: number;
}

function parsed(url: string): URL | null {
  try {
    return new URL(url.trim());
  } catch {
    return null;
  }
}

/** The known rewriter whose link this is, or null. */
export function rewriterOf(url: string): RewriterName | null {
  const u = parsed(url);
  return u ? (rewriterOfUrl(u)?.name ?? null) : null;
}

/** One layer: the checked target of a rewriter's link, or null. */
function unwrapOnce(url: string, maxLength: number): string | null {
  if (url.length > maxLength) return null;
  const u = parsed(url);
  const raw = u ? rewriterOfUrl(u)?.target(u) : null;
  return raw ? httpTarget(raw) : null;
}

/** Each target in turn, outermost first; empty when the URL is not a wrapper or cannot be read. */
export function unwrapLayers(url: string, o: UnwrapOptions = {}): string[] {
  const maxLength = o.maxLength ?? MAX_WRAPPED_LENGTH;
  const layers: string[] = [];
  let current = url;
  for (let depth = 0; depth < MAX_UNWRAP_DEPTH; depth++) {
    const next = unwrapOnce(current, maxLength);
    if (next === null || next === current) break;
    layers.push(next);
    current = next;
  }
  return layers;
}

/** The innermost target of a rewritten link, or null when the URL is not one or cannot be decoded. */
export function unwrapUrl(url: string, o: UnwrapOptions = {}): string | null {
  const layers = unwrapLayers(url, o);
  return layers.length ? (layers[layers.length - 1] as string) : null;
}

/**
 * Where a link leads as far as can be told offline: its innermost target, the URL itself when it is
 * not rewritten, and null when it is a rewriter's link whose target cannot be read.
 */
export function destinationOf(url: string, o: UnwrapOptions = {}): string | null {
  const last = unwrapUrl(url, o) ?? url;
  return rewriterOf(last) === null ? last : null;
}

export interface ExpandedUrl {
  url: string;
  /** Set when the URL is a known rewriter's link: its host is infrastructure, not an indicator. */
  rewriter?: RewriterName;
  /** On a rewriter's link: its innermost decoded target, when one could be read. */
  target?: string;
  /** On a decoded target: the link it was read from. */
  wrappedBy?: string;
}

/**
 * Every URL and, after each rewritten one, the targets read from it; each URL once, in first-seen
 * order (a target also linked directly keeps its first entry).
 */
export function expandWrapped(urls: readonly string[], o: UnwrapOptions = {}): ExpandedUrl[] {
  const out = new Map<string, ExpandedUrl>();
  const add = (e: ExpandedUrl) => {
    if (!out.has(e.url)) out.set(e.url, e);
  };
  for (const url of urls) {
    const layers = unwrapLayers(url, o);
    const chain = [url, ...layers];
    chain.forEach((link, i) => {
      const rewriter = rewriterOf(link);
      const target = layers.length > i ? layers[layers.length - 1] : undefined;
      add({
        url: link,
        ...(rewriter ? { rewriter } : {}),
        ...(rewriter && target ? { target } : {}),
        ...(i > 0 ? { wrappedBy: url } : {}),
      });
    });
  }
  return [...out.values()];
}
