/**
 * A strict fake Excel host for tests. It enforces what real Office.js enforces: reading a property that was not
 * loaded and synced throws PropertyNotLoaded; writes take effect only at sync; a string starting with "=" written to
 * values becomes a formula; a request over 5 MB throws RequestPayloadSizeLimitExceeded; invalid or duplicate
 * sheet names are refused. It counts syncs and payload bytes.
 */
import type { WorkbookGrids } from "../../src/engine/grid";

type Cell = { value: string | number | boolean; formula: string | null; numberFormat: string };
interface SheetModel {
  name: string;
  cells: Map<string, Cell>;
  visibility: string;
  protected: boolean;
  decorations: string[];
}

export class OfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const LIMIT = 5 * 1024 * 1024;
const key = (r: number, c: number) => `${r},${c}`;

function colName(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function colNum(s: string): number {
  let n = 0;
  for (const ch of s.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

function parseRange(address: string): { r0: number; c0: number; r1: number; c1: number } {
  const a = address.replace(/^.*!/, "").replace(/\$/g, "");
  const [p, q] = a.split(":");
  const cell = (x: string) => {
    const m = /^([A-Z]*)(\d*)$/i.exec(x);
    if (!m) throw new OfficeError("InvalidArgument", `bad address ${address}`);
    return { r: m[2] ? Number(m[2]) - 1 : 0, c: m[1] ? colNum(m[1]) - 1 : 0, fullCol: !m[2] };
  };
  const s = cell(p);
  const e = cell(q ?? p);
  return { r0: s.r, c0: s.c, r1: e.fullCol ? 1048575 : e.r, c1: e.c };
}

export class FakeExcel {
  sheets: SheetModel[] = [];
  syncs = 0;
  /** The active sheet and the selected address, as the user would see them. */
  active: string | null = null;
  selection: string | null = null;
  /** Workbook structure protected (Review → Protect Workbook): sheets cannot be added, deleted or renamed. */
  structureProtected = false;
  /** Test hook: the Nth operation from now fails as Excel would fail mid-request. */
  failAtOp: number | null = null;
  payloadBytes = 0;
  private ops: { run: () => void; bytes: number }[] = [];
  private loads: (() => void)[] = [];
  readonly supported: Record<string, number>;

  constructor(supported: Record<string, number> = { ExcelApi: 1.17 }) {
    this.supported = supported;
  }

  /** A host holding these sheets' values (errors and dates left blank), as a workbook a user opened. */
  static withGrids(grids: WorkbookGrids): FakeExcel {
    const host = new FakeExcel();
    for (const g of grids.sheets)
      host.addSheet(
        g.sheet,
        g.values.map((r) => r.map((v) => (v === null || typeof v === "object" ? null : v))),
      );
    return host;
  }

  /** Adds a sheet directly (test set-up, not through the API). */
  addSheet(name: string, rows: (string | number | boolean | null)[][] = []): void {
    const cells = new Map<string, Cell>();
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null) return;
        const f = typeof v === "string" && v.startsWith("=") ? v : null;
        cells.set(key(r, c), { value: f ? 0 : v, formula: f, numberFormat: "General" });
      }),
    );
    this.sheets.push({ name, cells, visibility: "Visible", protected: false, decorations: [] });
  }

  sheet(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  queue(run: () => void, payload: unknown = null): void {
    // Proxies in a payload travel as object references, not as their contents.
    const bytes =
      payload === null
        ? 16
        : JSON.stringify(payload, (_k, v: unknown) => (v instanceof Loadable ? "<ref>" : v)).length;
    this.ops.push({ run, bytes });
  }

  onSync(load: () => void): void {
    this.loads.push(load);
  }

  async sync(): Promise<void> {
    this.syncs++;
    const bytes = this.ops.reduce((s, o) => s + o.bytes, 0);
    if (bytes > LIMIT) {
      this.ops = [];
      this.loads = [];
      throw new OfficeError("RequestPayloadSizeLimitExceeded", `request payload ${bytes} bytes exceeds 5 MB`);
    }
    this.payloadBytes += bytes;
    const ops = this.ops;
    const loads = this.loads;
    this.ops = [];
    this.loads = [];
    for (const o of ops) {
      if (this.failAtOp !== null && --this.failAtOp <= 0) {
        this.failAtOp = null;
        this.loads = [];
        throw new OfficeError("GeneralException", "An internal error has occurred.");
      }
      o.run();
    }
    for (const l of loads) l();
  }

  validateName(name: string, except?: SheetModel): void {
    if (!name || name.length > 31 || /[[\]:*?/\\]/.test(name))
      throw new OfficeError("InvalidArgument", `invalid sheet name "${name}"`);
    if (this.sheets.some((s) => s !== except && s.name.toLowerCase() === name.toLowerCase()))
      throw new OfficeError("ItemAlreadyExists", `sheet "${name}" exists`);
  }

  /** A context for the adapter's runner. */
  context(): unknown {
    return { workbook: new FakeWorkbook(this), sync: () => this.sync() };
  }

  /** An Excel.run stand-in. */
  runner() {
    return <T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> =>
      batch(this.context() as Excel.RequestContext);
  }

  /** Cell contents as a user would see them: formula text or value. */
  read(sheet: string, address: string): string | number | boolean | null {
    const s = this.sheet(sheet);
    const { r0, c0 } = parseRange(address);
    const c = s?.cells.get(key(r0, c0));
    return c ? (c.formula ?? c.value) : null;
  }
}

