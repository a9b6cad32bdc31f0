/**
 * A strict fake Excel host for tests, held to the rules Microsoft documents for the Excel JavaScript API
 * (reference text in node_modules/@types/office-js/index.d.ts; pages at learn.microsoft.com/javascript/api/excel).
 * Each rule names its page. Where Excel's behaviour is not documented, the stricter reading is taken and said so.
 *
 * - Proxies: a property read before load + sync throws PropertyNotLoaded; queued operations take effect at sync, in order,
 *   and a batch is not a transaction (the operations before a failing one stay applied). Excel.run closes a batch that
 *   resolves with one more sync when anything is still queued, and drops the queue of one that rejects.
 * - Sheets: names (31 characters, no : \ / ? * [ ], no leading or trailing apostrophe, not "History", unique ignoring
 *   case); a VeryHidden sheet cannot be deleted; the last visible sheet cannot be deleted or hidden; structure protection.
 * - Formulas, and defined names workbook- and sheet-scoped, are bound to sheets: a rename carries them, a delete leaves
 *   #REF! in their text (Excel's "How to correct a #REF! error"); formulas are evaluated (HyperFormula); strings are
 *   coerced as Excel coerces them (coerce.ts). So are a chart series' ranges (ChartSeries.getDimensionDataSourceString,
 *   ExcelApi 1.15) and data validation's formulas (Range.dataValidation, ExcelApi 1.8; the validated cells found by
 *   Range.getSpecialCellsOrNullObject, ExcelApi 1.9) and conditional formats' (ConditionalFormat.custom.rule.formula,
 *   cellValue.rule, ExcelApi 1.6). A sheet's shapes are listed (Worksheet.shapes, ExcelApi 1.9).
 * - Rows the user inserts or deletes (userInsertRows, userDeleteRows: Range.insert and Range.delete on whole rows) move
 *   the cells below and every reference to them, on every sheet: a range across the place grows or shrinks, a reference
 *   to a deleted cell becomes #REF! after the sheet's name it had.
 * - Sizes: each request and each response at most 5 MB; a range read over 5,000,000 cells fails.
 * - Cell-edit mode fails a run unless delayForCellEdit is set.
 * - Formatting, conditional formats, tables, charts, freeze panes and page layout check argument types and enum values.
 * - Writing 2-D arrays: null leaves a cell as it is, "" clears it (a number format "" is General).
 * - Sheet protection refuses changes to cells and their formats, merges, rules, tables and charts (AccessDenied).
 * - Tables and defined names share one namespace; every member checks the requirement set it was introduced in.
 * - Events (WorksheetCollection.onChanged, ExcelApi 1.9; onAdded, onDeleted, 1.7; onNameChanged, 1.17): a handler is registered by the sync
 *   that carries `add`, and called later, never inside a sync; the add-in's own API writes raise them too, a change to
 *   cells marked triggerSource "ThisLocalAddin" from ExcelApi 1.14 (Excel.EventTriggerSource), a sheet added, deleted
 *   or renamed never marked. One changed event per sheet and
 *   sync here (Excel may raise one per range written: the stricter count for a listener is not needed by any test).
 *   `add` returns an EventHandlerResult whose `remove()` is carried only by a sync of the context the handler was added
 *   in; `handlerCount()` says how many handlers are registered.
 */
import { DetailedCellError, HyperFormula, type RawCellContent } from "hyperformula";
import type { WorkbookGrids } from "../../src/engine/grid";
import { officeRunner, type ExcelRunner } from "../../src/workbook/office/officeWorkbook";
import { OfficeError, checkEnum, excelEnums } from "./excelEnums";

export { OfficeError };
import { coerce } from "./coerce";
import { formulaLimitBreaks } from "../helpers/excelRules";

export type Scalar = string | number | boolean;
export interface Cell {
  value: Scalar;
  /** Formula with its sheet references bound to sheet ids (see bind); null for a constant. */
  formula: string | null;
  numberFormat: string;
  /** The value is an error ("#REF!", …). */
  error?: boolean;
  /** Written while calculation was suspended and not recalculated since. */
  stale?: boolean;
  quotePrefix?: boolean;
}
export interface Box {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}
export interface ConditionalFormatModel {
  /** ConditionalFormat.id: "The priority of the conditional format in the current ConditionalFormatCollection" is not
   * its id; the id's form is not documented: the fake gives "cf<n>", never reused. */
  id: string;
  type: string;
  box: Box;
  props: Record<string, unknown>;
}
export interface DataValidationModel {
  box: Box;
  rule: Record<string, unknown>;
  ignoreBlanks?: boolean;
  prompt?: Record<string, unknown>;
  errorAlert?: Record<string, unknown>;
}
export interface TableModel {
  name: string;
  sheet: SheetModel;
  box: Box;
  style: string;
  showBandedRows: boolean;
}
export interface NameModel {
  name: string;
  /** "=…", bound (see FakeExcel.bind): it follows a renamed sheet and shows #REF! once its sheet is deleted. */
  formula: string;
  /** The id of the sheet a sheet-scoped name belongs to (Worksheet.names); undefined for a workbook-scoped name. */
  scope?: string;
}
export interface RangeRef {
  sheet: SheetModel;
  box: Box;
  /** Further areas on the same sheet: a chart series drawn from several ("Select Data" with a comma). */
  more?: Box[];
}
export interface SeriesModel {
  name: string | null;
  /**
   * The ranges it reads, each bound to its sheet as formulas are (Excel's series formula, =SERIES(…)): a rename carries
   * them, a deleted sheet leaves #REF! in their place (FakeExcel.sourceText).
   */
  values: RangeRef | null;
  xValues: RangeRef | null;
  /** ChartSeries.setBubbleSizes (bubble charts only). */
  bubbleSizes?: RangeRef | null;
  /** ChartSeries.format.fill.setSolidColor. */
  color?: string;
  /** ChartPoint.format.fill.setSolidColor by point index. */
  pointColors?: Record<number, string>;
  hasDataLabels?: boolean;
}
export interface ChartModel {
  /** Chart.name: "Specifies the name of a chart object." (ExcelApi 1.1); a new chart is "Chart <n>", as Excel names it. */
  name: string;
  type: string;
  title: string | null;
  from: string | null;
  to: string | null;
  categoryReversed: boolean;
  series: SeriesModel[];
  /** ChartAxis.minimum / maximum of the value axis; undefined = automatic. */
  valueMin?: number;
  valueMax?: number;
  /** ChartAxis.numberFormat of the value axis; undefined = linked to its source cells. */
  valueFormat?: string;
  /** ChartAxis.majorUnit of the value axis; undefined = automatic. */
  valueUnit?: number;
  legendVisible: boolean;
  /** ChartPlotArea position and box in points; undefined = never set (Automatic). */
  plotArea?: {
    position?: string;
    left?: number;
    top?: number;
    width?: number;
    height?: number;
  };
}
export interface SheetModel {
  /**
   * Worksheet.id: "Returns a value that uniquely identifies the worksheet in a given workbook. The value of the
   * identifier remains the same even when the worksheet is renamed or moved." (ExcelApi 1.1). Its form is not
   * documented: the fake gives a GUID-like "{00000001-0000-0000-0000-000000000000}", from a counter that only grows,
   * so no sheet ever gets an id another had (the stricter reading).
   */
  id: string;
  name: string;
  cells: Map<string, Cell>;
  visibility: string;
  protected: boolean;
  /** Cell formats by cell key: "font.bold", "fill.color", "border.top" … */
  formats: Map<string, Record<string, unknown>>;
  columnWidths: Map<number, number>;
  /** Row heights in points by 0-based row (RangeFormat.rowHeight). */
  rowHeights: Map<number, number>;
  /** Manual horizontal page breaks: the 0-based rows a new page starts at (PageBreakCollection.add). */
  rowBreaks: number[];
  /**
   * Data validation by the range it was set on, the last set winning where two overlap. The rule's formulas ("=…" strings:
   * a list's source, formula1, formula2, a custom formula) are bound to sheets as a cell's are (FakeExcel.dvRule shows
   * them): "a reference to a deleted sheet becomes #REF!" holds for them too.
   */
  dataValidations: DataValidationModel[];
  merges: Box[];
  /** In priority order: index 0 is the top priority. */
  conditionalFormats: ConditionalFormatModel[];
  charts: ChartModel[];
  /**
   * Worksheet.shapes: pictures, geometric shapes, lines, groups (Excel.ShapeType), by name. Charts are not among them
   * (ChartCollection holds them; whether Excel also lists a chart as a shape is not documented, and the adapter takes only
   * the types the reference names as the planner's drawings).
   */
  shapes: { name: string; type: string }[];
  freeze: { rows: number; cols: number } | null;
  pageLayout: Record<string, unknown>;
  tabColor: string | null;
}

/** "Excel on the web has a payload size limit for requests and responses of 5MB" (Resource limits and performance optimization for Office Add-ins). */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
/** "a range read is limited to 5,000,000 cells" (same page, Excel add-ins section). */
export const READ_CELL_LIMIT = 5_000_000;
const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;
const key = (r: number, c: number) => `${r},${c}`;
const fail = (code: string, message: string): never => {
  throw new OfficeError(code, message);
};

export function colName(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function colNum(s: string): number {
  let n = 0;
  for (const ch of s.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/** A1 address (optionally sheet-qualified, with $) to a box; whole columns "A:C" and whole rows "4:4" included. */
export function parseAddress(address: string): Box {
  const a = address.replace(/^.*!/, "").replace(/\$/g, "");
  const [p, q = p] = a.split(":");
  const part = (x: string) => {
    const m = /^([A-Z]{0,3})(\d{0,7})$/i.exec(x);
    if (!m || (!m[1] && !m[2]))
      return fail("InvalidArgument", `The argument is invalid: address "${address}"`);
    return { r: m[2] ? Number(m[2]) - 1 : null, c: m[1] ? colNum(m[1]) - 1 : null };
  };
  const s = part(p);
  const e = part(q);
  const box = { r0: s.r ?? 0, c0: s.c ?? 0, r1: e.r ?? MAX_ROWS - 1, c1: e.c ?? MAX_COLS - 1 };
  if (box.r1 < box.r0 || box.c1 < box.c0 || box.r1 >= MAX_ROWS || box.c1 >= MAX_COLS || box.r0 < 0)
    fail("InvalidArgument", `The argument is invalid: address "${address}"`);
  return box;
}

export const boxAddress = (b: Box) =>
  b.r0 === b.r1 && b.c0 === b.c1
    ? `${colName(b.c0)}${b.r0 + 1}`
    : `${colName(b.c0)}${b.r0 + 1}:${colName(b.c1)}${b.r1 + 1}`;
const overlaps = (a: Box, b: Box) => a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
const cellsOf = (b: Box) => (b.r1 - b.r0 + 1) * (b.c1 - b.c0 + 1);

/** A sheet name as a formula writes it: quoted unless plain letters, digits and underscores. */
export function quoteName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

const STRING_LITERAL = /("(?:[^"]|"")*")/;
const SHEET_PREFIX =
  /'((?:[^']|'')+)'!|(?<![#\w.\u00C0-\uFFFF])([A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*)!/g;
const TOKEN = /\uE000([^\uE001]+)\uE001/g;
/**
 * A reference to a cell, a range or whole rows, after a bound sheet (see bind) or alone (not inside a name): the sheet's
 * id, then the reference; columns alone ("A:C") have no row to move.
 */
