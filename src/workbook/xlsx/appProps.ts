/**
 * The extended properties part (docProps/app.xml) lists the workbook's sheets and names in HeadingPairs (a heading and
 * a count per group: "Worksheets" 3, "Named Ranges" 1…) and TitlesOfParts (the titles of all groups, in order). Excel
 * tolerates a stale list, but file managers, search indexers and some libraries show it: these lists follow the
 * output's sheets, and the rest of the part is kept byte for byte.
 */
import { decodeEntities, elements, esc, innerText, type Element } from "./xml";

interface Group {
  readonly heading: string;
  titles: string[];
}

/** The sheet a named-range title belongs to ("'Kết quả'!Print_Titles" → "Kết quả"), or null. */
function qualifier(title: string): string | null {
  const m = /^(?:'((?:[^']|'')+)'|([^!']+))!/.exec(title);
  return m ? (m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]) : null;
}

const vectorIn = (xml: string, e: Element | undefined) =>
  e && !e.selfClosing ? elements(xml, ["vector"], e.openEnd, e.end)[0] : undefined;

/**
 * app.xml with its lists of parts brought in line with the workbook's worksheets: `before` and `after` are the
 * worksheet names in workbook order around a write, `added` the sheets the write created. The worksheet group keeps
 * the sheets it listed that still exist and lists the added ones; titles of names on removed sheets are dropped.
 * Returns the text unchanged when there is nothing to change or the lists are not the usual ones.
 */
export function updateTitlesOfParts(
  xml: string,
  before: readonly string[],
  after: readonly string[],
  added: readonly string[],
): string {
  const pairs = vectorIn(xml, elements(xml, ["HeadingPairs"])[0]);
  const parts = vectorIn(xml, elements(xml, ["TitlesOfParts"])[0]);
  if (!pairs || !parts) return xml;
  const values = elements(xml, ["variant"], pairs.openEnd, pairs.end).map((v) => {
    const inner = elements(xml, ["lpstr", "i4"], v.openEnd, v.end)[0];
    return inner ? decodeEntities(innerText(xml, inner)) : "";
  });
  const titles = elements(xml, ["lpstr"], parts.openEnd, parts.end).map((e) =>
    decodeEntities(innerText(xml, e)),
  );
  const groups: Group[] = [];
  let at = 0;
  for (let i = 0; i + 1 < values.length; i += 2) {
    const n = Number(values[i + 1]);
    if (!Number.isInteger(n) || n < 0) return xml;
    groups.push({ heading: values[i], titles: titles.slice(at, at + n) });
    at += n;
  }
  if (at !== titles.length) return xml;

  // The worksheet group is found by its titles, not its heading (which is in the language of the program that saved).
  const had = new Set(before);
  const sheets = groups
    .filter((g) => g.titles.length && g.titles.every((t) => had.has(t)))
    .sort((a, b) => b.titles.length - a.titles.length)[0];
  if (!sheets) return xml;
  const listed = new Set(sheets.titles);
  const gone = new Set(before.filter((n) => !after.includes(n)));
  const changed: Group[] = groups.map((g) =>
    g === sheets
      ? { heading: g.heading, titles: after.filter((n) => listed.has(n) || added.includes(n)) }
      : { heading: g.heading, titles: g.titles.filter((t) => !gone.has(qualifier(t) ?? "")) },
  );
  const kept = changed.filter((g, i) => g.titles.length || groups[i] === sheets);
  if (JSON.stringify(kept) === JSON.stringify(groups)) return xml;

  const p = pairs.qname.slice(0, pairs.qname.indexOf(":") + 1);
  const q = parts.qname.slice(0, parts.qname.indexOf(":") + 1);
  const pairXml = kept
    .map(
      (g) =>
        `<${p}variant><${p}lpstr>${esc(g.heading)}</${p}lpstr></${p}variant><${p}variant><${p}i4>${g.titles.length}</${p}i4></${p}variant>`,
    )
    .join("");
  const all = kept.flatMap((g) => g.titles);
  const titleXml = all.map((t) => `<${q}lpstr>${esc(t)}</${q}lpstr>`).join("");
  const sized = (e: Element, size: number) =>
    xml.slice(e.start, e.openEnd).replace(/\bsize="\d+"/, `size="${size}"`);
  const edits = [
    { e: pairs, text: `${sized(pairs, kept.length * 2)}${pairXml}</${pairs.qname}>` },
    { e: parts, text: `${sized(parts, all.length)}${titleXml}</${parts.qname}>` },
  ].sort((a, b) => b.e.start - a.e.start);
  let out = xml;
  for (const { e, text } of edits) out = out.slice(0, e.start) + text + out.slice(e.end);
  return out;
}
