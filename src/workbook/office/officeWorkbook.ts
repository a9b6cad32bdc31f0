/**
 * The Office.js adapter. Reads sheets in row chunks that keep each response under Excel on the web's 5 MB; writes output
 * sheets under temporary names, then swaps them in so no half-written output is ever visible (docs/decisions.md,
 * "Write protocol"). Formulas are written against the temporary names: Excel binds a reference to a sheet and carries it
 * through the rename. The ownership sheet is never deleted (Excel refuses to delete a VeryHidden sheet); its cells are
 * rewritten.
 */
import type { Grid, WorkbookGrids } from "../../engine/grid";
import { isDateFormat, isPercentFormat, serialToDate } from "../../engine/grid";
import { isListSheetName } from "../../engine/parse/headers";
import type { DefinedNameSpec, SheetSpec } from "../../engine/sheetSpec";
import { formulaOf, specDefinedNames, writesSettingNames } from "../../engine/sheetSpec";
import { isSettingName } from "../../engine/outputs/liveSettings";
import { refersToSheets, retargeter } from "../../engine/outputs/refs";
import type { ApplyOptions, InteractiveWorkbook } from "../port";
import type { CellEdit } from "../../engine/settingsEdit";
import type { NewSheet } from "../inputSheet";
import {
  DATA_VALIDATION,
  MERGED_AREAS,
  OPTIONAL,
  SHAPES,
  VALIDATED_CELLS,
  RENAME_EVENTS,
  WORKBOOK_EVENTS,
  type SupportsSet,
} from "./requirements";
import {
  EditedOutputError,
  RECORD_COLUMNS,
  RECORD_ROW_HEADER,
  SCRATCH_HEADER,
  UserSheetClashError,
  assertNoUserSheetClash,
  foldName,
  idMismatches,
  isOwnershipRecord,
  plannersCharts,
  ownedOf,
  recordRow,
  provenScratch,
  scratchList,
  META_SHEET,
  type ScratchSheet,
  replacedBy,
  sheetOrder,
  type OwnedSheet,
} from "../ownership";
import { fingerprintMatchesSteps, specFingerprintSteps } from "../fingerprint";
import { drainSliced, timeSlices, type Pause } from "../slices";
import { literalFor, readFormula, readValue } from "./cells";
import { applyStyle, styleRects, type StyleRect } from "./styleBlocks";
import { decorate, tempTableName } from "./decorate";
import { OutputWriteError } from "./writeError";
import {
  dimensionsOf,
  repoint,
  replacedSheet,
  sourceOf,
  sourceRange,
  type Dimension,
  type SeriesSource,
} from "./chartSources";
import { formatOf, mapOperands, operandFormulas, reenterFormats, type FormatReentry } from "./formats";
import {
  blockCells,
  blockSize,
  columnBlocks,
  sameRuns,
  reenterValidations,
  ruleFormulas,
  ruleOf,
  type ValidationReentry,
} from "./validations";
import {
  OutputChartsError,
  ProtectedReferrersError,
  ProtectedSheetError,
  SheetGoneError,
  SheetHiddenError,
} from "./sheetErrors";

/** The arguments of the workbook events watchChanges registers. */
type SheetEvent =
  | Excel.WorksheetChangedEventArgs
  | Excel.WorksheetAddedEventArgs
  | Excel.WorksheetDeletedEventArgs
  | Excel.WorksheetNameChangedEventArgs;

/** Runs a batch against the workbook: Excel.run in Excel, a fake host in tests; in a context made before, if given. */
export type ExcelRunner = <T>(
  batch: (ctx: Excel.RequestContext) => Promise<T>,
  previous?: OfficeExtension.ClientRequestContext,
) => Promise<T>;

/**
 * Excel.run that waits while the user is editing a cell instead of failing at once
 * (Excel.RunOptions.delayForCellEdit, ExcelApi 1.11; older hosts ignore the option). With `previous`, the batch uses
 * that context (RunOptions.previousObjects: "The batch will use the same RequestContext as the passed-in object").
 */
export function officeRunner(run: typeof Excel.run): ExcelRunner {
  return (batch, previous) =>
    run(previous ? { delayForCellEdit: true, previousObjects: previous } : { delayForCellEdit: true }, batch);
}

/**
 * Budget for one request by this adapter's estimate (Excel on the web refuses more than 5 MB). Measured with the real
 * client (`npm run bench:office`, 2026-11-27 19:09), a request is 11–16% larger than its estimate (the estimate counts
 * 10–14% short), hence 3 MB rather than 4: the largest, 3.43 MB for an estimated 3.00, stays 31% under the limit.
 */
export const PAYLOAD_LIMIT = 3 * 1024 * 1024;
/** Cells per read piece; a request takes as many pieces as fit READ_BYTES at each sheet's bytes per cell seen so far. */
export const READ_CELLS = 5_000;
/** Target size of one read response (Excel on the web refuses responses over 5 MB). */
export const READ_BYTES = 3 * 1024 * 1024;
/**
 * The estimate's serialised bytes per queued operation beyond its arguments (action, object path and ids), and per
 * cell beyond its JSON text; checked against the real client by `npm run bench:office` (docs/limits.md).
 */
const OP_BYTES = 400;
const CELL_BYTES = 2;

const TMP = "ictplan_tmp_";
const OLD = "ictplan_old_";
/**
 * Beside the record (A:F and J: RECORD_COLUMNS), the ownership sheet lists the temporary sheets a
 * write is making: G holds the name, H the fingerprint of the sheet as written (with its formulas naming the sheets by
 * their names after the swap), I that name, under a header. The list is written with the first temporary sheet and
 * cleared once the swap is over; one left by an interrupted run is what proves a leftover sheet the product's.
 */
const SCRATCH_COLUMNS = "G:I";

/** `count` names prefix0, prefix1, … that no sheet has (Excel compares sheet names ignoring case). */
function freeNames(prefix: string, count: number, taken: readonly string[]): string[] {
  const used = new Set(taken.map(foldName));
  const out: string[] = [];
  for (let k = 0; out.length < count; k++) {
    const name = `${prefix}${k}`;
    if (used.has(foldName(name))) continue;
    out.push(name);
    used.add(foldName(name));
  }
  return out;
}

/** The columns by which recover tells the record written: A:D and the Worksheet.id (J). */
const WRITTEN_COLUMNS = [0, 1, 2, 3, RECORD_COLUMNS.worksheetId];

/** The record's rows (WRITTEN_COLUMNS) of the ownership sheet's used range, without the rows only the scratch list fills. */
function recordRows(values: readonly (readonly unknown[])[]): unknown[][] {
  const rows = values.map((r) => WRITTEN_COLUMNS.map((c) => r[c] ?? ""));
  while (rows.length && rows[rows.length - 1].every((v) => v === "" || v === null)) rows.pop();
  return rows;
}
const codeOf = (e: unknown) =>
  typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : "";

type Part = SheetSpec["blocks"][number];

/**
 * The settings' defined names, before the formulas that read them: an existing name is pointed anew
 * (NamedItem.formula, ExcelApi 1.7, the minimum), a missing one added (NamedItemCollection.add, ExcelApi 1.4).
 */
function setDefinedNames(
  ctx: Excel.RequestContext,
  wanted: readonly DefinedNameSpec[],
  present: readonly string[],
): void {
  for (const d of wanted) {
    const same = present.find((n) => n.toLowerCase() === d.name.toLowerCase());
    if (same) ctx.workbook.names.getItem(same).formula = `=${d.ref}`;
    else ctx.workbook.names.add(d.name, `=${d.ref}`);
  }
}

/** Deletes those of the given defined names that exist (workbook.names loaded). */
function dropNames(ctx: Excel.RequestContext, names: readonly string[]): void {
  for (const item of ctx.workbook.names.items)
    if (names.some((n) => n.toLowerCase() === item.name.toLowerCase()))
      ctx.workbook.names.getItem(item.name).delete();
}

/**
 * The blocks as they are written: neighbours in the list that continue each other join, first along a row (one-row
 * blocks side by side), then down (a block starting on the row after the one before it ends, in the same column, every
 * row of both as wide). The summary lays out a block per cell; joined, a table is one range write and its cells of one
 * style one styled rectangle, instead of several operations per cell. Only neighbours join, so the order of writing,
 * and so which block wins where two overlap, stays the spec's.
 */
export function joinedBlocks(blocks: readonly Part[]): Part[] {
  const rows: Part[] = [];
  for (const b of blocks) {
    const last = rows[rows.length - 1];
    const beside =
      last?.cells.length === 1 &&
      b.cells.length === 1 &&
      b.row === last.row &&
      b.col === last.col + last.cells[0].length;
    if (beside)
      rows[rows.length - 1] = { row: last.row, col: last.col, cells: [[...last.cells[0], ...b.cells[0]]] };
    else rows.push(b);
  }
  const out: Part[] = [];
  // The rows of the block being joined into, copied when a second block joins it.
  let joined: Part["cells"][number][] | null = null;
  let width = -1;
  for (const b of rows) {
    const w = b.cells.length && b.cells.every((r) => r.length === b.cells[0].length) ? b.cells[0].length : -1;
    const last = out[out.length - 1];
    if (last && w >= 0 && w === width && b.col === last.col && b.row === last.row + last.cells.length) {
      joined ??= [...last.cells];
      for (const r of b.cells) joined.push(r);
      out[out.length - 1] = { row: last.row, col: last.col, cells: joined };
    } else {
      out.push(b);
      joined = null;
      width = w;
    }
  }
  return out;
}