const BOUND_REFERENCE =
  /(\uE000([^\uE001]+)\uE001|(?<![\w.$\uE001]))(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?|\$?\d+:\$?\d+)(?![\w(!.])/g;

function isColor(v: unknown): boolean {
  return typeof v === "string" && (/^#[0-9A-Fa-f]{6}$/.test(v) || /^[A-Za-z]{3,20}$/.test(v));
}
function need(ok: boolean, what: string, v: unknown): void {
  if (!ok)
    fail(
      "InvalidArgument",
      `The argument is invalid or missing or has an incorrect format: ${what} = ${JSON.stringify(v)}`,
    );
}

/** The workbook-wide events the fake raises (WorksheetCollection.onChanged, onAdded, onDeleted, onNameChanged). */
export type WorkbookEvent = "changed" | "added" | "deleted" | "nameChanged";

/** A request context of the fake: its workbook, its sync, and what only a sync of this context carries. */
export interface FakeContext {
  readonly workbook: unknown;
  readonly sync: () => Promise<void>;
  /** Event handler removals queued on this context (EventHandlerResult.remove), carried by its next sync only. */
  readonly removals: (() => void)[];
}

/** One handler as registered: what it is for, and the context it was added in. */
interface Registration {
  readonly handler: (args: object) => Promise<unknown>;
  readonly context: FakeContext;
}

/**
 * OfficeExtension.EventHandlers on the worksheet collection: `add` needs the event's requirement set (checked at the
 * call) and takes effect at the sync that carries it; "A promise-based function that takes in any relevant event
 * arguments". It returns an EventHandlerResult whose `remove()` "Removes the handler from the event"; "The same
 * RequestContext object that the handler was added in must be used when removing the handler"
 * (OfficeExtension.EventHandlerResult, node_modules/@types/office-js/index.d.ts). As the real client does
 * (excel-web-16.00.debug.js, EventHandlers.prototype.remove: a pending action of the handlers' own context), the
 * removal is carried only by a sync of that context: synced in another context, the handler stays registered.
 */
class FakeEventHandlers {
  constructor(
    private host: FakeExcel,
    private context: FakeContext,
    private event: WorkbookEvent,
    private version: string,
    private api: string,
  ) {}
  add(handler: (args: object) => Promise<unknown>): { context: FakeContext; remove: () => void } {
    this.host.requires(this.version, this.api);
    need(typeof handler === "function", "handler", handler);
    const registration: Registration = { handler, context: this.context };
    this.host.queue(() => this.host.registrations[this.event].push(registration));
    let removed = false;
    return {
      context: this.context,
      // A second call does nothing, as EventHandlerResult.prototype.remove forgets its handler once removed.
      remove: () => {
        if (removed) return;
        removed = true;
        this.context.removals.push(() => {
          const list = this.host.registrations[this.event];
          const i = list.indexOf(registration);
          if (i >= 0) list.splice(i, 1);
        });
      },
    };
  }
}

export class FakeExcel {
  sheets: SheetModel[] = [];
  tables: TableModel[] = [];
  /**
   * Defined names (Formulas → Name Manager), workbook-scoped and sheet-scoped (NameModel.scope); the formula is bound to
   * sheets as cell formulas are: a rename carries it, a deleted sheet leaves #REF! in its place.
   */
  names: NameModel[] = [];
  syncs = 0;
  /** The active sheet and the selected address, as the user would see them. */
  active: string | null = null;
  selection: string | null = null;
  /** Workbook structure protected (Review → Protect Workbook): sheets cannot be added, deleted or renamed. */
  structureProtected = false;
  /** Test hook: the Nth operation from now fails as Excel would fail mid-request. */
  failAtOp: number | null = null;
  /** Test hook: operation `op` (0-based) of sync number `sync` (as counted by `syncs`, 1-based) fails. */
  failure: { sync: number; op: number } | null = null;
  /** Per sync: operations, request and response bytes (this model's estimate; the real client is measured in bench). */
  log: { ops: number; request: number; response: number }[] = [];
  payloadBytes = 0;
  /** The user is editing a cell (Excel.run without delayForCellEdit fails). */
  cellEditing = false;
  /** When set, formulas are not evaluated and read back as this value (benchmarks at sizes HyperFormula is slow at). */
  unevaluated: Scalar | null = null;
  /** Calls of application.calculate. */
  calculations = 0;
  private editEnded: Promise<void> = Promise.resolve();
  private endEdit: () => void = () => undefined;
  private ops: { run: () => void; bytes: number }[] = [];
  private loads: (() => unknown)[] = [];
  private suspended = false;
  private dirty = true;
  private nextId = 1;
  readonly supported: Record<string, string>;
  /** Event handlers registered (by the sync that carried their `add`, until the sync that carries their removal). */
  readonly registrations: Record<WorkbookEvent, Registration[]> = {
    changed: [],
    added: [],
    deleted: [],
    nameChanged: [],
  };
  /** The contexts this host made (Excel.run's `previousObjects` takes one of them back). */
  private readonly contexts = new WeakSet<object>();
  /** Events raised by the API in the sync under way, delivered after it. */
  private raised: { event: WorkbookEvent; sheet: SheetModel; extra?: Record<string, unknown> }[] = [];

  constructor(supported: Record<string, string> = { ExcelApi: "1.17" }) {
    this.supported = supported;
  }

  /** A host holding these sheets' values (errors and dates left blank), as a workbook a user opened. */
  static withGrids(grids: WorkbookGrids, supported?: Record<string, string>): FakeExcel {
    const host = new FakeExcel(supported);
    for (const g of grids.sheets) {
      const rows: (Scalar | null)[][] = [];
      g.values.forEach((r, i) => {
        rows[g.originRow - 1 + i] = [];
        r.forEach((v, j) => {
          rows[g.originRow - 1 + i][g.originCol - 1 + j] =
            g.formulas?.[i]?.[j] ?? (v === null || typeof v === "object" ? null : v);
        });
      });
      host.addSheet(
        g.sheet,
        Array.from(rows, (r) => r ?? []),
      );
    }
    return host;
  }

  /** Adds a sheet directly (test set-up, not through the API); "=…" strings are formulas, other values constants. */
  addSheet(name: string, rows: (Scalar | null | undefined)[][] = []): SheetModel {
    this.validateName(name);
    const sheet = this.newSheet(name);
    this.sheets.push(sheet);
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null || v === undefined) return;
        const f = typeof v === "string" && v.startsWith("=") ? this.bind(v) : null;
        sheet.cells.set(key(r, c), { value: f ? 0 : v, formula: f, numberFormat: "General" });
      }),
    );
    this.dirty = true;
    return sheet;
  }

  private newSheet(name: string): SheetModel {
    return {
      id: `{${String(this.nextId++).padStart(8, "0")}-0000-0000-0000-000000000000}`,
      name,
      cells: new Map(),
      visibility: "Visible",
      protected: false,
      formats: new Map(),
      columnWidths: new Map(),
      rowHeights: new Map(),
      rowBreaks: [],
      dataValidations: [],
      merges: [],
      conditionalFormats: [],
      charts: [],
      shapes: [],
      freeze: null,
      pageLayout: {},
      tabColor: null,
    };
  }

  sheet(name: string): SheetModel | undefined {
    const fold = (s: string) => s.normalize("NFC").toLowerCase();
    return this.sheets.find((s) => fold(s.name) === fold(name));
  }

  /** The handlers registered now, by event. */
  get handlers(): Record<WorkbookEvent, ((args: object) => Promise<unknown>)[]> {
    const of = (e: WorkbookEvent) => this.registrations[e].map((r) => r.handler);
    return {
      changed: of("changed"),
      added: of("added"),
      deleted: of("deleted"),
      nameChanged: of("nameChanged"),
    };
  }

  /** How many event handlers are registered now, all events together. */
  handlerCount(): number {
    return Object.values(this.registrations).reduce((n, list) => n + list.length, 0);
  }

  /** True when the host supports the requirement set version ("1.9" < "1.17"). */
  isSetSupported(set: string, version: string): boolean {
    const have = this.supported[set];
    if (!have) return false;
    const [a, b] = have.split(".").map(Number);
    const [c, d] = version.split(".").map(Number);
    return a > c || (a === c && b >= d);
  }

  /** Calls of an API needing a requirement set the host lacks fail (ApiNotFound). */
  requires(version: string, api: string): void {
    if (!this.isSetSupported("ExcelApi", version))
      fail("ApiNotFound", `${api} needs ExcelApi ${version}; this Excel supports ${this.supported.ExcelApi}`);
  }

  queue(run: () => void, payload: unknown = null): void {
    // Proxies in a payload travel as object references, not as their contents.
    const args =
      payload === null
        ? 0
        : JSON.stringify(payload, (_k, v: unknown) => (v instanceof Loadable ? "<ref>" : v)).length;
    this.ops.push({ run, bytes: 60 + args });
  }

  onSync(load: () => unknown): void {
    this.loads.push(load);
  }

  async sync(context?: FakeContext): Promise<void> {
    this.syncs++;
    // This context's handler removals travel with its sync, and with no other.
    for (const r of context?.removals.splice(0) ?? []) this.queue(r);
    const ops = this.ops;
    const loads = this.loads;
    this.ops = [];
    this.loads = [];
    const request = ops.reduce((s, o) => s + o.bytes, 0) + 30 * loads.length;
    const entry = { ops: ops.length, request, response: 0 };
    this.log.push(entry);
    if (request > PAYLOAD_LIMIT_BYTES)
      fail(
        "RequestPayloadSizeLimitExceeded",
        `The request payload size has exceeded the limit (${request} bytes).`,
      );
    this.payloadBytes += request;
    try {
      ops.forEach((o, i) => {
        const injected =
          (this.failure && this.failure.sync === this.syncs && this.failure.op === i) ||
          (this.failAtOp !== null && --this.failAtOp <= 0);
        if (injected) {
          this.failure = null;
          this.failAtOp = null;
          fail("GeneralException", "An internal error has occurred.");
        }
        o.run();
      });
    } finally {
      this.suspended = false;
      const raised = this.raised;
      this.raised = [];
      for (const r of raised) this.emit(r.event, r.sheet, "ThisLocalAddin", r.extra);
    }
    const responses = loads.map((l) => l());
    entry.response = JSON.stringify(responses).length;
    if (entry.response > PAYLOAD_LIMIT_BYTES)
      fail(
        "ResponsePayloadSizeLimitExceeded",
        `The response payload size has exceeded the limit (${entry.response} bytes).`,
      );
  }

  /**
   * Sheet names: "The display name of the worksheet. The name must be fewer than 32 characters." (Worksheet.name,
   * @types/office-js); learn.microsoft.com/office/troubleshoot/excel/rename-a-worksheet (forbidden characters,
   * "History"); unique ignoring case, as Excel refuses "Sheet1" beside "SHEET1" (ItemAlreadyExists): the write's
   * temporary names are chosen free under this rule (officeWorkbook.freeNames).
   */
  validateName(name: string, except?: SheetModel): void {
    need(typeof name === "string", "name", name);
    if (
      !name ||
      name.length > 31 ||
      /[[\]:*?/\\]/.test(name) ||
      name.startsWith("'") ||
      name.endsWith("'") ||
      name.toLowerCase() === "history"
    )
      fail(
        "InvalidArgument",
        `The argument is invalid or missing or has an incorrect format: sheet name "${name}"`,
      );
    const same = this.sheet(name);
    if (same && same !== except)
      fail("ItemAlreadyExists", `A resource with the same name or identifier already exists: "${name}"`);
  }

  /**
   * Binds a formula's sheet references to sheets: "a reference is bound to a sheet, not to its name"
   * (Excel renames references when a sheet is renamed; learn.microsoft.com/office/troubleshoot/excel/…/rename-worksheet).
   * A formula naming a sheet that does not exist is not documented for the API (typed in the grid Excel takes it for
   * another workbook); the stricter reading is taken: it is refused, never bound to a sheet added later.
   */
  bind(formula: string): string {
    if (formula.length > 8192)
      fail("FormulaLengthExceedsLimit", "The formula is longer than 8,192 characters.");
    // "Excel specifications and limits": 255 arguments in a function, 64 nested levels of functions. What the API
    // answers is not documented (typed in the grid, Excel refuses the formula): the stricter reading, refused.
    const beyond = formulaLimitBreaks(formula);
    if (beyond.length) fail("InvalidArgument", `The formula is beyond Excel's limits: ${beyond.join(", ")}.`);
    return formula
      .split(STRING_LITERAL)
      .map((part, i) =>
        i % 2 === 1
          ? part
          : part.replace(SHEET_PREFIX, (_m, quoted: string | undefined, plain: string | undefined) => {
              const name = quoted !== undefined ? quoted.replace(/''/g, "'") : (plain as string);
              const sheet = this.sheet(name);
              if (!sheet)
                fail(
                  "InvalidArgument",
                  `The formula refers to a sheet that does not exist: "${name}" in ${formula}`,
                );
              return `\uE000${sheet!.id}\uE001`;
            }),
      )
      .join("");
  }

  /** A sheet's cells as the user sees them in the formula bar, by "row,col" (0-based); empty cells left out. */
  shown(name: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, c] of this.sheet(name)!.cells) {
      const v = c.formula !== null ? this.render(c.formula) : c.value;
      if (v !== "") out[k] = v;
    }
    return out;
  }

  /** A bound formula as Excel shows it now: current sheet names, #REF! for deleted sheets. */
  render(bound: string): string {
    return bound.replace(TOKEN, (_m, id: string) => {
      const s = this.sheets.find((x) => x.id === id);
      return s ? `${quoteName(s.name)}!` : "#REF!";
    });
  }

  /**
   * A series' data source as ChartSeries.getDimensionDataSourceString gives it: "Gets the string representation of the
   * data source of the chart series. The string representation could be information such as a cell address."
   * (ExcelApi 1.15). Its exact form is not documented: the fake gives the reference as the series formula writes it,
   * "='Xếp hạng'!$J$5:$J$35", "" for a dimension given no range, and "=#REF!" once the sheet is deleted (Excel turns a
   * chart's reference to a deleted sheet into #REF!, as a cell's: "How to correct a #REF! error").
   */
  sourceText(ref: RangeRef | null | undefined): string {
    if (!ref) return "";
    if (!this.sheets.includes(ref.sheet)) return "=#REF!";
    const cell = (r: number, c: number) => `$${colName(c)}$${r + 1}`;
    const area = ({ r0, c0, r1, c1 }: Box) =>
      `${quoteName(ref.sheet.name)}!${cell(r0, c0)}${r0 === r1 && c0 === c1 ? "" : `:${cell(r1, c1)}`}`;
    // Several areas as the series formula writes them: in parentheses, separated by commas.
    return ref.more?.length ? `=(${[ref.box, ...ref.more].map(area).join(",")})` : `=${area(ref.box)}`;
  }

  /**
   * A reference "Sheet!A1:B2" (the sheet quoted where needed), or several on one sheet separated by commas, resolved to
   * its sheet now; the sheet must exist.
   */
  rangeRef(address: string): RangeRef {
    const [first, ...rest] = address.split(/,(?=(?:[^']*'[^']*')*[^']*$)/).map((part) => {
      const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/.exec(part) ?? fail("InvalidArgument", address);
      const name = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
      const sheet = this.sheet(name) ?? fail("ItemNotFound", `no sheet ${name}`);
      return { sheet, box: parseAddress(m[3].replace(/\$/g, "")) };
    });
    need(
      rest.every((r) => r.sheet === first.sheet),
      "areas of one sheet",
      address,
    );
    return rest.length ? { ...first, more: rest.map((r) => r.box) } : first;
  }

  /**
   * Test hook: the planner inserts a chart on a sheet in Excel (Insert → Chart, then Select Data), each series reading
   * the ranges given ("'Xếp hạng'!J5:J35"). Returns its model.
   */
  userAddChart(
    sheet: string,
    type: string,
    series: readonly { values: string; xValues?: string; bubbleSizes?: string }[],
    name?: string,
  ): ChartModel {
    checkEnum("ChartType", type, "chart type");
    const s = this.sheet(sheet) ?? fail("ItemNotFound", `no sheet ${sheet}`);
    const chart: ChartModel = {
      name: name ?? `Chart ${s.charts.length + 1}`,
      type,
      title: null,
      from: null,
      to: null,
      categoryReversed: false,
      legendVisible: true,
      series: series.map((x) => ({
        name: null,
        values: this.rangeRef(x.values),
        xValues: x.xValues ? this.rangeRef(x.xValues) : null,
        ...(x.bubbleSizes ? { bubbleSizes: this.rangeRef(x.bubbleSizes) } : {}),
      })),
    };
    s.charts.push(chart);
    return chart;
  }

  /** A data validation rule as Excel shows it now: its formulas with current sheet names, #REF! for deleted sheets. */
  dvRule(v: DataValidationModel): Record<string, unknown> {
    return mapStrings(v.rule, (x) => (x.startsWith("=") ? this.render(x) : x));
  }

  /** Test hook: the planner inserts a picture or a shape on a sheet (Insert → Pictures, Shapes): an Excel.ShapeType. */
  userAddShape(sheet: string, type: string, name: string): void {
    checkEnum("ShapeType", type, "shape type");
    (this.sheet(sheet) ?? fail("ItemNotFound", `no sheet ${sheet}`)).shapes.push({ name, type });
  }

  /** Recomputes every formula cell except those written under suspended calculation and not recalculated since. */
  recalc(): void {
    if (!this.dirty) return;
    if (this.unevaluated !== null) {
      for (const s of this.sheets)
        for (const c of s.cells.values()) if (c.formula !== null) c.value = this.unevaluated;
      this.dirty = false;
      return;
    }
    this.dirty = false;
    const data: Record<string, RawCellContent[][]> = {};
    const formulaCells: { sheet: SheetModel; r: number; c: number; cell: Cell }[] = [];
    for (const s of this.sheets) {
      const rows: RawCellContent[][] = [];
      for (const [k, cell] of s.cells) {
        const [r, c] = k.split(",").map(Number);
        rows[r] ??= [];
        if (cell.formula !== null) {
          const text = this.render(cell.formula);
          rows[r][c] = text.includes("#REF!") ? "#REF!" : text;
          formulaCells.push({ sheet: s, r, c, cell });
        } else if (cell.error) rows[r][c] = String(cell.value);
        else if (typeof cell.value === "string") rows[r][c] = cell.value === "" ? null : `'${cell.value}`;
        else rows[r][c] = cell.value;
      }
      data[s.name] = Array.from(rows, (r) => r ?? []);
    }
    if (!formulaCells.length) return;
    const t0 = Date.now();
    const hf = HyperFormula.buildFromSheets(
      data,
      { licenseKey: "gpl-v3", useArrayArithmetic: false, maxRows: MAX_ROWS, maxColumns: MAX_COLS },
      // A formula naming an undefined name evaluates to #NAME? (HyperFormula does the same).
      this.names.map((n) => {
        const text = this.render(n.formula);
        // A sheet-scoped name's scope is its sheet's index among the sheets given (HyperFormula numbers them so).
        const scope = n.scope === undefined ? {} : { scope: this.sheets.findIndex((s) => s.id === n.scope) };
        return { name: n.name, expression: text.includes("#REF!") ? "=#REF!" : text, ...scope };
      }),
    );
    for (const { sheet, r, c, cell } of formulaCells) {
      if (cell.stale) continue;
      const v = hf.getCellValue({ sheet: hf.getSheetId(sheet.name) as number, row: r, col: c });
      if (v instanceof DetailedCellError) {
        cell.error = true;
        cell.value = v.value === "#ERROR!" ? "#NAME?" : v.value;
      } else {
        cell.error = false;
        cell.value = v === null ? 0 : (v as Scalar);
      }
    }
    hf.destroy();
    if (process.env.FAKE_PROFILE) console.log("recalc", formulaCells.length, Date.now() - t0);
  }

  /** Writes one value as Range.values / Range.formulas would. */
  writeCell(sheet: SheetModel, r: number, c: number, v: unknown): void {
    const k = key(r, c);
    const old = sheet.cells.get(k);
    const numberFormat = old?.numberFormat ?? "General";
    const got = coerce(v, numberFormat);
    const cell: Cell = { value: "", formula: null, numberFormat };
    if (got.kind === "formula") {
      cell.formula = this.bind(got.text);
      cell.value = old?.value ?? 0;
      cell.stale = this.suspended;
    } else if (got.kind === "text") {
      cell.value = got.value;
      if (got.quotePrefix) cell.quotePrefix = true;
    } else if (got.kind === "number") {
      cell.value = got.value;
      if (got.numberFormat && numberFormat === "General") cell.numberFormat = got.numberFormat;
    } else if (got.kind === "boolean") cell.value = got.value;
    else if (got.kind === "error") {
      cell.value = got.value;
      cell.error = true;
    }
    sheet.cells.set(k, cell);
    this.dirty = true;
    if (!this.raised.some((x) => x.event === "changed" && x.sheet === sheet))
      this.raised.push({ event: "changed", sheet });
  }

  /**
   * Raises an event to the handlers registered, after the current task (an event is never delivered inside the call
   * that caused it). Its arguments as Excel.WorksheetChangedEventArgs / WorksheetAddedEventArgs /
   * WorksheetDeletedEventArgs give them; triggerSource only on a change to cells, from ExcelApi 1.14.
   */
  private emit(
    event: WorkbookEvent,
    sheet: SheetModel,
    trigger: "ThisLocalAddin" | "Unknown",
    extra: Record<string, unknown> = {},
  ): void {
    const handlers = [...this.handlers[event]];
    if (!handlers.length) return;
    const args: Record<string, unknown> = {
      type: {
        changed: "WorksheetChanged",
        added: "WorksheetAdded",
        deleted: "WorksheetDeleted",
        nameChanged: "WorksheetNameChanged",
      }[event],
      worksheetId: sheet.id,
      source: "Local",
      ...(event === "changed" ? { address: "A1", changeType: "RangeEdited" } : {}),
      ...extra,
      // Only a change to cells says who made it (WorksheetChangedEventArgs.triggerSource, ExcelApi 1.14): the args of a
      // sheet added, deleted or renamed have no such member (WorksheetAddedEventArgs, WorksheetDeletedEventArgs,
      // WorksheetNameChangedEventArgs in index.d.ts), and the client's transforms copy none (excel-web-16.00.debug.js,
      // WorksheetCollection's onAdded, onDeleted, onNameChanged): the add-in's own sheets are told like the planner's.
      ...(event === "changed" && this.isSetSupported("ExcelApi", "1.14") ? { triggerSource: trigger } : {}),
    };
    setTimeout(() => handlers.forEach((h) => void h(args)), 0);
  }

  /** Test hook: the user types a value into a cell in Excel's grid (not through the API). */
  userEdit(sheet: string, address: string, value: Scalar): void {
    const s = this.sheet(sheet) ?? fail("ItemNotFound", `no sheet ${sheet}`);
    const { r0, c0 } = parseAddress(address);
    this.writeCell(s, r0, c0, value);
    this.raised = this.raised.filter((x) => x.sheet !== s);
    this.emit("changed", s, "Unknown");
  }

  /** Test hook: the user adds a sheet with these rows in Excel (not through the API). */
  userAddSheet(name: string, rows: (Scalar | null)[][] = []): void {
    this.emit("added", this.addSheet(name, rows), "Unknown");
  }

  /** Test hook: the user renames a sheet in Excel (double-click on its tab); Excel.WorksheetNameChangedEventArgs. */
  userRenameSheet(from: string, to: string): void {
    const s = this.sheet(from) ?? fail("ItemNotFound", `no sheet ${from}`);
    this.validateName(to, s);
    s.name = to;
    this.dirty = true;
    this.emit("nameChanged", s, "Unknown", { nameBefore: from, nameAfter: to });
  }

  /**
   * Test hook: the user inserts `count` blank rows above 1-based row `at` of a sheet (a row heading → Insert), as
   * Range.insert on whole rows does: "Inserts a cell or a range of cells into the worksheet in place of this range, and
   * shifts the other cells to make space" (Range.insert, ExcelApi 1.1, index.d.ts). As in Excel's grid, the formulas'
   * references to the cells moved follow them, on every sheet and in defined names, and a range across the place grows.
   */
  userInsertRows(sheet: string, at: number, count = 1): void {
    this.moveRows(sheet, at - 1, count, "RowInserted");
  }

  /**
   * Test hook: the user deletes `count` rows from 1-based row `at` of a sheet, as Range.delete on whole rows does
   * ("Deletes the cells associated with the range", Range.delete, ExcelApi 1.1, index.d.ts): the cells below move up,
   * references follow them, a range loses the rows deleted, and a reference to deleted cells only becomes #REF!, after
   * the sheet's name where it had one ('Số liệu'!#REF!, as Excel writes it).
   */
  userDeleteRows(sheet: string, at: number, count = 1): void {
    this.moveRows(sheet, at - 1, -count, "RowDeleted");
  }

  /** Rows from 0-based r0 moved by delta (down, or up over the -delta rows deleted), with every reference to them. */
  private moveRows(name: string, r0: number, delta: number, changeType: string): void {
    const s = this.sheet(name) ?? fail("ItemNotFound", `no sheet ${name}`);
    // What else moves with the rows is not modelled: refused rather than left in place.
    if (
      this.tables.some((t) => t.sheet === s) ||
      s.merges.length ||
      s.conditionalFormats.length ||
      s.dataValidations.length ||
      s.charts.length ||
      s.rowBreaks.length
    )
      fail("NotImplemented", `moving rows of ${name}: its tables, merges, rules or charts are not modelled`);
    const gone = Math.max(0, -delta);
    const row = (r: number): number | null =>
      r < r0 ? r : delta > 0 ? r + delta : r < r0 + gone ? null : r - gone;
    const moved = <T>(m: Map<string, T>) =>
      new Map(
        [...m].flatMap(([k, v]): [string, T][] => {
          const [r, c] = k.split(",").map(Number);
          const to = row(r);
          return to === null ? [] : [[key(to, c), v]];
        }),
      );
    s.cells = moved(s.cells);
    s.formats = moved(s.formats);
    s.rowHeights = new Map(
      [...s.rowHeights].flatMap(([r, h]): [number, number][] => (row(r) === null ? [] : [[row(r)!, h]])),
    );
    // A range's ends: its first row stays at the place, its last goes above it, when the rows under them went.
    const range = (a: number, b: number): [number, number] | null => {
      const first = row(a) ?? r0;
      const last = row(b) ?? r0 - 1;
      return last < first ? null : [first, last];
    };
    const shift = (formula: string, local: boolean) =>
      formula
        .split(STRING_LITERAL)
        .map((part, i) =>
          i % 2 === 1
            ? part
            : part.replace(
                BOUND_REFERENCE,
                (m, bound: string | undefined, id: string | undefined, ref: string) => {
                  if (id !== s.id && !(id === undefined && local)) return m;
                  const ends = [...ref.matchAll(/(\$?[A-Za-z]{0,3}\$?)(\d+)/g)];
                  const rows = range(Number(ends[0][2]) - 1, Number(ends[ends.length - 1][2]) - 1);
                  if (rows === null) return `${bound ?? ""}#REF!`;
                  const at = ends.map((e, k) => `${e[1]}${rows[k === 0 ? 0 : 1] + 1}`);
                  return `${bound ?? ""}${at.join(":")}`;
                },
              ),
        )
        .join("");
    for (const other of this.sheets)
      for (const cell of other.cells.values())
        if (cell.formula !== null) cell.formula = shift(cell.formula, other === s);
    for (const n of this.names) n.formula = shift(n.formula, false);
    this.dirty = true;
    this.raised = this.raised.filter((x) => x.sheet !== s);
    this.emit("changed", s, "Unknown", { changeType });
  }

  /** A deep copy of the workbook's state (sheets, tables), for restore. */
  snapshot(): unknown {
    return structuredClone({ sheets: this.sheets, tables: this.tables, names: this.names });
  }

  /** Puts the workbook back to a snapshot. */
  restore(snapshot: unknown): void {
    const copy = structuredClone(snapshot) as {
      sheets: SheetModel[];
      tables: TableModel[];
      names?: NameModel[];
    };
    this.sheets = copy.sheets;
    this.tables = copy.tables;
    this.names = copy.names ?? [];
    this.failure = null;
    this.dirty = true;
  }

  markDirty(): void {
    this.dirty = true;
  }

  /** An event raised by an API call in the sync under way. */
  raise(event: WorkbookEvent, sheet: SheetModel, extra?: Record<string, unknown>): void {
    this.raised.push({ event, sheet, extra });
  }

  /** Cell contents as a user sees them in the formula bar: formula text (current sheet names) or value. */
  read(sheet: string, address: string): Scalar | null {
    const s = this.sheet(sheet);
    const { r0, c0 } = parseAddress(address);
    const c = s?.cells.get(key(r0, c0));
    if (!c) return null;
    return c.formula !== null ? this.render(c.formula) : c.value;
  }

  /** The calculated value of a cell (formulas evaluated), "" when empty. */
  valueAt(sheet: string, address: string): Scalar {
    this.recalc();
    const s = this.sheet(sheet);
    const { r0, c0 } = parseAddress(address);
    return s?.cells.get(key(r0, c0))?.value ?? "";
  }

  /** The user starts editing a cell; runs without delayForCellEdit fail until endCellEdit. */
  startCellEdit(): void {
    this.cellEditing = true;
    this.editEnded = new Promise((resolve) => (this.endEdit = resolve));
  }

  endCellEdit(): void {
    this.cellEditing = false;
    this.endEdit();
  }

  /**
   * Excel.run(options?, batch). "When false, if the user is in cell edit when the batch request is processed by the host,
   * the batch automatically fails" (Excel.RunOptions.delayForCellEdit; guide "Delay execution while cell is in edit mode").
   */
  readonly run = async <T>(
    a: Excel.RunOptions | ((ctx: Excel.RequestContext) => Promise<T>),
    b?: (ctx: Excel.RequestContext) => Promise<T>,
  ): Promise<T> => {
    const [options, batch] = typeof a === "function" ? [{} as Excel.RunOptions, a] : [a, b!];
    if (this.cellEditing) {
      if (!options.delayForCellEdit)
        fail("InvalidOperationInCellEditMode", "Excel is in cell-editing mode. Please exit the edit mode.");
      await this.editEnded;
    }
    // RunOptions.previousObjects: "A previously-created context … The batch will use the same RequestContext". Anything
    // else the client refuses with InvalidArgument before running the batch (excel-web-16.00.debug.js,
    // ClientRequestContext._runBatchCommon), but a ClientObject or an array of them, which it takes the context of: not
    // modelled (the adapter passes a context), so refused here too.
    const previous = (options as { previousObjects?: unknown }).previousObjects;
    if (previous != null && !(typeof previous === "object" && this.contexts.has(previous)))
      fail("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
    const ctx = (previous ?? this.newContext()) as FakeContext;
    let result: T;
    try {
      result = await batch(ctx as unknown as Excel.RequestContext);
    } catch (e) {
      // A batch that rejects gets no closing sync: what it queued is never sent (the queue here is the host's, so a
      // run side by side loses its queue too; the adapter runs one batch at a time).
      this.ops = [];
      this.loads = [];
      throw e;
    }
    // A batch that resolves gets a closing sync, sent only when something is queued (excel-web-16.00.debug.js,
    // ClientRequestContext._runBatch: `ctx.sync(runBodyResult)`; syncPrivate returns early `if (!req.hasActions)`).
    if (this.ops.length > 0 || this.loads.length > 0 || ctx.removals.length > 0) await this.sync(ctx);
    return result;
  };

  /** A new context for a batch. */
  context(): unknown {
    return this.newContext();
  }

  private newContext(): FakeContext {
    const removals: (() => void)[] = [];
    const ctx: { workbook: unknown; sync: () => Promise<void>; removals: (() => void)[] } = {
      workbook: null,
      sync: () => this.sync(ctx),
      removals,
    };
    ctx.workbook = new FakeWorkbook(this, ctx);
    this.contexts.add(ctx);
    return ctx;
  }

  /** The production runner (officeRunner) over this host's Excel.run. */
  runner(): ExcelRunner {
    return officeRunner(this.run as unknown as typeof Excel.run);
  }

  /** True when a table or a workbook-scoped defined name (one namespace) is called this, ignoring case; `except` is the table being renamed. */
  nameTaken(name: string, except?: TableModel): boolean {
    const fold = (s: string) => s.normalize("NFC").toLowerCase();
    return (
      this.tables.some((t) => t !== except && fold(t.name) === fold(name)) ||
      this.names.some((n) => n.scope === undefined && fold(n.name) === fold(name))
    );
  }

  /**
   * Sheet protection (Review → Protect Sheet, or WorksheetProtection.protect with its default options): cells are locked
   * by default, and "allowFormatCells", "allowFormatColumns", "allowFormatRows", "allowEditObjects" are false unless
   * given (Excel.WorksheetProtectionOptions). A change to a protected sheet fails as AccessDenied, the code the reference
   * gives for protection (WorksheetProtection.setPassword: "If worksheet protection is enabled and not paused, this
   * method throws an `AccessDenied` error"). Renaming, moving and deleting the sheet are workbook structure, not sheet
   * protection, and stay allowed.
   */
  editable(sheet: SheetModel, what: string): void {
    if (sheet.protected)
      fail(
        "AccessDenied",
        `The cell or object you're trying to change (${what}) is on protected sheet "${sheet.name}".`,
      );
  }

  /** Sets a format property on every cell of a box (borders are kept per edge: border.top, border.left, …). */
  setFormat(sheet: SheetModel, box: Box, prop: string, value: unknown): void {
    if (cellsOf(box) > 2_000_000)
      fail("InvalidArgument", "fake host: formatting whole columns is not modelled");
    for (let r = box.r0; r <= box.r1; r++)
      for (let c = box.c0; c <= box.c1; c++) {
        const k = key(r, c);
        const f = sheet.formats.get(k) ?? {};
        f[prop] = value;
        sheet.formats.set(k, f);
      }
  }
}

/** The ids given to conditional formats so far (ConditionalFormatModel.id). */
let conditionalFormatIds = 0;

/** A copy of a plain value with each string in it mapped. */
function mapStrings<T>(v: T, f: (s: string) => string): T {
  if (typeof v === "string") return f(v) as T;
  if (Array.isArray(v)) return v.map((x: unknown) => mapStrings(x, f)) as T;
  if (typeof v === "object" && v !== null)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapStrings(x, f)])) as T;
  return v;
}

