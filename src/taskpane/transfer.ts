/**
 * Large values cross between the worker and the pane in pieces: one structured clone of a 1,000-unit result is
 * one task of seconds on the receiving thread, while many small messages are many short tasks.
 */

type Key = string | number;

/** Part of a long array: `items` go at the end of the array found at `path` in the skeleton. */
export interface Piece {
  readonly path: readonly Key[];
  readonly items: readonly unknown[];
}

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** What an item adds to a piece: one, and one more for each element of a row (a row of 50 cells is 51). */
const weight = (v: unknown): number => 1 + (Array.isArray(v) ? v.length : 0);

/**
 * The value with every array longer than `size` emptied (the skeleton), and those arrays' items in pieces of at most
 * `size` items and `5 × size` of weight (rows of many cells go a few at a time); and the buffers of the typed arrays
 * the skeleton holds, which a sender can transfer instead of copying.
 */
export function split(
  value: unknown,
  size = 200,
): { skeleton: unknown; pieces: Piece[]; buffers: ArrayBuffer[] } {
  const pieces: Piece[] = [];
  const buffers = new Set<ArrayBuffer>();
  const walk = (v: unknown, path: Key[]): unknown => {
    if (Array.isArray(v)) {
      if (v.length <= size) return v.map((x, i) => walk(x, [...path, i]));
      let from = 0;
      let load = 0;
      for (let i = 0; i < v.length; i++) {
        load += weight(v[i]);
        if (i + 1 - from >= size || load >= 5 * size || i + 1 === v.length) {
          pieces.push({ path, items: v.slice(from, i + 1) });
          from = i + 1;
          load = 0;
        }
      }
      return [];
    }
    // A whole buffer only: a view on part of one would take the rest of it along.
    if (ArrayBuffer.isView(v) && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength)
      buffers.add(v.buffer as ArrayBuffer);
    if (!isPlain(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x, [...path, k]);
    return out;
  };
  return { skeleton: walk(value, []), pieces, buffers: [...buffers] };
}

/** Puts a piece back into the skeleton it was cut from. */
export function join(skeleton: unknown, piece: Piece): void {
  let at = skeleton as Record<Key, unknown>;
  for (const k of piece.path) at = at[k] as Record<Key, unknown>;
  (at as unknown as unknown[]).push(...piece.items);
}