/** A chunk of a block's rows as it is queued: what Range.formulas and Range.numberFormat get, and its estimated bytes. */
export interface Chunk {
  readonly part: Part;
  /** Each cell's formula (against the temporary sheets) or literal, rows padded to the widest with "". */
  readonly formulas: (string | number | boolean)[][];
  /** Each cell's number format, rows padded with "General". */
  readonly formats: string[][];
  /** Estimated request bytes of its cells (not of its style operations). */
  readonly cellBytes: number;
}

/**
 * Row chunks of a block whose cells stay under `limit` bytes, each made when it is asked for. Every cell's text is made
 * once here (the estimate counts the formula before it is retargeted, as Excel's limit leaves room for that).
 */
export function* chunkRows(
  block: Part,
  limit = PAYLOAD_LIMIT,
  retarget: (formula: string) => string = (f) => f,
): Generator<Chunk, void, void> {
  let start = 0;
  let bytes = 0;
  let formulas: (string | number | boolean)[][] = [];
  let formats: string[][] = [];
  const chunk = (end: number): Chunk => {
    const width = Math.max(...formulas.map((r) => r.length));
    for (const r of formulas) while (r.length < width) r.push("");
    for (const r of formats) while (r.length < width) r.push("General");
    const cells = start === 0 && end === block.cells.length ? block.cells : block.cells.slice(start, end);
    return { part: { row: block.row + start, col: block.col, cells }, formulas, formats, cellBytes: bytes };
  };
  for (let i = 0; i < block.cells.length; i++) {
    const row = block.cells[i];
    const f: (string | number | boolean)[] = [];
    const nf: string[] = [];
    let size = 0;
    for (const c of row) {
      const formula = formulaOf(c);
      const literal = formula ? "" : literalFor(c.value);
      const format = c.numberFormat ?? "General";
      size += jsonLength(formula ?? literal) + formatLength(format) + 2 * CELL_BYTES;
      f.push(formula ? retarget(formula) : literal);
      nf.push(format);
    }
    if (i > start && bytes + size > limit) {
      yield chunk(i);
      start = i;
      bytes = 0;
      formulas = [];
      formats = [];
    }
    bytes += size;
    formulas.push(f);
    formats.push(nf);
  }
  if (block.cells.length) yield chunk(block.cells.length);
}

/**
 * Bytes of the chunks queued between two pauses: a request (PAYLOAD_LIMIT) takes several, so that building one
 * (its formulas and formats arrays, its style rectangles) stays a few tens of milliseconds on the pane's thread.
 */
const QUEUE_BYTES = PAYLOAD_LIMIT / 16;

// What JSON.stringify escapes: quote, backslash, control characters and (lone) surrogates.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify(v).length without building the text where nothing in it is escaped. */
export function jsonLength(v: string | number | boolean): number {
  if (typeof v === "string") return NEEDS_ESCAPE.test(v) ? JSON.stringify(v).length : v.length + 2;
  if (typeof v === "boolean") return v ? 4 : 5;
  return Number.isFinite(v) ? String(v).length : 4;
}

const formatLengths = new Map<string, number>();
const formatLength = (format: string): number => {
  let n = formatLengths.get(format);
  if (n === undefined) formatLengths.set(format, (n = jsonLength(format)));
  return n;
};

/** Estimated request bytes of writing one chunk: its cells and its style operations. */
function chunkBytes(chunk: Chunk, rects: readonly StyleRect[]): number {
  let n = 3 * OP_BYTES + chunk.cellBytes;
  for (const r of rects) n += OP_BYTES * (Object.keys(r.style).length + (r.style.border ? 18 : 0));
  return n;
}

/** A table's temporary name while its sheet is written, and the name it is given in the swap. */
interface TableRename {
  readonly temp: string;
  readonly name: string;
}

/**
 * The names the specs' tables end with: each its own (KetQua) unless a table the write keeps or a defined name has it
 * (tables and defined names share one namespace, unique ignoring case: "Rename an Excel table"), then KetQua_2, … as
 * the .xlsx adapter names them.
 */
function tableRenames(
  specs: readonly SheetSpec[],
  taken: readonly string[],
  temps: readonly ReadonlyMap<string, string>[],
): TableRename[] {
  const used = new Set(taken.map(foldName));
  return specs.flatMap((s, k) =>
    (s.tables ?? []).map((t) => {
      let name = t.name;
      for (let n = 2; used.has(foldName(name)); n++) name = `${t.name}_${n}`;
      used.add(foldName(name));
      return { temp: temps[k].get(t.name) ?? t.name, name };
    }),
  );
}

/** Each spec's tables' temporary names, none of them a table or defined name the workbook has. */
function temporaryTables(specs: readonly SheetSpec[], taken: readonly string[]): Map<string, string>[] {
  const used = new Set(taken.map(foldName));
  return specs.map(
    (s) =>
      new Map(
        (s.tables ?? []).map((t) => {
          const temp = tempTableName(t.name, used);
          used.add(foldName(temp));
          return [t.name, temp];
        }),
      ),
  );
}

/** What a swap changes, for undoing or finishing it after a failure. */
interface Swap {
  readonly specs: readonly SheetSpec[];
  readonly temps: readonly string[];
  readonly old: readonly OwnedSheet[];
  readonly aside: readonly string[];
  /** The record as the write found it, put back when the swap is undone. */
  readonly owned: readonly OwnedSheet[];
  /** The record the swap writes. */
  readonly record: readonly OwnedSheet[];
  readonly hasMeta: boolean;
  /** The scratch list as the write found it, without the leftovers it removed: put back when the swap is undone. */
  readonly scratch: readonly ScratchSheet[];
  /**
   * Formulas that name a replaced sheet (of kept owned sheets, of the planner's sheets, the planner's defined names),
   * entered again once the names are swapped.
   */
  readonly reentries: readonly Reentry[];
  /** The planner's charts' series over a replaced sheet, pointed at its successor once the names are swapped. */
  readonly charts: readonly SeriesSource[];
  /** The planner's data validation over a replaced sheet, entered again once the names are swapped. */
  readonly validations: readonly ValidationReentry[];
  /** The planner's conditional formats whose formulas name a replaced sheet, entered again likewise. */
  readonly formats: readonly FormatReentry[];
  /** Every sheet's name in the order the workbook ends with (ownership.sheetOrder). */
  readonly order: readonly string[];
  /** The summary just written, which the user is shown; null when none was. */
  readonly opening: string | null;
  /** The settings' defined names no new output reads, deleted with the old outputs. */
  readonly stale: readonly string[];
  /** The settings' defined names this write added (none was there before), removed again when it is undone. */
  readonly added: readonly string[];
  /** The output tables' renames from their temporary names. */
  readonly tables: readonly TableRename[];
}

/** A formula naming a replaced sheet: a cell's or a defined name's. */
type Reentry = {
  /** The text as read, entered again when a swap is undone (it names the old sheets, renamed back). */
  readonly formula: string;
  /** The text the swap enters: the same, naming each replaced sheet by its successor's name where that differs. */
  readonly after: string;
} & (
  | {
      readonly sheet: string;
      /** 0-based. */
      readonly row: number;
      readonly col: number;
    }
  | {
      readonly name: string;
      /** The sheet a sheet-scoped name belongs to (Worksheet.names); null for a workbook-scoped one. */
      readonly scope: string | null;
    }
);

type CellReentry = Extract<Reentry, { readonly sheet: string }>;

/** A rectangle of cells entered again in one write: 0-based origin, formulas by row. */
interface CellBlock {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  readonly formulas: string[][];
}

/**
 * Cells to enter again as rectangles, one write each (a column of lookups over an output is one operation, not one per
 * cell): neighbours along a row join, then rows of the same columns one under the other.
 */
export function cellBlocks(cells: readonly CellReentry[], text: "formula" | "after"): CellBlock[] {
  const sorted = [...cells].sort(
    (a, b) => (a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : 0) || a.row - b.row || a.col - b.col,
  );
  const runs: { sheet: string; row: number; col: number; texts: string[] }[] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last?.sheet === c.sheet && last.row === c.row && last.col + last.texts.length === c.col)
      last.texts.push(c[text]);
    else runs.push({ sheet: c.sheet, row: c.row, col: c.col, texts: [c[text]] });
  }
  const blocks: CellBlock[] = [];
  // The block each sheet's columns (first and count) last went into: a run right under it joins it.
  const open = new Map<string, CellBlock>();
  for (const r of runs) {
    const key = JSON.stringify([r.sheet, r.col, r.texts.length]);
    const above = open.get(key);
    if (above && above.row + above.formulas.length === r.row) above.formulas.push(r.texts);
    else {
      const block = { sheet: r.sheet, row: r.row, col: r.col, formulas: [r.texts] };
      blocks.push(block);
      open.set(key, block);
    }
  }
  return blocks;
}

interface Target {
  readonly name: string;
  readonly sheet: Excel.Worksheet;
}