/** A box without the cells of another: up to four boxes (above, below, left, right of the overlap). */
function subtract(a: Box, b: Box): Box[] {
  if (!overlaps(a, b)) return [a];
  const out: Box[] = [];
  if (a.r0 < b.r0) out.push({ ...a, r1: b.r0 - 1 });
  if (a.r1 > b.r1) out.push({ ...a, r0: b.r1 + 1 });
  const r0 = Math.max(a.r0, b.r0);
  const r1 = Math.min(a.r1, b.r1);
  if (a.c0 < b.c0) out.push({ r0, r1, c0: a.c0, c1: b.c0 - 1 });
  if (a.c1 > b.c1) out.push({ r0, r1, c0: b.c1 + 1, c1: a.c1 });
  return out;
}

/** DataValidationType by the rule's kind of criteria (Excel.DataValidationRule's members). */
const DV_TYPES: Record<string, string> = {
  wholeNumber: "WholeNumber",
  decimal: "Decimal",
  list: "List",
  date: "Date",
  time: "Time",
  textLength: "TextLength",
  custom: "Custom",
};

/** Properties that must be loaded before they are read ("call the load method … and call context.sync()"). */
class Loadable {
  protected loaded = new Map<string, unknown>();
  protected get<T>(prop: string): T {
    if (!this.loaded.has(prop))
      throw new OfficeError(
        "PropertyNotLoaded",
        `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    return this.loaded.get(prop) as T;
  }
}

function propList(props: string | string[]): string[] {
  return (Array.isArray(props) ? props : props.split(",")).map((p) => p.trim()).filter(Boolean);
}

type SheetOf = () => SheetModel | undefined;
const needSheet = (s: SheetModel | undefined): SheetModel =>
  s ?? fail("ItemNotFound", "The requested resource doesn't exist.");

/** Range.format.font / fill / borders and the format's own properties, each setter checked and applied at sync. */
class FakeFont {
  constructor(private q: (prop: string, v: unknown, check: () => void) => void) {}
  set bold(v: boolean) {
    this.q("font.bold", v, () => need(typeof v === "boolean", "font.bold", v));
  }
  set italic(v: boolean) {
    this.q("font.italic", v, () => need(typeof v === "boolean", "font.italic", v));
  }
  set size(v: number) {
    this.q("font.size", v, () => need(typeof v === "number" && v >= 1 && v <= 409, "font.size", v));
  }
  set color(v: string) {
    this.q("font.color", v, () => need(isColor(v), "font.color", v));
  }
  set name(v: string) {
    this.q("font.name", v, () => need(typeof v === "string" && v.length > 0, "font.name", v));
  }
}

class FakeBorder {
  constructor(
    private q: (prop: string, v: unknown, check: () => void) => void,
    private index: string,
  ) {}
  set style(v: string) {
    this.q(`${this.index}.style`, v, () => checkEnum("BorderLineStyle", v, "border.style"));
  }
  set color(v: string) {
    this.q(`${this.index}.color`, v, () => need(isColor(v), "border.color", v));
  }
  set weight(v: string) {
    this.q(`${this.index}.weight`, v, () => checkEnum("BorderWeight", v, "border.weight"));
  }
}

class FakeFormat {
  readonly font: FakeFont;
  readonly fill: { color: string };
  readonly borders: { getItem: (index: string) => FakeBorder };
  constructor(
    private host: FakeExcel,
    private range: FakeRange,
  ) {
    const q = (prop: string, v: unknown, check: () => void) => this.set(prop, v, check);
    this.font = new FakeFont(q);
    this.fill = {
      set color(v: string) {
        q("fill.color", v, () => need(isColor(v), "fill.color", v));
      },
    } as { color: string };
    this.borders = {
      getItem: (index: string) => {
        checkEnum("BorderIndex", index, "borders.getItem");
        return new FakeBorder(q, `border:${index}`);
      },
    };
  }
  private set(prop: string, v: unknown, check: () => void): void {
    this.host.queue(() => {
      check();
      const { sheet, box } = this.range.resolve();
      this.host.editable(sheet, `format.${prop}`);
      if (prop === "columnWidth") {
        // RangeFormat.columnWidth: [Api set: ExcelApi 1.2]
        this.host.requires("1.2", "RangeFormat.columnWidth");
        for (let c = box.c0; c <= box.c1; c++) sheet.columnWidths.set(c, v as number);
        return;
      }
      if (prop === "rowHeight") {
        // RangeFormat.rowHeight: [Api set: ExcelApi 1.2]
        this.host.requires("1.2", "RangeFormat.rowHeight");
        for (let r = box.r0; r <= box.r1; r++) sheet.rowHeights.set(r, v as number);
        return;
      }
      const border = /^border:(\w+)\.(\w+)$/.exec(prop);
      if (!border) return this.host.setFormat(sheet, box, prop, v);
      // Undocumented for one-row/one-column ranges: the stricter reading refuses an inside edge there.
      const [, index, attr] = border;
      const edges: [Box, string][] = [];
      const { r0, c0, r1, c1 } = box;
      if (index === "EdgeTop") edges.push([{ r0, c0, r1: r0, c1 }, "top"]);
      else if (index === "EdgeBottom") edges.push([{ r0: r1, c0, r1, c1 }, "bottom"]);
      else if (index === "EdgeLeft") edges.push([{ r0, c0, r1, c1: c0 }, "left"]);
      else if (index === "EdgeRight") edges.push([{ r0, c0: c1, r1, c1 }, "right"]);
      else if (index === "InsideHorizontal") {
        need(r1 > r0, "InsideHorizontal on one row", boxAddress(box));
        edges.push([{ r0, c0, r1: r1 - 1, c1 }, "bottom"], [{ r0: r0 + 1, c0, r1, c1 }, "top"]);
      } else if (index === "InsideVertical") {
        need(c1 > c0, "InsideVertical on one column", boxAddress(box));
        edges.push([{ r0, c0, r1, c1: c1 - 1 }, "right"], [{ r0, c0: c0 + 1, r1, c1 }, "left"]);
      }
      for (const [b, side] of edges) this.host.setFormat(sheet, b, `border.${side}.${attr}`, v);
    }, v);
  }
  set wrapText(v: boolean) {
    this.set("wrapText", v, () => need(typeof v === "boolean", "wrapText", v));
  }
  set horizontalAlignment(v: string) {
    this.set("horizontalAlignment", v, () => checkEnum("HorizontalAlignment", v, "horizontalAlignment"));
  }
  set verticalAlignment(v: string) {
    this.set("verticalAlignment", v, () => checkEnum("VerticalAlignment", v, "verticalAlignment"));
  }
  /**
   * "The height of all rows in the range" in points (RangeFormat.rowHeight); Excel's rows are at most 409 points high
   * ("Excel specifications and limits": row height).
   */
  set rowHeight(v: number) {
    this.set("rowHeight", v, () => need(typeof v === "number" && v >= 0 && v <= 409, "rowHeight", v));
  }
  set columnWidth(v: number) {
    this.set("columnWidth", v, () =>
      need(typeof v === "number" && v >= 0 && v <= 255 * 7.5, "columnWidth", v),
    );
  }
}

/** A conditional format: only the member matching its type may be used (others fail at sync, stricter reading). */
class FakeConditionalFormat extends Loadable {
  constructor(
    private host: FakeExcel,
    private model: () => ConditionalFormatModel,
  ) {
    super();
  }
  private member(type: string, name: string) {
    const host = this.host;
    const q = (prop: string, v: unknown, check: () => void) =>
      this.host.queue(() => {
        const m = this.model();
        if (m.type !== type)
          fail("InvalidOperation", `${name} is not available on a ${m.type} conditional format`);
        check();
        const sheet = host.sheets.find((x) => x.conditionalFormats.includes(m));
        if (sheet) host.editable(sheet, "conditional format");
        // A rule's formulas are bound to their sheets, as a cell's (a deleted sheet leaves #REF!).
        m.props[`${name}.${prop}`] = prop.startsWith("rule")
          ? mapStrings(v, (x) => (x.startsWith("=") ? host.bind(x) : x))
          : v;
      }, v);
    const format = {
      fill: {
        set color(v: string) {
          q("format.fill.color", v, () => need(isColor(v), "fill.color", v));
        },
      },
      font: {
        set color(v: string) {
          q("format.font.color", v, () => need(isColor(v), "font.color", v));
        },
      },
    };
    return { q, format };
  }
  /** Loads the format's id and type (ConditionalFormat.id, type: ExcelApi 1.6). */
  load(props: string | string[] = "id, type"): this {
    const list = propList(props);
    for (const p of list) need(["id", "type"].includes(p), "fake host: conditional format load", p);
    this.host.onSync(() => {
      const m = this.model();
      this.loaded.set("id", m.id);
      this.loaded.set("type", m.type);
      return [m.id, m.type];
    });
    return this;
  }
  get id(): string {
    return this.get("id");
  }
  get type(): string {
    return this.get("type");
  }
  /** A rule's loaded value, as Excel shows it (current sheet names, #REF! for deleted sheets): ExcelApi 1.6. */
  private loadRule(type: string, key: string, set: (v: unknown) => void): void {
    this.host.onSync(() => {
      const m = this.model();
      if (m.type !== type)
        fail("InvalidOperation", `${key} is not available on a ${m.type} conditional format`);
      const v = mapStrings(m.props[key], (x) => (x.startsWith("=") ? this.host.render(x) : x));
      set(v);
      return v;
    });
  }
  get cellValue() {
    const { q, format } = this.member("CellValue", "cellValue");
    let got: { value: unknown } | null = null;
    const cellValue = {
      format,
      load: (_props = "rule") => {
        this.loadRule("CellValue", "cellValue.rule", (v) => (got = { value: v }));
        return cellValue;
      },
      get rule(): { formula1: string; formula2?: string; operator: string } {
        if (!got) throw new OfficeError("PropertyNotLoaded", "The property 'rule' is not available.");
        return got.value as { formula1: string; formula2?: string; operator: string };
      },
      set rule(v: { formula1: string; formula2?: string; operator: string }) {
        q("rule", v, () => {
          need(typeof v?.formula1 === "string", "rule.formula1", v?.formula1);
          checkEnum("ConditionalCellValueOperator", v.operator, "rule.operator");
          if (v.operator === "Between" || v.operator === "NotBetween")
            need(typeof v.formula2 === "string", "rule.formula2", v.formula2);
        });
      },
    };
    return cellValue;
  }
  get textComparison() {
    const { q, format } = this.member("ContainsText", "textComparison");
    return {
      format,
      set rule(v: { operator: string; text: string }) {
        q("rule", v, () => {
          checkEnum("ConditionalTextOperator", v?.operator, "rule.operator");
          need(typeof v.text === "string", "rule.text", v.text);
        });
      },
    };
  }
  get custom() {
    const { q, format } = this.member("Custom", "custom");
    let got: { value: unknown } | null = null;
    const rule = {
      load: (_props = "formula") => {
        this.loadRule("Custom", "custom.rule.formula", (v) => (got = { value: v }));
        return rule;
      },
      get formula(): string {
        if (!got) throw new OfficeError("PropertyNotLoaded", "The property 'formula' is not available.");
        return got.value as string;
      },
      set formula(v: string) {
        q("rule.formula", v, () => need(typeof v === "string" && v.startsWith("="), "rule.formula", v));
      },
    };
    return { format, rule };
  }
  get dataBar() {
    const { q } = this.member("DataBar", "dataBar");
    return {
      positiveFormat: {
        set fillColor(v: string) {
          q("positiveFormat.fillColor", v, () => need(isColor(v), "fillColor", v));
        },
        set gradientFill(v: boolean) {
          q("positiveFormat.gradientFill", v, () => need(typeof v === "boolean", "gradientFill", v));
        },
      },
    };
  }
  get colorScale() {
    const { q } = this.member("ColorScale", "colorScale");
    return {
      set criteria(v: Record<string, { type: string; color: string; formula?: string } | undefined>) {
        q("criteria", v, () => {
          need(!!v?.minimum && !!v.maximum, "criteria", v);
          for (const c of Object.values(v)) {
            if (!c) continue;
            checkEnum("ConditionalFormatColorCriterionType", c.type, "criterion.type");
            need(isColor(c.color), "criterion.color", c.color);
          }
        });
      },
    };
  }
}

/**
 * Excel.RangeAreas as getMergedAreasOrNullObject returns it: load("address") gives "the RangeAreas reference in A1-style.
 * Address value will contain the worksheet name for each rectangular block of cells (e.g., "Sheet1!A1:B4,
 * Sheet1!D1:D4")" [Api set: ExcelApi 1.9].
 */
export class FakeRangeAreas extends Loadable {
  constructor(
    private host: FakeExcel,
    private areas: () => { sheet: SheetModel; areas: Box[] },
  ) {
    super();
  }
  load(props: string | string[] = "address"): this {
    const list = propList(props);
    this.host.onSync(() => {
      const { sheet, areas } = this.areas();
      if (areas.length > 512) fail("GeneralException", "There are more than 512 merged areas in the range.");
      this.loaded.set("isNullObject", areas.length === 0);
      if (!areas.length) return null;
      for (const p of list) {
        if (p !== "address") fail("InvalidArgument", `fake host: cannot load RangeAreas.${p}`);
        this.loaded.set("address", areas.map((a) => `${quoteName(sheet.name)}!${boxAddress(a)}`).join(", "));
      }
      return { address: this.loaded.get("address") };
    });
    return this;
  }
  get isNullObject(): boolean {
    return this.get("isNullObject");
  }
  get address(): string {
    return this.get("address");
  }
}

/** Range.dataValidation (Excel.DataValidation, ExcelApi 1.8): see FakeRange.dataValidation. */
class FakeDataValidation extends Loadable {
  constructor(
    private host: FakeExcel,
    private range: FakeRange,
  ) {
    super();
  }
  private set(prop: "rule" | "ignoreBlanks" | "prompt" | "errorAlert", v: unknown): void {
    const host = this.host;
    host.queue(() => {
      host.requires("1.8", `DataValidation.${prop}`);
      const { sheet, box } = this.range.resolve();
      host.editable(sheet, "data validation");
      const here = sheet.dataValidations.filter((x) => overlaps(x.box, box));
      if (prop !== "rule") {
        // On the rule of the range, which must be one.
        const one = here.length === 1 && cellsOf(here[0].box) === cellsOf(box) ? here[0] : null;
        if (!one) fail("InvalidOperation", `DataValidation.${prop} of a range without one rule`);
        need(prop === "ignoreBlanks" ? typeof v === "boolean" : typeof v === "object" && v !== null, prop, v);
        one![prop] = v as never;
        return;
      }
      const rule = v as Record<string, unknown>;
      const kinds = Object.keys(rule ?? {});
      need(
        kinds.length === 1 && kinds[0] in DV_TYPES,
        "DataValidationRule: one kind of criteria",
        kinds.join(","),
      );
      const list = rule.list as { inCellDropDown?: unknown; source?: unknown } | undefined;
      if (list) {
        need(typeof list.source === "string" && list.source.length > 0, "list.source", list.source);
        need(
          list.inCellDropDown === undefined || typeof list.inCellDropDown === "boolean",
          "inCellDropDown",
          list.inCellDropDown,
        );
      }
      if (here.length) fail("InvalidOperation", `${boxAddress(box)} has data validation: clear it first`);
      // Formulas bind to their sheets (a missing sheet is refused, as for a cell's formula).
      sheet.dataValidations.push({
        box,
        rule: mapStrings(rule, (x) => (x.startsWith("=") ? host.bind(x) : x)),
      });
    }, v);
  }
  set rule(v: Record<string, unknown>) {
    this.set("rule", v);
  }
  set ignoreBlanks(v: boolean) {
    this.set("ignoreBlanks", v);
  }
  set prompt(v: Record<string, unknown>) {
    this.set("prompt", v);
  }
  set errorAlert(v: Record<string, unknown>) {
    this.set("errorAlert", v);
  }
  get rule(): Record<string, unknown> {
    return this.get("rule");
  }
  get type(): string {
    return this.get("type");
  }
  get ignoreBlanks(): boolean {
    return this.get("ignoreBlanks");
  }
  get prompt(): Record<string, unknown> {
    return this.get("prompt");
  }
  get errorAlert(): Record<string, unknown> {
    return this.get("errorAlert");
  }
  load(props: string | string[]): this {
    const list = propList(props);
    for (const p of list)
      need(
        ["type", "rule", "ignoreBlanks", "prompt", "errorAlert"].includes(p),
        "fake host: dataValidation load",
        p,
      );
    this.host.onSync(() => {
      this.host.requires("1.8", "DataValidation");
      const { sheet, box } = this.range.resolve();
      // Each cell's validation as Excel shows it: the last set over it, or none.
      const shown = new Map<string, Record<string, unknown> | null>();
      for (let r = box.r0; r <= box.r1; r++)
        for (let c = box.c0; c <= box.c1; c++) {
          const v = [...sheet.dataValidations]
            .reverse()
            .find((x) => overlaps(x.box, { r0: r, c0: c, r1: r, c1: c }));
          const cell = v
            ? {
                type: DV_TYPES[Object.keys(v.rule)[0]],
                rule: this.host.dvRule(v),
                ignoreBlanks: v.ignoreBlanks ?? true,
                prompt: v.prompt ?? { showPrompt: false, title: "", message: "" },
                errorAlert: v.errorAlert ?? { showAlert: true, style: "Stop", title: "", message: "" },
              }
            : null;
          shown.set(JSON.stringify(cell), cell);
        }
      // "Inconsistent" where the cells' rules differ, "MixedCriteria" where some cells have none (DataValidationType).
      const [one] = shown.values();
      const none = { type: "None", rule: {}, ignoreBlanks: true, prompt: {}, errorAlert: {} };
      const mixed = { ...none, type: shown.has("null") ? "MixedCriteria" : "Inconsistent" };
      const got: Record<string, unknown> = shown.size > 1 ? mixed : (one ?? none);
      for (const p of list) this.loaded.set(p, structuredClone(got[p]));
      return list.map((p) => this.loaded.get(p));
    });
    return this;
  }
  /** "Clears the data validation from the current range." (DataValidation.clear, ExcelApi 1.8) */
  clear(): void {
    this.host.queue(() => {
      this.host.requires("1.8", "DataValidation.clear");
      const { sheet, box } = this.range.resolve();
      this.host.editable(sheet, "data validation");
      sheet.dataValidations = sheet.dataValidations.flatMap((v) =>
        subtract(v.box, box).map((b) => ({ ...v, box: b })),
      );
    });
  }
}

export class FakeRange extends Loadable {
  constructor(
    private host: FakeExcel,
    readonly sheetOf: SheetOf,
    private area: (() => Box | null) | Box,
  ) {
    super();
  }
  /** The sheet and box at sync time; a missing sheet fails as ItemNotFound. */
  resolve(): { sheet: SheetModel; box: Box } {
    const sheet = needSheet(this.sheetOf());
    const box = this.box() ?? fail("ItemNotFound", "The requested resource doesn't exist.");
    return { sheet, box };
  }
  private box(): Box | null {
    return typeof this.area === "function" ? this.area() : this.area;
  }
  get format(): FakeFormat {
    return new FakeFormat(this.host, this);
  }
  /**
   * Range.dataValidation [Api set: ExcelApi 1.8]. DataValidationRule holds one kind of criteria; ListDataValidation's
   * source is "a Range object, or a string that contains a comma-separated number, Boolean, or date" list, and a
   * string starting with "=" is a formula (a range reference), bound to its sheet. `type` is "None" where no cell has a
   * rule, "Inconsistent" where the cells' rules differ ("there are different rules on different cells"); `rule`,
   * `ignoreBlanks`, `prompt` and `errorAlert` are the range's where all its cells share one; clear() "Clears the data
   * validation from the current range". Whether setting `rule` where a rule is replaces it or fails is not documented:
   * the stricter reading, a range with a rule must be cleared first (InvalidOperation otherwise).
   */
  get dataValidation() {
    return new FakeDataValidation(this.host, this);
  }
  /**
   * Range.getSpecialCellsOrNullObject(cellType) [Api set: ExcelApi 1.9]: "Gets the RangeAreas object, comprising one or
   * more ranges, that represents all the cells that match the specified type and value", a null object if none. Only
   * "DataValidations" ("Cells with validation criteria") is modelled.
   */
  getSpecialCellsOrNullObject(cellType: string): FakeRangeAreas {
    this.host.requires("1.9", "Range.getSpecialCellsOrNullObject");
    checkEnum("SpecialCellType", cellType, "getSpecialCellsOrNullObject");
    if (cellType !== "DataValidations") fail("NotImplemented", `fake host: special cells ${cellType}`);
    return new FakeRangeAreas(this.host, () => {
      const { sheet, box } = this.resolve();
      const clipped = sheet.dataValidations
        .filter((v) => overlaps(v.box, box))
        .map((v) => ({
          r0: Math.max(v.box.r0, box.r0),
          c0: Math.max(v.box.c0, box.c0),
          r1: Math.min(v.box.r1, box.r1),
          c1: Math.min(v.box.c1, box.c1),
        }))
        .sort((a, b) => a.c0 - b.c0 || a.c1 - b.c1 || a.r0 - b.r0);
      // How Excel cuts the cells into areas is not documented: the stricter reading joins neighbours one under the other
      // whatever their rules, so an area's column may hold several rules (DataValidation.type "Inconsistent").
      const areas: Box[] = [];
      for (const b of clipped) {
        const last = areas[areas.length - 1];
        if (last && last.c0 === b.c0 && last.c1 === b.c1 && b.r0 <= last.r1 + 1)
          last.r1 = Math.max(last.r1, b.r1);
        else areas.push({ ...b });
      }
      return { sheet, areas };
    });
  }
  /**
   * Range.conditionalFormats (ConditionalFormatCollection, ExcelApi 1.6): "the collection of all the conditional formats
   * that are overlap the range", top priority first; load("items/id, items/type"); getItem(id).
   */
  get conditionalFormats() {
    const formats = () => {
      const { sheet, box } = this.resolve();
      return sheet.conditionalFormats.filter((m) => overlaps(m.box, box));
    };
    let items: FakeConditionalFormat[] | null = null;
    const collection = {
      load: (props: string = "items/id, items/type") => {
        const list = propList(props).map((p) => p.replace(/^items\//, ""));
        this.host.onSync(() => {
          this.host.requires("1.6", "Range.conditionalFormats");
          items = formats().map((m) => {
            const f = new FakeConditionalFormat(this.host, () => m);
            const loaded = (f as unknown as { loaded: Map<string, unknown> }).loaded;
            for (const p of list) {
              need(["id", "type"].includes(p), "fake host: conditional format load", p);
              loaded.set(p, m[p as "id" | "type"]);
            }
            return f;
          });
          return items.length;
        });
        return collection;
      },
      get items(): FakeConditionalFormat[] {
        if (!items) throw new OfficeError("PropertyNotLoaded", "The property 'items' is not available.");
        return items;
      },
      /** "Returns a conditional format for the given ID." (ConditionalFormatCollection.getItem, ExcelApi 1.6) */
      getItem: (id: string) =>
        new FakeConditionalFormat(
          this.host,
          () => formats().find((m) => m.id === id) ?? fail("ItemNotFound", `no conditional format ${id}`),
        ),
      add: (type: string) => {
        let model: ConditionalFormatModel | null = null;
        this.host.queue(() => {
          // Range.conditionalFormats: [Api set: ExcelApi 1.6]
          this.host.requires("1.6", "conditionalFormats.add");
          checkEnum("ConditionalFormatType", type, "conditionalFormats.add");
          const { sheet, box } = this.resolve();
          this.host.editable(sheet, "conditional format");
          model = { id: `cf${++conditionalFormatIds}`, type, box, props: {} };
          // "Adds a new conditional format to the collection at the first/top priority." (ConditionalFormatCollection.add)
          sheet.conditionalFormats.unshift(model);
        }, type);
        return new FakeConditionalFormat(
          this.host,
          () => model ?? fail("InvalidOperation", "no conditional format"),
        );
      },
    };
    return collection;
  }
  load(props: string | string[]): this {
    const list = propList(props);
    this.host.onSync(() => {
      const s = this.sheetOf();
      const b = s ? this.box() : null;
      this.loaded.set("isNullObject", !s || !b);
      if (!s || !b) return null;
      const cellProps = list.filter((p) => ["values", "formulas", "numberFormat", "valueTypes"].includes(p));
      if (cellProps.length && cellsOf(b) > READ_CELL_LIMIT)
        fail(
          "RangeExceedsLimit",
          `A range read is limited to 5,000,000 cells; ${boxAddress(b)} has ${cellsOf(b)}.`,
        );
      if (cellProps.includes("values")) this.host.recalc();
      const grid = (f: (c: Cell | undefined) => unknown) =>
        Array.from({ length: b.r1 - b.r0 + 1 }, (_, i) =>
          Array.from({ length: b.c1 - b.c0 + 1 }, (_, j) => f(s.cells.get(key(b.r0 + i, b.c0 + j)))),
        );
      const out: Record<string, unknown> = {};
      for (const p of list) {
        let v: unknown;
        if (p === "values") v = grid((c) => (c ? c.value : ""));
        else if (p === "formulas")
          v = grid((c) => (c ? (c.formula !== null ? this.host.render(c.formula) : c.value) : ""));
        else if (p === "numberFormat") v = grid((c) => (c ? c.numberFormat : "General"));
        else if (p === "rowIndex") v = b.r0;
        else if (p === "columnIndex") v = b.c0;
        else if (p === "rowCount") v = b.r1 - b.r0 + 1;
        else if (p === "columnCount") v = b.c1 - b.c0 + 1;
        else if (p === "address") v = `${quoteName(s.name)}!${boxAddress(b)}`;
        else fail("InvalidArgument", `fake host: cannot load ${p}`);
        this.loaded.set(p, v);
        out[p] = v;
      }
      return out;
    });
    return this;
  }
  get isNullObject(): boolean {
    return this.get("isNullObject");
  }
  /**
   * Range.getMergedAreasOrNullObject() [Api set: ExcelApi 1.13]: "Returns a RangeAreas object that represents the
   * merged areas in this range. Note that if the merged areas count in this range is more than 512, then this method
   * will fail to return the result. If the RangeAreas object doesn't exist, then this method returns an object with
   * its isNullObject property set to true."
   */
  getMergedAreasOrNullObject(): FakeRangeAreas {
    this.host.requires("1.13", "Range.getMergedAreasOrNullObject");
    return new FakeRangeAreas(this.host, () => {
      const { sheet, box } = this.resolve();
      return { sheet, areas: sheet.merges.filter((m) => overlaps(m, box)) };
    });
  }
  get values(): unknown[][] {
    return this.get("values");
  }
  /** Range.numberFormat: the format codes, same shape as values (loaded like values). */
  get numberFormat(): unknown[][] {
    return this.get("numberFormat");
  }
  get formulas(): unknown[][] {
    return this.get("formulas");
  }
  get rowIndex(): number {
    return this.get("rowIndex");
  }
  get columnIndex(): number {
    return this.get("columnIndex");
  }
  get rowCount(): number {
    return this.get("rowCount");
  }
  get columnCount(): number {
    return this.get("columnCount");
  }
  get address(): string {
    return this.get("address");
  }
  private write(rows: unknown[][], kind: "values" | "formulas" | "numberFormat"): void {
    this.host.queue(() => {
      const { sheet: s, box: b } = this.resolve();
      this.host.editable(s, kind);
      if (
        !Array.isArray(rows) ||
        rows.length !== b.r1 - b.r0 + 1 ||
        rows.some((r) => !Array.isArray(r) || r.length !== b.c1 - b.c0 + 1)
      )
        fail(
          "InvalidArgument",
          "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
        );
      // "Use null in 2-D arrays to leave specific cells unchanged while updating others"; "Empty strings ('') clear or
      // reset property values": "" clears a value or formula and sets the number format to General (guide "Blank and
      // null values in Excel add-ins").
      rows.forEach((row, i) =>
        row.forEach((v, j) => {
          if (v === null) return;
          if (kind !== "numberFormat") return this.host.writeCell(s, b.r0 + i, b.c0 + j, v);
          need(typeof v === "string", "numberFormat", v);
          const k = key(b.r0 + i, b.c0 + j);
          const c = s.cells.get(k) ?? { value: "", formula: null, numberFormat: "General" };
          c.numberFormat = v === "" ? "General" : (v as string);
          s.cells.set(k, c);
        }),
      );
    }, rows);
  }
  set values(rows: unknown[][]) {
    this.write(rows, "values");
  }
  set formulas(rows: unknown[][]) {
    this.write(rows, "formulas");
  }
  set numberFormat(rows: unknown[][]) {
    this.write(rows, "numberFormat");
  }
  /** Range.clear(): contents and formats; the cells' formulas and values are gone. */
  clear(applyTo?: string): void {
    this.host.queue(() => {
      if (applyTo !== undefined) checkEnum("ClearApplyTo", applyTo, "clear");
      const { sheet, box } = this.resolve();
      this.host.editable(sheet, "clear");
      for (const k of [...sheet.cells.keys()]) {
        const [r, c] = k.split(",").map(Number);
        if (r >= box.r0 && r <= box.r1 && c >= box.c0 && c <= box.c1) sheet.cells.delete(k);
      }
      this.host.markDirty();
    }, applyTo ?? null);
  }
  /**
   * Range.merge(across) [Api set: ExcelApi 1.2]. What happens to the other cells' contents is not in the API reference;
   * Excel's Merge & Center keeps "only the upper-left value" (support article "Merge and unmerge cells"): the stricter
   * reading is taken, the other cells of each merged area are emptied.
   */
  merge(across?: boolean): void {
    this.host.queue(() => {
      this.host.requires("1.2", "Range.merge");
      need(across === undefined || typeof across === "boolean", "across", across);
      const { sheet, box } = this.resolve();
      this.host.editable(sheet, "merge");
      if (this.host.tables.some((t) => t.sheet === sheet && overlaps(t.box, box)))
        fail("InvalidOperation", `cannot merge ${boxAddress(box)}: it overlaps a table`);
      const areas = across
        ? Array.from({ length: box.r1 - box.r0 + 1 }, (_, i) => ({ ...box, r0: box.r0 + i, r1: box.r0 + i }))
        : [box];
      for (const a of areas) {
        for (let r = a.r0; r <= a.r1; r++)
          for (let c = a.c0; c <= a.c1; c++) if (r !== a.r0 || c !== a.c0) sheet.cells.delete(key(r, c));
        sheet.merges.push(a);
      }
      this.host.markDirty();
    }, across ?? null);
  }
  select(): void {
    this.host.queue(() => {
      const { sheet, box } = this.resolve();
      this.host.selection = `${sheet.name}!${colName(box.c0)}${box.r0 + 1}`;
    });
  }
}

/**
 * ClientResult<T> of a method such as ChartSeries.getDimensionDataSourceString: its value is there after the sync that
 * carried the call, not before (the client's ClientResult throws until the response has set it).
 */
class FakeResult<T> {
  private got: { value: T } | null = null;
  constructor(host: FakeExcel, compute: () => T) {
    host.onSync(() => {
      this.got = { value: compute() };
      return this.got.value;
    });
  }
  get value(): T {
    if (!this.got)
      throw new OfficeError("ValueNotLoaded", "The value of the result object has not been loaded yet.");
    return this.got.value;
  }
}

/** Chart types whose series have x and y values rather than categories and values (Excel.ChartSeriesDimension). */
const XY_CHARTS = /^(XYScatter|Bubble)/;

/**
 * Worksheet.charts (ChartCollection, ExcelApi 1.1): add, getItemAt(index) ("Gets a chart based on its position in the
 * collection. Zero-indexed"), load of `count` or of the items' name and chartType (Chart.chartType: ExcelApi 1.7).
 */
class FakeCharts extends Loadable {
  constructor(
    private host: FakeExcel,
    private ref: SheetOf,
  ) {
    super();
  }
  load(props: string | string[] = "items/name"): this {
    const list = propList(props).map((p) => p.replace(/^items\//, ""));
    for (const p of list) need(["name", "chartType", "count"].includes(p), "fake host: chart load", p);
    this.host.onSync(() => {
      if (list.includes("chartType")) this.host.requires("1.7", "Chart.chartType");
      const sheet = needSheet(this.ref());
      const items = sheet.charts.map((m) => {
        const chart = new FakeChart(
          this.host,
          () => m,
          () => sheet,
        );
        const loaded = (chart as unknown as { loaded: Map<string, unknown> }).loaded;
        loaded.set("name", m.name);
        loaded.set("chartType", m.type);
        return chart;
      });
      this.loaded.set("items", items);
      this.loaded.set("count", items.length);
      return sheet.charts.map((m) => [m.name, m.type]);
    });
    return this;
  }
  get items(): FakeChart[] {
    return this.get("items");
  }
  get count(): number {
    return this.get("count");
  }
  getItemAt(index: number): FakeChart {
    return new FakeChart(
      this.host,
      () =>
        needSheet(this.ref()).charts[index] ?? fail("ItemNotFound", `The sheet has no chart at ${index}.`),
      () => needSheet(this.ref()),
    );
  }
  add(type: string, source: FakeRange, seriesBy?: string): FakeChart {
    let model: ChartModel | null = null;
    this.host.queue(() => {
      checkEnum("ChartType", type, "charts.add type");
      if (seriesBy !== undefined) checkEnum("ChartSeriesBy", seriesBy, "charts.add seriesBy");
      need(source instanceof FakeRange, "sourceData", typeof source);
      const { sheet, box } = source.resolve();
      const home = needSheet(this.ref());
      // Inserting a chart edits objects ("allowEditObjects", false unless given).
      this.host.editable(home, "chart");
      const byRows = seriesBy === "Rows" || (seriesBy !== "Columns" && box.c1 - box.c0 > box.r1 - box.r0);
      const series = byRows
        ? Array.from({ length: box.r1 - box.r0 + 1 }, (_, i) => ({
            r0: box.r0 + i,
            r1: box.r0 + i,
            c0: box.c0,
            c1: box.c1,
          }))
        : Array.from({ length: box.c1 - box.c0 + 1 }, (_, j) => ({
            r0: box.r0,
            r1: box.r1,
            c0: box.c0 + j,
            c1: box.c0 + j,
          }));
      model = {
        name: `Chart ${home.charts.length + 1}`,
        type,
        title: null,
        from: null,
        to: null,
        categoryReversed: false,
        legendVisible: true,
        series: series.map((b) => ({ name: null, values: { sheet, box: b }, xValues: null })),
      };
      home.charts.push(model);
    }, [type, "<ref>", seriesBy ?? null]);
    return new FakeChart(
      this.host,
      () => model ?? fail("InvalidOperation", "no chart"),
      () => needSheet(this.ref()),
    );
  }
}

class FakeChart extends Loadable {
  constructor(
    private host: FakeExcel,
    private model: () => ChartModel,
    /** The sheet holding the chart: its protection refuses edits to the chart. */
    private home: () => SheetModel,
  ) {
    super();
  }
  load(props: string | string[] = "name"): this {
    const list = propList(props);
    for (const p of list) need(["name", "chartType"].includes(p), "fake host: chart load", p);
    this.host.onSync(() => {
      if (list.includes("chartType")) this.host.requires("1.7", "Chart.chartType");
      const m = this.model();
      this.loaded.set("name", m.name);
      this.loaded.set("chartType", m.type);
      return list.map((p) => this.loaded.get(p));
    });
    return this;
  }
  get name(): string {
    return this.get("name");
  }
  /** Chart.name: "Specifies the name of a chart object." (ExcelApi 1.1) */
  set name(v: string) {
    this.host.queue(() => {
      need(typeof v === "string" && v.length > 0, "chart name", v);
      this.host.editable(this.home(), "chart");
      this.model().name = v;
    }, v);
  }
  get chartType(): string {
    return this.get("chartType");
  }
  get title() {
    const q = (v: unknown) =>
      this.host.queue(() => {
        need(typeof v === "string", "title.text", v);
        this.model().title = v as string;
      }, v);
    return {
      set text(v: string) {
        q(v);
      },
    };
  }
  setPosition(start: string, end?: string): void {
    this.host.queue(() => {
      need(typeof start === "string", "startCell", start);
      parseAddress(start);
      if (end !== undefined) parseAddress(end);
      this.model().from = start;
      this.model().to = end ?? null;
    }, [start, end]);
  }
  get axes() {
    const host = this.host;
    const model = this.model;
    const q = (v: unknown) =>
      this.host.queue(() => {
        this.host.requires("1.7", "ChartAxis.reversePlotOrder");
        need(typeof v === "boolean", "reversePlotOrder", v);
        this.model().categoryReversed = v as boolean;
      }, v);
    /** "Can be set to a numeric value or an empty string (for automatic axis values)" (ChartAxis.minimum / maximum, ExcelApi 1.1). */
    const bound = (which: "valueMin" | "valueMax", v: unknown) =>
      host.queue(() => {
        need(v === "" || (typeof v === "number" && Number.isFinite(v)), `valueAxis.${which}`, v);
        const m = model();
        if (v === "") delete m[which];
        else m[which] = v as number;
        if (m.valueMin !== undefined && m.valueMax !== undefined)
          // Undocumented for the API (the grid's Format Axis refuses it): the stricter reading refuses a minimum ≥ maximum.
          need(m.valueMin < m.valueMax, "valueAxis minimum < maximum", [m.valueMin, m.valueMax]);
      }, v);
    return {
      categoryAxis: {
        set reversePlotOrder(v: boolean) {
          q(v);
        },
      },
      valueAxis: {
        set minimum(v: number | "") {
          bound("valueMin", v);
        },
        set maximum(v: number | "") {
          bound("valueMax", v);
        },
        /** "The interval between two major tick marks. Can be set to a numeric value or an empty string" (ChartAxis.majorUnit, ExcelApi 1.1); a unit of 0 or less is not documented: refused. */
        set majorUnit(v: number | "") {
          host.queue(() => {
            need(
              v === "" || (typeof v === "number" && Number.isFinite(v) && v > 0),
              "valueAxis.majorUnit",
              v,
            );
            const m = model();
            if (v === "") delete m.valueUnit;
            else m.valueUnit = v;
          }, v);
        },
        /** "Specifies the format code for the axis tick label" (ChartAxis.numberFormat, [Api set: ExcelApi 1.8]). */
        set numberFormat(v: string) {
          host.queue(() => {
            host.requires("1.8", "ChartAxis.numberFormat");
            need(typeof v === "string", "valueAxis.numberFormat", v);
            model().valueFormat = v;
          }, v);
        },
      },
    };
  }
  /**
   * Chart.plotArea: "Represents the plot area for the chart" ([Api set: ExcelApi 1.8]); ChartPlotArea.position is
   * "Automatic" or "Custom" (Excel.ChartPlotAreaPosition), left, top, width and height numbers. A negative or
   * infinite number is not documented: the stricter reading refuses it.
   */
  get plotArea() {
    const host = this.host;
    const model = this.model;
    const set = (prop: "position" | "left" | "top" | "width" | "height", v: unknown) =>
      host.queue(() => {
        host.requires("1.8", `ChartPlotArea.${prop}`);
        if (prop === "position") need(v === "Automatic" || v === "Custom", "plotArea.position", v);
        else need(typeof v === "number" && Number.isFinite(v) && v >= 0, `plotArea.${prop}`, v);
        (model().plotArea ??= {})[prop] = v as never;
      }, v);
    return {
      set position(v: Excel.ChartPlotAreaPosition | "Automatic" | "Custom") {
        set("position", v);
      },
      set left(v: number) {
        set("left", v);
      },
      set top(v: number) {
        set("top", v);
      },
      set width(v: number) {
        set("width", v);
      },
      set height(v: number) {
        set("height", v);
      },
    };
  }
  /** ChartLegend.visible: "Specifies if the chart legend is visible" (ExcelApi 1.1). */
  get legend() {
    const q = (v: unknown) =>
      this.host.queue(() => {
        need(typeof v === "boolean", "legend.visible", v);
        this.model().legendVisible = v as boolean;
      }, v);
    return {
      set visible(v: boolean) {
        q(v);
      },
    };
  }
  /** Chart.series (ChartSeriesCollection): getItemAt, add (ExcelApi 1.7), load("count") (count: ExcelApi 1.1). */
  get series() {
    const host = this.host;
    const model = this.model;
    let count: number | null = null;
    const series = {
      load: (props: string = "count") => {
        need(props === "count", "fake host: series load", props);
        host.onSync(() => (count = model().series.length));
        return series;
      },
      get count(): number {
        if (count === null)
          throw new OfficeError("PropertyNotLoaded", "The property 'count' is not available.");
        return count;
      },
      getItemAt: (i: number) =>
        new FakeSeries(
          this.host,
          () => this.model().series[i] ?? fail("ItemNotFound", `chart has no series ${i}`),
          this.model,
          this.home,
        ),
      add: (name?: string) => {
        let s: SeriesModel | null = null;
        this.host.queue(() => {
          // ChartSeriesCollection.add: [Api set: ExcelApi 1.7]
          this.host.requires("1.7", "ChartSeriesCollection.add");
          need(name === undefined || typeof name === "string", "series name", name);
          s = { name: name ?? null, values: null, xValues: null };
          this.model().series.push(s);
        }, name ?? null);
        return new FakeSeries(
          this.host,
          () => s ?? fail("InvalidOperation", "no series"),
          this.model,
          this.home,
        );
      },
    };
    return series;
  }
}

/**
 * ChartFill.setSolidColor(color): "HTML color code representing the color of the background, in the form #RRGGBB
 * (e.g., "FFA500") or as a named HTML color (e.g., "orange")" (ExcelApi 1.1).
 */
function chartFill(host: FakeExcel, apply: (color: string) => void) {
  return {
    setSolidColor: (color: string) =>
      host.queue(() => {
        need(isColor(color), "setSolidColor", color);
        apply(color);
      }, color),
  };
}

class FakeSeries {
  constructor(
    private host: FakeExcel,
    private model: () => SeriesModel,
    private chart: () => ChartModel,
    private home: () => SheetModel,
  ) {}
  /** ChartSeries.format.fill (ChartSeriesFormat, ExcelApi 1.1). */
  get format() {
    return { fill: chartFill(this.host, (c) => (this.model().color = c)) };
  }
  /**
   * ChartSeries.points.getItemAt(index): "Retrieve a point based on its position within the series … Zero-indexed"
   * (ChartPointsCollection, ExcelApi 1.1). A point past the series' values is not documented: the stricter reading
   * fails it with ItemNotFound.
   */
  get points() {
    return {
      getItemAt: (i: number) => ({
        format: {
          fill: chartFill(this.host, (c) => {
            const s = this.model();
            const n = s.values ? cellsOf(s.values.box) : 0;
            if (!Number.isInteger(i) || i < 0 || i >= n)
              fail("ItemNotFound", `The series has ${n} points; there is no point ${i}.`);
            (s.pointColors ??= {})[i] = c;
          }),
        },
      }),
    };
  }
  /** ChartSeries.hasDataLabels: [Api set: ExcelApi 1.7]. */
  set hasDataLabels(v: boolean) {
    this.host.queue(() => {
      this.host.requires("1.7", "ChartSeries.hasDataLabels");
      need(typeof v === "boolean", "hasDataLabels", v);
      this.model().hasDataLabels = v;
    }, v);
  }
  set name(v: string) {
    this.host.queue(() => {
      need(typeof v === "string", "series.name", v);
      this.model().name = v;
    }, v);
  }
  private setRange(which: "values" | "xValues" | "bubbleSizes", r: FakeRange): void {
    this.host.queue(() => {
      // ChartSeries.setValues / setXAxisValues / setBubbleSizes: [Api set: ExcelApi 1.7]
      this.host.requires("1.7", `ChartSeries.${which}`);
      need(r instanceof FakeRange, which, typeof r);
      // setBubbleSizes: "Only works for bubble charts." What it does on another is not documented: refused.
      if (which === "bubbleSizes" && !/^Bubble/.test(this.chart().type))
        fail("InvalidOperation", `setBubbleSizes on a ${this.chart().type} chart`);
      // Editing a chart on a protected sheet edits an object ("allowEditObjects", false unless given).
      this.host.editable(this.home(), "chart");
      this.model()[which] = r.resolve();
    }, r);
  }
  /** "Sets the values for a chart series. For scatter charts, it refers to y-axis values." (ExcelApi 1.7) */
  setValues(r: FakeRange): void {
    this.setRange("values", r);
  }
  /** "Sets the values of the x-axis for a chart series." (ExcelApi 1.7) */
  setXAxisValues(r: FakeRange): void {
    this.setRange("xValues", r);
  }
  /** "Sets the bubble sizes for a chart series. Only works for bubble charts." (ExcelApi 1.7) */
  setBubbleSizes(r: FakeRange): void {
    this.setRange("bubbleSizes", r);
  }
  /**
   * ChartSeries.getDimensionDataSourceString(dimension): "Gets the string representation of the data source of the
   * chart series. The string representation could be information such as a cell address." [Api set: ExcelApi 1.15]
   * (checked at the call; Excel reports it at the sync). The dimension is an Excel.ChartSeriesDimension: Categories and
   * Values, or "the x-axis values in scatter and bubble charts", YValues and BubbleSizes "in bubble charts". What Excel
   * answers for a dimension the chart's type has not is not documented: the stricter reading, InvalidArgument.
   */
  getDimensionDataSourceString(dimension: string): FakeResult<string> {
    this.host.requires("1.15", "ChartSeries.getDimensionDataSourceString");
    return new FakeResult(this.host, () => {
      checkEnum("ChartSeriesDimension", dimension, "getDimensionDataSourceString");
      const type = this.chart().type;
      const allowed = !XY_CHARTS.test(type)
        ? ["Categories", "Values"]
        : /^Bubble/.test(type)
          ? ["XValues", "YValues", "BubbleSizes"]
          : ["XValues", "YValues"];
      if (!allowed.includes(dimension))
        fail("InvalidArgument", `A ${type} chart's series has no ${dimension} dimension.`);
      const s = this.model();
      return this.host.sourceText(
        dimension === "Values" || dimension === "YValues"
          ? s.values
          : dimension === "BubbleSizes"
            ? s.bubbleSizes
            : s.xValues,
      );
    });
  }
}

