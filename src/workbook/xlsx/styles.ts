/**
 * The workbook's style sheet (xl/styles.xml) as the output sheets need it: the input's entries are kept as they are
 * and at the same indices (its cells point at them); the output's fonts, fills, borders, number formats, cell
 * formats and conditional-format styles are appended.
 */
import type { CellStyle } from "../../engine/sheetSpec";
import { elements, esc, rootPrefix } from "./xml";

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** A style sheet with only the entries Excel requires (used when a package has none). */
export const MINIMAL_STYLES =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${MAIN_NS}">` +
  `<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
  `</styleSheet>`;

/** CT_Font's children in the order the Open XML SDK validates them, which is the order Excel writes. */
const FONT_CHILDREN = [
  "b",
  "i",
  "strike",
  "condense",
  "extend",
  "outline",
  "shadow",
  "u",
  "vertAlign",
  "sz",
  "color",
  "name",
  "family",
  "charset",
  "scheme",
];

/**
 * Puts each font's children in schema order: ExcelJS, which writes the template, puts color and family before sz,
 * and Microsoft's validator rejects that. Only for ExcelJS's own unprefixed output, never for a planner's styles.
 */
export function fontsInSchemaOrder(stylesXml: string): string {
  const rank = (el: string) => FONT_CHILDREN.indexOf(/^<(\w+)/.exec(el)?.[1] ?? "");
  return stylesXml.replace(/<font>((?:<\w+\b[^<>]*\/>)+)<\/font>/g, (_, inner: string) => {
    const children = inner.match(/<\w+\b[^<>]*\/>/g) ?? [];
    return `<font>${children.sort((a, b) => rank(a) - rank(b)).join("")}</font>`;
  });
}

/** Built-in number formats (ECMA-376 Part 1, 18.8.30) the output uses, by code. */
const BUILTIN_FORMATS: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "@": 49,
};

/** Where each collection sits in a style sheet (CT_Stylesheet's order). */
const ORDER = [
  "numFmts",
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellXfs",
  "cellStyles",
  "dxfs",
  "tableStyles",
  "colors",
  "extLst",
];

const argb = (rgb: string) => `FF${rgb.toUpperCase()}`;

/** Collects the styles the output needs and writes them into the input's style sheet. */
export class StyleBook {
  private readonly p: string;
  private readonly counts = new Map<string, number>();
  private readonly added = new Map<string, string[]>();
  private readonly cache = new Map<string, number>();
  /** Cell formats by style object and number format: specs share their style objects, so most lookups stop here. */
  private readonly byObject = new WeakMap<CellStyle, Map<string, number>>();
  private readonly noStyle = new Map<string, number>();
  private nextFmtId = 164;

  constructor(private readonly xml: string) {
    this.p = rootPrefix(xml);
    const child: Record<string, string> = {
      numFmts: "numFmt",
      fonts: "font",
      fills: "fill",
      borders: "border",
      cellXfs: "xf",
      dxfs: "dxf",
    };
    for (const [coll, item] of Object.entries(child)) {
      const c = elements(xml, [coll])[0];
      this.counts.set(coll, c ? elements(xml, [item], c.openEnd, c.end).length : 0);
    }
    for (const e of elements(xml, ["numFmt"])) {
      const id = Number(/numFmtId="(\d+)"/.exec(e.attrText)?.[1] ?? 0);
      if (id >= this.nextFmtId) this.nextFmtId = id + 1;
    }
  }

  private add(coll: string, itemXml: string): number {
    const key = `${coll}|${itemXml}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const index = this.counts.get(coll) ?? 0;
    this.counts.set(coll, index + 1);
    this.added.set(coll, [...(this.added.get(coll) ?? []), itemXml]);
    this.cache.set(key, index);
    return index;
  }

  private el(name: string, attrsText = "", inner?: string): string {
    const q = this.p + name;
    return inner === undefined ? `<${q}${attrsText}/>` : `<${q}${attrsText}>${inner}</${q}>`;
  }

  // Children in FONT_CHILDREN's order.
  private fontXml(s: CellStyle): string {
    return this.el(
      "font",
      "",
      (s.bold ? this.el("b") : "") +
        (s.italic ? this.el("i") : "") +
        this.el("sz", ` val="${s.fontSize ?? 11}"`) +
        (s.fontColor ? this.el("color", ` rgb="${argb(s.fontColor)}"`) : "") +
        this.el("name", ` val="${esc(s.fontName ?? "Calibri")}"`),
    );
  }

  private numFmtId(code: string | undefined): number {
    if (!code) return 0;
    if (code in BUILTIN_FORMATS) return BUILTIN_FORMATS[code];
    const key = `numFmts|${code}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const id = this.nextFmtId++;
    this.counts.set("numFmts", (this.counts.get("numFmts") ?? 0) + 1);
    this.added.set("numFmts", [
      ...(this.added.get("numFmts") ?? []),
      this.el("numFmt", ` numFmtId="${id}" formatCode="${esc(code)}"`),
    ]);
    this.cache.set(key, id);
    return id;
  }

  /** The cell-format index (the s attribute) for a spec cell's style and number format; 0 when it has neither. */
  cellStyle(s: CellStyle | undefined, numberFormat: string | undefined): number {
    if (!s && !numberFormat) return 0;
    let known = s ? this.byObject.get(s) : this.noStyle;
    if (!known) this.byObject.set(s as CellStyle, (known = new Map()));
    const hit = known.get(numberFormat ?? "");
    if (hit !== undefined) return hit;
    const index = this.cellStyleOf(s, numberFormat);
    known.set(numberFormat ?? "", index);
    return index;
  }

  private cellStyleOf(s: CellStyle | undefined, numberFormat: string | undefined): number {
    const key = `xf|${JSON.stringify(s ?? {})}|${numberFormat ?? ""}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const st = s ?? {};
    const fmt = this.numFmtId(numberFormat);
    const hasFont = !!(st.bold || st.italic || st.fontSize || st.fontColor || st.fontName);
    const font = hasFont ? this.add("fonts", this.fontXml(st)) : 0;
    const fill = st.fill
      ? this.add(
          "fills",
          this.el(
            "fill",
            "",
            this.el(
              "patternFill",
              ` patternType="solid"`,
              this.el("fgColor", ` rgb="${argb(st.fill)}"`) + this.el("bgColor", ` indexed="64"`),
            ),
          ),
        )
      : 0;
    const side = (n: string) => this.el(n, ` style="thin"`, this.el("color", ` rgb="FFBFBFBF"`));
    const border = st.border
      ? this.add(
          "borders",
          this.el(
            "border",
            "",
            side("left") + side("right") + side("top") + side("bottom") + this.el("diagonal"),
          ),
        )
      : 0;
    const align =
      st.horizontal || st.wrap || st.vertical
        ? this.el(
            "alignment",
            (st.horizontal ? ` horizontal="${st.horizontal}"` : "") +
              ` vertical="${st.vertical ?? "center"}"` +
              (st.wrap ? ` wrapText="1"` : ""),
          )
        : "";
    const xf = this.el(
      "xf",
      ` numFmtId="${fmt}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0"` +
        (fmt ? ` applyNumberFormat="1"` : "") +
        (hasFont ? ` applyFont="1"` : "") +
        (st.fill ? ` applyFill="1"` : "") +
        (st.border ? ` applyBorder="1"` : "") +
        (align ? ` applyAlignment="1"` : ""),
      align || undefined,
    );
    const index = this.add("cellXfs", xf);
    this.cache.set(key, index);
    return index;
  }

  /** A differential format (conditional formats): fill colour and optional font colour. */
  dxf(fill: string, fontColor?: string): number {
    return this.add(
      "dxfs",
      this.el(
        "dxf",
        "",
        (fontColor ? this.el("font", "", this.el("color", ` rgb="${argb(fontColor)}"`)) : "") +
          this.el(
            "fill",
            "",
            this.el("patternFill", ` patternType="solid"`, this.el("bgColor", ` rgb="${argb(fill)}"`)),
          ),
      ),
    );
  }

  /** True when nothing was added (the input's style sheet can stay as it was, byte for byte). */
  get unchanged(): boolean {
    return this.added.size === 0;
  }

  /** The style sheet with the added entries, each collection's count updated. */
  render(): string {
    let xml = this.xml;
    for (const [coll, items] of this.added) {
      const q = this.p + coll;
      const count = this.counts.get(coll) ?? items.length;
      const open = new RegExp(`<${q}(\\s[^>]*?)?(/?)>`).exec(xml);
      if (open) {
        const attrsText = (open[1] ?? "").replace(/\s+count="\d*"/, "");
        const head = `<${q} count="${count}"${attrsText}>`;
        if (open[2] === "/") xml = xml.replace(open[0], `${head}${items.join("")}</${q}>`);
        else {
          const closeAt = xml.indexOf(`</${q}>`, open.index);
          xml =
            xml.slice(0, open.index) +
            head +
            xml.slice(open.index + open[0].length, closeAt) +
            items.join("") +
            xml.slice(closeAt);
        }
      } else {
        // Insert before the first collection that comes after this one, or before the end of the style sheet.
        const after = ORDER.slice(ORDER.indexOf(coll) + 1);
        let at = -1;
        for (const a of after) {
          const m = new RegExp(`<${this.p}${a}[\\s>/]`).exec(xml);
          if (m) {
            at = m.index;
            break;
          }
        }
        if (at < 0) at = xml.lastIndexOf(`</${this.p}styleSheet>`);
        xml = xml.slice(0, at) + `<${q} count="${count}">${items.join("")}</${q}>` + xml.slice(at);
      }
    }
    return xml;
  }
}
