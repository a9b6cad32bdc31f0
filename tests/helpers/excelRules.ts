/**
 * Rules Excel enforces when it opens a workbook that no schema states, so Microsoft's validator does not check them
 * either; Excel answers each with "We found a problem with some content" and repairs (drops) what breaks it:
 * - rows in ascending order, cells in ascending column order inside their row (ECMA-376 Part 1, 18.3.1.73 row and
 *   18.3.1.4 c: "r" is the row index / the cell reference; Excel rejects a sheet whose rows or cells go backwards);
 * - merged ranges that do not overlap (Excel's Merge refuses them: "We can't do that to a merged cell");
 * - table ranges that overlap no other table or merged range (18.5.1.2 table; Excel: "A table can't overlap another
 *   table" and "can't overlap a range that contains merged cells");
 * - table names unique in the workbook, among themselves and the defined names (18.5.1.2 "name … unique");
 * - a table's column names equal to its header cells' text, unique in the table ignoring case, at most 255 characters
 *   (18.5.1.3 tableColumn: "what shall be displayed in the header row"; MS-OI29500 2.1.681; Excel: "Repaired Records:
 *   Table from /xl/tables/tableN.xml");
 * - formulas of at most 8,192 characters, 255 arguments per function and 64 levels of nested functions ("Excel
 *   specifications and limits": length of formula contents, arguments in a function, nested levels of functions).
 */
import { partsOf, sharedStringTexts } from "./packages";
import { decodeEntities } from "../../src/workbook/xlsx/xml";

type Box = { r1: number; c1: number; r2: number; c2: number; what: string };

const colNumber = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

function ref(a1: string): { row: number; col: number } {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(a1);
  if (!m) throw new Error(`not a cell reference: ${a1}`);
  return { col: colNumber(m[1]), row: Number(m[2]) };
}

function box(range: string, what: string): Box {
  const [a, b = a] = range.split(":");
  const p = ref(a);
  const q = ref(b);
  return { r1: p.row, c1: p.col, r2: q.row, c2: q.col, what };
}

const overlap = (a: Box, b: Box) => a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;

/** The attribute of an element's opening tag, or undefined. */
const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** Excel's limits on one formula ("Excel specifications and limits"). */
export const FORMULA_LIMITS = { length: 8192, arguments: 255, nesting: 64 } as const;

/**
 * How a formula (with or without its "=") breaks Excel's limits on formulas, one line each: its length, a function
 * call with more than 255 arguments, parentheses nested more than 64 deep. Text in double quotes and sheet names in
 * single quotes are skipped; an array constant's commas are not arguments. Every opening parenthesis counts as a
 * level (a grouping one too), the stricter reading.
 */
export function formulaLimitBreaks(formula: string): string[] {
  const breaks: string[] = [];
  const text = formula.startsWith("=") ? formula.slice(1) : formula;
  if (text.length > FORMULA_LIMITS.length) breaks.push(`a formula of ${text.length} characters`);
  const args: number[] = [];
  let deepest = 0;
  let braces = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' || ch === "'") {
      // A literal or a quoted sheet name: its quote doubled inside.
      for (i++; i < text.length; i++) if (text[i] === ch && text[++i] !== ch) break;
      i--;
    } else if (ch === "{") braces++;
    else if (ch === "}") braces--;
    else if (ch === "(") {
      args.push(/^\s*\)/.test(text.slice(i + 1, i + 3)) ? 0 : 1);
      deepest = Math.max(deepest, args.length);
    } else if (ch === "," && !braces && args.length) args[args.length - 1]++;
    else if (ch === ")") {
      const n = args.pop() ?? 0;
      if (n > FORMULA_LIMITS.arguments) breaks.push(`a function of ${n} arguments`);
    }
  }
  if (deepest > FORMULA_LIMITS.nesting) breaks.push(`parentheses nested ${deepest} deep`);
  return breaks;
}

/** ST_Xstring decoding (_xHHHH_), after XML's. */
const xstring = (s: string) =>
  decodeEntities(s).replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

/** A table with a header row: its header cells' text ("" where blank) and its tableColumn names, as Excel reads them. */
export interface TableHeader {
  readonly sheet: string;
  readonly table: string;
  readonly cells: string[];
  readonly names: string[];
}

