/**
 * Declarative descriptions of the sheets the product writes. Both adapters (the Excel add-in and .xlsx files)
 * apply the same spec, so tests can assert on the spec and the two outputs agree.
 */

/** A literal cell value. Strings are always text: adapters must keep "=…", "+…", "-…", "@…" as text. */
export type SpecValue = string | number | boolean | null;

/** Cell styling the adapters understand (kept small on purpose). */
export interface CellStyle {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly fontSize?: number;
  /** Font family, e.g. "Times New Roman" (default: the workbook's). */
  readonly fontName?: string;
  /** RGB hex without '#', e.g. "1F4E79". */
  readonly fontColor?: string;
  readonly fill?: string;
  readonly horizontal?: "left" | "center" | "right";
  /** Vertical alignment; a cell aligned or wrapped is centred unless it says otherwise. */
  readonly vertical?: "top" | "center";
  readonly wrap?: boolean;
  readonly border?: boolean;
}

/**
 * A formula whose only varying part is a row number: its text cut at each place the row goes. One template serves
 * every cell of a column (plain data, so specs still cross threads by structured clone).
 */
export interface FormulaTemplate {
  readonly parts: readonly string[];
}

/** One cell: a literal value, or a formula with its cached value (what the engine computed). */
export interface SpecCell {
  readonly value?: SpecValue;
  /** Formula in A1 notation, starting with "=", English function names and "," separators. */
  readonly formula?: string;
  /**
   * The formula as a template and the row that goes into it, where formula is not given: a column of them at rows one
   * apart is one formula filled down, which the .xlsx writer and the fingerprint use without building each text
   * (building the 290,000 texts of a 1,000-unit Kết quả up front cost 0.3 s and 45 MB). Read a cell's formula
   * with formulaOf.
   */
  readonly fill?: FormulaTemplate;
  readonly fillRow?: number;
  readonly numberFormat?: string;
  readonly style?: CellStyle;
}

/** A template's text at a row. */
export function templateText(t: FormulaTemplate, row: number): string {
  const p = t.parts;
  if (p.length === 1) return p[0];
  const r = String(row);
  let s = p[0];
  for (let k = 1; k < p.length; k++) s += r + p[k];
  return s;
}

/** A cell's formula text (built from its template where it has one), or undefined for a literal. */
export function formulaOf(c: SpecCell): string | undefined {
  if (c.formula !== undefined || c.fill === undefined) return c.formula;
  return templateText(c.fill, c.fillRow ?? 0);
}

/** Whether a cell holds a formula (as text or as a template; "" is none), without building its text. */
export const isFormulaCell = (c: SpecCell): boolean =>
  c.formula !== undefined
    ? c.formula !== ""
    : c.fill !== undefined && (c.fill.parts.length > 1 || c.fill.parts[0] !== "");

/** A rectangular block of cells whose top-left cell is at (row, col), 1-based. */
export interface SpecBlock {
  readonly row: number;
  readonly col: number;
  readonly cells: readonly (readonly SpecCell[])[];
}

/** An Excel table over a range whose first row holds the headers. */
export interface TableSpec {
  readonly name: string;
  /** A1 range including the header row, e.g. "A4:H35". */
  readonly range: string;
  readonly style?: string;
}

/** Excel's longest table column name (MS-OI29500 2.1.681, tableColumn: "less than or equal to 255 characters"). */
const MAX_COLUMN_NAME = 255;

/**
 * A table's column names from its header row, as Excel names them when it makes a table (TableCollection.add, Insert
 * Table): a blank header is "Column<n>", a header repeated (ignoring case) gets a number ("Tên", "tên2"), none longer
 * than 255 characters. A table's header cells must hold exactly these names (ECMA-376 Part 1, 18.5.1.3 tableColumn),
 * so a spec writes them as its header cells: Excel then renames none, and the fingerprint is that of the sheet.
 */