class FakeTable extends Loadable {
  constructor(
    private host: FakeExcel,
    private model: () => TableModel,
  ) {
    super();
  }
  get name(): string {
    return this.get("name");
  }
  /** The worksheet holding the table, its name as loaded with the table (load "worksheet/name"). */
  get worksheet(): { readonly name: string } {
    return { name: this.get<string>("worksheet/name") };
  }
  set name(v: string) {
    this.host.queue(() => {
      const m = this.model();
      // Table.name: "must follow the guidelines specified in the Rename an Excel table article": a name's syntax, and
      // unique in the workbook among tables and defined names alike (one namespace, as the Name Manager lists them).
      need(validDefinedName(v), "table name", v);
      if (this.host.nameTaken(v, m))
        fail("ItemAlreadyExists", `A table or name called "${v}" already exists in the workbook.`);
      m.name = v;
    }, v);
  }
  set style(v: string) {
    this.host.queue(() => {
      need(
        typeof v === "string" &&
          /^TableStyle(Light([1-9]|1\d|2[01])|Medium([1-9]|1\d|2[0-8])|Dark([1-9]|1[01]))$/.test(v),
        "table style",
        v,
      );
      this.model().style = v;
    }, v);
  }
  set showBandedRows(v: boolean) {
    this.host.queue(() => {
      // Table.showBandedRows: [Api set: ExcelApi 1.3]
      this.host.requires("1.3", "Table.showBandedRows");
      need(typeof v === "boolean", "showBandedRows", v);
      this.model().showBandedRows = v;
    }, v);
  }
}

