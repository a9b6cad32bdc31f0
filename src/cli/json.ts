/**
 * The CLI's machine output: one JSON object without indentation, each element of its top-level arrays on a line of
 * its own, handed to the writer in pieces of about 64 KB. A large plan's findings and attainment run to millions of
 * characters: they are never built as one string (nor indented: 8.5 MB indented is 5.3 MB without).
 */

// Characters gathered before a piece is written.
const PIECE = 1 << 16;

/**
 * Writes `value` as JSON through `writeLine`, which ends each call's text with a line break (as the CLI's Io does).
 * Array values at the top level are written element by element; everything else as JSON.stringify writes it.
 */
export function writeJson(writeLine: (s: string) => void, value: Readonly<Record<string, unknown>>): void {
  let lines: string[] = [];
  let size = 0;
  const line = (s: string) => {
    lines.push(s);
    size += s.length + 1;
    if (size >= PIECE) {
      writeLine(lines.join("\n"));
      lines = [];
      size = 0;
    }
  };
  // The text not yet ended by a line break.
  let open = "{";
  let first = true;
  for (const [key, v] of Object.entries(value)) {
    // As JSON.stringify: undefined and functions leave their key out.
    if (v === undefined || typeof v === "function") continue;
    open += `${first ? "" : ","}${JSON.stringify(key)}:`;
    first = false;
    if (!Array.isArray(v) || v.length === 0) {
      open += JSON.stringify(v);
      continue;
    }
    line(`${open}[`);
    const last = v.length - 1;
    // As JSON.stringify: an element that has no JSON (undefined, a function) is written as null.
    v.forEach((x: unknown, i) => line(`${JSON.stringify(x) ?? "null"}${i < last ? "," : ""}`));
    open = "]";
  }
  line(`${open}}`);
  if (lines.length) writeLine(lines.join("\n"));
}
