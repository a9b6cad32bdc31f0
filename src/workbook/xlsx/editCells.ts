/** Writing single cells into an existing worksheet's XML, touching nothing else in it (styles of the cells are kept). */
import { a1, parseA1 } from "../../engine/grid";
import { cellXml } from "./write";
import { attrs, elements, rootPrefix } from "./xml";

/** A cell to write: text stays text, numbers are numbers. */
export interface CellWrite {
  readonly cell: string;
  readonly value: string | number;
}

function colOfRef(ref: string): number {
  return parseA1(ref)?.col ?? 0;
}

/** The worksheet XML with the given cells written (replacing a cell's value and formula, keeping its style). */
export function writeCellsXml(xml: string, writes: readonly CellWrite[]): string {
  let out = xml;
  const p = rootPrefix(xml);
  for (const w of writes) {
    const at = parseA1(w.cell);
    if (!at) continue;
    const ref = a1(at.row, at.col);
    const sheetData = elements(out, ["sheetData"])[0];
    if (!sheetData) continue;
    const rowEls = elements(out, ["row"], sheetData.openEnd, sheetData.end);
    const rowEl = rowEls.find((r) => Number(attrs(r.attrText).get("r")) === at.row);
    const make = (style: string | undefined) =>
      cellXml(ref, { value: w.value }, style ? Number(style) : 0).replace(/<(\/?)(c|v|is|t)\b/g, `<$1${p}$2`);
    if (!rowEl) {
      const next = rowEls.find((r) => Number(attrs(r.attrText).get("r")) > at.row);
      const rowXml = `<${p}row r="${at.row}">${make(undefined)}</${p}row>`;
      if (sheetData.selfClosing)
        out =
          out.slice(0, sheetData.start) +
          `<${p}sheetData>${rowXml}</${p}sheetData>` +
          out.slice(sheetData.end);
      else {
        const pos = next ? next.start : sheetData.end - `</${sheetData.qname}>`.length;
        out = out.slice(0, pos) + rowXml + out.slice(pos);
      }
      continue;
    }
    const cells = rowEl.selfClosing ? [] : elements(out, ["c"], rowEl.openEnd, rowEl.end);
    const same = cells.find((c) => (attrs(c.attrText).get("r") ?? "").toUpperCase() === ref);
    if (same) {
      const cellText = make(attrs(same.attrText).get("s"));
      out = out.slice(0, same.start) + cellText + out.slice(same.end);
      continue;
    }
    const after = cells.find((c) => colOfRef(attrs(c.attrText).get("r") ?? "") > at.col);
    const cellText = make(undefined);
    if (rowEl.selfClosing) {
      const open = out.slice(rowEl.start, rowEl.openEnd).replace(/\/>$/, ">");
      out = out.slice(0, rowEl.start) + open + cellText + `</${rowEl.qname}>` + out.slice(rowEl.end);
    } else {
      const pos = after ? after.start : rowEl.end - `</${rowEl.qname}>`.length;
      out = out.slice(0, pos) + cellText + out.slice(pos);
    }
  }
  return out;
}