/**
 * WorksheetProtection [Api set: ExcelApi 1.2]: protect(options?) "Protects a worksheet. Fails if the worksheet has already
 * been protected" (the code is not given: InvalidOperation is taken); unprotect(); the `protected` property.
 */
class FakeProtection extends Loadable {
  constructor(
    private host: FakeExcel,
    private ref: SheetOf,
  ) {
    super();
  }
  protect(options?: Excel.WorksheetProtectionOptions): void {
    this.host.queue(() => {
      this.host.requires("1.2", "WorksheetProtection.protect");
      need(
        options === undefined || Object.keys(options).length === 0,
        "fake host: protection options",
        options,
      );
      const s = needSheet(this.ref());
      if (s.protected) fail("InvalidOperation", `Sheet "${s.name}" is already protected.`);
      s.protected = true;
    });
  }
  unprotect(): void {
    this.host.queue(() => {
      this.host.requires("1.2", "WorksheetProtection.unprotect");
      needSheet(this.ref()).protected = false;
    });
  }
  load(_props = "protected"): this {
    this.host.onSync(() => {
      this.loaded.set("protected", needSheet(this.ref()).protected);
      return this.loaded.get("protected");
    });
    return this;
  }
  get protected(): boolean {
    return this.get("protected");
  }
}