/** The header row and column names of every table with a header row in a package's parts. */
export function tableHeaders(parts: ReadonlyMap<string, Uint8Array>): TableHeader[] {
  const text = (name: string) => new TextDecoder().decode(parts.get(name));
  const shared = parts.has("xl/sharedStrings.xml")
    ? sharedStringTexts(text("xl/sharedStrings.xml")).map(xstring)
    : [];
  const out: TableHeader[] = [];
  for (const [name] of parts) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name)) continue;
    const xml = text(name);
    const relsName = name.replace(/([^/]+)$/, "_rels/$1.rels");
    const rels = parts.has(relsName) ? text(relsName) : "";
    for (const t of rels.matchAll(/<Relationship\b[^>]*?Target="([^"]*tables\/[^"]+)"/g)) {
      const file = t[1].replace(/^\.\.\//, "xl/").replace(/^\/?xl\//, "xl/");
      const table = text(file);
      const head = /<(?:\w+:)?table\b[^>]*>/.exec(table)?.[0] ?? "";
      if (attr(head, "headerRowCount") === "0") continue;
      const [a, b = a] = (attr(head, "ref") ?? "A1").split(":");
      const from = ref(a);
      const to = ref(b);
      const cells = Array.from({ length: to.col - from.col + 1 }, () => "");
      const row = new RegExp(
        `<(?:\\w+:)?row\\b[^>]*?\\sr="${from.row}"[^>]*>([\\s\\S]*?)</(?:\\w+:)?row>`,
      ).exec(xml);
      for (const c of (row?.[1] ?? "").matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
        const at = ref(attr(c[1], "r") ?? "A1");
        if (at.col < from.col || at.col > to.col) continue;
        const v = /<(?:\w+:)?v>([^<]*)</.exec(c[2] ?? "")?.[1] ?? "";
        const type = attr(c[1], "t");
        cells[at.col - from.col] =
          type === "s"
            ? (shared[Number(v)] ?? "")
            : type === "inlineStr"
              ? [...(c[2] ?? "").matchAll(/<(?:\w+:)?t\b[^>]*>([^<]*)</g)].map((m) => xstring(m[1])).join("")
              : type === "b"
                ? v === "1"
                  ? "TRUE"
                  : "FALSE"
                : xstring(v);
      }
      // An attribute's line break or tab is read as a space (XML 1.0, 3.3.3); _x000A_ is the escape that keeps it.
      const names = [...table.matchAll(/<(?:\w+:)?tableColumn\b[^>]*?\sname="([^"]*)"/g)].map((m) =>
        xstring(m[1].replace(/[\t\n\r]/g, " ")),
      );
      out.push({ sheet: name, table: attr(head, "displayName") ?? attr(head, "name") ?? file, cells, names });
    }
  }
  return out;
}

/** Every break of the rules above in a package, one line each (empty when Excel would open it without repair). */
export async function excelRuleBreaks(bytes: Uint8Array): Promise<string[]> {
  const parts = await partsOf(bytes);
  const text = (name: string) => new TextDecoder().decode(parts.get(name));
  const breaks: string[] = [];
  const tableNames = new Map<string, string>();
  for (const [name] of parts) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name)) continue;
    const xml = text(name);
    let lastRow = 0;
    for (const row of xml.matchAll(/<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g)) {
      const r = attr(row[1], "r");
      if (r !== undefined) {
        if (Number(r) <= lastRow) breaks.push(`${name}: row ${r} after row ${lastRow}`);
        lastRow = Number(r);
      } else lastRow++;
      let lastCol = 0;
      for (const c of (row[2] ?? "").matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>)/g)) {
        const at = attr(c[1], "r");
        if (at === undefined) {
          lastCol++;
          continue;
        }
        const p = ref(at);
        if (p.row !== lastRow) breaks.push(`${name}: cell ${at} in row ${lastRow}`);
        if (p.col <= lastCol) breaks.push(`${name}: cell ${at} after column ${lastCol} of its row`);
        lastCol = p.col;
      }
    }
    for (const f of xml.matchAll(/<(?:\w+:)?f\b[^>]*>([^<]*)<\/(?:\w+:)?f>/g))
      for (const b of formulaLimitBreaks(decodeEntities(f[1]))) breaks.push(`${name}: ${b}`);
    const boxes = [...xml.matchAll(/<(?:\w+:)?mergeCell\b[^>]*?\sref="([^"]+)"/g)].map((m) =>
      box(m[1], `merged ${m[1]}`),
    );
    const rels = text(name.replace(/([^/]+)$/, "_rels/$1.rels"));
    for (const t of xml.matchAll(/<(?:\w+:)?tablePart\b[^>]*?\sr:id="([^"]+)"/g)) {
      const target = new RegExp(`Id="${t[1]}"[^>]*?Target="([^"]+)"|Target="([^"]+)"[^>]*?Id="${t[1]}"`).exec(
        rels,
      );
      const file = (target?.[1] ?? target?.[2] ?? "").replace(/^\.\.\//, "xl/").replace(/^\/?xl\//, "xl/");
      const head = /<(?:\w+:)?table\b[^>]*>/.exec(text(file))?.[0] ?? "";
      const tableName = attr(head, "displayName") ?? attr(head, "name") ?? file;
      const key = tableName.toLowerCase();
      if (tableNames.has(key))
        breaks.push(`table ${tableName} in ${name} has the name of ${tableNames.get(key)}`);
      tableNames.set(key, `table ${tableName}`);
      boxes.push(box(attr(head, "ref") ?? "A1", `table ${tableName}`));
    }
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++)
        if (overlap(boxes[i], boxes[j])) breaks.push(`${name}: ${boxes[i].what} overlaps ${boxes[j].what}`);
  }
  for (const t of tableHeaders(parts)) {
    t.names.forEach((n, j) => {
      if (n !== t.cells[j])
        breaks.push(`${t.sheet}: table ${t.table} names column ${j + 1} "${n}" over "${t.cells[j]}"`);
      if (n.length > 255)
        breaks.push(`${t.sheet}: table ${t.table} column ${j + 1} named in ${n.length} characters`);
    });
    if (new Set(t.names.map((n) => n.toLowerCase())).size < t.names.length)
      breaks.push(`${t.sheet}: table ${t.table} has two columns of one name`);
  }
  const workbook = [...parts.keys()].find((n) => /^xl\/workbook\.xml$/.test(n));
  if (workbook)
    for (const d of text(workbook).matchAll(/<(?:\w+:)?definedName\b([^>]*)>/g)) {
      const n = attr(d[1], "name") ?? "";
      if (tableNames.has(n.toLowerCase()))
        breaks.push(`defined name ${n} has the name of ${tableNames.get(n.toLowerCase())}`);
    }
  return breaks;
}