export function tableColumnNames(headers: readonly (SpecValue | undefined)[]): string[] {
  const seen = new Set<string>();
  return headers.map((v, j) => {
    const text =
      v === null || v === undefined || v === ""
        ? `Column${j + 1}`
        : typeof v === "boolean"
          ? String(v).toUpperCase()
          : String(v);
    const base = text.slice(0, MAX_COLUMN_NAME);
    let name = base;
    for (let k = 2; seen.has(name.toLowerCase()); k++)
      name = `${base.slice(0, MAX_COLUMN_NAME - String(k).length)}${k}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

export type ConditionalFormatSpec =
  | {
      readonly type: "cellIs";
      readonly range: string;
      readonly operator: "greaterThanOrEqual" | "lessThan" | "between" | "equal";
      /** Formulas or numbers as text, e.g. ["1"] or ["0.8", "0.9999"]. */
      readonly operands: readonly string[];
      readonly fill: string;
      readonly fontColor?: string;
    }
  | {
      readonly type: "textEquals";
      readonly range: string;
      readonly text: string;
      readonly fill: string;
      readonly fontColor?: string;
    }
  | { readonly type: "dataBar"; readonly range: string; readonly color: string }
  | {
      readonly type: "colorScale";
      readonly range: string;
      /** Colours for the minimum, (optional) midpoint and maximum. */
      readonly colors: readonly string[];
    };

/** Colours of a chart's series in order (RGB hex), in both adapters. */
export const SERIES_COLORS = ["1F4E79", "2E75B6", "70AD47", "FFC000", "C00000"] as const;

/** A native Excel chart over ranges of the same sheet. */
export interface ChartSpec {
  readonly type: "bar" | "column" | "pie";
  readonly title: string;
  /** A1 range of the category labels (same sheet). */
  readonly categories: string;
  readonly series: readonly { readonly name: string; readonly values: string }[];
  /** Colour of each bar of a one-series chart (RGB hex), e.g. the grade colours. */
  readonly pointColors?: readonly string[];
  /** Value axis bounds, interval between its labels (default: the application's) and number format. */
  readonly valueAxis?: {
    readonly min: number;
    readonly max: number;
    readonly majorUnit?: number;
    readonly numberFormat: string;
  };
  /** Show the legend (default true). */
  readonly legend?: boolean;
  /** Write each bar's value beside it. */
  readonly dataLabels?: boolean;
  /** Number format of the values' cells and of the data labels (default: the value axis's). */
  readonly labelFormat?: string;
  /**
   * The plot area with its axes' labels, in points from the chart's top left (default: laid out by the application,
   * which leaves no room for a label outside the end of a bar near the axis's maximum).
   */
  readonly plotArea?: {
    readonly left: number;
    readonly top: number;
    readonly width: number;
    readonly height: number;
  };
  /** Placement by cells: top-left and bottom-right corners, 1-based. */
  readonly anchor: {
    readonly fromRow: number;
    readonly fromCol: number;
    readonly toRow: number;
    readonly toCol: number;
  };
}

/**
 * How a sheet is scaled on paper. Excel ignores manual page breaks on a sheet set to fit to pages, so a sheet with
 * row breaks is printed at a scale: the type says so, and both adapters write what it says.
 */
export type PrintZoom =
  | { readonly fitToWidth: number; readonly rowBreaks?: undefined }
  | {
      /** Percent, 10–400. */
      readonly scale: number;
      /** Rows after which a new page starts. */
      readonly rowBreaks?: readonly number[];
    };

export type PrintSetup = PrintZoom & {
  readonly orientation: "landscape" | "portrait";
  readonly paperSize: "A4";
  /** Rows repeated at the top of every printed page, e.g. "1:4". */
  readonly titleRows?: string;
  /** The printed range, e.g. "A1:G120". */
  readonly area?: string;
  /** Margins in inches. */
  readonly margins?: {
    readonly left: number;
    readonly right: number;
    readonly top: number;
    readonly bottom: number;
    readonly header: number;
    readonly footer: number;
  };
  /** The footer's centre section in Excel's header/footer codes (&P page, &N pages; a literal "&" doubled). */
  readonly footer?: string;
  /**
   * The number of the sheet's first printed page, whatever prints before it (Excel's First page number). Unset, it is
   * Auto: printing the whole workbook, Excel and LibreOffice number the pages across the sheets, and &N counts all.
   */
  readonly firstPageNumber?: number;
};

/** A workbook-level defined name (named range) the sheet's formulas use, e.g. ictplan_gradeGood → 'Cấu hình'!$B$5. */
export interface DefinedNameSpec {
  readonly name: string;
  /** An absolute reference with its sheet, without "=". */
  readonly ref: string;
}

/** Which output sheet this is; the adapter records it as the ownership mark. */
export type OutputKind = "results" | "ranking" | "findings" | "summary";

/** Excel's column width in points for a width in characters of the default font (7 px per character + 5 px padding, 0.75 pt per px). */
export function widthPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** A whole output sheet. */
export interface SheetSpec {
  readonly name: string;
  readonly kind: OutputKind;
  readonly blocks: readonly SpecBlock[];
  readonly merges?: readonly string[];
  readonly columnWidths?: readonly { readonly col: number; readonly width: number }[];
  /** Row heights in points (rows not listed keep the default). */
  readonly rowHeights?: readonly { readonly row: number; readonly height: number }[];
  /** The period a summary tab reports (tabs are ordered and replaced by it). */
  readonly period?: string;
  /** Rows and columns frozen at the top-left. */
  readonly freeze?: { readonly rows: number; readonly cols: number };
  readonly tables?: readonly TableSpec[];
  readonly conditionalFormats?: readonly ConditionalFormatSpec[];
  readonly charts?: readonly ChartSpec[];
  readonly print?: PrintSetup;
  readonly tabColor?: string;
  /** Names the adapters create (or point anew) before the formulas are written. */
  readonly definedNames?: readonly DefinedNameSpec[];
}

/** The mark the product leaves on every sheet it owns (custom property / hidden defined name). */
export const OWNER_MARK = "ictplan.owned";

/** Excel's limit on the characters in one cell ("Excel specifications and limits"). */
export const MAX_CELL_TEXT = 32767;

/** Whether a row holds a text longer than a cell may (a plain loop: output sheets have a million cells). */
function longTextIn(row: readonly SpecCell[]): boolean {
  for (let i = 0; i < row.length; i++) {
    const v = row[i].value;
    if (typeof v === "string" && v.length > MAX_CELL_TEXT) return true;
  }
  return false;
}

/** The spec with every text longer than a cell may hold cut to fit, ending in "…" (a planner's long text quoted in a message could pass it). */
export function fitCellText(spec: SheetSpec): SheetSpec {
  const fits = (c: SpecCell) => typeof c.value !== "string" || c.value.length <= MAX_CELL_TEXT;
  if (!spec.blocks.some((b) => b.cells.some(longTextIn))) return spec;
  return {
    ...spec,
    blocks: spec.blocks.map((b) => ({
      ...b,
      cells: b.cells.map((row) =>
        row.map((c) => (fits(c) ? c : { ...c, value: `${String(c.value).slice(0, MAX_CELL_TEXT - 1)}…` })),
      ),
    })),
  };
}

/**
 * Whether a write of these specs owns the settings' defined names: it writes Kết quả or Xếp hạng, whose formulas read
 * them. A write of other sheets only (Kiểm tra, a summary tab) leaves the names as they are, since the sheets kept
 * still read them.
 */
export function writesSettingNames(specs: readonly SheetSpec[]): boolean {
  return specs.some((s) => s.kind === "results" || s.kind === "ranking");
}

/** The defined names of a set of specs, each name once (several sheets may read the same setting). */
export function specDefinedNames(specs: readonly SheetSpec[]): DefinedNameSpec[] {
  const byName = new Map<string, DefinedNameSpec>();
  for (const s of specs) for (const d of s.definedNames ?? []) byName.set(d.name, d);
  return [...byName.values()];
}