class FakeWorksheet extends Loadable {
  constructor(
    private host: FakeExcel,
    private ref: SheetOf,
  ) {
    super();
  }
  get name(): string {
    return this.get("name");
  }
  set name(v: string) {
    this.host.queue(() => {
      const s = needSheet(this.ref());
      if (this.host.structureProtected) fail("AccessDenied", "The workbook is protected.");
      this.host.validateName(v, s);
      const before = s.name;
      s.name = v;
      this.host.markDirty();
      if (before !== v) this.host.raise("nameChanged", s, { nameBefore: before, nameAfter: v });
    }, v);
  }
  get id(): string {
    return this.get("id");
  }
  get visibility(): string {
    return this.get("visibility");
  }
  set visibility(v: string) {
    this.host.queue(() => {
      // Worksheet.visibility: "[Api set: ExcelApi 1.1 for reading visibility; 1.2 for setting it.]"
      this.host.requires("1.2", "Worksheet.visibility (set)");
      checkEnum("SheetVisibility", v, "visibility");
      const s = needSheet(this.ref());
      if (
        v !== "Visible" &&
        s.visibility === "Visible" &&
        this.host.sheets.filter((x) => x.visibility === "Visible").length === 1
      )
        fail("InvalidOperation", "The last visible sheet cannot be hidden.");
      s.visibility = v;
    }, v);
  }
  /**
   * "The zero-based position of the worksheet within the workbook" (Worksheet.position, ExcelApi 1.1): hidden sheets
   * count. Moving a sheet is refused under workbook structure protection (Protect workbook structure); a position
   * past the last sheet is not documented: the stricter reading refuses it.
   */
  set position(v: number) {
    this.host.queue(() => {
      const s = needSheet(this.ref());
      need(Number.isInteger(v) && v >= 0 && v < this.host.sheets.length, "position", v);
      if (this.host.structureProtected) fail("AccessDenied", "The workbook is protected.");
      const rest = this.host.sheets.filter((x) => x !== s);
      this.host.sheets = [...rest.slice(0, v), s, ...rest.slice(v)];
    }, v);
  }
  set tabColor(v: string) {
    this.host.queue(() => {
      // Worksheet.tabColor: [Api set: ExcelApi 1.7]
      this.host.requires("1.7", "Worksheet.tabColor");
      need(v === "" || isColor(v), "tabColor", v);
      needSheet(this.ref()).tabColor = v;
    }, v);
  }
  /** Worksheet.names: "Collection of names scoped to the current worksheet." (ExcelApi 1.4) */
  get names(): FakeNames {
    this.host.requires("1.4", "Worksheet.names");
    return new FakeNames(this.host, this.ref);
  }
  /** Worksheet.protection (WorksheetProtection, ExcelApi 1.2): protect with the default options, unprotect, protected. */
  get protection(): FakeProtection {
    return new FakeProtection(this.host, this.ref);
  }
  get freezePanes() {
    const q = (rows: number, cols: number, what: string, check: () => void) =>
      this.host.queue(() => {
        check();
        needSheet(this.ref()).freeze = { rows, cols };
      }, what);
    const count = (n: unknown) => typeof n === "number" && Number.isInteger(n) && n >= 0 && n < 1000;
    return {
      // WorksheetFreezePanes: [Api set: ExcelApi 1.7]
      freezeRows: (n: number) =>
        q(
          n,
          0,
          `rows ${n}`,
          () => (this.host.requires("1.7", "freezeRows"), need(count(n), "freezeRows", n)),
        ),
      freezeColumns: (n: number) =>
        q(
          0,
          n,
          `cols ${n}`,
          () => (this.host.requires("1.7", "freezeColumns"), need(count(n), "freezeColumns", n)),
        ),
      freezeAt: (r: FakeRange | string) => {
        const box = typeof r === "string" ? parseAddress(r) : null;
        this.host.queue(
          () => {
            this.host.requires("1.7", "freezeAt");
            need(typeof r === "string" || r instanceof FakeRange, "freezeAt", r);
            const b = box ?? (r as FakeRange).resolve().box;
            needSheet(this.ref()).freeze = { rows: b.r1 + 1, cols: b.c1 + 1 };
          },
          typeof r === "string" ? r : "<ref>",
        );
      },
    };
  }
  /**
   * Worksheet.shapes: "Returns the collection of all the Shape objects on the worksheet." [Api set: ExcelApi 1.9]
   * (checked at the call); load("items/name, items/type") (Shape.name, Shape.type: ExcelApi 1.9).
   */
  get shapes() {
    this.host.requires("1.9", "Worksheet.shapes");
    const host = this.host;
    const ref = this.ref;
    let items: { name: string; type: string }[] | null = null;
    const shapes = {
      load: (props: string) => {
        const list = propList(props).map((p) => p.replace(/^items\//, ""));
        for (const p of list) need(["name", "type"].includes(p), "fake host: shape load", p);
        host.onSync(() => (items = needSheet(ref()).shapes.map((x) => ({ ...x }))));
        return shapes;
      },
      get items(): { name: string; type: string }[] {
        if (items === null)
          throw new OfficeError("PropertyNotLoaded", "The property 'items' is not available.");
        return items;
      },
    };
    return shapes;
  }
  /** Worksheet.charts: "Returns a collection of charts that are part of the worksheet." (ExcelApi 1.1) */
  get charts(): FakeCharts {
    return new FakeCharts(this.host, this.ref);
  }
  get tables() {
    return {
      add: (address: string | FakeRange, hasHeaders: boolean) =>
        new FakeWorkbookTables(this.host).addOn(address, hasHeaders, this.ref),
    };
  }
  get pageLayout() {
    const host = this.host;
    const ref = () => needSheet(this.ref());
    const q = (prop: string, v: unknown, check: () => void) =>
      host.queue(() => {
        // PageLayout: [Api set: ExcelApi 1.9]
        host.requires("1.9", `pageLayout.${prop}`);
        check();
        needSheet(this.ref()).pageLayout[prop] = v;
      }, v);
    const pages = (n: unknown) =>
      n === undefined || (typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= 32767);
    return {
      set orientation(v: string) {
        q("orientation", v, () => checkEnum("PageOrientation", v, "orientation"));
      },
      set paperSize(v: string) {
        q("paperSize", v, () => checkEnum("PaperType", v, "paperSize"));
      },
      set zoom(v: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number }) {
        q("zoom", v, () => {
          need(typeof v === "object" && v !== null, "zoom", v);
          need(pages(v.horizontalFitToPages) && pages(v.verticalFitToPages), "zoom fit to pages", v);
          need(
            v.scale === undefined || (typeof v.scale === "number" && v.scale >= 10 && v.scale <= 400),
            "zoom.scale",
            v,
          );
        });
      },
      /** PageLayout.firstPageNumber: "The worksheet's first page number to print", "" for auto (ExcelApi 1.9). */
      set firstPageNumber(v: number | "") {
        q("firstPageNumber", v, () =>
          need(v === "" || (typeof v === "number" && Number.isInteger(v) && v >= 0), "firstPageNumber", v),
        );
      },
      setPrintTitleRows(v: string) {
        q("printTitleRows", v, () => {
          need(typeof v === "string" && /^\$?\d+:\$?\d+$/.test(v), "setPrintTitleRows", v);
        });
      },
      /** PageLayout.setPrintArea(printArea: Range | RangeAreas | string): "Sets the worksheet's print area" (ExcelApi 1.9). */
      setPrintArea(v: string | FakeRange) {
        q("printArea", typeof v === "string" ? v : "<ref>", () => {
          need(typeof v === "string" || v instanceof FakeRange, "setPrintArea", v);
          if (typeof v === "string") parseAddress(v);
        });
      },
      /**
       * PageLayout.setPrintMargins(unit, marginOptions): "Margins not provided remain unchanged" (ExcelApi 1.9); the
       * unit is an Excel.PrintMarginUnit. Kept here in inches. A negative margin is not documented: refused.
       */
      setPrintMargins(unit: string, options: Record<string, number>) {
        host.queue(() => {
          host.requires("1.9", "pageLayout.setPrintMargins");
          checkEnum("PrintMarginUnit", unit, "setPrintMargins unit");
          const per = unit === "Points" ? 72 : unit === "Centimeters" ? 2.54 : 1;
          const sides = ["left", "right", "top", "bottom", "header", "footer"];
          need(typeof options === "object" && options !== null, "marginOptions", options);
          const margins = { ...((ref().pageLayout.margins as Record<string, number>) ?? {}) };
          for (const [k, v] of Object.entries(options)) {
            need(sides.includes(k), "marginOptions key", k);
            need(typeof v === "number" && v >= 0, `margin ${k}`, v);
            margins[k] = v / per;
          }
          ref().pageLayout.margins = margins;
        }, [unit, options]);
      },
      /**
       * PageLayout.headersFooters.defaultForAllPages: "The general header/footer, used for all pages unless even/odd
       * or first page is specified" (HeaderFooterGroup, ExcelApi 1.9); a new sheet's state is Default.
       */
      headersFooters: {
        defaultForAllPages: {
          set centerFooter(v: string) {
            q("centerFooter", v, () => need(typeof v === "string", "centerFooter", v));
          },
        },
      },
    };
  }
  /**
   * Worksheet.horizontalPageBreaks (PageBreakCollection, ExcelApi 1.9): add(range) "Adds a page break before the
   * top-left cell of the range specified". A break before row 1 is not documented (Excel's Insert Page Break does
   * nothing there): the stricter reading refuses it.
   */
  get horizontalPageBreaks() {
    const host = this.host;
    const ref = () => needSheet(this.ref());
    return {
      add: (at: string | FakeRange) =>
        host.queue(
          () => {
            host.requires("1.9", "horizontalPageBreaks.add");
            need(typeof at === "string" || at instanceof FakeRange, "pageBreakRange", at);
            const row = typeof at === "string" ? parseAddress(at).r0 : at.resolve().box.r0;
            need(row > 0, "page break before row 1", at);
            const s = ref();
            if (!s.rowBreaks.includes(row)) s.rowBreaks.push(row);
            s.rowBreaks.sort((a, b) => a - b);
          },
          typeof at === "string" ? at : "<ref>",
        ),
    };
  }
  load(props: string | string[] = "name"): this {
    const list = propList(props);
    this.host.onSync(() => {
      const s = this.ref();
      this.loaded.set("isNullObject", !s);
      if (!s) return null;
      for (const p of list) {
        need(["name", "id", "visibility"].includes(p), "load", p);
        this.loaded.set(p, s[p as "name" | "id" | "visibility"]);
      }
      return list.map((p) => this.loaded.get(p));
    });
    return this;
  }
  get isNullObject(): boolean {
    return this.get("isNullObject");
  }
  /** [Api set: ExcelApi 1.4] (checked at the call; Excel reports it at the sync). */
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    this.host.requires("1.4", "Worksheet.getUsedRangeOrNullObject");
    return new FakeRange(this.host, this.ref, () => {
      const s = this.ref();
      if (!s) return null;
      let [r0, c0, r1, c1] = [Infinity, Infinity, -1, -1];
      const take = (k: string) => {
        const [r, col] = k.split(",").map(Number);
        r0 = Math.min(r0, r);
        c0 = Math.min(c0, col);
        r1 = Math.max(r1, r);
        c1 = Math.max(c1, col);
      };
      for (const [k, c] of s.cells) if (c.formula !== null || c.value !== "" || !valuesOnly) take(k);
      if (!valuesOnly) for (const k of s.formats.keys()) take(k);
      return r1 < 0 ? null : { r0, c0, r1, c1 };
    });
  }
  /** "The `address` has a limit of 8192 characters. If the address exceeds the character limit, this method returns an `InvalidArgument` error." (Worksheet.getRange) */
  /** getRange(address?) [Api set: ExcelApi 1.1]: "If not specified, the entire worksheet range is returned." */
  getRange(address?: string): FakeRange {
    if (address === undefined)
      return new FakeRange(this.host, this.ref, { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 });
    if (typeof address !== "string" || address.length > 8192)
      fail("InvalidArgument", "The address is longer than 8,192 characters.");
    return new FakeRange(this.host, this.ref, parseAddress(address));
  }
  /** [Api set: ExcelApi 1.7] (checked at the call; Excel reports it at the sync). */
  getRangeByIndexes(r: number, c: number, rows: number, cols: number): FakeRange {
    this.host.requires("1.7", "Worksheet.getRangeByIndexes");
    return this.block(r, c, rows, cols);
  }
  private block(r: number, c: number, rows: number, cols: number): FakeRange {
    const ok = [r, c, rows, cols].every((n) => Number.isInteger(n) && n >= 0) && rows > 0 && cols > 0;
    if (!ok || r + rows > MAX_ROWS || c + cols > MAX_COLS)
      fail("InvalidArgument", `getRangeByIndexes(${r}, ${c}, ${rows}, ${cols})`);
    return new FakeRange(this.host, this.ref, { r0: r, c0: c, r1: r + rows - 1, c1: c + cols - 1 });
  }
  /** [Api set: ExcelApi 1.1] */
  getCell(r: number, c: number): FakeRange {
    return this.block(r, c, 1, 1);
  }
  /**
   * "Note that if the worksheet's visibility is set to "VeryHidden", the delete operation will fail with an
   * InvalidOperation exception. You should first change its visibility to hidden or visible before deleting it."
   * (Excel.Worksheet.delete; guide "Work with worksheets", Delete a worksheet.) The last visible sheet cannot be deleted.
   */
  delete(): void {
    this.host.queue(() => {
      const s = needSheet(this.ref());
      if (this.host.structureProtected) fail("AccessDenied", "The workbook is protected.");
      if (s.visibility === "VeryHidden")
        fail(
          "InvalidOperation",
          "This operation is not permitted for the current object (VeryHidden worksheet).",
        );
      if (
        s.visibility === "Visible" &&
        this.host.sheets.filter((x) => x.visibility === "Visible").length === 1
      )
        fail("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      this.host.sheets = this.host.sheets.filter((x) => x !== s);
      this.host.tables = this.host.tables.filter((t) => t.sheet !== s);
      // Its sheet-scoped names go with it; other names that refer to it keep #REF! in its place (render).
      this.host.names = this.host.names.filter((n) => n.scope !== s.id);
      this.host.markDirty();
      this.host.raise("deleted", s);
    });
  }
  /**
   * "Activate the worksheet in the Excel UI" (Worksheet.activate). What Excel does with a hidden sheet is not
   * documented; Excel's interface shows none, so the stricter reading is taken: refused (InvalidOperation).
   */
  activate(): void {
    this.host.queue(() => {
      const s = needSheet(this.ref());
      if (s.visibility !== "Visible") fail("InvalidOperation", `The sheet "${s.name}" is hidden.`);
      this.host.active = s.name;
    });
  }
}

class FakeWorkbookTables {
  constructor(private host: FakeExcel) {}
  /** TableCollection.add: "If the table cannot be added (e.g., because the address is invalid, or the table would overlap with another table), an error will be thrown." */
  addOn(address: string | FakeRange, hasHeaders: boolean, ref: SheetOf): FakeTable {
    let model: TableModel | null = null;
    this.host.queue(() => {
      need(typeof hasHeaders === "boolean", "hasHeaders", hasHeaders);
      // "Prior to ExcelApi 1.3, this parameter must be a string" (TableCollection.add, address).
      if (typeof address !== "string") this.host.requires("1.3", "TableCollection.add(Range)");
      // "If the address does not contain a sheet name, the currently-active sheet is used" (TableCollection.add). The
      // worksheet's collection (Worksheet.tables) is the same TableCollection and its reference says no otherwise: the
      // stricter reading is taken, a bare string address goes to the active sheet, not to the worksheet it was called on.
      const named = typeof address === "string" ? /^'?(.+?)'?!/.exec(address) : null;
      const target = () =>
        named
          ? needSheet(this.host.sheet(named[1].replace(/''/g, "'")))
          : (this.host.sheets.find((s) => s.name === this.host.active) ??
            this.host.sheets.find((s) => s.visibility === "Visible") ??
            needSheet(ref()));
      const { sheet, box } =
        typeof address === "string" ? { sheet: target(), box: parseAddress(address) } : address.resolve();
      this.host.editable(sheet, "table");
      if (this.host.tables.some((t) => t.sheet === sheet && overlaps(t.box, box)))
        fail("InvalidOperation", `The table would overlap another table at ${boxAddress(box)}.`);
      if (sheet.merges.some((m) => overlaps(m, box)))
        fail("InvalidOperation", `The table would overlap merged cells at ${boxAddress(box)}.`);
      // Header cells hold unique text: formulas become their values, blanks "ColumnN", duplicates get a number.
      let changed = false;
      for (let c = box.c0; c <= box.c1; c++) if (sheet.cells.get(key(box.r0, c))?.formula) changed = true;
      if (changed) this.host.recalc();
      const seen = new Set<string>();
      for (let c = box.c0; c <= box.c1; c++) {
        const k = key(box.r0, c);
        const cell = sheet.cells.get(k);
        let text = hasHeaders && cell && cell.value !== "" ? String(cell.value) : `Column${c - box.c0 + 1}`;
        for (let n = 2; seen.has(text.toLowerCase()); n++) text = `${text.replace(/\d+$/, "")}${n}`;
        seen.add(text.toLowerCase());
        if (hasHeaders)
          sheet.cells.set(k, { value: text, formula: null, numberFormat: cell?.numberFormat ?? "General" });
      }
      let n = this.host.tables.length + 1;
      while (this.host.nameTaken(`Table${n}`)) n++;
      model = { name: `Table${n}`, sheet, box, style: "TableStyleMedium2", showBandedRows: true };
      this.host.tables.push(model);
      if (changed) this.host.markDirty();
    }, [typeof address === "string" ? address : "<ref>", hasHeaders]);
    return new FakeTable(this.host, () => model ?? fail("InvalidOperation", "no table"));
  }
}

class FakeWorksheets extends Loadable {
  /** [Api set: ExcelApi 1.9] */
  readonly onChanged: FakeEventHandlers;
  /** [Api set: ExcelApi 1.7] */
  readonly onAdded: FakeEventHandlers;
  /** [Api set: ExcelApi 1.7] */
  readonly onDeleted: FakeEventHandlers;
  /** "Occurs when the worksheet name is changed in the worksheet collection." [Api set: ExcelApi 1.17] */
  readonly onNameChanged: FakeEventHandlers;
  constructor(
    private host: FakeExcel,
    context: FakeContext,
  ) {
    super();
    this.onChanged = new FakeEventHandlers(host, context, "changed", "1.9", "WorksheetCollection.onChanged");
    this.onAdded = new FakeEventHandlers(host, context, "added", "1.7", "WorksheetCollection.onAdded");
    this.onDeleted = new FakeEventHandlers(host, context, "deleted", "1.7", "WorksheetCollection.onDeleted");
    this.onNameChanged = new FakeEventHandlers(
      host,
      context,
      "nameChanged",
      "1.17",
      "WorksheetCollection.onNameChanged",
    );
  }
  load(props = "items/name"): this {
    const list = propList(props).map((p) => p.replace(/^items\//, ""));
    this.host.onSync(() => {
      const items = this.host.sheets.map((s) => {
        const ws = new FakeWorksheet(this.host, () => (this.host.sheets.includes(s) ? s : undefined));
        const loaded = (ws as unknown as { loaded: Map<string, unknown> }).loaded;
        for (const p of list) {
          need(["name", "id", "visibility"].includes(p), "load", p);
          loaded.set(p, s[p as "name" | "id" | "visibility"]);
        }
        return ws;
      });
      this.loaded.set("items", items);
      return this.host.sheets.map((s) => list.map((p) => s[p as "name"]));
    });
    return this;
  }
  get items(): FakeWorksheet[] {
    return this.get("items");
  }
  add(name: string): FakeWorksheet {
    let model: SheetModel | undefined;
    this.host.queue(() => {
      if (this.host.structureProtected) fail("AccessDenied", "The workbook is protected.");
      this.host.validateName(name);
      model = this.host.addSheet(name);
      this.host.raise("added", model);
    }, name);
    // The real client rejects an add() object path used after the sync that carried it: "The object path
    // 'worksheets.add()' isn't working for what you're trying to do" (InvalidObjectPath), seen with excel-web-16.00.
    const born = this.host.syncs + 1;
    return new FakeWorksheet(this.host, () => {
      if (this.host.syncs !== born)
        fail(
          "InvalidObjectPath",
          "The object path 'worksheets.add()' isn't working for what you're trying to do.",
        );
      return model && this.host.sheets.includes(model) ? model : undefined;
    });
  }
  getItem(name: string): FakeWorksheet {
    return this.lookup(name, true);
  }
  /** [Api set: ExcelApi 1.4] (checked at the call; Excel reports it at the sync). */
  getItemOrNullObject(name: string): FakeWorksheet {
    this.host.requires("1.4", "WorksheetCollection.getItemOrNullObject");
    return this.lookup(name, false);
  }
  /** A proxy resolved by name or id when first used (at sync), as Office.js resolves it; getItem fails on a missing sheet. */
  private lookup(name: string, strict: boolean): FakeWorksheet {
    let model: SheetModel | undefined;
    let resolved = false;
    return new FakeWorksheet(this.host, () => {
      if (!resolved) {
        model = this.host.sheets.find((s) => s.id === name) ?? this.host.sheet(name);
        resolved = true;
        if (!model && strict) fail("ItemNotFound", `The requested resource doesn't exist: sheet "${name}".`);
      }
      return model && this.host.sheets.includes(model) ? model : undefined;
    });
  }
}

/** Workbook.tables: getItem resolves by name at sync (ItemNotFound when missing); load("items/name"). */
class FakeTables extends Loadable {
  constructor(private host: FakeExcel) {
    super();
  }
  /** load("items/name") or load("items/name, items/worksheet/name") (Table.worksheet: [Api set: ExcelApi 1.2]). */
  load(props = "items/name"): this {
    const list = propList(props).map((p) => p.replace(/^items\//, ""));
    for (const p of list) need(["name", "worksheet/name"].includes(p), "fake host: table load", p);
    this.host.onSync(() => {
      if (list.includes("worksheet/name")) this.host.requires("1.2", "Table.worksheet");
      const items = this.host.tables.map((t) => {
        const table = new FakeTable(this.host, () => t);
        const loaded = (table as unknown as { loaded: Map<string, unknown> }).loaded;
        loaded.set("name", t.name);
        if (list.includes("worksheet/name")) loaded.set("worksheet/name", t.sheet.name);
        return table;
      });
      this.loaded.set("items", items);
      return this.host.tables.map((t) => list.map((p) => (p === "name" ? t.name : t.sheet.name)));
    });
    return this;
  }
  get items(): FakeTable[] {
    return this.get("items");
  }
  getItem(name: string): FakeTable {
    let model: TableModel | undefined;
    return new FakeTable(this.host, () => {
      model ??= this.host.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
      return model ?? fail("ItemNotFound", `The requested resource doesn't exist: table "${name}".`);
    });
  }
}

/**
 * A defined name's syntax ("Define and use names in formulas", support.microsoft.com: first character a letter, "_"
 * or "\\"; then letters, digits, "." and "_"; not a cell reference such as A1 or R1C1; at most 255 characters).
 * Letters may be of every script (Excel takes "Ngưỡng_Tốt" as a name).
 */
function validDefinedName(name: unknown): boolean {
  return (
    typeof name === "string" &&
    /^[\p{L}_\\][\p{L}\p{N}_.\\]{0,254}$/u.test(name) &&
    !/^[A-Za-z]{1,3}\d+$/.test(name) &&
    !/^[RrCc]$|^[Rr]\d*[Cc]\d*$/.test(name)
  );
}

/** Excel.NamedItem: name and formula loadable; formula settable (ExcelApi 1.7); delete() (ExcelApi 1.4). */
class FakeNamedItem extends Loadable {
  constructor(
    private host: FakeExcel,
    private model: () => NameModel,
  ) {
    super();
  }
  get name(): string {
    return this.get("name");
  }
  get formula(): string {
    return this.get("formula");
  }
  /** Loads the name and its formula as Excel shows it (current sheet names, #REF! for deleted ones); ItemNotFound if gone. */
  load(_props: string | string[] = "name, formula"): this {
    this.host.onSync(() => {
      const m = this.model();
      this.loaded.set("name", m.name);
      this.loaded.set("formula", this.host.render(m.formula));
      return [m.name, m.formula];
    });
    return this;
  }
  /** "The formula of the named item. Formulas always start with an equal sign ("=")." (NamedItem.formula, ExcelApi 1.7) */
  set formula(v: string) {
    this.host.queue(() => {
      this.host.requires("1.7", "NamedItem.formula");
      need(typeof v === "string" && v.startsWith("="), "formula", v);
      this.model().formula = this.host.bind(v);
      this.host.markDirty();
    }, v);
  }
  /** "Deletes the given name." (NamedItem.delete, ExcelApi 1.4) */
  delete(): void {
    this.host.queue(() => {
      this.host.requires("1.4", "NamedItem.delete");
      const m = this.model();
      this.host.names.splice(this.host.names.indexOf(m), 1);
      this.host.markDirty();
    });
  }
}

/**
 * Workbook.names and Worksheet.names (Excel.NamedItemCollection): load("items/name") (ExcelApi 1.1); getItem resolves by
 * name at sync (ItemNotFound when missing); add(name, reference) "adds a new name to the collection of the given scope"
 * (ExcelApi 1.4). The workbook's collection holds the workbook-scoped names, a sheet's the names scoped to it ("names
 * scoped to the current worksheet", Worksheet.names). Names are unique in their scope ignoring case, as the Name Manager
 * enforces; the error code for a duplicate is not documented, so the stricter reading is taken: the add fails
 * (ItemAlreadyExists) and nothing changes.
 */
class FakeNames extends Loadable {
  constructor(
    private host: FakeExcel,
    /** The sheet of a Worksheet.names collection; none for Workbook.names. */
    private sheet?: SheetOf,
  ) {
    super();
  }
  /** The id of this collection's scope, checked at sync: a sheet-scoped collection of a deleted sheet fails. */
  private scope(): string | undefined {
    return this.sheet ? needSheet(this.sheet()).id : undefined;
  }
  private models(): NameModel[] {
    const scope = this.scope();
    return this.host.names.filter((n) => n.scope === scope);
  }
  load(_props = "items/name"): this {
    this.host.onSync(() => {
      const models = this.models();
      const items = models.map((n) => {
        const item = new FakeNamedItem(this.host, () => n);
        const loaded = (item as unknown as { loaded: Map<string, unknown> }).loaded;
        loaded.set("name", n.name);
        loaded.set("formula", this.host.render(n.formula));
        return item;
      });
      this.loaded.set("items", items);
      return models.map((n) => n.name);
    });
    return this;
  }
  get items(): FakeNamedItem[] {
    return this.get("items");
  }
  getItem(name: string): FakeNamedItem {
    let model: NameModel | undefined;
    return new FakeNamedItem(this.host, () => {
      model ??= this.models().find((n) => n.name.toLowerCase() === name.toLowerCase());
      return model ?? fail("ItemNotFound", `The requested resource doesn't exist: name "${name}".`);
    });
  }
  add(name: string, reference: string): FakeNamedItem {
    const model: NameModel = { name, formula: "" };
    this.host.queue(() => {
      this.host.requires("1.4", "NamedItemCollection.add");
      need(validDefinedName(name), "name", name);
      need(typeof reference === "string", "reference", reference);
      const scope = this.scope();
      const fold = (x: string) => x.normalize("NFC").toLowerCase();
      if (
        scope === undefined
          ? this.host.nameTaken(name)
          : this.models().some((n) => fold(n.name) === fold(name))
      )
        fail("ItemAlreadyExists", `A resource with the same name or identifier already exists: "${name}"`);
      model.formula = this.host.bind(reference.startsWith("=") ? reference : `=${reference}`);
      if (scope !== undefined) model.scope = scope;
      this.host.names.push(model);
      this.host.markDirty();
    }, [name, reference]);
    return new FakeNamedItem(this.host, () => model);
  }
}

class FakeWorkbook {
  readonly worksheets: FakeWorksheets;
  readonly tables: FakeTables;
  readonly names: FakeNames;
  readonly application: { suspendApiCalculationUntilNextSync: () => void; calculate: (type: string) => void };
  constructor(host: FakeExcel, context: FakeContext) {
    this.worksheets = new FakeWorksheets(host, context);
    this.tables = new FakeTables(host);
    this.names = new FakeNames(host);
    this.application = {
      /** "Suspends calculation until the next context.sync() is called. Once set, it is the developer's responsibility to re-calc the workbook" (Application.suspendApiCalculationUntilNextSync, ExcelApi 1.6). */
      suspendApiCalculationUntilNextSync: () =>
        host.queue(() => {
          host.requires("1.6", "suspendApiCalculationUntilNextSync");
          (host as unknown as { suspended: boolean }).suspended = true;
        }),
      /** Application.calculate(calculationType): recalculates, including cells left uncalculated by a suspension. */
      calculate: (type: string) =>
        host.queue(() => {
          checkEnum("CalculationType", type, "calculate");
          host.calculations++;
          for (const s of host.sheets) for (const c of s.cells.values()) delete c.stale;
          host.markDirty();
        }, type),
    };
  }
}

/** Installs the global Excel namespace the adapter uses: every enum with its real values, and Excel.run on this host. */
export function installExcelEnums(host?: FakeExcel): void {
  (globalThis as Record<string, unknown>).Excel = {
    ...excelEnums(),
    ...(host ? { run: host.run } : {}),
  };
}