/** Properties that must be loaded before they are read. */
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

/** Formatting objects: any property set or method call is queued (and counted), nothing is readable. */
function recorder(host: FakeExcel, sheet: () => SheetModel | undefined, path: string): unknown {
  return new Proxy(
    {},
    {
      get(_, prop: string) {
        if (prop === "then") return undefined;
        const child = recorder(host, sheet, `${path}.${prop}`);
        return new Proxy(() => undefined, {
          apply(_t, _this, args: unknown[]) {
            host.queue(
              () => sheet()?.decorations.push(`${path}.${prop}(${JSON.stringify(args).slice(0, 80)})`),
              args,
            );
            return child;
          },
          get(_t, p: string) {
            return (child as Record<string, unknown>)[p];
          },
          set(_t, p: string, v: unknown) {
            (child as Record<string, unknown>)[p] = v;
            return true;
          },
        });
      },
      set(_, prop: string, value: unknown) {
        host.queue(
          () => sheet()?.decorations.push(`${path}.${prop}=${JSON.stringify(value).slice(0, 80)}`),
          value,
        );
        return true;
      },
    },
  );
}

class FakeRange extends Loadable {
  constructor(
    private host: FakeExcel,
    private sheetOf: () => SheetModel | undefined,
    private area:
      | (() => { r0: number; c0: number; r1: number; c1: number } | null)
      | { r0: number; c0: number; r1: number; c1: number },
  ) {
    super();
  }
  get format(): unknown {
    return recorder(this.host, this.sheetOf, "format");
  }
  get conditionalFormats(): unknown {
    return recorder(this.host, this.sheetOf, "conditionalFormats");
  }
  private box() {
    return typeof this.area === "function" ? this.area() : this.area;
  }
  load(props: string | string[]): this {
    const list = Array.isArray(props) ? props : props.split(",").map((p) => p.trim());
    this.host.onSync(() => {
      const s = this.sheetOf();
      const b = this.box();
      this.loaded.set("isNullObject", !s || !b);
      if (!s || !b) return;
      const grid = (f: (c: Cell | undefined) => unknown) =>
        Array.from({ length: b.r1 - b.r0 + 1 }, (_, i) =>
          Array.from({ length: b.c1 - b.c0 + 1 }, (_, j) => f(s.cells.get(key(b.r0 + i, b.c0 + j)))),
        );
      for (const p of list) {
        if (p === "values")
          this.loaded.set(
            p,
            grid((c) => (c ? c.value : "")),
          );
        else if (p === "formulas")
          this.loaded.set(
            p,
            grid((c) => (c ? (c.formula ?? c.value) : "")),
          );
        else if (p === "numberFormat")
          this.loaded.set(
            p,
            grid((c) => (c ? c.numberFormat : "General")),
          );
        else if (p === "rowIndex") this.loaded.set(p, b.r0);
        else if (p === "columnIndex") this.loaded.set(p, b.c0);
        else throw new OfficeError("InvalidArgument", `cannot load ${p}`);
      }
    });
    return this;
  }
  get isNullObject(): boolean {
    return this.get("isNullObject");
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
  private write(rows: unknown[][], kind: "values" | "formulas" | "numberFormat"): void {
    this.host.queue(() => {
      const s = this.sheetOf();
      const b = this.box();
      if (!s || !b) throw new OfficeError("ItemNotFound", "range not found");
      if (s.protected) throw new OfficeError("AccessDenied", `sheet "${s.name}" is protected`);
      if (rows.length !== b.r1 - b.r0 + 1 || rows.some((r) => r.length !== b.c1 - b.c0 + 1))
        throw new OfficeError(
          "InvalidArgument",
          "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
        );
      rows.forEach((row, i) =>
        row.forEach((v, j) => {
          const k = key(b.r0 + i, b.c0 + j);
          const c = s.cells.get(k) ?? { value: "", formula: null, numberFormat: "General" };
          if (kind === "numberFormat") c.numberFormat = String(v);
          else if (typeof v === "string" && v.startsWith("=")) {
            c.formula = v;
            c.value = 0;
          } else if (typeof v === "string" && v.startsWith("'")) {
            c.formula = null;
            c.value = v.slice(1);
          } else {
            c.formula = null;
            c.value = v as string | number | boolean;
          }
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
  merge(): void {
    this.host.queue(() => this.sheetOf()?.decorations.push("merge"));
  }
  select(): void {
    this.host.queue(() => {
      const b = this.box();
      this.host.selection = b ? `${this.sheetOf()?.name}!${colName(b.c0)}${b.r0 + 1}` : null;
    });
  }
}

class FakeWorksheet extends Loadable {
  constructor(
    private host: FakeExcel,
    private ref: () => SheetModel | undefined,
  ) {
    super();
  }
  get name(): string {
    return this.get("name");
  }
  set name(v: string) {
    this.host.queue(() => {
      const s = this.ref();
      if (!s) throw new OfficeError("ItemNotFound", "sheet not found");
      this.host.validateName(v, s);
      s.name = v;
    }, v);
  }
  set visibility(v: string) {
    this.host.queue(() => {
      const s = this.ref();
      if (s) s.visibility = v;
    });
  }
  set tabColor(v: string) {
    this.host.queue(() => this.ref()?.decorations.push(`tabColor=${v}`));
  }
  get freezePanes(): unknown {
    return recorder(this.host, this.ref, "freezePanes");
  }
  get charts(): unknown {
    return recorder(this.host, this.ref, "charts");
  }
  get pageLayout(): unknown {
    return recorder(this.host, this.ref, "pageLayout");
  }
  load(_props: string): this {
    this.host.onSync(() => {
      const s = this.ref();
      this.loaded.set("isNullObject", !s);
      if (s) this.loaded.set("name", s.name);
    });
    return this;
  }
  get isNullObject(): boolean {
    return this.get("isNullObject");
  }
  getUsedRangeOrNullObject(): FakeRange {
    return new FakeRange(this.host, this.ref, () => {
      const s = this.ref();
      if (!s || s.cells.size === 0) return null;
      let [r0, c0, r1, c1] = [Infinity, Infinity, -1, -1];
      for (const [k, c] of s.cells) {
        if (c.value === "" && c.formula === null) continue;
        const [r, col] = k.split(",").map(Number);
        r0 = Math.min(r0, r);
        c0 = Math.min(c0, col);
        r1 = Math.max(r1, r);
        c1 = Math.max(c1, col);
      }
      return r1 < 0 ? null : { r0, c0, r1, c1 };
    });
  }
  getRange(address: string): FakeRange {
    return new FakeRange(this.host, this.ref, parseRange(address));
  }
  getRangeByIndexes(r: number, c: number, rows: number, cols: number): FakeRange {
    return new FakeRange(this.host, this.ref, { r0: r, c0: c, r1: r + rows - 1, c1: c + cols - 1 });
  }
  getCell(r: number, c: number): FakeRange {
    return this.getRangeByIndexes(r, c, 1, 1);
  }
  delete(): void {
    this.host.queue(() => {
      const s = this.ref();
      if (s) this.host.sheets = this.host.sheets.filter((x) => x !== s);
    });
  }
  activate(): void {
    this.host.queue(() => {
      this.host.active = this.ref()?.name ?? null;
    });
  }
}

class FakeWorksheets extends Loadable {
  constructor(private host: FakeExcel) {
    super();
  }
  load(_props: string): this {
    this.host.onSync(() => {
      this.loaded.set(
        "items",
        this.host.sheets.map((s) => {
          const ws = new FakeWorksheet(this.host, () => (this.host.sheets.includes(s) ? s : undefined));
          (ws as unknown as { loaded: Map<string, unknown> }).loaded.set("name", s.name);
          return ws;
        }),
      );
    });
    return this;
  }
  get items(): FakeWorksheet[] {
    return this.get("items");
  }
  add(name: string): FakeWorksheet {
    let model: SheetModel | undefined;
    this.host.queue(() => {
      if (this.host.structureProtected) throw new OfficeError("AccessDenied", "The workbook is protected.");
      this.host.validateName(name);
      model = { name, cells: new Map(), visibility: "Visible", protected: false, decorations: [] };
      this.host.sheets.push(model);
    }, name);
    return new FakeWorksheet(this.host, () =>
      model && this.host.sheets.includes(model) ? model : undefined,
    );
  }
  getItem(name: string): FakeWorksheet {
    return this.lookup(name, true);
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    return this.lookup(name, false);
  }
  /** A proxy resolved by name when first used (at sync), as Office.js resolves it; strict lookups fail on a missing sheet. */
  private lookup(name: string, strict: boolean): FakeWorksheet {
    let model: SheetModel | undefined;
    let resolved = false;
    return new FakeWorksheet(this.host, () => {
      if (!resolved) {
        model = this.host.sheet(name);
        resolved = true;
        if (!model && strict) throw new OfficeError("ItemNotFound", `sheet "${name}" not found`);
      }
      return model && this.host.sheets.includes(model) ? model : undefined;
    });
  }
}

class FakeWorkbook {
  readonly worksheets: FakeWorksheets;
  readonly application: { suspendApiCalculationUntilNextSync: () => void };
  constructor(host: FakeExcel) {
    this.worksheets = new FakeWorksheets(host);
    this.application = { suspendApiCalculationUntilNextSync: () => host.queue(() => undefined) };
  }
}

/** The Excel enums the adapter uses, as strings (the real Office.js values). */
export function installExcelEnums(): void {
  (globalThis as Record<string, unknown>).Excel = {
    SheetVisibility: { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" },
    ConditionalFormatType: {
      containsText: "ContainsText",
      dataBar: "DataBar",
      cellValue: "CellValue",
      colorScale: "ColorScale",
    },
    ConditionalTextOperator: { contains: "Contains" },
    ChartType: { pie: "Pie", barClustered: "BarClustered", columnClustered: "ColumnClustered" },
    ChartSeriesBy: { auto: "Auto" },
    PageOrientation: { landscape: "Landscape", portrait: "Portrait" },
    PaperType: { a4: "A4" },
  };
}
