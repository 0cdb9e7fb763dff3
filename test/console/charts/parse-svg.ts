// Reads a rendered chart back as XML: every element with its attributes and text, and whether every
// tag closed in order (htmlparser2 is lenient, so the order is checked here).
import { Parser } from 'htmlparser2';

export interface SvgElement {
  name: string;
  attrs: Record<string, string>;
  text: string;
  parent?: SvgElement;
}

export function parseSvg(svg: string): { root: SvgElement; all: SvgElement[] } {
  const all: SvgElement[] = [];
  const stack: SvgElement[] = [];
  let root: SvgElement | undefined;
  const problems: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const el: SvgElement = { name, attrs, text: '', parent: stack[stack.length - 1] };
        if (!root) root = el;
        else if (stack.length === 0) problems.push(`second root <${name}>`);
        all.push(el);
        stack.push(el);
      },
      ontext(text) {
        const top = stack[stack.length - 1];
        if (top) top.text += text;
        else if (text.trim()) problems.push(`text outside the root: ${text}`);
      },
      onclosetag(name) {
        const top = stack.pop();
        if (top?.name !== name) problems.push(`</${name}> closes <${top?.name}>`);
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(svg);
  parser.end();
  if (stack.length > 0) problems.push(`unclosed <${stack.map((e) => e.name).join('> <')}>`);
  if (!root) problems.push('no element');
  if (problems.length > 0) throw new Error(`not well-formed: ${problems.join('; ')}`);
  return { root: root as SvgElement, all };
}
