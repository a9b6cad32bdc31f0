/**
 * How many lines a wrapped cell of the summary takes when printed: its text broken at spaces as Excel and LibreOffice
 * break it, measured with Times New Roman's own character widths against the width of the cell's columns. The row
 * heights and page breaks of the summary follow from it, so a line too few clips the text and a line too many leaves
 * a gap in the printed report.
 */

/**
 * Advance widths of Times New Roman's printable ASCII characters (space to "~"), in thousandths of an em: the
 * Times-Roman and Times-Bold metrics (Adobe AFM), which Times New Roman and Liberation Serif (LibreOffice's
 * substitute for it) match.
 */
// prettier-ignore
const REGULAR = [
  250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500,
  500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889,
  722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500,
  444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480,
  200, 480, 541,
];
// prettier-ignore
const BOLD = [
  250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500,
  500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944,
  722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500, 333, 500, 556, 444, 556,
  444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394,
  220, 394, 520,
];

/** Other characters the reports use, by code: dashes, quotes, ×, …, ≥, ≤, •, no-break space. */
const OTHER = new Map<number, number>([
  [0x2013, 500],
  [0x2014, 1000],
  [0x2018, 333],
  [0x2019, 333],
  [0x201c, 444],
  [0x201d, 444],
  [0x00d7, 564],
  [0x2026, 1000],
  [0x2265, 549],
  [0x2264, 549],
  [0x2022, 350],
  [0x00a0, 250],
]);

/** The horn of ư, ơ (and their capitals) widens the letter it sits on. */
const HORN = 0x31b;
const HORN_WIDTH = 60;
/** A character of another script: as wide as the widest Latin capitals. */
const UNKNOWN = 1000;

/** Width of a character code outside ASCII in thousandths of an em: a letter with diacritics (Vietnamese) is as wide as its base letter. */
function advance(c: number, table: readonly number[]): number {
  const known = OTHER.get(c);
  if (known !== undefined) return known;
  if (c === 0x110) return table[68 - 32]; // Đ: as D
  if (c === 0x111) return table[100 - 32]; // đ: as d
  const parts = String.fromCharCode(c).normalize("NFD");
  const base = parts.charCodeAt(0);
  if (base >= 32 && base < 127 && parts !== String.fromCharCode(c))
    return table[base - 32] + (parts.includes(String.fromCharCode(HORN)) ? HORN_WIDTH : 0);
  return UNKNOWN;
}

// Widths of the Latin letters with diacritics (U+00C0–U+1EFF, Vietnamese among them), each worked out on first use
// (0: not yet): a run's texts use a few dozen of these 7,744, and working out all of them took 10-25 ms of every run.
const LATIN_FROM = 0xc0;
const LATIN_TO = 0x1eff;
const LATIN_REGULAR = new Int16Array(LATIN_TO - LATIN_FROM + 1);
const LATIN_BOLD = new Int16Array(LATIN_TO - LATIN_FROM + 1);

/** A character's width in thousandths of an em, in the regular or bold face. */
export function charWidth(c: number, bold: boolean): number {
  if (c >= 32 && c < 127) return (bold ? BOLD : REGULAR)[c - 32];
  if (c >= LATIN_FROM && c <= LATIN_TO) {
    const known = bold ? LATIN_BOLD : LATIN_REGULAR;
    return (known[c - LATIN_FROM] ||= advance(c, bold ? BOLD : REGULAR));
  }
  return advance(c, bold ? BOLD : REGULAR);
}

/** Width of a text on one line, in thousandths of an em, in the regular or bold face. */
export function textWidth(text: string, bold: boolean): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) w += charWidth(text.charCodeAt(i), bold);
  return w;
}

/**
 * Columns' width in points: a column of width w (characters of the workbook's default font, Calibri 11: 7-pixel
 * digits) is 7·w pixels (ECMA-376 §18.3.1.13), a pixel ¾ of a point.
 */
const columnPoints = (width: number) => width * 7 * 0.75;
/** Room the cell keeps free beside its text, in points (Excel's padding at each side and the grid line). */
const PADDING = 4;
/**
 * Text is measured this much wider than its metrics say: Excel lays text out at screen resolution, each character
 * rounded to the pixel grid. Against LibreOffice's print of 207 texts of the summaries (widths 10-90, 11-13 pt,
 * regular, bold, italic) PADDING and MARGIN give no estimate too low, 168 exact, 34 one line over and 5 two over
 * (the estimate these metrics replaced: 126 exact, and up to 5 lines over); tests/xlsx/summaryFit.test.ts checks it.
 */
const MARGIN = 1.04;

/** How a text is measured: the room of its cell and the face, in thousandths of an em of its size. */
export interface Measure {
  readonly room: number;
  readonly bold: boolean;
}

/** The measure of a cell `width` characters wide (its columns' widths added up) holding text of a size and weight. */
export function measureOf(width: number, size: number, bold: boolean): Measure {
  return { room: ((columnPoints(width) - PADDING) / size / MARGIN) * 1000, bold };
}

/**
 * A text being counted character by character: the lines finished, the width of the line being filled, the spaces
 * after it and the word being read (widths in thousandths of an em). Counting a text in pieces gives the count of
 * the whole, so a long text cut at words is counted as it grows.
 */
export interface LineCount {
  readonly done: number;
  readonly line: number;
  readonly space: number;
  readonly word: number;
}

export const NO_TEXT: LineCount = { done: 0, line: 0, space: 0, word: 0 };

/**
 * The lines done and the width of the line being filled once the word read is put on it, or on a new line when it
 * does not fit; a word wider than the room is broken. (An object, not a pair: destructuring a pair goes through an
 * iterator until the optimising compiler removes it: 44 → 27 ms for the row heights of a run's thousand findings.)
 */
function placeWord(
  done: number,
  line: number,
  space: number,
  word: number,
  room: number,
): { done: number; line: number } {
  if (line > 0 && line + space + word <= room) return { done, line: line + space + word };
  if (line > 0) done++;
  let rest = word;
  while (rest > room) {
    done++;
    rest -= room;
  }
  return { done, line: rest };
}

/** The count of a text followed by `more`. */
export function countOn(count: LineCount, more: string, m: Measure): LineCount {
  let { done, line, space, word } = count;
  const { room, bold } = m;
  const widths = bold ? BOLD : REGULAR;
  for (let i = 0; i < more.length; i++) {
    const c = more.charCodeAt(i);
    if (c === 10 || c === 32) {
      if (word > 0) {
        ({ done, line } = placeWord(done, line, space, word, room));
        space = 0;
        word = 0;
      }
      if (c === 10) {
        done++;
        line = 0;
        space = 0;
      } else if (line > 0) space += widths[0];
    } else word += c >= 32 && c < 127 ? widths[c - 32] : charWidth(c, bold);
  }
  return { done, line, space, word };
}

/** Lines of a counted text (an empty text, or an empty last paragraph, still takes one). */
export function countedLines(count: LineCount, m: Measure): number {
  if (count.word === 0) return count.done + 1;
  return placeWord(count.done, count.line, count.space, count.word, m.room).done + 1;
}

/** Estimated lines a text takes in a cell `width` characters wide (its columns' widths added up). */
export function lines(text: string, width: number, size = 12, bold = false): number {
  const m = measureOf(width, size, bold);
  return countedLines(countOn(NO_TEXT, text, m), m);
}
