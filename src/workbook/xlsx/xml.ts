/** Small, fast helpers for SpreadsheetML text: escaping, entity decoding, attributes, namespace prefixes. */

/** Characters XML 1.0 cannot carry; SpreadsheetML writes them as _xHHHH_ (ECMA-376 Part 1, 22.9.2.19 ST_Xstring). */
// eslint-disable-next-line no-control-regex -- these are exactly the characters to escape
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
/** A character as its ST_Xstring escape, _xHHHH_. */
export const hex4 = (c: string) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`;

/** Escapes text for an attribute or element. */
export function esc(s: string): string {
  // A scan by character code: formulas are escaped by the million, most with a few quotes in them.
  let out = "";
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 38 || c === 60 || c === 62 || c === 34) {
      out += s.slice(last, i) + (c === 38 ? "&amp;" : c === 60 ? "&lt;" : c === 62 ? "&gt;" : "&quot;");
      last = i + 1;
    }
  }
  return last === 0 ? s : out + s.slice(last);
}

/** Escapes cell text: XML escaping plus ST_Xstring escaping, so "_x0041_" typed by a user stays as typed. */
export function escText(s: string): string {
  // eslint-disable-next-line no-control-regex -- the characters XML cannot carry, and the escape's own pattern
  if (!/[&<>"_\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(s)) return s;
  return esc(xstring(s));
}

/**
 * ST_Xstring escaping alone, for a writer that does its own XML escaping (ExcelJS): a literal "_x0041_" and the
 * characters XML cannot carry survive the round trip instead of being decoded or dropped.
 */
export function xstring(s: string): string {
  return s.replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1").replace(INVALID, hex4);
}

/** Escapes text for a plain xsd:string (DrawingML text, a name attribute), which has no _xHHHH_ escape: characters XML cannot carry are left out. */
export function escPlain(s: string): string {
  return esc(s.replace(INVALID, ""));
}

const ENTITY: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Decodes XML entities and character references. */
export function decodeEntities(s: string): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e[0] === "#"
      ? String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
      : ENTITY[e],
  );
}

/** Decodes cell text: entities, then the _xHHHH_ escapes of ST_Xstring. */
export function decodeText(s: string): string {
  const d = decodeEntities(s);
  if (d.indexOf("_x") < 0) return d;
  return d.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Attributes of a start tag's text (from after the name to before ">"), by qualified name, decoded. */
export function attrs(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(tag); m; m = ATTR.exec(tag)) out.set(m[1], decodeEntities(m[2] ?? m[3] ?? ""));
  return out;
}

/** The value of the attribute with this local name, whatever its prefix ("r:id", "ns2:id"); unprefixed first. */
export function attrLocal(
  a: ReadonlyMap<string, string>,
  local: string,
  prefixed = false,
): string | undefined {
  if (!prefixed && a.has(local)) return a.get(local);
  for (const [k, v] of a) if (k.endsWith(`:${local}`) && !k.startsWith("xmlns:")) return v;
  return undefined;
}

/** The local name of a qualified name ("x:row" → "row"). */
export const localName = (q: string): string => {
  const i = q.indexOf(":");
  return i < 0 ? q : q.slice(i + 1);
};

/** A found element: its local name, attribute text, and where it starts and ends in the source. */
export interface Element {
  readonly name: string;
  readonly qname: string;
  readonly attrText: string;
  readonly start: number;
  /** Index just past the start tag. */
  readonly openEnd: number;
  /** Index just past the element (its end tag, or the start tag when self-closing). */
  readonly end: number;
  readonly selfClosing: boolean;
}

/**
 * Every element with one of these local names, in document order, whatever their namespace prefix. Elements of the
 * same name nested in each other are not expected (the SpreadsheetML elements looked up this way never nest).
 */
export function elements(xml: string, names: readonly string[], from = 0, to = xml.length): Element[] {
  const want = new Set(names);
  const out: Element[] = [];
  let i = xml.indexOf("<", from);
  while (i >= 0 && i < to) {
    const c = xml.charCodeAt(i + 1);
    // Skip end tags, comments, processing instructions, CDATA.
    if (c === 47 || c === 33 || c === 63) {
      i = xml.indexOf("<", i + 1);
      continue;
    }
    let j = i + 1;
    while (j < to) {
      const d = xml.charCodeAt(j);
      if (d === 32 || d === 62 || d === 47 || d === 9 || d === 10 || d === 13) break;
      j++;
    }
    const qname = xml.slice(i + 1, j);
    const name = localName(qname);
    const close = xml.indexOf(">", j);
    if (close < 0) break;
    if (want.has(name)) {
      const selfClosing = xml.charCodeAt(close - 1) === 47;
      const attrText = xml.slice(j, selfClosing ? close - 1 : close);
      let end = close + 1;
      if (!selfClosing) {
        const endTag = `</${qname}>`;
        const e = xml.indexOf(endTag, close);
        end = e < 0 ? to : e + endTag.length;
      }
      out.push({ name, qname, attrText, start: i, openEnd: close + 1, end, selfClosing });
    }
    i = xml.indexOf("<", close);
  }
  return out;
}

/** The text content of an element found by `elements` (between its tags). */
export function innerText(xml: string, e: Element): string {
  return e.selfClosing ? "" : xml.slice(e.openEnd, e.end - e.qname.length - 3);
}

/** The prefix ("x:" or "") of the document element, to write new elements in the document's own style. */
export function rootPrefix(xml: string): string {
  const m = /<([A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*[\s>]/.exec(
    xml.replace(/<\?[^>]*\?>/g, "").replace(/<!--[\s\S]*?-->/g, ""),
  );
  return m?.[1] ?? "";
}

/** The prefix bound to a namespace in the document's root element (e.g. the relationships namespace), or null. */
export function prefixFor(xml: string, ns: string): string | null {
  const m = new RegExp(`xmlns:([\\w.-]+)="${ns.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}"`).exec(xml);
  return m ? m[1] : null;
}
