// Server-side SVG charts of the console contract's Chart, and their data-table fallback.
export { type ChartTable, chartTable } from './table.js';
export { type RenderOptions, renderChart, seriesClass } from './render.js';
