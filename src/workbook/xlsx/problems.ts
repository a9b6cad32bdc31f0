/** Why a workbook file cannot be read, as data the CLI and the preview turn into the planner's words. */

/** Bounds on what reading a file may cost; each is checked while the file is being unpacked and parsed. */
export interface ReadLimits {
  /** Uncompressed bytes of all parts read, together. */
  readonly maxUncompressedBytes: number;
  /** Cells holding a value or formula, over all sheets. */
  readonly maxCells: number;
  /** Last row holding a value, per sheet (empty rows with only a style cost nothing and are not counted). */
  readonly maxRows: number;
  /** Characters of one text value (Excel's own limit is 32,767). */
  readonly maxTextLength: number;
  /**
   * Cells a sheet's grid spans, empty ones included (last row × last column holding data): one stray value in
   * column XFD would otherwise make every row 16,384 cells wide in memory.
   */
  readonly maxArea: number;
}

/** The product's documented limits (docs/limits.md). */
export const DEFAULT_LIMITS: ReadLimits = {
  maxUncompressedBytes: 300 * 1024 * 1024,
  maxCells: 10_000_000,
  maxRows: 1_048_576,
  maxTextLength: 32_767,
  maxArea: 20_000_000,
};

export type ProblemReason =
  /** An OLE compound file with an EncryptionInfo stream: an .xlsx encrypted with a password. */
  | "password"
  /** An OLE compound file without it: Excel 97–2003 .xls. */
  | "xls"
  /** An OpenDocument spreadsheet (.ods). */
  | "ods"
  /** Neither a zip nor a compound file. */
  | "notXlsx"
  /** A file of 0 bytes (a copy or download that did not finish). */
  | "emptyFile"
  /** A web page (HTML) named .xls, as report software often exports. */
  | "webPage"
  /** An XML Spreadsheet 2003 (Excel 2003's XML format), often named .xls. */
  | "xml2003"
  /** An Excel Binary Workbook (.xlsb): a zip whose workbook part is binary. */
  | "xlsb"
  /** An Apple Numbers document. */
  | "numbers"
  /** A Word document (.docx), such as the report ictplan writes beside its output, given as a workbook. */
  | "wordDocument"
  /** Saved as Strict Open XML (ISO/IEC 29500 Strict namespaces): readable, but the output could not be mixed into it. */
  | "strict"
  /** A zip that cannot be unpacked (truncated, bad checksums, unsupported compression). */
  | "damagedZip"
  /** A zip without a workbook part: not a spreadsheet package. */
  | "noWorkbook"
  /** A part whose XML is broken. */
  | "damagedPart"
  | "tooLarge"
  | "tooManyCells"
  | "tooManyRows"
  | "textTooLong"
  /** One sheet's data spread over more rows × columns than maxArea (a value far from the rest). */
  | "tooWide"
  /** A workbook without any worksheet. */
  | "noSheets";

/** A file that cannot be read, with the reason and where (part, sheet, cell) when known. */
export class WorkbookProblem extends Error {
  constructor(
    readonly reason: ProblemReason,
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(`${reason} ${JSON.stringify(params)}`);
  }
}
