/** Styling as whole ranges: cells of one style grouped into rectangles, each styled with one range proxy. */
import type { CellStyle, SpecBlock } from "../../engine/sheetSpec";

export interface StyleRect {
  /** 0-based top-left, as getRangeByIndexes takes it. */
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
  readonly style: CellStyle;
}

// Styles are immutable spec values, often one object shared by many cells: each is serialised once.
const keys = new WeakMap<CellStyle, string>();
function keyOf(style: CellStyle | undefined): string {
  if (!style) return "";
  let key = keys.get(style);
  if (key === undefined) keys.set(style, (key = JSON.stringify(style)));
  return key;
}

/** Rectangles covering a block's styled cells: runs of equal style in a row, extended down while the row below repeats them. */
export function styleRects(block: SpecBlock): StyleRect[] {
  const done: StyleRect[] = [];
  let open = new Map<string, { rect: StyleRect; key: string }>();
  block.cells.forEach((row, i) => {
    const next = new Map<string, { rect: StyleRect; key: string }>();
    let j = 0;
    while (j < row.length) {
      const style = row[j].style;
      const key = keyOf(style);
      let k = j + 1;
      while (k < row.length && keyOf(row[k].style) === key) k++;
      if (style) {
        const at = `${j}:${k}`;
        const above = open.get(at);
        const r = block.row - 1 + i;
        if (above && above.key === key) {
          next.set(at, { key, rect: { ...above.rect, rows: above.rect.rows + 1 } });
          open.delete(at);
        } else next.set(at, { key, rect: { row: r, col: block.col - 1 + j, rows: 1, cols: k - j, style } });
      }
      j = k;
    }
    for (const o of open.values()) done.push(o.rect);
    open = next;
  });
  for (const o of open.values()) done.push(o.rect);
  return done;
}

const rgb = (hex: string) => `#${hex}`;
/** The .xlsx adapter's thin grey border (write.ts), as Office.js sets it. */
const BORDER = { style: "Continuous", color: "#BFBFBF", weight: "Thin" } as const;

/** Queues one rectangle's style on its range; the number of operations depends on the style, not the cell count. */
export function applyStyle(range: Excel.Range, rect: StyleRect): void {
  const s = rect.style;
  const f = range.format;
  if (s.bold) f.font.bold = true;
  if (s.italic) f.font.italic = true;
  if (s.fontSize) f.font.size = s.fontSize;
  if (s.fontName) f.font.name = s.fontName;
  if (s.fontColor) f.font.color = rgb(s.fontColor);
  if (s.fill) f.fill.color = rgb(s.fill);
  if (s.wrap) f.wrapText = true;
  if (s.horizontal)
    f.horizontalAlignment = s.horizontal === "left" ? "Left" : s.horizontal === "right" ? "Right" : "Center";
  if (s.horizontal || s.wrap || s.vertical) f.verticalAlignment = s.vertical === "top" ? "Top" : "Center";
  if (s.border) {
    const edges: Excel.BorderIndex[] = [
      "EdgeTop",
      "EdgeBottom",
      "EdgeLeft",
      "EdgeRight",
    ] as Excel.BorderIndex[];
    if (rect.rows > 1) edges.push("InsideHorizontal" as Excel.BorderIndex);
    if (rect.cols > 1) edges.push("InsideVertical" as Excel.BorderIndex);
    for (const e of edges) {
      const b = f.borders.getItem(e);
      b.style = BORDER.style;
      b.color = BORDER.color;
      b.weight = BORDER.weight;
    }
  }
}
