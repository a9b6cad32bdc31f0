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

/** The value with every array longer than `size` emptied (the skeleton), and those arrays' items in pieces. */
export function split(value: unknown, size = 200): { skeleton: unknown; pieces: Piece[] } {
  const pieces: Piece[] = [];
  const walk = (v: unknown, path: Key[]): unknown => {
    if (Array.isArray(v)) {
      if (v.length <= size) return v.map((x, i) => walk(x, [...path, i]));
      for (let from = 0; from < v.length; from += size)
        pieces.push({ path, items: v.slice(from, from + size) });
      return [];
    }
    if (!isPlain(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x, [...path, k]);
    return out;
  };
  return { skeleton: walk(value, []), pieces };
}

/** Puts a piece back into the skeleton it was cut from. */
export function join(skeleton: unknown, piece: Piece): void {
  let at = skeleton as Record<Key, unknown>;
  for (const k of piece.path) at = at[k] as Record<Key, unknown>;
  (at as unknown as unknown[]).push(...piece.items);
}
