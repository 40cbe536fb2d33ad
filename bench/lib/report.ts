// What each row hands back, and how the whole run is printed: a table per row on stdout, progress on stderr.
import { num, ratio } from './stats';

export type RowId = 'cold' | 'warm' | 'signing' | 'ids' | 'lookup' | 'footprint';
export const ROW_IDS: readonly RowId[] = ['cold', 'warm', 'signing', 'ids', 'lookup', 'footprint'];

export interface Goal {
  /** What is promised, in words: "ours adds at least 5× less start-up than @alicloud/pop-core". */
  text: string;
  /** The figure compared with the target, in `unit`; undefined when the row was skipped. */
  measured?: number;
  target: number;
  unit: string;
  /** How measured must compare with target to meet the goal. */
  compare: '<=' | '>=';
  /** true, false, or undefined when it could not be measured (see `skipped`). */
  met?: boolean;
  /** Why the goal has no verdict. */
  skipped?: string;
  /** How far from the target as a factor: above 1 is room to spare, below 1 the share of the target reached. */
  margin?: number;
}

export interface Table {
  columns: string[];
  /** Right-aligned columns (numbers); the others are left-aligned. */
  numeric?: boolean[];
  rows: string[][];
}

export interface RowResult {
  id: RowId;
  title: string;
  /** What was measured and how, one line. */
  method: string;
  tables: Table[];
  notes: string[];
  goals: Goal[];
  /** Every figure, for results.json. */
  figures: Record<string, unknown>;
  seconds?: number;
  error?: string;
}

export function goal(text: string, measured: number | undefined, compare: '<=' | '>=', target: number, unit: string, skipped?: string): Goal {
  if (measured === undefined || !Number.isFinite(measured)) {
    return { text, target, unit, compare, skipped: skipped ?? 'not measured' };
  }
  const met = compare === '<=' ? measured <= target : measured >= target;
  const margin = compare === '<=' ? target / measured : measured / target;
  return { text, measured, target, unit, compare, met, margin };
}

export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function pad(text: string, width: number, right: boolean): string {
  const len = [...text].length;
  const fill = ' '.repeat(Math.max(0, width - len));
  return right ? fill + text : text + fill;
}

export function renderTable(table: Table, indent = '  '): string {
  const widths = table.columns.map((c, i) => Math.max([...c].length, ...table.rows.map((r) => [...(r[i] ?? '')].length)));
  const line = (cells: string[], header: boolean) =>
    indent +
    cells
      .map((cell, i) => pad(cell, widths[i] ?? 0, !header && (table.numeric?.[i] ?? false)))
      .join('  ')
      .trimEnd();
  const rule = indent + widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(table.columns, true), rule, ...table.rows.map((r) => line(r, false))].join('\n');
}

function formatValue(value: number, unit: string): string {
  if (unit === '×') return ratio(value);
  return `${Number.isInteger(value) ? value.toLocaleString('en-US') : num(value)} ${unit}`;
}

export function renderGoal(g: Goal): string {
  const target = `target ${g.compare === '<=' ? '≤' : '≥'} ${formatValue(g.target, g.unit)}`;
  if (g.met === undefined) return `  goal SKIPPED  ${g.text} (${target}): ${g.skipped ?? 'not measured'}`;
  const measured = g.measured as number;
  const margin = g.margin ?? Number.NaN;
  return g.met
    ? `  goal met      ${g.text}: ${formatValue(measured, g.unit)} (${target}; margin ${ratio(margin)})`
    : `  goal MISSED   ${g.text}: ${formatValue(measured, g.unit)} (${target}; reaches ${ratio(margin)} of it)`;
}

export function renderRow(index: number, row: RowResult): string {
  const head = `${index}. ${row.title}${row.seconds !== undefined ? `  [${row.seconds.toFixed(1)} s]` : ''}`;
  const parts = [head, `   ${row.method}`];
  if (row.error) parts.push(`  ERROR: ${row.error}`);
  for (const table of row.tables) parts.push(renderTable(table));
  for (const note of row.notes) parts.push(`  note: ${note}`);
  for (const g of row.goals) parts.push(renderGoal(g));
  return parts.join('\n');
}
