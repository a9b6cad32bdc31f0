/**
 * A period's attainment rows as typed arrays and one table of strings: what a thread is handed to build Kết quả from.
 * Fifty thousand row objects cost the posting thread about 100 ms to clone; these arrays are copied as they are.
 */
import type { AttainmentStatus, UnitAttainment } from "./results";

/** UnitAttainment rows, field by field. */
export interface PackedAttainment {
  readonly count: number;
  /** Every string the rows hold, once; the fields below index it. */
  readonly strings: readonly string[];
  /** Per row: unit, indicator, period, status and the source cell's sheet (-1: no source), as indices of strings. */
  readonly text: Int32Array;
  /** Per row: actual, target, attainment, capped (0 where null), the source cell's row and column. */
  readonly numbers: Float64Array;
  /** Per row: bit k set when number k is null (k < 4); bit 4: converted is given, bit 5: its value. */
  readonly flags: Uint8Array;
}

const TEXT = 5;
const NUMBERS = 6;
const CONVERTED_GIVEN = 16;
const CONVERTED = 32;

/** Puts a number at `at`, or, for null, answers number k's null bit (a row's four numbers, without an array a row). */
function put(numbers: Float64Array, at: number, v: number | null, k: number): number {
  if (v === null) return 1 << k;
  numbers[at] = v;
  return 0;
}

/** The rows packed: unpackAttainment gives them back field for field. */
export function packAttainment(rows: readonly UnitAttainment[]): PackedAttainment {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const id = (s: string): number => {
    let k = index.get(s);
    if (k === undefined) index.set(s, (k = strings.push(s) - 1));
    return k;
  };
  const text = new Int32Array(rows.length * TEXT);
  const numbers = new Float64Array(rows.length * NUMBERS);
  const flags = new Uint8Array(rows.length);
  rows.forEach((a, i) => {
    const t = i * TEXT;
    text[t] = id(a.unit);
    text[t + 1] = id(a.indicator);
    text[t + 2] = id(a.period);
    text[t + 3] = id(a.status);
    text[t + 4] = a.source ? id(a.source.sheet) : -1;
    const n = i * NUMBERS;
    const f = put(numbers, n, a.actual, 0) | put(numbers, n + 1, a.target, 1);
    flags[i] = f | put(numbers, n + 2, a.attainment, 2) | put(numbers, n + 3, a.capped, 3);
    if (a.source) {
      numbers[n + 4] = a.source.row;
      numbers[n + 5] = a.source.col;
    }
    if (a.converted !== undefined) flags[i] |= CONVERTED_GIVEN | (a.converted ? CONVERTED : 0);
  });
  return { count: rows.length, strings, text, numbers, flags };
}

/** The rows packAttainment packed. */
export function unpackAttainment(p: PackedAttainment): UnitAttainment[] {
  const rows: UnitAttainment[] = [];
  for (let i = 0; i < p.count; i++) {
    const t = i * TEXT;
    const n = i * NUMBERS;
    const f = p.flags[i];
    const num = (k: number): number | null => (f & (1 << k) ? null : p.numbers[n + k]);
    const sheet = p.text[t + 4];
    rows.push({
      unit: p.strings[p.text[t]],
      indicator: p.strings[p.text[t + 1]],
      period: p.strings[p.text[t + 2]],
      actual: num(0),
      target: num(1),
      attainment: num(2),
      capped: num(3),
      status: p.strings[p.text[t + 3]] as AttainmentStatus,
      ...(sheet >= 0
        ? { source: { sheet: p.strings[sheet], row: p.numbers[n + 4], col: p.numbers[n + 5] } }
        : {}),
      ...(f & CONVERTED_GIVEN ? { converted: (f & CONVERTED) !== 0 } : {}),
    });
  }
  return rows;
}
