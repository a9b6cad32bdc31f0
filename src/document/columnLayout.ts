/**
 * Column widths for a printed table: as few lines as the page allows. Each column holds its longest unbreakable text;
 * the rest of the page goes, a step at a time, to the column where it saves the most height per point, and what no
 * column needs is shared in given proportions. Pure: the caller measures the words.
 */

/** A cell's text as the layout sees it: its words' widths, a space's width and its line height, in points. */
export interface CellText {
  readonly words: readonly number[];
  readonly space: number;
  readonly line: number;
  /** How much its lines count in the height the layout minimises (1 unless given). */
  readonly weight?: number;
}

/** A table as the layout sees it: its rows (the header row among them), a cell text or null per column. */
export type LayoutRows = readonly (readonly (CellText | null)[])[];

/** The lines a text takes in `room` points, broken between words where the next does not fit (Word's rule). */
export function lineCount(t: CellText, room: number): number {
  let lines = 1;
  let used = -1;
  for (const w of t.words) {
    if (used < 0) used = w;
    else if (used + t.space + w <= room) used += t.space + w;
    else {
      lines++;
      used = w;
    }
  }
  return lines;
}

// A cell's lines count this much beside the rows' heights: a step that makes one cell shorter, though its row keeps
// another cell's height, still counts (the row's other cells may follow).
const CELL_WEIGHT = 0.01;
// How close the search for the width at which a text loses a line comes to it, in points.
const PRECISION = 0.25;

/** The tables' height in points with the columns `widths` wide (each less the padding), plus each cell's lines a little. */
function height(tables: readonly LayoutRows[], widths: readonly number[], padding: number): number {
  let total = 0;
  for (const rows of tables)
    for (const row of rows) {
      let tallest = 0;
      row.forEach((t, j) => {
        if (!t) return;
        const lines = lineCount(t, widths[j] - padding);
        tallest = Math.max(tallest, lines * t.line * (t.weight ?? 1));
        total += CELL_WEIGHT * lines;
      });
      total += tallest;
    }
  return total;
}

/** The least width past `from` (up to `to`) at which a text takes fewer lines, or null. */
function nextBreak(t: CellText, from: number, to: number): number | null {
  const lines = lineCount(t, from);
  if (lines === 1 || lineCount(t, to) === lines) return null;
  let lo = from;
  let hi = to;
  while (hi - lo > PRECISION) {
    const mid = (lo + hi) / 2;
    if (lineCount(t, mid) < lines) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * The widenings worth trying, as the widths after each: a column up to where its first cell loses a line, and for each
 * row, every cell that makes its height up to where it loses a line (a header's words in two narrow columns make the
 * header row's height together: widening one alone saves nothing).
 */
function* moves(tables: readonly LayoutRows[], widths: readonly number[], padding: number, free: number) {
  const breakAt = (t: CellText, j: number) => {
    const at = nextBreak(t, widths[j] - padding, widths[j] - padding + free);
    return at === null ? null : at + padding;
  };
  for (let j = 0; j < widths.length; j++) {
    let to: number | null = null;
    for (const rows of tables)
      for (const row of rows) {
        const t = row[j];
        const at = t ? breakAt(t, j) : null;
        if (at !== null && (to === null || at < to)) to = at;
      }
    if (to !== null) yield widths.map((w, k) => (k === j ? to : w));
  }
  for (const rows of tables)
    for (const row of rows) {
      const heights = row.map((t, j) =>
        t ? lineCount(t, widths[j] - padding) * t.line * (t.weight ?? 1) : 0,
      );
      const tallest = Math.max(...heights);
      const to = [...widths];
      const fits = row.every((t, j) => {
        if (!t || heights[j] < tallest) return true;
        const at = breakAt(t, j);
        if (at !== null) to[j] = Math.max(to[j], at);
        return at !== null;
      });
      if (fits) yield to;
    }
}

/**
 * Column widths in points for tables that share their columns, on a page `page` points wide, each cell losing
 * `padding` points to its margins and lines: each column at least its widest word; then, while the page has room, the
 * widening (moves) that saves the most height per point is made; the room left is shared in the proportions
 * `weights`. Where the widest words alone pass the page, the columns keep their proportions.
 */
export function layoutColumns(
  tables: readonly LayoutRows[],
  weights: readonly number[],
  page: number,
  padding: number,
): number[] {
  const least = weights.map((_, j) => {
    let most = 0;
    for (const rows of tables)
      for (const row of rows) for (const w of row[j]?.words ?? []) most = Math.max(most, w);
    return most + padding;
  });
  const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
  let free = page - sum(least);
  if (free <= 0) return least.map((x) => (x / sum(least)) * page);
  const widths = [...least];
  for (;;) {
    const now = height(tables, widths, padding);
    let best: { to: number[]; rate: number } | null = null;
    for (const to of moves(tables, widths, padding, free)) {
      const cost = sum(to) - sum(widths);
      const rate = (now - height(tables, to, padding)) / cost;
      if (cost > 0 && cost <= free && rate > 0 && (!best || rate > best.rate)) best = { to, rate };
    }
    if (!best) break;
    free -= sum(best.to) - sum(widths);
    widths.splice(0, widths.length, ...best.to);
  }
  const weight = sum(weights);
  return widths.map((w, j) => w + (free * weights[j]) / weight);
}