/** What dependentFormulas reads, queued with the write's last request (queueDependents). */
interface Dependents {
  /** How many of the targets are kept owned sheets; the planner's (theirs) follow. */
  readonly kept: number;
  readonly theirs: readonly string[];
  readonly targets: readonly Target[];
  readonly bounds: readonly Bounds[];
  readonly names: Excel.NamedItemCollection;
  /** Each of the planner's sheets' own names and protection. */
  readonly scoped: readonly Excel.NamedItemCollection[];
  readonly locked: readonly Excel.WorksheetProtection[];
  /** Each of the planner's sheets' charts with their names and types; none where their sources cannot be read. */
  readonly charts: readonly Excel.ChartCollection[] | null;
  /** The charts on each output sheet replaced, by name: those of the planner's would be deleted with it. */
  readonly onOutputs: readonly Excel.ChartCollection[];
  /** Likewise its pictures and shapes, where the host lists them. */
  readonly shapesOnOutputs: readonly Excel.ShapeCollection[] | null;
  /** Each of the planner's sheets' cells with data validation, where the host finds them. */
  readonly validated: readonly Excel.RangeAreas[] | null;
  /** Each of the planner's sheets' conditional formats, with their ids and types. */
  readonly formats: readonly Excel.ConditionalFormatCollection[];
}

/**
 * Queues the loading of what may refer to the sheets a write replaces: the bounds of the kept owned sheets and of the
 * planner's sheets (no merged areas: only formulas are wanted), the defined names, the planner's sheets' own names,
 * protection, charts (where their sources can be read), cells with data validation (where the host finds them) and
 * conditional formats, and the charts and shapes on the output sheets replaced.
 */
function queueDependents(
  ctx: Excel.RequestContext,
  old: readonly OwnedSheet[],
  kept: readonly OwnedSheet[],
  theirs: readonly string[],
  chartSources: boolean,
  shapes: boolean,
  validated: boolean,
): Dependents {
  const sheets = ctx.workbook.worksheets;
  const mine = theirs.map((name) => sheets.getItem(name));
  const targets = [
    ...kept.map((o) => ({ name: o.name, sheet: sheets.getItem(o.name) })),
    ...theirs.map((name, k) => ({ name, sheet: mine[k] })),
  ];
  return {
    kept: kept.length,
    theirs,
    targets,
    bounds: queueBounds(targets, false),
    names: ctx.workbook.names.load("items/name, items/formula"),
    scoped: mine.map((ws) => ws.names.load("items/name, items/formula")),
    locked: mine.map((ws) => ws.protection.load("protected")),
    // Chart.chartType (ExcelApi 1.7) tells which dimensions its series have (chartSources.dimensionsOf).
    charts: chartSources ? mine.map((ws) => ws.charts.load("items/name, items/chartType")) : null,
    onOutputs: old.map((o) => sheets.getItem(o.name).charts.load("items/name")),
    shapesOnOutputs: shapes
      ? old.map((o) => sheets.getItem(o.name).shapes.load("items/name, items/type"))
      : null,
    validated: validated
      ? mine.map((ws) =>
          ws
            .getRange()
            .getSpecialCellsOrNullObject("DataValidations" as Excel.SpecialCellType)
            .load("address"),
        )
      : null,
    // Range.conditionalFormats of the whole sheet: "all the conditional formats that are overlap the range" (ExcelApi 1.6).
    formats: mine.map((ws) => ws.getRange().conditionalFormats.load("items/id, items/type")),
  };
}

/** A sheet's used range, and its merged areas where they are read. */
interface Bounds {
  readonly r: Excel.Range;
  readonly merged: Excel.RangeAreas | null;
}

/** Queues the loading of the sheets' used ranges' bounds, and of the lists sheets' merged areas if asked. */
function queueBounds(targets: readonly Target[], withMerges: boolean): Bounds[] {
  return targets.map((t) => {
    const r = t.sheet.getUsedRangeOrNullObject(true);
    r.load(["rowIndex", "columnIndex", "rowCount", "columnCount"]);
    // The lists' merged areas, in the same request: the whole sheet's, as the used range may be a null object.
    const merged =
      withMerges && isListSheetName(t.name) ? t.sheet.getRange().getMergedAreasOrNullObject() : null;
    merged?.load("address");
    return { r, merged };
  });
}

/** The A1 blocks of a RangeAreas address ("'Đơn vị'!C2:C23, 'Đơn vị'!C24:C32"), without sheet names; none when not read. */
function mergedAddresses(merged: Excel.RangeAreas | null): string[] {
  if (!merged || merged.isNullObject) return [];
  // A quoted sheet name may hold commas and exclamation marks: each block is what follows its sheet's "!".
  const blocks =
    merged.address.match(/(?:'(?:[^']|'')*'|[^,'!\s][^,'!]*)!\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?/g) ?? [];
  return blocks.map((b) => b.slice(b.lastIndexOf("!") + 1).replace(/\$/g, ""));
}

export class OfficeWorkbook implements InteractiveWorkbook {
  /** Syncs made so far (for the documented budget and its tests). */
  syncs = 0;
  /** Of those, the extra syncs made only to keep requests under the payload limit. */
  chunkSyncs = 0;

  /**
   * Where long synchronous work between two syncs (queuing a large write, fingerprints) gives the pane's thread back,
   * so that it paints and takes clicks: every 30 ms by default.
   */
  slices: Pause = timeSlices();

  constructor(
    private readonly run: ExcelRunner,
    private readonly supports: SupportsSet = () => true,
  ) {}

  private async sync(ctx: Excel.RequestContext): Promise<void> {
    this.syncs++;
    await ctx.sync();
  }

  /**
   * Reads sheets as grids: one sync for the used ranges' bounds, then row pieces of `READ_CELLS` cells, as many per
   * request as fit `READ_BYTES` at the size seen so far (split in halves on ResponsePayloadSizeLimitExceeded; a read is
   * also capped at 5,000,000 cells on every platform).
   */
  private async readSheets(ctx: Excel.RequestContext, targets: readonly Target[]): Promise<Grid[]> {
    const mergesWanted = this.supports(MERGED_AREAS.set, MERGED_AREAS.version);
    let read = queueBounds(targets, mergesWanted);
    try {
      await this.sync(ctx);
    } catch (e) {
      // Excel gives no merged areas past 512 in a range ("this method will fail to return the result"): read the
      // sheets without them, as on a host without ExcelApi 1.13.
      if (!read.some((x) => x.merged)) throw e;
      read = queueBounds(targets, false);
      await this.sync(ctx);
    }
    return this.readCells(ctx, targets, read);
  }

  /** Reads the cells of sheets whose bounds (queueBounds) a sync has loaded: see readSheets. */
  private async readCells(
    ctx: Excel.RequestContext,
    targets: readonly Target[],
    read: readonly Bounds[],
    /** Queues what the first request also carries (queued again if that request is refused as too large). */
    withFirst?: () => void,
  ): Promise<Grid[]> {
    let first = withFirst;
    const used = read.map((x) => x.r);
    const grids: Grid[] = targets.map((t, i) => ({
      sheet: t.name,
      originRow: used[i].isNullObject ? 1 : used[i].rowIndex + 1,
      originCol: used[i].isNullObject ? 1 : used[i].columnIndex + 1,
      values: [],
      formulas: [],
      ...(read[i].merged ? { merges: mergedAddresses(read[i].merged) } : {}),
    }));
    // Only percent formats matter to the engine (a 1.2 that Excel shows as 120%).
    const percents: (string | null)[][][] = targets.map(() => []);
    type Piece = { grid: number; row: number; rows: number };
    const pieces: Piece[] = [];
    targets.forEach((_, i) => {
      if (used[i].isNullObject) return;
      const per = Math.max(1, Math.floor(READ_CELLS / used[i].columnCount));
      for (let r = 0; r < used[i].rowCount; r += per)
        pieces.push({ grid: i, row: r, rows: Math.min(per, used[i].rowCount - r) });
    });
    // Bytes per cell seen so far, per sheet; a piece of a sheet not read yet fills a request on its own.
    const perCell = new Map<number, number>();
    const cost = (piece: Piece) =>
      piece.rows * used[piece.grid].columnCount * (perCell.get(piece.grid) ?? READ_BYTES / READ_CELLS);
    for (let p = 0; p < pieces.length;) {
      const batch: { piece: Piece; range: Excel.Range }[] = [];
      let bytes = 0;
      while (p < pieces.length) {
        const piece = pieces[p];
        if (batch.length && bytes + cost(piece) > READ_BYTES) break;
        const u = used[piece.grid];
        const range = targets[piece.grid].sheet.getRangeByIndexes(
          u.rowIndex + piece.row,
          u.columnIndex,
          piece.rows,
          u.columnCount,
        );
        range.load(["values", "formulas", "numberFormat"]);
        batch.push({ piece, range });
        bytes += cost(piece);
        p++;
      }
      first?.();
      try {
        await this.sync(ctx);
        first = undefined;
      } catch (e) {
        if (codeOf(e) !== "ResponsePayloadSizeLimitExceeded" || batch.every((b) => b.piece.rows === 1))
          throw e;
        // Too much text for one response: split these pieces in halves and read them again.
        for (const { piece } of batch)
          perCell.set(piece.grid, 2 * (perCell.get(piece.grid) ?? READ_BYTES / READ_CELLS));
        const split = batch.flatMap(({ piece }) => {
          const half = Math.ceil(piece.rows / 2);
          return piece.rows === 1
            ? [piece]
            : [
                { ...piece, rows: half },
                { ...piece, row: piece.row + half, rows: piece.rows - half },
              ];
        });
        pieces.splice(p - batch.length, batch.length, ...split);
        p -= batch.length;
        this.chunkSyncs++;
        continue;
      }
      const seen = new Map<number, { bytes: number; cells: number }>();
      for (const { piece, range } of batch) {
        const s = seen.get(piece.grid) ?? { bytes: 0, cells: 0 };
        // Everything loaded counts: the number formats are often the largest part of the response ("General").
        s.bytes +=
          JSON.stringify(range.values).length +
          JSON.stringify(range.formulas).length +
          JSON.stringify(range.numberFormat).length;
        s.cells += piece.rows * used[piece.grid].columnCount;
        seen.set(piece.grid, s);
        const g = grids[piece.grid];
        range.values.forEach((row, i) => {
          // Range.values gives a date as its serial number; the .xlsx reader gives a date, as the engine expects.
          // The 1900 date system: @types/office-js has no member that tells a workbook uses 1904's.
          (g.values as Grid["values"][number][])[piece.row + i] = row.map((v, j) =>
            typeof v === "number" && isDateFormat(String(range.numberFormat[i][j] ?? ""))
              ? serialToDate(v, false)
              : readValue(v),
          );
          (g.formulas as (string | null)[][])[piece.row + i] = row.map((v, j) =>
            readFormula(range.formulas[i][j], v),
          );
          percents[piece.grid][piece.row + i] = range.numberFormat[i].map((f) =>
            isPercentFormat(f) ? String(f) : null,
          );
        });
      }
      for (const [grid, s] of seen) perCell.set(grid, Math.max(1, s.bytes) / s.cells);
      if (p < pieces.length) this.chunkSyncs++;
    }
    if (first) {
      // No cells to read: what the first request was to carry goes alone.
      first();
      await this.sync(ctx);
    }
    return grids.map((g, i) =>
      percents[i].some((row) => row.some((f) => f !== null)) ? { ...g, formats: percents[i] } : g,
    );
  }

