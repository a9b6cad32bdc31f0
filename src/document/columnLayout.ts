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
 * A row as the layout weighs it: the height of its cells of one word (one line at any width the layout gives) and
 * its texts of several words, which the widths decide.
 */
interface Row {
  readonly fixed: number;
  readonly cells: readonly { readonly j: number; readonly t: CellText }[];
}

/** The height a text's lines count for (its weight given). */
const heightOf = (t: CellText, lines: number) => lines * t.line * (t.weight ?? 1);

/** A row's height with the columns `widths` wide, plus its texts' lines a little (CELL_WEIGHT). */
function rowCost(row: Row, widths: readonly number[], padding: number): number {
  let tallest = row.fixed;
  let lines = 0;
  for (const { j, t } of row.cells) {
    const n = lineCount(t, widths[j] - padding);
    tallest = Math.max(tallest, heightOf(t, n));
    lines += n;
  }
  return tallest + CELL_WEIGHT * lines;
}

/**
 * The widenings worth trying, as the widths after each (costs: each row's rowCost now): a column up to where its texts
 * losing a line save the most per point; and for a row whose height two or more texts make together (a header's words
 * in two narrow columns), each of them up to where it loses a line, since widening one alone saves nothing.
 */
function* moves(
  rows: readonly Row[],
  byColumn: readonly number[][],
  costs: readonly number[],
  widths: readonly number[],
  padding: number,
  free: number,
) {
  const breakAt = (t: CellText, j: number) => {
    const at = nextBreak(t, widths[j] - padding, widths[j] - padding + free);
    return at === null ? null : at + padding;
  };
  for (let j = 0; j < widths.length; j++) {
    // Where each text of the column loses a line, with what its row saves there: the width that saves the most per
    // point, those of all the texts that break before it counted (many names break at about one width).
    const breaks: [number, number][] = [];
    const trial = [...widths];
    for (const r of byColumn[j])
      for (const c of rows[r].cells) {
        const at = c.j === j ? breakAt(c.t, j) : null;
        if (at === null) continue;
        trial[j] = at;
        breaks.push([at, costs[r] - rowCost(rows[r], trial, padding)]);
      }
    breaks.sort((x, y) => x[0] - y[0]);
    let saved = 0;
    let best: { to: number; rate: number } | null = null;
    for (const [to, saves] of breaks) {
      saved += saves;
      const rate = saved / (to - widths[j]);
      if (!best || rate > best.rate) best = { to, rate };
    }
    if (best) {
      const to = best.to;
      yield widths.map((w, k) => (k === j ? to : w));
    }
  }
  const seen = new Set<string>();
  for (const row of rows) {
    const heights = row.cells.map(({ j, t }) => heightOf(t, lineCount(t, widths[j] - padding)));
    const tallest = Math.max(row.fixed, ...heights);
    const making = row.cells.filter((_, m) => heights[m] === tallest);
    if (making.length < 2) continue;
    const to = [...widths];
    if (
      !making.every(({ j, t }) => {
        const at = breakAt(t, j);
        if (at !== null) to[j] = Math.max(to[j], at);
        return at !== null;
      })
    )
      continue;
    const key = to.join();
    if (seen.has(key)) continue;
    seen.add(key);
    yield to;
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
  const rows: Row[] = tables.flat().map((row) => ({
    fixed: Math.max(0, ...row.map((t) => (t && t.words.length <= 1 ? heightOf(t, 1) : 0))),
    cells: row.flatMap((t, j) => (t && t.words.length > 1 ? [{ j, t }] : [])),
  }));
  // The rows with a text of several words in each column: the only ones a column's width changes.
  const byColumn = weights.map((_, j) =>
    rows.flatMap((row, r) => (row.cells.some((c) => c.j === j) ? [r] : [])),
  );
  const widths = [...least];
  const costs = rows.map((row) => rowCost(row, widths, padding));
  for (;;) {
    let best: { to: number[]; rate: number; touched: number[] } | null = null;
    for (const to of moves(rows, byColumn, costs, widths, padding, free)) {
      const cost = sum(to) - sum(widths);
      if (cost <= 0 || cost > free) continue;
      const touched = [...new Set(to.flatMap((w, j) => (w !== widths[j] ? byColumn[j] : [])))];
      const saved = touched.reduce((s, r) => s + costs[r] - rowCost(rows[r], to, padding), 0);
      const rate = saved / cost;
      if (rate > 0 && (!best || rate > best.rate)) best = { to, rate, touched };
    }
    if (!best) break;
    free -= sum(best.to) - sum(widths);
    widths.splice(0, widths.length, ...best.to);
    for (const r of best.touched) costs[r] = rowCost(rows[r], widths, padding);
  }
  const weight = sum(weights);
  return widths.map((w, j) => w + (free * weights[j]) / weight);
}
