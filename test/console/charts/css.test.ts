// charts.css: every series and tone colour, and the axis text, against the light (#ffffff) and dark
// (#111418) backgrounds, by WCAG 2.1's contrast formula.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const css = readFileSync(new URL('../../../src/console/charts/charts.css', import.meta.url), 'utf8');

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

/** Each custom property's light and dark colour: `--chart-x: light-dark(#light, #dark)`. */
function themes(): [Record<string, string>, Record<string, string>] {
  const light: Record<string, string> = {};
  const dark: Record<string, string> = {};
  for (const v of css.matchAll(/(--chart-[a-z0-9]+):\s*light-dark\((#[0-9a-f]{6}),\s*(#[0-9a-f]{6})\)/g)) {
    light[v[1] as string] = v[2] as string;
    dark[v[1] as string] = v[3] as string;
  }
  return [light, dark];
}

test('every series and tone has a light and a dark colour, and a class that uses it', () => {
  const [light] = themes();
  for (const i of [0, 1, 2, 3, 4, 5, 6, 7]) assert.ok(light[`--chart-s${i}`], `series ${i}`);
  for (const t of ['ok', 'info', 'warn', 'bad', 'muted']) assert.ok(light[`--chart-${t}`], t);
  assert.ok(light['--chart-fg'] && light['--chart-grid']);
  for (const cls of [
    ...[0, 1, 2, 3, 4, 5, 6, 7].map((i) => `series-${i}`),
    'tone-ok',
    'tone-info',
    'tone-warn',
    'tone-bad',
    'tone-muted',
  ])
    assert.match(css, new RegExp(`\\.${cls} \\{`), cls);
});

test('every colour reaches 4.5:1 on its background; the grid stays a faint line', () => {
  const [light, dark] = themes();
  for (const [vars, bg] of [
    [light, '#ffffff'],
    [dark, '#111418'],
  ] as const) {
    for (const [name, colour] of Object.entries(vars)) {
      if (name === '--chart-grid') continue;
      const ratio = contrast(colour, bg);
      assert.ok(ratio >= 4.5, `${name} ${colour} on ${bg}: ${ratio.toFixed(2)}`);
    }
  }
});