  async readGrids(): Promise<WorkbookGrids> {
    return this.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load("items/name, items/visibility");
      await this.sync(ctx);
      const targets = sheets.items.map((ws) => ({ name: ws.name, sheet: ws }));
      // A hidden sheet says so, as the .xlsx adapter's do.
      const grids = (await this.readSheets(ctx, targets)).map((g, i): Grid => {
        const v = sheets.items[i].visibility;
        return v === ("Hidden" as Excel.SheetVisibility)
          ? { ...g, visibility: "hidden" }
          : v === ("VeryHidden" as Excel.SheetVisibility)
            ? { ...g, visibility: "veryHidden" }
            : g;
      });
      // Every sheet but the ownership record, as the .xlsx adapter reads: a sheet of the planner's named
      // ictplan_tmp_x or ictplan_meta is theirs (a leftover temporary sheet is an output the engine does not read as input).
      return {
        sheets: grids.filter(
          (g) => foldName(g.sheet) !== META_SHEET || !isOwnershipRecord(g, g.visibility !== undefined),
        ),
      };
    });
  }

  /**
   * The ownership record and the workbook's names. `owned` is the record without the sheets that only carry the name
   * of a sheet it lists: a sheet of the planner's renamed to the name of an output they deleted has another
   * Worksheet.id ("remains the same even when the worksheet is renamed or moved", ExcelApi 1.1) and does not hold what
   * was written; it is theirs, as the .xlsx adapter tells it by sheetId (idMismatches: ids trusted only while some
   * listed sheet keeps its own, so a record of an earlier version, or one the CLI wrote, is decided by names).
   */
  private async loadOwned(ctx: Excel.RequestContext): Promise<{
    owned: OwnedSheet[];
    /** The record as it is, impostors included: what an undone write puts back. */
    recorded: OwnedSheet[];
    names: string[];
    hasMeta: boolean;
    /** A sheet of the planner's with the ownership sheet's name (isOwnershipRecord), or null. */
    foreignMeta: string | null;
    definedNames: string[];
    tables: { name: string; sheet: string }[];
    scratch: ScratchSheet[];
    /** Each sheet's Worksheet.id, by name. */
    ids: Map<string, string>;
  }> {
    const sheets = ctx.workbook.worksheets;
    sheets.load("items/name, items/id");
    const defined = ctx.workbook.names;
    defined.load("items/name");
    // Table.worksheet (ExcelApi 1.2): which tables go with the sheets a write replaces, and which stay.
    const tables = ctx.workbook.tables;
    tables.load("items/name, items/worksheet/name");
    const meta = sheets.getItemOrNullObject(META_SHEET);
    meta.load("name, visibility");
    const used = meta.getUsedRangeOrNullObject(true);
    used.load(["values", "rowIndex", "columnIndex", "rowCount"]);
    await this.sync(ctx);
    const owned: OwnedSheet[] = [];
    const grid: Grid | null = meta.isNullObject
      ? null
      : used.isNullObject
        ? { sheet: meta.name, originRow: 1, originCol: 1, values: [] }
        : {
            sheet: meta.name,
            originRow: used.rowIndex + 1,
            originCol: used.columnIndex + 1,
            values: used.values,
          };
    const ours =
      grid !== null && isOwnershipRecord(grid, meta.visibility !== ("Visible" as Excel.SheetVisibility));
    if (ours && !used.isNullObject) {
      // Row 1 holds the headers; the used range starts at G when the record is empty and a scratch list remains.
      const cell = (r: number, c: number): unknown =>
        used.values[r - used.rowIndex]?.[c - used.columnIndex] ?? "";
      for (let r = Math.max(1, used.rowIndex); r < used.rowIndex + used.rowCount; r++) {
        const o = ownedOf(RECORD_ROW_HEADER.map((_, c) => cell(r, c)));
        if (o) owned.push(o);
      }
    }
    const scratch = ours && grid ? scratchList(grid) : [];
    const ids = new Map(sheets.items.map((s) => [s.name, s.id]));
    const suspects = idMismatches(
      owned,
      (o) => o.worksheetId,
      (o) => ids.get(o.name),
    );
    const impostors = suspects.length ? await this.editedSheets(ctx, suspects) : [];
    return {
      owned: owned.filter((o) => !impostors.includes(o.name)),
      recorded: owned,
      names: sheets.items.map((s) => s.name),
      hasMeta: ours,
      foreignMeta: meta.isNullObject || ours ? null : meta.name,
      definedNames: defined.items.map((n) => n.name),
      tables: tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.name })),
      scratch,
      ids,
    };
  }

  async ownedSheets(): Promise<string[]> {
    return this.run(async (ctx) => (await this.loadOwned(ctx)).owned.map((o) => o.name));
  }

  /** The owned sheets a user has edited since the product wrote them (values compared as Excel returns them). */
  private async editedSheets(ctx: Excel.RequestContext, present: readonly OwnedSheet[]): Promise<string[]> {
    const targets = present.map((o) => ({ name: o.name, sheet: ctx.workbook.worksheets.getItem(o.name) }));
    const grids = await this.readSheets(ctx, targets);
    const edited: string[] = [];
    for (const [i, o] of present.entries()) {
      if (!(await drainSliced(fingerprintMatchesSteps(grids[i], o.fingerprint), this.slices)))
        edited.push(o.name);
    }
    return edited;
  }

  async applySheets(specs: readonly SheetSpec[], options: ApplyOptions = {}): Promise<void> {
    for (const spec of specs)
      if (!spec.name || spec.name.length > 31 || /[[\]:*?/\\]/.test(spec.name) || /^'|'$/.test(spec.name))
        throw new Error(`invalid sheet name "${spec.name}"`);
    const write = this.run(async (ctx) => {
      const { owned, recorded, names, hasMeta, foreignMeta, definedNames, tables, scratch, ids } =
        await this.loadOwned(ctx);
      // A sheet of the planner's named as the ownership sheet is theirs: refused before anything is written.
      if (foreignMeta !== null) throw new UserSheetClashError(foreignMeta);
      assertNoUserSheetClash(names, owned, specs);
      const old = replacedBy(owned, specs).filter((o) => names.includes(o.name));
      if (!options.force && old.length) {
        const edited = await this.editedSheets(ctx, old);
        if (edited.length) throw new EditedOutputError(edited);
      }
      // Temporary sheets of an interrupted run go only when the record lists them and they are as it wrote them.
      const leftovers = await this.provenLeftovers(
        ctx,
        scratch.filter((t) => names.includes(t.name)),
      );
      // Names no sheet has: a sheet of the planner's called ictplan_tmp_0 is never taken for one of the write's.
      const temps = freeNames(TMP, specs.length, names);
      const aside = freeNames(OLD, old.length, [...names, ...temps]);
      // What the events of this write will name: see ownSheets.
      for (const n of [...temps, ...aside]) this.ownSheets.names.add(n);
      for (const n of [...leftovers, ...old.map((o) => o.name)])
        if (ids.has(n)) this.ownSheets.ids.add(ids.get(n)!);
      const prints: string[] = [];
      for (const s of specs) prints.push(await drainSliced(specFingerprintSteps(s), this.slices));
      const listed: ScratchSheet[] = [
        ...temps.map((name, k) => ({ name, fingerprint: prints[k], sheet: specs[k].name })),
        ...aside.map((name, k) => ({ name, fingerprint: old[k].fingerprint, sheet: old[k].name })),
      ];
      const tempTables = temporaryTables(specs, [...tables.map((t) => t.name), ...definedNames]);
      const has = (name: string) => definedNames.some((n) => n.toLowerCase() === name.toLowerCase());
      const added = specDefinedNames(specs)
        .map((d) => d.name)
        .filter((n) => !has(n));
      // Owned sheets this write does not replace stay in the record; their formulas naming a replaced sheet are
      // re-entered, as are the planner's (every other sheet but the ownership sheet and the leftovers removed).
      const kept = owned.filter((o) => names.includes(o.name) && !replacedBy(owned, specs).includes(o));
      const theirs = names.filter(
        (n) => !owned.some((o) => o.name === n) && !(hasMeta && n === META_SHEET) && !leftovers.includes(n),
      );
      const adds: Excel.Worksheet[] = [];
      let tempIds: string[];
      let reentries: Reentry[] = [];
      let charts: SeriesSource[] = [];
      let validations: ValidationReentry[] = [];
      let formats: FormatReentry[] = [];
      try {
        setDefinedNames(ctx, specDefinedNames(specs), definedNames);
        // What refers to the replaced sheets is read last before the swap (a formula the planner types meanwhile is
        // missed only during the swap's request), its bounds loaded by the write's last request.
        const pending: { dependents?: Dependents } = {};
        tempIds = await this.writeTemporary(
          ctx,
          specs,
          temps,
          leftovers,
          hasMeta,
          listed,
          tempTables,
          adds,
          () => {
            if (old.length)
              pending.dependents = queueDependents(
                ctx,
                old,
                kept,
                theirs,
                this.supports(OPTIONAL.chartSources.set, OPTIONAL.chartSources.version),
                this.supports(SHAPES.set, SHAPES.version),
                this.supports(VALIDATED_CELLS.set, VALIDATED_CELLS.version),
              );
          },
        );
        if (pending.dependents)
          ({ reentries, charts, validations, formats } = await this.dependents(
            ctx,
            pending.dependents,
            old,
            specs,
          ));
      } catch (e) {
        const dropped = await this.dropTemporary(
          ctx,
          hasMeta ? temps : [...temps, META_SHEET],
          added,
          scratch,
          e,
        );
        // A refusal of ours said as such once the temporary sheets are gone: nothing of the workbook changed.
        const ours = e instanceof ProtectedReferrersError || e instanceof OutputChartsError;
        throw ours && dropped.outcome === "unchanged" ? e : dropped;
      } finally {
        this.noteAdded(adds);
      }
      // Each with its Worksheet.id: a kept sheet's as it is now, a new output's its temporary sheet's (kept through the
      // rename). The .xlsx adapter's columns stay as recorded for the kept sheets (Excel keeps a sheet's sheetId).
      const record: OwnedSheet[] = [
        ...kept.map((o) => ({ ...o, worksheetId: ids.get(o.name) })),
        ...specs.map((s, k) => ({
          name: s.name,
          kind: s.kind,
          fingerprint: prints[k],
          period: s.period ?? "",
          worksheetId: tempIds[k],
        })),
      ];
      // The settings' names no output reads any more go with the old outputs.
      const wanted = new Set(specDefinedNames(specs).map((d) => d.name.toLowerCase()));
      const stale = writesSettingNames(specs)
        ? definedNames.filter((n) => isSettingName(n) && !wanted.has(n.toLowerCase()))
        : [];
      const gone = new Set([...old.map((o) => o.name), ...leftovers]);
      // The tables of the sheets the swap deletes free their names before the new tables take theirs.
      const renames = tableRenames(
        specs,
        [...tables.filter((t) => !gone.has(t.sheet)).map((t) => t.name), ...definedNames],
        tempTables,
      );
      const final = [
        ...names.filter((n) => !gone.has(n)),
        ...specs.map((s) => s.name).filter((n) => !names.includes(n) || gone.has(n)),
        ...(hasMeta ? [] : [META_SHEET]),
      ];
      const order = sheetOrder(final, [
        ...kept,
        ...specs.map((s) => ({ name: s.name, kind: s.kind, fingerprint: "", period: s.period ?? "" })),
      ]);
      const opening = specs.find((s) => s.kind === "summary")?.name ?? null;
      await this.swap(ctx, {
        specs,
        temps,
        old,
        aside,
        owned: recorded,
        record,
        hasMeta,
        scratch: scratch.filter((t) => !leftovers.includes(t.name)),
        reentries,
        charts,
        validations,
        formats,
        stale,
        added,
        order,
        opening,
        tables: renames,
      });
    });
    this.sheetWrites = Promise.allSettled([this.sheetWrites, write]);
    await write;
  }

  /** Notes the ids of the sheets a write added (see ownSheets), as loaded by the request that added them, if sent. */
  private noteAdded(adds: readonly Excel.Worksheet[]): void {
    try {
      for (const w of adds) this.ownSheets.ids.add(w.id);
    } catch {
      // PropertyNotLoaded: the request that added them failed before it was sent.
    }
  }

  /**
   * Writes every spec into a new temporary sheet (formulas retargeted to the temporary names); returns their
   * Worksheet.id, loaded by the request that added them.
   */
  private async writeTemporary(
    ctx: Excel.RequestContext,
    specs: readonly SheetSpec[],
    temps: readonly string[],
    leftovers: readonly string[],
    hasMeta: boolean,
    listed: readonly ScratchSheet[],
    tempTables: readonly ReadonlyMap<string, string>[],
    adds: Excel.Worksheet[],
    /** Queues what the last request also loads. */
    withLast: () => void,
  ): Promise<string[]> {
    const sheets = ctx.workbook.worksheets;
    // Sheets an interrupted earlier run left, proven the product's (provenLeftovers): removed first.
    for (const name of leftovers) sheets.getItem(name).delete();
    if (!hasMeta) {
      const meta = sheets.add(META_SHEET);
      meta.visibility = "VeryHidden" as Excel.SheetVisibility;
      adds.push(meta.load("id"));
    }
    // Listed in the same request that adds them: a sheet of these names is the product's only while listed.
    this.writeScratch(ctx, listed);
    const made = temps.map((t) => sheets.add(t).load("id"));
    adds.push(...made);
    const retarget = retargeter(new Map(specs.map((s, k) => [s.name, temps[k]])));
    // ExcelApi 1.6, below the minimum (requirements.ts).
    ctx.workbook.application.suspendApiCalculationUntilNextSync();
    let pending = 0;
    for (const [k, spec] of specs.entries()) {
      // By name, not the proxy add() returned: that object path is only valid until the next sync (InvalidObjectPath).
      const sheet = sheets.getItem(temps[k]);
      for (const block of joinedBlocks(spec.blocks))
        for (const chunk of chunkRows(block, QUEUE_BYTES, retarget)) {
          const rects = styleRects(chunk.part);
          const bytes = chunkBytes(chunk, rects);
          if (pending > 0 && pending + bytes > PAYLOAD_LIMIT) {
            // Excel on the web caps a request at 5 MB: send what is queued first.
            await this.sync(ctx);
            this.chunkSyncs++;
            pending = 0;
            ctx.workbook.application.suspendApiCalculationUntilNextSync();
          }
          pending += bytes;
          queueChunk(sheet, chunk, rects);
          await this.slices();
        }
      decorate(sheet, spec, this.supports, (name) => tempTables[k].get(name) ?? name);
    }
    withLast();
    await this.sync(ctx);
    return made.map((w) => w.id);
  }

  /**
   * The temporary sheets a run left (the swap and its undo both failed) that are provably the product's: listed in the
   * ownership sheet and holding what was written, unedited. A listed sheet that differs was typed into (or was never
   * finished): it is left as a sheet of the planner's, and the next list no longer names it.
   */
  private async provenLeftovers(
    ctx: Excel.RequestContext,
    listed: readonly ScratchSheet[],
  ): Promise<string[]> {
    if (!listed.length) return [];
    const grids = await this.readSheets(
      ctx,
      listed.map((t) => ({ name: t.name, sheet: ctx.workbook.worksheets.getItem(t.name) })),
    );
    return provenScratch(listed, grids);
  }

  /** Rewrites the ownership sheet's list of temporary sheets (SCRATCH_COLUMNS); an empty list clears it. */
  private writeScratch(ctx: Excel.RequestContext, listed: readonly ScratchSheet[]): void {
    const meta = ctx.workbook.worksheets.getItem(META_SHEET);
    meta.getRange(SCRATCH_COLUMNS).clear();
    if (listed.length)
      meta.getRange(`G1:I${listed.length + 1}`).values = [
        [...SCRATCH_HEADER],
        ...listed.map((t) => [t.name, t.fingerprint, t.sheet].map((v) => literalFor(v))),
      ];
  }

  /** After a failed write: removes the temporary sheets and the names it added; the previous outputs were never touched. */
  private async dropTemporary(
    ctx: Excel.RequestContext,
    temps: readonly string[],
    added: readonly string[],
    scratch: readonly ScratchSheet[],
    cause: unknown,
  ): Promise<OutputWriteError> {
    try {
      const sheets = ctx.workbook.worksheets;
      sheets.load("items/name");
      ctx.workbook.names.load("items/name");
      await ctx.sync();
      dropNames(ctx, added);
      const present = new Set(sheets.items.map((s) => s.name));
      // The list as it was (its leftovers may not have been removed): this write's sheets are gone again.
      if (present.has(META_SHEET) && !temps.includes(META_SHEET))
        this.writeScratch(
          ctx,
          scratch.filter((t) => present.has(t.name)),
        );
      for (const t of temps)
        if (present.has(t)) {
          // A VeryHidden sheet cannot be deleted (Worksheet.delete): the new ownership sheet is made Hidden first.
          if (t === META_SHEET) sheets.getItem(t).visibility = "Hidden" as Excel.SheetVisibility;
          sheets.getItem(t).delete();
        }
      await ctx.sync();
      return new OutputWriteError(cause, "unchanged");
    } catch {
      return new OutputWriteError(cause, "unknown", temps);
    }
  }

  /**
   * Swaps the temporary sheets in, in one request: old outputs renamed aside, temporary sheets renamed to the output
   * names (their formulas follow), the ownership record rewritten, old outputs deleted, tables renamed, recalculation.
   * A batch is not a transaction: after a failure, the state is read back and the swap is either finished (when the new
   * sheets and the record are already in place) or undone.
   */
  private async swap(ctx: Excel.RequestContext, swap: Swap): Promise<void> {
    const { specs, temps, old, aside, record } = swap;
    const sheets = ctx.workbook.worksheets;
    old.forEach((o, k) => (sheets.getItem(o.name).name = aside[k]));
    specs.forEach((s, k) => (sheets.getItem(temps[k]).name = s.name));
    this.reenter(ctx, swap.reentries, "after");
    repoint(ctx, swap.charts, (c) => c.to);
    reenterValidations(ctx, swap.validations, "after");
    reenterFormats(ctx, swap.formats, "after");
    this.writeRecord(ctx, record);
    this.finish(ctx, swap, aside, swap.tables, swap.stale);
    try {
      await this.sync(ctx);
      return;
    } catch (e) {
      throw await this.recover(ctx, swap, e);
    }
  }

  /**
   * Formulas that name a sheet being replaced: of kept owned sheets (the summary names Kết quả, which compute replaces),
   * of the planner's sheets (hidden ones too) and of the planner's defined names, workbook- and sheet-scoped
   * (Worksheet.names, ExcelApi 1.4). Excel binds them to the old sheet and turns them into #REF! when it is deleted;
   * entered again after the rename, the same text binds to the new sheet (named by its successor's name where the
   * language changed it). So are the series of the planner's charts over a replaced sheet (chartSources.ts): pointed
   * at the same range of its successor. A protected sheet of the planner's holding such a formula or chart cannot be
   * written, and a chart of theirs on a replaced output would be deleted with it: the write is refused.
   */
  private async dependents(
    ctx: Excel.RequestContext,
    dependents: Dependents,
    old: readonly OwnedSheet[],
    specs: readonly SheetSpec[],
  ): Promise<{
    reentries: Reentry[];
    charts: SeriesSource[];
    validations: ValidationReentry[];
    formats: FormatReentry[];
  }> {
    const { kept, theirs, targets, bounds, names, scoped, locked, onOutputs, shapesOnOutputs } = dependents;
    // A chart or drawing of the planner's on an output sheet replaced would go with it: refused before anything else is
    // read. The product writes no shape; one of a type the reference does not name ("Unsupported") is not told.
    const lost = old.flatMap((o, k) =>
      [
        ...plannersCharts(
          o.kind,
          onOutputs[k].items.map((c) => c.name),
        ),
        ...(shapesOnOutputs?.[k].items ?? []).filter((x) => x.type !== "Unsupported").map((x) => x.name),
      ].map((chart) => ({ sheet: o.name, chart })),
    );
    if (lost.length) throw new OutputChartsError(lost, "onOutput");
    const refersTo = old.map((o) => refersToSheets([o.name]));
    const refers = refersToSheets(old.map((o) => o.name));
    const renamed = new Map<string, string>();
    for (const o of old) {
      const next = specs.find((s) => s.name === o.name) ?? specs.find((s) => replacedBy([o], [s]).length);
      if (next && next.name !== o.name) renamed.set(o.name, next.name);
    }
    const retarget = retargeter(renamed);
    const series = await this.chartSeries(ctx, theirs, dependents.charts);
    // Each column of the cells with data validation, one rule each as a planner sets them.
    const columns = (dependents.validated ?? []).flatMap((areas, k) =>
      columnBlocks(mergedAddresses(areas)).map((address) => ({ sheet: theirs[k], address })),
    );
    // Each series' sources and each column's validation travel with the cells' first request.
    let sources: {
      at: (typeof series)[number];
      dimension: Dimension;
      text: OfficeExtension.ClientResult<string>;
    }[] = [];
    let rules: { sheet: string; address: string; dv: Excel.DataValidation }[] = [];
    // The formulas of the conditional formats with a formula or a cell value rule.
    let formulas: {
      sheet: string;
      id: string;
      custom: Excel.ConditionalFormatRule | null;
      cellValue: Excel.CellValueConditionalFormat | null;
    }[] = [];
    const grids = await this.readCells(
      ctx,
      targets,
      bounds,
      series.length || columns.length || dependents.formats.some((f) => f.items.length)
        ? () => {
            sources = series.flatMap((at) =>
              dimensionsOf(at.type).map((dimension) => ({
                at,
                dimension,
                text: sourceOf(ctx, { ...at, dimension }),
              })),
            );
            rules = columns.map((c) => ({
              ...c,
              dv: ctx.workbook.worksheets
                .getItem(c.sheet)
                .getRange(c.address)
                .dataValidation.load("type, rule, ignoreBlanks, prompt, errorAlert"),
            }));
            formulas = dependents.formats.flatMap((c, k) =>
              c.items
                .filter((f) => f.type === "Custom" || f.type === "CellValue")
                .map((f) => {
                  const format = formatOf(ctx, theirs[k], f.id);
                  return {
                    sheet: theirs[k],
                    id: f.id,
                    custom: f.type === "Custom" ? format.custom.rule.load("formula") : null,
                    cellValue: f.type === "CellValue" ? format.cellValue.load("rule") : null,
                  };
                }),
            );
          }
        : undefined,
    );
    const out: Reentry[] = [];
    const refused = new Set<string>();
    const over = new Set<string>();
    const isLocked = (sheet: string) => {
      const k = theirs.indexOf(sheet);
      return k >= 0 && locked[k].protected;
    };
    grids.forEach((g, i) =>
      g.formulas?.forEach((row, r) =>
        row.forEach((f, c) => {
          if (!f || !refers(f)) return;
          out.push({
            sheet: g.sheet,
            row: g.originRow - 1 + r,
            col: g.originCol - 1 + c,
            formula: f,
            after: retarget(f),
          });
          if (i >= kept && isLocked(g.sheet)) {
            refused.add(g.sheet);
            old.forEach((o, k) => refersTo[k](f) && over.add(o.name));
          }
        }),
      ),
    );
    const named = (scope: string | null, items: readonly Excel.NamedItem[]) => {
      for (const n of items)
        if (typeof n.formula === "string" && refers(n.formula))
          out.push({ name: n.name, scope, formula: n.formula, after: retarget(n.formula) });
    };
    named(null, names.items);
    theirs.forEach((t, k) => named(t, scoped[k].items));
    const charts: SeriesSource[] = [];
    const unkept = new Map<string, { sheet: string; chart: string }>();
    const replaced = old.map((o) => o.name);
    for (const { at, dimension, text } of sources) {
      if (!refers(text.value)) continue;
      const range = sourceRange(text.value);
      const from = range && replacedSheet(range, replaced);
      if (!range || !from) {
        unkept.set(`${at.sheet}\u0000${at.chart}`, { sheet: at.sheet, chart: at.name });
        continue;
      }
      charts.push({
        sheet: at.sheet,
        chart: at.chart,
        series: at.series,
        dimension,
        from,
        to: renamed.get(from) ?? from,
        address: range.address,
      });
      if (isLocked(at.sheet)) {
        refused.add(at.sheet);
        over.add(from);
      }
    }
    // A column whose cells' rules differ (the areas Excel gives join neighbours) is read cell by cell, in one more
    // request made only then, and taken back a run of equal rules at a time; at most READ_CELLS cells (a rule over a
    // whole column would be a million: such a column is not told).
    let budget = READ_CELLS;
    const mixed = rules.filter(
      (r) => !ruleOf(r.dv) && String(r.dv.type) !== "None" && (budget -= blockSize(r.address)) >= 0,
    );
    if (mixed.length) {
      const cells = mixed.flatMap((m) =>
        blockCells(m.address).map((address) => ({
          sheet: m.sheet,
          address,
          dv: ctx.workbook.worksheets
            .getItem(m.sheet)
            .getRange(address)
            .dataValidation.load("type, rule, ignoreBlanks, prompt, errorAlert"),
        })),
      );
      await this.sync(ctx);
      const same = (c: (typeof cells)[number]) =>
        JSON.stringify([ruleOf(c.dv), c.dv.ignoreBlanks, c.dv.prompt, c.dv.errorAlert]);
      rules = [...rules.filter((r) => !mixed.includes(r)), ...sameRuns(cells, same)];
    }
    const validations: ValidationReentry[] = [];
    for (const { sheet, address, dv } of rules) {
      const rule = ruleOf(dv);
      const formulas = ruleFormulas(rule);
      if (!rule || !formulas.some(refers)) continue;
      validations.push({
        sheet,
        address,
        rule,
        after: ruleOf(dv, retarget)!,
        ignoreBlanks: dv.ignoreBlanks,
        prompt: dv.prompt,
        errorAlert: dv.errorAlert,
      });
      if (isLocked(sheet)) {
        refused.add(sheet);
        old.forEach((o, k) => formulas.some(refersTo[k]) && over.add(o.name));
      }
    }
    const formats: FormatReentry[] = [];
    for (const { sheet, id, custom, cellValue } of formulas) {
      const texts = custom ? [custom.formula] : cellValue ? operandFormulas(cellValue.rule) : [];
      if (!texts.some(refers)) continue;
      formats.push(
        custom
          ? { sheet, id, kind: "custom", formula: custom.formula, after: retarget(custom.formula) }
          : {
              sheet,
              id,
              kind: "cellValue",
              rule: cellValue!.rule,
              after: mapOperands(cellValue!.rule, retarget),
            },
      );
      if (isLocked(sheet)) {
        refused.add(sheet);
        old.forEach((o, k) => texts.some(refersTo[k]) && over.add(o.name));
      }
    }
    if (refused.size) throw new ProtectedReferrersError([...refused], [...over]);
    if (unkept.size) throw new OutputChartsError([...unkept.values()], "source");
    return { reentries: out, charts, validations, formats };
  }

  /**
   * The series of the planner's charts, each with its chart's sheet, position, name and type: one request for the
   * charts' series counts (ChartSeriesCollection.count, ExcelApi 1.1), made only when a sheet of theirs has a chart.
   */
  private async chartSeries(
    ctx: Excel.RequestContext,
    theirs: readonly string[],
    charts: readonly Excel.ChartCollection[] | null,
  ): Promise<{ sheet: string; chart: number; name: string; type: string; series: number }[]> {
    const found = (charts ?? []).flatMap((c, i) =>
      c.items.map((item, chart) => ({
        sheet: theirs[i],
        chart,
        name: item.name,
        type: String(item.chartType),
      })),
    );
    if (!found.length) return [];
    const counts = found.map((f) => {
      const series = ctx.workbook.worksheets.getItem(f.sheet).charts.getItemAt(f.chart).series;
      series.load("count");
      return series;
    });
    await this.sync(ctx);
    return found.flatMap((f, k) =>
      Array.from({ length: counts[k].count }, (_, series) => ({ ...f, series })),
    );
  }

  /** Queues the loading of the re-entries' cells' formulas and names' formulas as they are now; read after the sync. */
  private currentTexts(ctx: Excel.RequestContext, reentries: readonly Reentry[]): (() => string)[] {
    const sheets = ctx.workbook.worksheets;
    return reentries.map((r) => {
      if ("sheet" in r) {
        const cell = sheets.getItem(r.sheet).getCell(r.row, r.col).load("formulas");
        return () => String(cell.formulas[0][0]);
      }
      const item = (r.scope === null ? ctx.workbook.names : sheets.getItem(r.scope).names)
        .getItem(r.name)
        .load("formula");
      return () => String(item.formula);
    });
  }

  /** Enters the formulas again: as read ("formula", undoing a swap) or naming the new sheets ("after"). */
  private reenter(ctx: Excel.RequestContext, reentries: readonly Reentry[], text: "formula" | "after"): void {
    const sheets = ctx.workbook.worksheets;
    const cells = reentries.filter((r): r is CellReentry => "sheet" in r);
    for (const b of cellBlocks(cells, text))
      sheets
        .getItem(b.sheet)
        .getRangeByIndexes(b.row, b.col, b.formulas.length, b.formulas[0].length).formulas = b.formulas;
    for (const r of reentries)
      if (!("sheet" in r))
        (r.scope === null ? ctx.workbook.names : sheets.getItem(r.scope).names).getItem(r.name).formula =
          r[text];
  }

  /** Rewrites the ownership sheet's cells (the sheet itself stays: it may be VeryHidden, which cannot be deleted). */
  private writeRecord(ctx: Excel.RequestContext, owned: readonly OwnedSheet[]): void {
    const meta = ctx.workbook.worksheets.getItem(META_SHEET);
    meta.getRange("A:F").clear();
    meta.getRange("J:J").clear();
    if (!owned.length) return;
    // A:F and J (RECORD_COLUMNS), around the list of temporary sheets in G:I.
    const rows = [RECORD_ROW_HEADER, ...owned.map(recordRow)].map((r) => r.map((v) => literalFor(v)));
    const n = rows.length;
    meta.getRange(`A1:F${n}`).values = rows.map((r) => r.slice(0, RECORD_COLUMNS.sheetId + 1));
    meta.getRange(`J1:J${n}`).values = rows.map((r) => [r[RECORD_COLUMNS.worksheetId]]);
  }

  /**
   * The swap's last steps: old outputs deleted, settings' names no output reads deleted, tables given their names,
   * the sheets put in their order, the summary just written shown, recalculation requested.
   */
  private finish(
    ctx: Excel.RequestContext,
    swap: Swap,
    aside: readonly string[],
    tables: readonly TableRename[],
    staleNames: readonly string[],
  ): void {
    const sheets = ctx.workbook.worksheets;
    // Dependants first (a summary and Xếp hạng read Kết quả): a failure between two deletions leaves no #REF! in an
    // old output left over, which the next run can still prove the product's by its fingerprint.
    const order = sheetOrder(
      swap.old.map((o) => o.name),
      swap.old,
    );
    const rank = (a: string) => order.indexOf(swap.old[swap.aside.indexOf(a)]?.name ?? "");
    for (const name of [...aside].sort((a, b) => rank(b) - rank(a))) sheets.getItem(name).delete();
    // The temporary sheets are renamed or deleted: nothing is left to list.
    this.writeScratch(ctx, []);
    for (const name of staleNames) ctx.workbook.names.getItem(name).delete();
    for (const t of tables) ctx.workbook.tables.getItem(t.temp).name = t.name;
    // Worksheet.position (ExcelApi 1.1): placing each sheet at its index in turn leaves the whole list in that order.
    swap.order.forEach((name, i) => (sheets.getItem(name).position = i));
    if (swap.opening) sheets.getItem(swap.opening).activate();
    // Calculation was suspended while writing; recalculating is the add-in's job (Application.suspendApiCalculationUntilNextSync).
    ctx.workbook.application.calculate("Recalculate" as Excel.CalculationType);
  }

  private async recover(ctx: Excel.RequestContext, swap: Swap, cause: unknown): Promise<unknown> {
    const { specs, temps, old, aside, owned, record, hasMeta } = swap;
    try {
      const sheets = ctx.workbook.worksheets;
      sheets.load("items/name");
      ctx.workbook.tables.load("items/name");
      ctx.workbook.names.load("items/name");
      const meta = sheets.getItem(META_SHEET).getUsedRangeOrNullObject(true);
      meta.load("values");
      const texts = this.currentTexts(ctx, swap.reentries);
      const sources = swap.charts.map((c) => sourceOf(ctx, c));
      const rules = swap.validations.map((v) =>
        sheets.getItem(v.sheet).getRange(v.address).dataValidation.load("type, rule"),
      );
      const formatTexts = swap.formats.map((f): (() => string[]) => {
        const format = formatOf(ctx, f.sheet, f.id);
        if (f.kind === "custom") {
          const rule = format.custom.rule.load("formula");
          return () => [rule.formula];
        }
        const cell = format.cellValue.load("rule");
        return () => operandFormulas(cell.rule);
      });
      await ctx.sync();
      const names = new Set(sheets.items.map((s) => s.name));
      const tables = new Set(ctx.workbook.tables.items.map((t) => t.name));
      const written =
        !meta.isNullObject &&
        JSON.stringify(recordRows(meta.values)) ===
          JSON.stringify(recordRows([RECORD_ROW_HEADER, ...record.map(recordRow)]));
      if (written && specs.every((s) => names.has(s.name)) && temps.every((t) => !names.has(t))) {
        // The new sheets and the record are in place: finish the swap.
        this.finish(
          ctx,
          swap,
          aside.filter((a) => names.has(a)),
          swap.tables.filter((t) => tables.has(t.temp)),
          swap.stale.filter((n) =>
            ctx.workbook.names.items.some((d) => d.name.toLowerCase() === n.toLowerCase()),
          ),
        );
        await ctx.sync();
        return null;
      }
      // Undo: drop the new sheets (under either name), put the old ones back, rewrite the old record.
      specs.forEach((s, k) => {
        if (names.has(temps[k])) sheets.getItem(temps[k]).delete();
        else if (names.has(s.name) && !old.some((o, j) => o.name === s.name && !names.has(aside[j])))
          sheets.getItem(s.name).delete();
      });
      old.forEach((o, k) => {
        if (names.has(aside[k])) sheets.getItem(aside[k]).name = o.name;
      });
      // Only what the swap entered again binds to the new sheets: what it did not reach still names the old sheets
      // (under their aside names, or under their own if the swap failed before renaming them all, when it reached none),
      // and follows them back. Entering that again would fail again where it failed (an array, a sheet protected since).
      const namesAside = refersToSheets(aside);
      const all = aside.every((a) => names.has(a));
      const reached = all ? swap.reentries.filter((_, k) => !namesAside(texts[k]())) : [];
      this.reenter(ctx, reached, "formula");
      // The charts' series likewise: those the swap pointed at a new sheet go back to the old one.
      repoint(ctx, all ? swap.charts.filter((_, k) => !namesAside(sources[k].value)) : [], (c) => c.from);
      // And the validations: one the swap did not reach still names an old sheet by its aside name.
      reenterValidations(
        ctx,
        all ? swap.validations.filter((_, k) => !ruleFormulas(ruleOf(rules[k])).some(namesAside)) : [],
        "rule",
      );
      reenterFormats(
        ctx,
        all ? swap.formats.filter((_, k) => !formatTexts[k]().some(namesAside)) : [],
        "read",
      );
      dropNames(ctx, swap.added);
      if (!hasMeta) {
        // The ownership sheet was added by this run: remove it again (Hidden first: a VeryHidden sheet cannot be deleted).
        sheets.getItem(META_SHEET).visibility = "Hidden" as Excel.SheetVisibility;
        sheets.getItem(META_SHEET).delete();
      } else {
        this.writeRecord(ctx, owned);
        this.writeScratch(
          ctx,
          swap.scratch.filter((t) => names.has(t.name)),
        );
      }
      await ctx.sync();
      return new OutputWriteError(cause, "restored");
    } catch {
      return new OutputWriteError(cause, "unknown", [...temps, ...aside]);
    }
  }

  /**
   * What the sheet events of this adapter's own writes name: the sheets they add or delete (Worksheet.id) and the
   * temporary names they rename sheets to and from. Excel marks no such event as the add-in's (only
   * WorksheetChangedEventArgs has triggerSource; WorksheetAddedEventArgs, WorksheetDeletedEventArgs and
   * WorksheetNameChangedEventArgs have none), so watchChanges tells them from the planner's by these. An output sheet
   * the planner deletes later is not told either (its id is one of these): the pane sees it gone at its next reading.
   */
  private readonly ownSheets = { ids: new Set<string>(), names: new Set<string>() };
  /** The writes that add, rename or delete sheets (applySheets), each until it ends. */
  private sheetWrites: Promise<unknown> = Promise.resolve();

  /** The registrations of watchChanges, one after the other: a second waits for the first to be removed. */
  private watchQueue: Promise<unknown> = Promise.resolve();
  /** Stops the registration in force (removes its handlers), if any. */
  private unwatch: (() => Promise<void>) | null = null;

  /**
   * Calls back after a change to any sheet's cells, or a sheet added or deleted, by anyone but this add-in
   * (WorksheetCollection.onChanged, ExcelApi 1.9; onAdded, onDeleted, 1.7), or a sheet renamed (onNameChanged, where
   * ExcelApi 1.17 has it: see tellsEveryChange). The add-in's own writes raise the events
   * too. A change to cells says so from ExcelApi 1.14 (triggerSource "ThisLocalAddin", "The event is triggered by the
   * Office JS API of the current add-in") and is skipped, below it told like the others; a sheet added, deleted or
   * renamed is never marked, and the output writes' own are skipped by what they name (ownSheets). Null without
   * ExcelApi 1.9.
   * One registration at a time: watching again removes the handlers of the last one first. Stopping silences the
   * listener at once and removes the handlers from Excel (EventHandlerResult.remove, in the request context they were
   * added in, as the reference requires), so handlers never pile up.
   */
  watchChanges(listener: () => void): Promise<(() => Promise<void>) | null> {
    const next = this.watchQueue.then(() => this.register(listener));
    this.watchQueue = next.catch(() => undefined);
    return next;
  }

  /** True when watchChanges tells renamed sheets too (ExcelApi 1.17): below it, a rename is told by no event. */
  tellsEveryChange(): boolean {
    return this.supports(RENAME_EVENTS.set, RENAME_EVENTS.version);
  }

  private async register(listener: () => void): Promise<(() => Promise<void>) | null> {
    if (!this.supports(WORKBOOK_EVENTS.set, WORKBOOK_EVENTS.version)) return null;
    await this.unwatch?.().catch(() => undefined);
    let on = true;
    const tell = async (e: SheetEvent) => {
      if (!on || ("triggerSource" in e && e.triggerSource === "ThisLocalAddin")) return;
      if (e.type !== "WorksheetChanged" && (await this.ownSheetEvent(e))) return;
      if (on) listener();
    };
    const added = await this.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      const results = [sheets.onChanged.add(tell), sheets.onAdded.add(tell), sheets.onDeleted.add(tell)];
      if (this.tellsEveryChange()) results.push(sheets.onNameChanged.add(tell));
      await this.sync(ctx);
      return results;
    });
    let removal: Promise<void> | null = null;
    const stop = (): Promise<void> => {
      on = false;
      if (this.unwatch === stop) this.unwatch = null;
      // "The same RequestContext object that the handler was added in must be used when removing the handler."
      removal ??= this.run(async (ctx) => {
        for (const r of added) r.remove();
        await this.sync(ctx);
      }, added[0].context);
      return removal;
    };
    this.unwatch = stop;
    return stop;
  }

  /**
   * True when a sheet added, deleted or renamed was this adapter's doing (ownSheets), judged once the writes under way
   * have ended, as Excel may deliver an event before the response of the request that caused it.
   */
  private async ownSheetEvent(e: SheetEvent): Promise<boolean> {
    await this.sheetWrites;
    if ("nameBefore" in e)
      return this.ownSheets.names.has(e.nameBefore) || this.ownSheets.names.has(e.nameAfter);
    return this.ownSheets.ids.has(e.worksheetId);
  }

  /** Activates a sheet and selects one of its cells (navigation from a finding). */
  async selectCell(sheet: string, address: string): Promise<void> {
    await this.goTo(sheet, (ws) => ws.getRange(address || "A1").select());
  }

  /** Activates a sheet (Worksheet.activate, ExcelApi 1.1): the tab the pane's link points to. */
  async activateSheet(sheet: string): Promise<void> {
    await this.goTo(sheet, () => undefined);
  }

  /**
   * Activates a sheet, then does `then` on it. The planner may have renamed or deleted it since the pane listed it:
   * getItem then fails with ItemNotFound at the sync, which is said as SheetGoneError. A hidden sheet (a finding may
   * name a hidden copy of an input sheet) is not activated: Excel shows no hidden sheet, and what it does when asked to
   * is not documented (Worksheet.activate); SheetHiddenError says how to show it.
   */
  private async goTo(sheet: string, then: (ws: Excel.Worksheet) => void): Promise<void> {
    await this.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.load("visibility");
      try {
        await this.sync(ctx);
      } catch (e) {
        throw codeOf(e) === "ItemNotFound" ? new SheetGoneError(sheet) : e;
      }
      if (ws.visibility !== ("Visible" as Excel.SheetVisibility)) throw new SheetHiddenError(sheet);
      ws.activate();
      then(ws);
      await this.sync(ctx);
    });
  }

  /** Adds sheets of the user's: cells, styles, widths, frozen rows, and drop-downs where Excel has them (ExcelApi 1.8). */
  async addSheets(sheets: readonly NewSheet[]): Promise<void> {
    await this.run(async (ctx) => {
      const all = ctx.workbook.worksheets;
      all.load("items/name");
      await this.sync(ctx);
      // Names are unique as Excel compares them (foldName).
      assertNoUserSheetClash(
        all.items.map((s) => s.name),
        [],
        sheets.map((s) => s.spec),
      );
      const lists = this.supports(DATA_VALIDATION.set, DATA_VALIDATION.version);
      for (const s of sheets) {
        all.add(s.spec.name);
        const sheet = all.getItem(s.spec.name);
        if (s.hidden) sheet.visibility = "Hidden" as Excel.SheetVisibility;
        for (const block of joinedBlocks(s.spec.blocks))
          for (const chunk of chunkRows(block, Infinity)) queueChunk(sheet, chunk, styleRects(chunk.part));
        for (const h of s.spec.rowHeights ?? [])
          sheet.getRange(`${h.row}:${h.row}`).format.rowHeight = h.height;
        decorate(sheet, s.spec, this.supports);
        // Range.dataValidation: [Api set: ExcelApi 1.8]; a source string starting with "=" is a range reference,
        // else a comma-separated list (a quoted list in the sheet's formula).
        if (lists)
          for (const l of s.lists ?? [])
            sheet.getRange(l.range).dataValidation.rule = {
              list: {
                inCellDropDown: true,
                source: l.source.startsWith('"') ? l.source.slice(1, -1) : `=${l.source}`,
              },
            };
      }
      await this.sync(ctx);
    });
  }

  async writeCells(edits: readonly CellEdit[]): Promise<void> {
    if (!edits.length) return;
    await this.run(async (ctx) => {
      for (const e of edits)
        ctx.workbook.worksheets.getItem(e.sheet).getRange(e.cell).formulas = [[literalFor(e.value)]];
      try {
        await this.sync(ctx);
      } catch (e) {
        // The edits are one sheet's (the settings): on a protected sheet the first is refused, and so nothing is written.
        throw codeOf(e) === "AccessDenied" ? new ProtectedSheetError(edits[0].sheet) : e;
      }
    });
  }
}

/** Queues one chunk's number formats, formulas or values, and styles. */
function queueChunk(sheet: Excel.Worksheet, chunk: Chunk, rects: readonly StyleRect[]): void {
  const { part } = chunk;
  const range = sheet.getRangeByIndexes(
    part.row - 1,
    part.col - 1,
    part.cells.length,
    chunk.formulas[0].length,
  );
  range.numberFormat = chunk.formats;
  range.formulas = chunk.formulas;
  for (const rect of rects)
    applyStyle(sheet.getRangeByIndexes(rect.row, rect.col, rect.rows, rect.cols), rect);
}
