/**
 * The .xlsx adapter, in Node and the browser: the file's zip package is kept as it came, the product's own sheets
 * (and their tables, drawings and charts) are written into it as SpreadsheetML, and the workbook's sheet list,
 * relationships, content types and style sheet are edited in place. Every other part stays byte for byte.
 */
import type ExcelJS from "exceljs";
import type { Grid, WorkbookGrids } from "../../engine/grid";
import type { DefinedNameSpec, SheetSpec } from "../../engine/sheetSpec";
import { specDefinedNames, writesSettingNames } from "../../engine/sheetSpec";
import { isSettingName } from "../../engine/outputs/liveSettings";
import type { ApplyOptions, WorkbookPort } from "../port";
import type { CellEdit } from "../../engine/settingsEdit";
import {
  EditedOutputError,
  RECORD_ROW_HEADER,
  UserSheetClashError,
  idMismatches,
  ownedOf,
  recordRow,
  assertNoUserSheetClash,
  foldName,
  isOwnershipRecord,
  provenScratch,
  scratchList,
  META_SHEET,
  replacedBy,
  sheetOrder,
  PlannersObjectsError,
  plannersCharts,
  type OwnedSheet,
  type PlannersObject,
  type SheetObjects,
} from "../ownership";
import { OUTPUT_TABLES } from "../../engine/outputs/refs";
import { fnv1a, fingerprintMatchesSteps, isLegacyFingerprint, specFingerprintSteps } from "../fingerprint";
import {
  readDateStyles,
  readPercentStyles,
  readSharedStrings,
  readSheetSteps,
  type ReadContext,
} from "./read";
import { drain, drainSliced, type Pause } from "../slices";
import type { NewSheet } from "../inputSheet";
import {
  REL_NS,
  printArea,
  printTitles,
  sheetXml,
  sheetXmlSteps,
  specRows,
  tableColumns,
  tableXml,
  type WrittenRows,
} from "./write";
import { cellValueAt, chartSize, chartXml, drawingXml } from "./charts";
import { MINIMAL_STYLES, StyleBook, fontsInSchemaOrder } from "./styles";
import { writeCellsXml } from "./editCells";
import { ZipPackage, foreignPackage } from "./zipPackage";
import { updateTitlesOfParts } from "./appProps";
import { DEFAULT_LIMITS, WorkbookProblem, type ReadLimits } from "./problems";
import { attrLocal, attrs, decodeEntities, elements, esc, innerText, prefixFor, rootPrefix } from "./xml";

const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const T = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
const CT = {
  sheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
};

interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly external: boolean;
}

interface SheetEntry {
  name: string;
  readonly sheetId: number;
  readonly rid: string;
  readonly state: string;
  /** The part, resolved; null when the relationship is missing. */
  readonly part: string | null;
  readonly kind: "worksheet" | "other";
}

const dirOf = (part: string) => part.slice(0, part.lastIndexOf("/") + 1);
const relsOf = (part: string) => `${dirOf(part)}_rels/${part.slice(part.lastIndexOf("/") + 1)}.rels`;
const typeIs = (type: string, what: string) => type.endsWith(`/${what}`);

/** The part a relationship target names, relative to the part that holds the relationship. */
function resolve(base: string, target: string): string {
  const path = target.startsWith("/") ? target.slice(1) : dirOf(base) + target;
  const out: string[] = [];
  for (const seg of path.split("/")) {
    if (seg === "..") out.pop();
    else if (seg !== "." && seg !== "") out.push(seg);
  }
  return out.join("/");
}

/** A target for `part` written relative to the folder of `from`. */
function relative(from: string, part: string): string {
  const a = dirOf(from).split("/").filter(Boolean);
  const b = part.split("/");
  let k = 0;
  while (k < a.length && k < b.length - 1 && a[k] === b[k]) k++;
  return "../".repeat(a.length - k) + b.slice(k).join("/");
}

function parseRels(xml: string | null): Relationship[] {
  if (!xml) return [];
  return elements(xml, ["Relationship"]).map((e) => {
    const a = attrs(e.attrText);
    return {
      id: a.get("Id") ?? "",
      type: a.get("Type") ?? "",
      target: a.get("Target") ?? "",
      external: a.get("TargetMode") === "External",
    };
  });
}

const emptyRels = () =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}"></Relationships>`;

/** The meta sheet's row that records the package digest (no sheet name, so older readers skip it). */
const DIGEST_KIND = "package";

/**
 * The releases before 2026-11-26 wrote the whole package with ExcelJS 4.4 and recorded no package digest. ExcelJS
 * writes these fixed marks into the workbook part; Excel, LibreOffice, WPS and Google Sheets write their own when
 * they save, so a workbook part that still has them was saved by nothing since that release.
 */
const PREVIOUS_RELEASE =
  /<(?:[\w.-]+:)?fileVersion appName="xl" lastEdited="5" lowestEdited="5" rupBuild="9303"\/>[\s\S]*<(?:[\w.-]+:)?calcPr calcId="171027"\/>/;

const EMPTY = new Uint8Array(0);

/**
 * What a sheet's drawing holds beside the product's charts (plannersCharts, by the frames' names as drawingXml names
 * them; `kind`: the output's): each anchor a picture, a slicer or timeline, a chart, or a shape (a text box, a group,
 * a diagram…).
 */
function drawingObjects(xml: string, kind: string): PlannersObject[] {
  const out: PlannersObject[] = [];
  const charts: string[] = [];
  // An anchor in a fallback (mc:Fallback) stands for one in its choice, for programs that do not know that one.
  const fallbacks = elements(xml, ["Fallback"]);
  for (const a of elements(xml, ["twoCellAnchor", "oneCellAnchor", "absoluteAnchor"])) {
    if (fallbacks.some((f) => f.start < a.start && a.end <= f.end)) continue;
    const inner = xml.slice(a.openEnd, a.end);
    const name = elements(inner, ["cNvPr"]).map((e) => attrs(e.attrText).get("name") ?? "")[0] ?? "";
    if (/drawing\/20\d\d\/(slicer|timeslicer)"/.test(inner)) out.push("slicer");
    else if (/drawingml\/2006\/chart"|drawing\/2014\/chartex"/.test(inner)) charts.push(name);
    else if (/<(?:[\w.-]+:)?pic\b/.test(inner)) out.push("picture");
    else out.push("shape");
  }
  if (plannersCharts(kind, charts).length) out.push("chart");
  return out;
}

/** Every part a relationship leads to (lower case), with the parts whose relationships lead there ("" for the package). */
type Referrers = ReadonlyMap<string, ReadonlySet<string>>;

/** The package's Referrers, read from every relationships part. */
async function referrersOf(pkg: ZipPackage): Promise<Referrers> {
  const map = new Map<string, Set<string>>();
  for (const rels of pkg.parts()) {
    const m = /^(.*?)_rels\/([^/]*)\.rels$/i.exec(rels);
    if (!m) continue;
    const source = m[1] + m[2];
    for (const r of parseRels(await pkg.text(rels))) {
      if (r.external) continue;
      const target = resolve(source, r.target).toLowerCase();
      map.set(target, (map.get(target) ?? new Set<string>()).add(source));
    }
  }
  return map;
}

/**
 * Whether no part but `parent` leads to `child` (of the parts still in the package, and the package itself): the one
 * rule by which a part is an owned sheet's, removed with it (removeTree) and left out of the package digest (ownedParts).
 */
function ledToOnlyBy(referrers: Referrers, child: string, parent: string, pkg: ZipPackage): boolean {
  return ![...(referrers.get(child.toLowerCase()) ?? [])].some(
    (p) => p.toLowerCase() !== parent.toLowerCase() && (p === "" || pkg.has(p)),
  );
}

/** The XML without the elements of these local names whose attributes `drop` picks. */
function withoutElements(
  xml: string,
  names: readonly string[],
  drop: (a: Map<string, string>) => boolean,
): string {
  let out = xml;
  for (const e of elements(xml, names).reverse())
    if (drop(attrs(e.attrText))) out = out.slice(0, e.start) + out.slice(e.end);
  return out;
}

/** The lowest "prefix{n}suffix" not in use. */
function freeName(taken: (name: string) => boolean, prefix: string, suffix: string): string {
  for (let n = 1; ; n++) if (!taken(`${prefix}${n}${suffix}`)) return `${prefix}${n}${suffix}`;
}

/** XlsxWorkbook.applySheets' options beyond the port's. */
export interface XlsxApplyOptions extends ApplyOptions {
  /**
   * The spec to write for each one given, asked for when its turn comes: a sheet still being computed (same name,
   * kind and defined names; only its cells may differ) is awaited while the sheets before it are written.
   */
  readonly finalSpec?: (spec: SheetSpec) => SheetSpec | Promise<SheetSpec>;
  /**
   * The fingerprint of a spec (specFingerprint) where it is worked out elsewhere (the CLI's thread digests Xếp hạng), or
   * how to work it out later (Kết quả's, digested by two threads): called once every sheet is written. Undefined, or
   * a later answer of null: it is worked out here.
   */
  readonly fingerprintOf?: (spec: SheetSpec) => string | (() => Promise<string | null>) | undefined;
  /** A spec's rows where they were written elsewhere (the CLI's thread writes Xếp hạng's): its blocks are not read. */
  readonly writtenRows?: (spec: SheetSpec) => WrittenRows | undefined;
}

/** An .xlsx workbook held in memory. */
export class XlsxWorkbook implements WorkbookPort {
  private pkg!: ZipPackage;
  private wbPart = "xl/workbook.xml";
  private wbXml = "";
  private sheets: SheetEntry[] = [];
  private date1904 = false;
  private sharedStrings: string[] | null = null;
  private dateStyles: boolean[] | null = null;
  private percentStyles: (string | null)[] = [];
  private readonly grids = new Map<string, Grid>();
  private readonly pendingEdits: CellEdit[] = [];
  private ready: Promise<void>;
  /**
   * Where long reads and writes give the thread back (the preview sets time slices so the page stays
   * responsive); null runs them straight through, as the CLI does.
   */
  slices: Pause | null = null;
  /** True once a change to the package dropped the digital signatures it had (dropSignatures). */
  signaturesDropped = false;
  /** The output sheets the last applySheets wrote that a pivot table of the planner's draws on (stalePivotSources). */
  pivotSources: string[] = [];

  private constructor(source: () => Promise<ZipPackage>) {
    this.ready = source().then((pkg) => this.init(pkg));
  }

  /** Loads a workbook from the bytes of an .xlsx file; a file that cannot be read raises a WorkbookProblem. */
  static async load(
    data: ArrayBuffer | Uint8Array,
    limits: ReadLimits = DEFAULT_LIMITS,
  ): Promise<XlsxWorkbook> {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    const wb = new XlsxWorkbook(() => ZipPackage.open(bytes, limits));
    await wb.ready;
    return wb;
  }

  /** Wraps a workbook built in memory with ExcelJS (the template writer). */
  static of(wb: ExcelJS.Workbook): XlsxWorkbook {
    return new XlsxWorkbook(async () => {
      const pkg = await ZipPackage.open(new Uint8Array(await wb.xlsx.writeBuffer()));
      const styles = await pkg.text("xl/styles.xml");
      if (styles !== null) pkg.put("xl/styles.xml", fontsInSchemaOrder(styles));
      return pkg;
    });
  }

  private async init(pkg: ZipPackage): Promise<void> {
    this.pkg = pkg;
    const root = parseRels(await pkg.text("_rels/.rels")).find((r) => typeIs(r.type, "officeDocument"));
    const candidates = [root ? resolve("", root.target) : null, "xl/workbook.xml"];
    const wbPart = candidates.find((c): c is string => c !== null && /\.xml$/i.test(c) && pkg.has(c));
    if (!wbPart) throw new WorkbookProblem(foreignPackage(pkg.parts()));
    this.wbPart = wbPart;
    this.wbXml = (await pkg.text(wbPart)) ?? "";
    const book = elements(this.wbXml, ["workbook"])[0];
    if (!book) {
      // The package's main part is not a workbook (a .docx renamed .xlsx points at word/document.xml): say what it is.
      const foreign = foreignPackage(pkg.parts());
      throw new WorkbookProblem(foreign === "noWorkbook" ? "damagedPart" : foreign, { part: wbPart });
    }
    // Strict Open XML binds other namespaces (the workbook's r: prefix among them) than the transitional parts
    // this adapter writes; Excel opens no mix of the two.
    if (book.attrText.includes("http://purl.oclc.org/ooxml/")) throw new WorkbookProblem("strict");
    const pr = elements(this.wbXml, ["workbookPr"])[0];
    const d = pr ? attrs(pr.attrText).get("date1904") : undefined;
    this.date1904 = d === "1" || d === "true";
    const rels = parseRels(await pkg.text(relsOf(wbPart)));
    const byId = new Map(rels.map((r) => [r.id, r]));
    this.sheets = elements(this.wbXml, ["sheet"]).map((e) => {
      const a = attrs(e.attrText);
      const rid = attrLocal(a, "id", true) ?? "";
      const rel = byId.get(rid);
      const part = rel && !rel.external ? resolve(wbPart, rel.target) : null;
      return {
        name: a.get("name") ?? "",
        sheetId: Number(a.get("sheetId") ?? 0),
        rid,
        state: a.get("state") ?? "visible",
        part: part && pkg.has(part) ? part : null,
        kind: rel && typeIs(rel.type, "worksheet") ? "worksheet" : "other",
      };
    });
    if (!this.sheets.some((s) => s.kind === "worksheet" && s.part)) throw new WorkbookProblem("noSheets");
  }

  private async workbookRels(): Promise<Relationship[]> {
    return parseRels(await this.pkg.text(relsOf(this.wbPart)));
  }

  /**
   * Drops the package's digital signatures, before its first change: the origin part, which the package relates, and
   * the signature parts it relates (ECMA-376 Part 2, Digital Signatures). A signature covers the parts as signed,
   * so Excel reports one on a changed copy as invalid; Excel drops them itself when it saves an edited workbook. Only
   * the package in memory is edited: the input file stays signed.
   */
  private async dropSignatures(): Promise<void> {
    const rootRels = await this.pkg.text("_rels/.rels");
    const origins = parseRels(rootRels).filter(
      (r) => !r.external && typeIs(r.type, "digital-signature/origin"),
    );
    if (!rootRels || !origins.length) return;
    const gone = new Set<string>();
    const walk = async (part: string): Promise<void> => {
      if (gone.has(part)) return;
      gone.add(part);
      for (const r of parseRels(await this.pkg.text(relsOf(part))))
        if (!r.external) await walk(resolve(part, r.target));
      this.pkg.remove(relsOf(part));
      this.pkg.remove(part);
    };
    for (const o of origins) await walk(resolve("", o.target));
    const ids = new Set(origins.map((o) => o.id));
    let rels = rootRels;
    for (const e of elements(rels, ["Relationship"]).reverse())
      if (ids.has(attrs(e.attrText).get("Id") ?? "")) rels = rels.slice(0, e.start) + rels.slice(e.end);
    this.pkg.put("_rels/.rels", rels);
    // Their content types: each signature's Override, and the origin's Default (by its extension, .sigs).
    let types = (await this.pkg.text("[Content_Types].xml")) ?? "";
    const parts = new Set([...gone].map((p) => `/${p}`.toLowerCase()));
    for (const e of elements(types, ["Override", "Default"]).reverse()) {
      const a = attrs(e.attrText);
      if (
        parts.has((a.get("PartName") ?? "").toLowerCase()) ||
        a.get("ContentType") === "application/vnd.openxmlformats-package.digital-signature-origin"
      )
        types = types.slice(0, e.start) + types.slice(e.end);
    }
    this.pkg.put("[Content_Types].xml", types);
    this.signaturesDropped = true;
  }

  /**
   * The given sheets a pivot cache of the workbook draws on (by the sheet's name, its table's or a defined name's),
   * unless the cache refreshes when the file opens: its pivot tables show what the cache holds until refreshed. The
   * cache is the planner's and stays as it is (refreshing on open is their choice, as Excel leaves it after any change
   * to the source); the CLI says to refresh.
   */
  private async stalePivotSources(specs: readonly SheetSpec[]): Promise<string[]> {
    const found = new Set<string>();
    for (const r of await this.workbookRels()) {
      if (r.external || !typeIs(r.type, "pivotCacheDefinition")) continue;
      // The source comes first in the part (CT_PivotCacheDefinition), before the cache's fields and items.
      const bytes = this.pkg.head(resolve(this.wbPart, r.target), SHEET_HEAD_BYTES);
      const xml = bytes ? headDecoder.decode(bytes) : "";
      const def = elements(xml, ["pivotCacheDefinition"])[0];
      const source = elements(xml, ["worksheetSource"])[0];
      if (!def || !source || /\brefreshOnLoad="(1|true)"/.test(def.attrText)) continue;
      const a = attrs(source.attrText);
      const sheet = foldName(a.get("sheet") ?? "");
      const name = (a.get("name") ?? "").toLowerCase();
      // A source named by a defined name of the planner's: the range it refers to, 'Kết quả'!$A$4:$K$345.
      const named = elements(this.wbXml, ["definedName"]).find(
        (e) => name && (attrs(e.attrText).get("name") ?? "").toLowerCase() === name,
      );
      const range = named ? foldName(decodeEntities(innerText(this.wbXml, named))) : "";
      for (const spec of specs)
        if (
          foldName(spec.name) === sheet ||
          spec.tables?.some((t) => t.name.toLowerCase() === name) ||
          [`${spec.name}!`, `'${spec.name.replace(/'/g, "''")}'!`].some((ref) =>
            range.startsWith(foldName(ref)),
          )
        )
          found.add(spec.name);
    }
    return [...found];
  }

  private async context(): Promise<ReadContext> {
    if (!this.sharedStrings || !this.dateStyles) {
      const rels = await this.workbookRels();
      const part = (t: string) => {
        const r = rels.find((x) => typeIs(x.type, t));
        return r ? resolve(this.wbPart, r.target) : null;
      };
      const sst = part("sharedStrings");
      const styles = part("styles");
      const sstBytes = sst ? await this.pkg.utf8(sst, this.slices ?? undefined) : null;
      this.sharedStrings = sstBytes ? readSharedStrings(sstBytes) : [];
      const stylesXml = styles ? await this.pkg.text(styles) : null;
      this.dateStyles = readDateStyles(stylesXml);
      this.percentStyles = readPercentStyles(stylesXml);
    }
    return {
      sharedStrings: this.sharedStrings,
      dateStyles: this.dateStyles,
      percentStyles: this.percentStyles,
      date1904: this.date1904,
      limits: this.pkg.limits,
      cells: 0,
    };
  }

  private async grid(entry: SheetEntry, ctx: ReadContext): Promise<Grid> {
    const hit = this.grids.get(entry.name);
    if (hit) return hit;
    const xml = entry.part ? await this.pkg.utf8(entry.part, this.slices ?? undefined) : null;
    const read = await this.run(readSheetSteps(xml ?? EMPTY, entry.name, ctx));
    // The planner does not see a hidden sheet: a sheet missing by name is not looked for there first (locateSheets).
    const g: Grid =
      entry.state === "hidden" || entry.state === "veryHidden" ? { ...read, visibility: entry.state } : read;
    this.grids.set(entry.name, g);
    return g;
  }

  /** Runs steps straight through, or in time slices when set. */
  private run<T>(steps: Generator<unknown, T, void>): Promise<T> | T {
    return this.slices ? drainSliced(steps, this.slices) : drain(steps);
  }

  /** Names of all sheets, in workbook order (chart sheets and the hidden ownership sheet included). */
  async sheetNames(): Promise<string[]> {
    await this.ready;
    return this.sheets.map((s) => s.name);
  }

  async readGrids(): Promise<WorkbookGrids> {
    await this.ready;
    await this.flushEdits();
    const ctx = await this.context();
    const out: Grid[] = [];
    // Every sheet but the ownership record: a planner's sheet called ictplan_meta is read like any of theirs.
    const record = await this.recordSheet();
    for (const s of this.sheets)
      if (s.kind === "worksheet" && s !== record) out.push(await this.grid(s, ctx));
    return { sheets: out };
  }

  /** The sheet named as the ownership sheet, as Excel compares names, whoever made it. */
  private metaNamed(): SheetEntry | undefined {
    return this.sheets.find((s) => foldName(s.name) === META_SHEET);
  }

  /** The ownership record: the sheet of its name when its content says it is the product's (isOwnershipRecord). */
  private async recordSheet(): Promise<SheetEntry | null> {
    const s = this.metaNamed();
    if (s?.kind !== "worksheet") return null;
    return isOwnershipRecord(await this.grid(s, await this.context()), s.state !== "visible") ? s : null;
  }

  /**
   * Temporary sheets an interrupted add-in run left (its swap and undo both failed), removed by the next write as the
   * add-in removes them: only those its record lists that hold exactly what it wrote (provenScratch). An unlisted or
   * edited one is the planner's, kept; the record this write makes lists none.
   */
  private async provenLeftovers(): Promise<SheetEntry[]> {
    const record = await this.recordSheet();
    if (!record) return [];
    const ctx = await this.context();
    const present = (name: string) => this.sheets.find((s) => s.kind === "worksheet" && s.name === name);
    const listed = scratchList(await this.grid(record, ctx)).filter((t) => present(t.name));
    const grids: Grid[] = [];
    for (const t of listed) grids.push(await this.grid(present(t.name) as SheetEntry, ctx));
    const proven = provenScratch(listed, grids);
    return this.sheets.filter((s) => s.kind === "worksheet" && proven.includes(s.name));
  }

  /** Owned sheets with their kind and fingerprint, from the hidden meta sheet. */
  async owned(): Promise<OwnedSheet[]> {
    await this.ready;
    const meta = await this.recordSheet();
    if (!meta) return [];
    const g = await this.grid(meta, await this.context());
    const out: OwnedSheet[] = [];
    g.values.forEach((row, i) => {
      const o = i === 0 ? null : ownedOf(row);
      if (o) out.push(o);
    });
    return this.withoutImpostors(out);
  }

  /**
   * The record without the sheets that only carry the name of a sheet it lists: a sheet of the planner's renamed to
   * the name of an output they deleted has another sheetId (ECMA-376 Part 1, 18.2.19 sheet: the sheet's internal
   * identifier, unique in the workbook; a rename changes its name only) and does not hold what was written. The ids
   * are trusted only when the file kept them (idMismatches): one that renumbers them all leaves the name to decide.
   */
  private async withoutImpostors(owned: OwnedSheet[]): Promise<OwnedSheet[]> {
    const suspects = idMismatches(
      owned,
      (o) => o.sheetId,
      (o) => this.sheetIdOf(o.name),
    );
    const impostors = suspects.length ? await this.editedSheets(suspects) : [];
    return owned.filter((o) => !impostors.includes(o.name));
  }

  /** The sheetId of the worksheet of this name, if any. */
  private sheetIdOf(name: string): number | undefined {
    return this.sheets.find((s) => s.name === name && s.kind === "worksheet")?.sheetId;
  }

  /**
   * Parts the product owns (lower case): its sheets and the meta sheet with every part only they lead to (by the rule by
   * which a part goes with a replaced sheet, ledToOnlyBy: a pivot cache a pivot table on an output sheet shares with the
   * workbook is the planner's, digested), and the package-level parts it edits; and, of these, the parts there are
   * beneath its sheets (their relationships, tables, drawings, charts).
   */
  private async ownedParts(names: readonly string[]): Promise<{ all: Set<string>; beneath: string[] }> {
    const out = new Set<string>(
      [this.wbPart, relsOf(this.wbPart), "[Content_Types].xml"].map((p) => p.toLowerCase()),
    );
    for (const r of await this.workbookRels())
      if (typeIs(r.type, "styles") || typeIs(r.type, "calcChain"))
        out.add(resolve(this.wbPart, r.target).toLowerCase());
    const referrers = await referrersOf(this.pkg);
    const walk = async (part: string): Promise<void> => {
      if (out.has(part.toLowerCase())) return;
      out.add(part.toLowerCase());
      out.add(relsOf(part).toLowerCase());
      for (const r of parseRels(await this.pkg.text(relsOf(part)))) {
        const child = r.external ? "" : resolve(part, r.target);
        if (child && !typeIs(r.type, "worksheet") && ledToOnlyBy(referrers, child, part, this.pkg))
          await walk(child);
      }
    };
    const roots = this.sheets.filter((s) => s.part && (names.includes(s.name) || s.name === META_SHEET));
    const before = new Set(out);
    for (const s of roots.filter((x) => x.name !== META_SHEET)) await walk(s.part as string);
    // Not the sheets' own parts, which editedSheets reads, nor the record's, which the first write adds after its digest.
    const sheetParts = new Set(roots.map((s) => (s.part as string).toLowerCase()));
    const beneath = this.pkg
      .parts()
      .map((p) => p.toLowerCase())
      .filter((p) => out.has(p) && !before.has(p) && !sheetParts.has(p))
      .sort();
    for (const s of roots.filter((x) => x.name === META_SHEET)) await walk(s.part as string);
    return { all: out, beneath };
  }

  /**
   * A digest of everything in the package the product does not own (each part's CRC-32 and the names of the user's
   * sheets) and of the names of the parts beneath its sheets, so that a picture, a note or a pivot table put on an
   * output sheet (new parts its sheet alone leads to) is a change too: recorded when the product writes, so a later run
   * can tell whether anyone changed the file since. And the digest as releases before 2026-11-28 made it, without those
   * names (`legacy`).
   */
  private async packageDigest(owned: readonly string[]): Promise<{ digest: string; legacy: string }> {
    const mine = await this.ownedParts(owned);
    const lines = await this.pkg.crcLines((p) => !mine.all.has(p.toLowerCase()), this.slices ?? undefined);
    for (const s of this.sheets)
      if (!owned.includes(s.name) && s.name !== META_SHEET) lines.push(`sheet:${s.name}`);
    return {
      digest: fnv1a([...lines, ...mine.beneath.map((p) => `beneath:${p}`)].join("\n")),
      legacy: fnv1a(lines.join("\n")),
    };
  }

  /** True when this is a file the product wrote and nobody has changed since: its owned sheets and all the rest. */
  async unchangedSinceWritten(): Promise<boolean> {
    const owned = await this.owned();
    const meta = await this.recordSheet();
    if (!meta || !owned.length) return false;
    const g = await this.grid(meta, await this.context());
    const recorded = g.values.find((r) => r[0] === null && r[1] === DIGEST_KIND)?.[2];
    if ((await this.editedSheets(owned)).length) return false;
    if (recorded === undefined && owned.every((o) => isLegacyFingerprint(o.fingerprint)))
      return PREVIOUS_RELEASE.test(this.wbXml);
    if (typeof recorded !== "string") return false;
    // A record written before the parts beneath the outputs were digested is checked as it was made.
    const now = await this.packageDigest(owned.map((o) => o.name));
    return recorded === now.digest || recorded === now.legacy;
  }

  async ownedSheets(): Promise<string[]> {
    return (await this.owned()).map((o) => o.name);
  }

  /** Owned sheets whose content no longer matches what the product wrote. */
  async editedSheets(among?: readonly OwnedSheet[]): Promise<string[]> {
    const list = among ?? (await this.owned());
    await this.flushEdits();
    const ctx = await this.context();
    const out: string[] = [];
    for (const o of list) {
      const s = this.sheets.find((x) => x.name === o.name && x.kind === "worksheet");
      if (!s) continue;
      // The part byte for byte as the product wrote it: nothing to read.
      if (o.part && s.part && this.pkg.stamp(s.part) === o.part) continue;
      const grid = await this.grid(s, ctx);
      if (!(await this.run(fingerprintMatchesSteps(grid, o.fingerprint)))) out.push(o.name);
    }
    return out;
  }

  /**
   * The objects of the planner's on the given output sheets: what their relationships lead to that the product does not
   * write there (pictures, shapes, slicers and charts of their own in the sheet's drawing, notes, PivotTables, tables
   * not named as the product names its own, links: the product writes none of these there). A cell edit is the fingerprint's to find; these leave the cells alone.
   */
  private async plannersObjects(sheets: readonly OwnedSheet[]): Promise<SheetObjects[]> {
    // The product's tables, KetQua or KetQua_2 where the name was taken (uniqueTableName), by name rather than from the
    // specs written (Xếp hạng's is a stand-in while the draw thread builds it).
    const tables = Object.values(OUTPUT_TABLES).map((t) => t.toLowerCase());
    const ours = (name: string) =>
      tables.some((t) => name === t || (name.startsWith(`${t}_`) && /^\d+$/.test(name.slice(t.length + 1))));
    const out: SheetObjects[] = [];
    for (const o of sheets) {
      const part = this.sheets.find((s) => s.name === o.name && s.kind === "worksheet")?.part;
      if (!part) continue;
      const found = new Set<PlannersObject>();
      for (const r of parseRels(await this.pkg.text(relsOf(part)))) {
        // A link to a web page or a file put on a cell (the product links nothing).
        if (typeIs(r.type, "hyperlink")) found.add("link");
        if (r.external) continue;
        const target = resolve(part, r.target);
        if (typeIs(r.type, "drawing"))
          for (const kind of drawingObjects((await this.pkg.text(target)) ?? "", o.kind)) found.add(kind);
        else if (typeIs(r.type, "comments") || typeIs(r.type, "threadedComment")) found.add("notes");
        else if (typeIs(r.type, "vmlDrawing")) found.add("shape");
        else if (typeIs(r.type, "pivotTable")) found.add("pivotTable");
        else if (typeIs(r.type, "slicer") || typeIs(r.type, "timeline")) found.add("slicer");
        else if (typeIs(r.type, "table")) {
          const t = elements((await this.pkg.text(target)) ?? "", ["table"])[0];
          if (!ours((t ? (attrs(t.attrText).get("name") ?? "") : "").toLowerCase())) found.add("table");
        }
      }
      // A link to a place in the workbook has no relationship: it is in the sheet's part, after its cells (read only
      // where the part is not byte for byte as written).
      if (
        !(o.part && this.pkg.stamp(part) === o.part) &&
        /<(?:[\w.-]+:)?hyperlink\b/.test(await this.afterCells(part))
      )
        found.add("link");
      // Notes come with a VML drawing that holds their boxes: one object, said once.
      if (found.has("notes")) found.delete("shape");
      if (found.size) out.push({ sheet: o.name, objects: [...found] });
    }
    return out;
  }

  /** A sheet part's text after its cells (sheetData), decoded alone: a large sheet's cells are most of its bytes. */
  private async afterCells(part: string): Promise<string> {
    const bytes = (await this.pkg.utf8(part, this.slices ?? undefined)) ?? EMPTY;
    const end = lastIndexOfBytes(bytes, SHEET_DATA_END);
    return headDecoder.decode(end < 0 ? bytes : bytes.subarray(end));
  }

  async applySheets(specs: readonly SheetSpec[], options: XlsxApplyOptions = {}): Promise<void> {
    await this.ready;
    await this.flushEdits();
    // A sheet of the planner's named as the ownership sheet is theirs: refused, never written over.
    const named = this.metaNamed();
    if (named && !(await this.recordSheet())) throw new UserSheetClashError(named.name);
    const owned = await this.owned();
    assertNoUserSheetClash(
      this.sheets.map((s) => s.name),
      owned,
      specs,
    );
    const replaced = replacedBy(owned, specs);
    if (!options.force) {
      const edited = await this.editedSheets(replaced);
      if (edited.length) throw new EditedOutputError(edited);
      const objects = await this.plannersObjects(replaced);
      if (objects.length) throw new PlannersObjectsError(objects);
    }
    const leftovers = await this.provenLeftovers();
    // Before the package digest below, which then covers the package as written.
    await this.dropSignatures();
    const worksheets = () => this.sheets.filter((s) => s.kind === "worksheet").map((s) => s.name);
    const before = worksheets();
    const w = await PackageWriter.open(this.pkg, this.wbPart, this.wbXml, this.slices);
    const total = specs.reduce((n, spec) => n + specRows(spec), 0);
    let done = 0;
    const progress = (rows: number) => {
      done += rows;
      options.onProgress?.(done, total);
    };
    // Owned sheets are replaced in their own slot (same part and sheetId), new sheets go at the end; then every sheet
    // is put in its place (reorder: sheet-scoped defined names and the active tab follow).
    const free = this.sheets.filter((s) => replaced.some((o) => o.name === s.name));
    if (writesSettingNames(specs)) w.setSettingNames(specDefinedNames(specs));
    // Owned sheets no longer in the workbook (deleted, or renamed: a renamed output is the planner's) leave the record,
    // as in the Office.js adapter: a sheet of the planner's given such a name later is never taken for the product's.
    // Those kept are recorded with the sheetId they have now (a program may have renumbered it since), and the add-in's
    // Worksheet.id as it recorded it (this adapter cannot know it).
    const records: OwnedSheet[] = owned
      .filter((o) => !replaced.includes(o) && this.sheets.some((s) => s.name === o.name))
      .map((o) => ({ ...o, sheetId: this.sheetIdOf(o.name) }));
    // The workbook opens on the summary just written, its tab alone selected.
    const opening = specs.find((s) => s.kind === "summary")?.name ?? null;
    const pending: { at: number; spec: SheetSpec; later: () => Promise<string | null> }[] = [];
    for (const given of specs) {
      const spec = options.finalSpec ? await options.finalSpec(given) : given;
      const kindOf = (s: SheetEntry) => replaced.find((o) => o.name === s.name)?.kind;
      const slot = free.find((s) => s.name === spec.name) ?? free.find((s) => kindOf(s) === spec.kind);
      if (slot) free.splice(free.indexOf(slot), 1);
      const rowsBefore = done;
      const written = options.writtenRows?.(spec);
      await w.writeSheet(spec, slot ?? null, this.sheets, spec.name === opening, progress, written);
      progress(rowsBefore + (written?.rows ?? specRows(spec)) - done);
      const entry = this.sheets.find((s) => s.name === spec.name && s.kind === "worksheet");
      const stamp = entry?.part ? this.pkg.stamp(entry.part) : null;
      const elsewhere = options.fingerprintOf?.(spec);
      if (typeof elsewhere === "function") pending.push({ at: records.length, spec, later: elsewhere });
      records.push({
        name: spec.name,
        kind: spec.kind,
        // Where it is worked out later: filled in below, once every sheet is written.
        fingerprint:
          typeof elsewhere === "string"
            ? elsewhere
            : elsewhere
              ? ""
              : await this.run(specFingerprintSteps(spec)),
        period: spec.period ?? "",
        ...(stamp ? { part: stamp } : {}),
        ...(entry ? { sheetId: entry.sheetId } : {}),
      });
    }
    for (const s of [...free, ...leftovers]) await w.removeSheet(s, this.sheets);
    // Before the package digest below, which then covers the package without them.
    await w.dropOrphanedSlicerCaches();
    if (opening) await w.deselectAllBut(opening, this.sheets);
    // Ordered before the ownership sheet is added: it goes last either way.
    w.reorder(
      sheetOrder(
        this.sheets.map((s) => s.name),
        records,
      ),
      this.sheets,
      opening,
    );
    // app.xml's worksheet titles follow workbook.xml's sheets, hidden ones included (as the template's Danh mục): the
    // very hidden ownership sheet too (added last by writeMeta below when new; listed where an earlier release left it
    // out), so a reader that counts the titles finds as many sheets as workbook.xml has.
    const after = worksheets();
    await w.updateAppProperties(before, after.includes(META_SHEET) ? after : [...after, META_SHEET], [
      ...specs.map((s) => s.name).filter((n) => !before.includes(n)),
      META_SHEET,
    ]);
    const meta = (await this.recordSheet()) ?? null;
    for (const p of pending)
      records[p.at] = {
        ...records[p.at],
        fingerprint: (await p.later()) ?? (await this.run(specFingerprintSteps(p.spec))),
      };
    const { digest } = await this.packageDigest(records.map((r) => r.name));
    await w.writeMeta(records, digest, meta, this.sheets);
    await w.finish();
    this.pivotSources = await this.stalePivotSources(specs);
    this.wbXml = w.wbXml;
    this.grids.clear();
    this.dateStyles = null;
  }

  async addSheets(sheets: readonly NewSheet[]): Promise<void> {
    await this.ready;
    await this.flushEdits();
    // Names as Excel compares them, of every sheet: a chart sheet's too, which no grid shows (the lists sheet's name is
    // chosen free among the grids' names only). Refused naming the sheet there, as the Office adapter refuses.
    for (const s of sheets) {
      const there = this.sheets.find((x) => foldName(x.name) === foldName(s.spec.name));
      if (there) throw new UserSheetClashError(there.name);
    }
    await this.dropSignatures();
    const w = await PackageWriter.open(this.pkg, this.wbPart, this.wbXml, this.slices);
    for (const s of sheets) w.addUserSheet(s, this.sheets);
    await w.finish();
    this.wbXml = w.wbXml;
    this.dateStyles = null;
  }

  /** Writes cells of input sheets; strings are stored as text, never as formulas (applied before the next read or save). */
  writeCells(edits: readonly CellEdit[]): void {
    this.pendingEdits.push(...edits);
  }

  private async flushEdits(): Promise<void> {
    if (!this.pendingEdits.length) return;
    await this.dropSignatures();
    const edits = this.pendingEdits.splice(0);
    for (const name of new Set(edits.map((e) => e.sheet))) {
      const s = this.sheets.find((x) => x.name === name && x.kind === "worksheet");
      if (!s?.part) throw new Error(`no sheet ${name}`);
      const xml = (await this.pkg.text(s.part)) ?? "";
      this.pkg.put(
        s.part,
        writeCellsXml(
          xml,
          edits.filter((e) => e.sheet === name),
        ),
      );
      this.grids.delete(name);
    }
  }

  /** The .xlsx bytes. */
  async save(): Promise<Uint8Array> {
    await this.ready;
    await this.flushEdits();
    return this.pkg.generate();
  }

  /** The .xlsx bytes in pieces, in order: for writing to a file without joining them first. */
  async savePieces(): Promise<Uint8Array[]> {
    await this.ready;
    await this.flushEdits();
    return this.pkg.generatePieces();
  }
}

// The end of a sheet's cells ("</sheetData>", "</x:sheetData>", or "<sheetData/>" when it has none).
const SHEET_DATA_END = new TextEncoder().encode("sheetData");

/** Where the last occurrence of `needle` starts in `bytes`, or -1. */
function lastIndexOfBytes(bytes: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = bytes.length - needle.length; i >= 0; i--) {
    for (let k = 0; k < needle.length; k++) if (bytes[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

// Bytes of a sheet part read to find its sheet view, which precedes the cell data.
const SHEET_HEAD_BYTES = 1 << 16;
const headDecoder = new TextDecoder("utf-8");

const isTablePart = (part: string) => /\/tables\/[^/]+\.xml$/i.test(part);

/** Edits the package-level parts (workbook, its relationships, content types, styles) while sheets are written. */
class PackageWriter {
  private readonly p: string;
  private rPrefix: string;
  private relsXml: string;
  private typesXml: string;
  private readonly styles: StyleBook;
  private readonly stylesPart: string;
  private readonly stylesExisted: boolean;
  /** The workbook's table names, lower case (a replaced output's table frees its name). */
  private readonly tableNames = new Set<string>();
  /** Its defined names, lower case: tables and defined names share one namespace. */
  private readonly definedNames = new Set<string>();
  private nextTableId = 1;
  /** The caches (by name) of the slicers removed with replaced output sheets: dropOrphanedSlicerCaches' to check. */
  private readonly slicersGone = new Set<string>();
  /** The ids of replaced outputs' tables, by name (lower case): the new table of that name takes its id again. */
  private readonly freedTableIds = new Map<string, number>();
  /** Defined names local to the written sheets: [sheet, name, formula]. */
  private readonly localNames: [string, string, string][] = [];
  private slices: Pause | null = null;
  /** Sheet parts this writer wrote without the selected flag: deselectAllBut need not read them back. */
  private readonly unselected = new Set<string>();
  /** What referrers() read: which parts lead to each part. */
  private leadsTo: Referrers | null = null;

  private constructor(
    private readonly pkg: ZipPackage,
    private readonly wbPart: string,
    public wbXml: string,
    relsXml: string,
    typesXml: string,
    stylesPart: string,
    stylesXml: string | null,
  ) {
    this.p = rootPrefix(wbXml);
    this.relsXml = relsXml;
    this.typesXml = typesXml;
    this.stylesPart = stylesPart;
    this.stylesExisted = stylesXml !== null;
    this.styles = new StyleBook(stylesXml ?? MINIMAL_STYLES);
    const r = prefixFor(wbXml, REL_NS);
    if (r) this.rPrefix = r;
    else {
      this.rPrefix = "r";
      this.wbXml = wbXml.replace(new RegExp(`<${this.p}workbook\\b`), `$& xmlns:r="${REL_NS}"`);
    }
  }

  static async open(
    pkg: ZipPackage,
    wbPart: string,
    wbXml: string,
    slices: Pause | null,
  ): Promise<PackageWriter> {
    const relsXml = (await pkg.text(relsOf(wbPart))) ?? emptyRels();
    const typesXml = (await pkg.text("[Content_Types].xml")) ?? "";
    const stylesRel = parseRels(relsXml).find((r) => typeIs(r.type, "styles"));
    const stylesPart = stylesRel ? resolve(wbPart, stylesRel.target) : `${dirOf(wbPart)}styles.xml`;
    const w = new PackageWriter(
      pkg,
      wbPart,
      wbXml,
      relsXml,
      typesXml,
      stylesPart,
      await pkg.text(stylesPart),
    );
    w.slices = slices;
    await w.scanNames();
    return w;
  }

  /** Table names and ids already in the workbook (tables and defined names share one namespace). */
  private async scanNames(): Promise<void> {
    for (const part of this.pkg.parts()) {
      if (!isTablePart(part)) continue;
      const a = await this.tableAttrs(part);
      this.nextTableId = Math.max(this.nextTableId, Number(a.get("id") ?? 0) + 1);
      for (const k of ["name", "displayName"])
        if (a.get(k)) this.tableNames.add((a.get(k) as string).toLowerCase());
    }
    for (const e of elements(this.wbXml, ["definedName"]))
      this.definedNames.add((attrs(e.attrText).get("name") ?? "").toLowerCase());
  }

  /** The attributes of a table part's root element. */
  private async tableAttrs(part: string): Promise<Map<string, string>> {
    const t = elements((await this.pkg.text(part)) ?? "", ["table"])[0];
    return t ? attrs(t.attrText) : new Map<string, string>();
  }

  private addOverride(part: string, type: string): void {
    this.removeOverride(part);
    this.typesXml = this.typesXml.replace(
      /<\/([\w.-]+:)?Types>/,
      (m, p: string | undefined) =>
        `<${p ?? ""}Override PartName="/${esc(part)}" ContentType="${type}"/>${m}`,
    );
  }

  private removeOverride(part: string): void {
    const want = `/${part}`.toLowerCase();
    for (const e of elements(this.typesXml, ["Override"]).reverse())
      if ((attrs(e.attrText).get("PartName") ?? "").toLowerCase() === want)
        this.typesXml = this.typesXml.slice(0, e.start) + this.typesXml.slice(e.end);
  }

  private freeRelId(xml: string): string {
    const ids = new Set(parseRels(xml).map((r) => r.id));
    return freeName((n) => ids.has(n), "rId", "");
  }

  private freePart(prefix: string, suffix: string): string {
    return freeName((n) => this.pkg.has(n), prefix, suffix);
  }

  /**
   * Every part a relationship leads to (lower case), with the parts whose relationships lead there ("" for the package):
   * read once, at the first removal (parts written since are the product's own, which nothing else leads to).
   */
  private async referrers(): Promise<Referrers> {
    return (this.leadsTo ??= await referrersOf(this.pkg));
  }

  /**
   * Removes a part and, through its relationships, every part only it leads to (an owned sheet's tables, drawing,
   * charts). A part that another one leads to as well stays: a pivot table of the planner's put on an output sheet goes
   * with the sheet, but its cache, which the workbook lists, does not.
   */
  private async removeTree(part: string): Promise<void> {
    // A replaced output's table frees its name: the new one takes it again (KetQua, not KetQua_2 every other run), as
    // in the Office.js adapter, so a planner's formula naming the table (KetQua[Điểm]) keeps finding it.
    // Its id too, which a planner's table slicer names it by (x15:tableSlicerCache tableId).
    if (isTablePart(part)) {
      const a = await this.tableAttrs(part);
      for (const k of ["name", "displayName"]) this.tableNames.delete((a.get(k) ?? "").toLowerCase());
      const id = Number(a.get("id"));
      if (Number.isInteger(id) && id > 0) this.freedTableIds.set((a.get("name") ?? "").toLowerCase(), id);
    }
    const referrers = await this.referrers();
    const rels = relsOf(part);
    for (const r of parseRels(await this.pkg.text(rels))) {
      if (r.external || typeIs(r.type, "worksheet")) continue;
      const child = resolve(part, r.target);
      if (!ledToOnlyBy(referrers, child, part, this.pkg)) continue;
      if (typeIs(r.type, "slicer")) for (const c of await this.slicerCachesOf(child)) this.slicersGone.add(c);
      await this.removeTree(child);
    }
    this.pkg.remove(rels);
    this.pkg.remove(part);
    this.removeOverride(part);
  }

  /** The caches (by name) the slicers of a slicer part use. */
  private async slicerCachesOf(part: string): Promise<string[]> {
    const xml = (await this.pkg.text(part)) ?? "";
    return elements(xml, ["slicer"]).map((e) => attrs(e.attrText).get("cache") ?? "");
  }

  /**
   * Removes the slicer caches whose last slicer went with a replaced output sheet (a slicer the planner put there), as
   * Excel removes a cache with its last slicer (and excelize's DeleteSlicer, deleteSlicerCache): the cache part, the
   * workbook's relationship and x14:slicerCache entry (its ext, emptied, too), and the defined name Excel gives it
   * (Slicer_Nhóm, =#N/A). A cache another slicer still uses stays, as every cache this write left alone.
   */
  async dropOrphanedSlicerCaches(): Promise<void> {
    if (!this.slicersGone.size) return;
    const used = new Set<string>();
    for (const rels of this.pkg.parts()) {
      const m = /^(.*?)_rels\/([^/]*)\.rels$/i.exec(rels);
      if (!m) continue;
      for (const r of parseRels(await this.pkg.text(rels)))
        if (!r.external && typeIs(r.type, "slicer"))
          for (const c of await this.slicerCachesOf(resolve(m[1] + m[2], r.target))) used.add(c);
    }
    for (const r of parseRels(this.relsXml)) {
      if (r.external || !typeIs(r.type, "slicerCache")) continue;
      const part = resolve(this.wbPart, r.target);
      const def = elements((await this.pkg.text(part)) ?? "", ["slicerCacheDefinition"])[0];
      const name = def ? (attrs(def.attrText).get("name") ?? "") : "";
      if (!this.slicersGone.has(name) || used.has(name)) continue;
      this.pkg.remove(relsOf(part));
      this.pkg.remove(part);
      this.removeOverride(part);
      this.relsXml = withoutElements(this.relsXml, ["Relationship"], (a) => a.get("Id") === r.id);
      this.wbXml = withoutElements(this.wbXml, ["slicerCache"], (a) => attrLocal(a, "id", true) === r.id);
      this.wbXml = withoutElements(
        this.wbXml,
        ["definedName"],
        (a) => a.get("name") === name && a.get("localSheetId") === undefined,
      );
      this.dropEmptyDefinedNames();
    }
    // An x14 or x15 list of slicer caches left empty goes with its ext element, and an extLst left empty with it.
    const around = (tag: string, e: { start: number; end: number }) =>
      elements(this.wbXml, [tag]).find((x) => x.start < e.start && e.end <= x.end);
    for (const e of elements(this.wbXml, ["slicerCaches"]).reverse()) {
      const ext = around("ext", e);
      if (!ext || elements(this.wbXml, ["slicerCache"], e.start, e.end).length) continue;
      const list = around("extLst", ext);
      const alone = list && elements(this.wbXml, ["ext"], list.start, list.end).length === 1;
      const cut = alone ? list : ext;
      this.wbXml = this.wbXml.slice(0, cut.start) + this.wbXml.slice(cut.end);
    }
  }

  private uniqueTableName(base: string): string {
    let name = base;
    const taken = (n: string) =>
      this.tableNames.has(n.toLowerCase()) || this.definedNames.has(n.toLowerCase());
    for (let k = 2; taken(name); k++) name = `${base}_${k}`;
    this.tableNames.add(name.toLowerCase());
    return name;
  }

  /** Writes one output sheet into a slot (an owned sheet it replaces) or a new one at the end. */
  async writeSheet(
    spec: SheetSpec,
    slot: SheetEntry | null,
    sheets: SheetEntry[],
    selected: boolean,
    onRows: (rows: number) => void,
    written?: WrittenRows,
  ): Promise<void> {
    let part: string;
    if (slot?.part) {
      part = slot.part;
      await this.removeTree(part);
      this.renameSheet(slot, spec.name);
    } else {
      if (slot) await this.removeSheet(slot, sheets);
      part = this.addSheet(spec.name, "visible", sheets);
    }
    const rels: string[] = [];
    const tableIds: string[] = [];
    for (const [k, t] of (spec.tables ?? []).entries()) {
      const cols = written ? written.tableColumns[k] : tableColumns(spec, t);
      if (!cols) continue;
      const tablePart = this.freePart("xl/tables/table", ".xml");
      const id = `rId${rels.length + 1}`;
      const name = this.uniqueTableName(t.name);
      const freed = this.freedTableIds.get(name.toLowerCase());
      this.freedTableIds.delete(name.toLowerCase());
      this.pkg.put(tablePart, tableXml(t, freed ?? this.nextTableId++, name, cols));
      this.addOverride(tablePart, CT.table);
      rels.push(`<Relationship Id="${id}" Type="${T}table" Target="${relative(part, tablePart)}"/>`);
      tableIds.push(id);
    }
    let drawingId: string | undefined;
    if (spec.charts?.length) {
      const drawing = this.freePart("xl/drawings/drawing", ".xml");
      const valueAt = cellValueAt(spec);
      const drawingRels = spec.charts.map((c, i) => {
        const chartPart = this.freePart("xl/charts/chart", ".xml");
        this.pkg.put(chartPart, chartXml(spec.name, c, valueAt, chartSize(spec, c)));
        this.addOverride(chartPart, CT.chart);
        return `<Relationship Id="rId${i + 1}" Type="${T}chart" Target="${relative(drawing, chartPart)}"/>`;
      });
      this.pkg.put(drawing, drawingXml(spec.charts, 1));
      this.pkg.put(
        relsOf(drawing),
        emptyRels().replace("</Relationships>", `${drawingRels.join("")}</Relationships>`),
      );
      this.addOverride(drawing, CT.drawing);
      drawingId = `rId${rels.length + 1}`;
      rels.push(`<Relationship Id="${drawingId}" Type="${T}drawing" Target="${relative(part, drawing)}"/>`);
    }
    const steps = sheetXmlSteps(
      spec,
      this.styles,
      { drawing: drawingId, tables: tableIds, selected },
      written,
    );
    let next = steps.next();
    for (; !next.done; next = steps.next()) {
      onRows(next.value);
      await this.slices?.();
    }
    await this.pkg.putSliced(part, next.value, this.slices ?? undefined);
    if (!selected) this.unselected.add(part);
    else this.unselected.delete(part);
    this.addOverride(part, CT.sheet);
    if (rels.length)
      this.pkg.put(relsOf(part), emptyRels().replace("</Relationships>", `${rels.join("")}</Relationships>`));
    const titles = printTitles(spec);
    if (titles) this.localNames.push([spec.name, "_xlnm.Print_Titles", titles]);
    const area = printArea(spec);
    if (area) this.localNames.push([spec.name, "_xlnm.Print_Area", area]);
  }

  /** Adds a sheet of the user's at the end, with its drop-downs. */
  addUserSheet(sheet: NewSheet, sheets: SheetEntry[]): void {
    const part = this.addSheet(sheet.spec.name, sheet.hidden ? "hidden" : "visible", sheets);
    this.pkg.put(part, sheetXml(sheet.spec, this.styles, { tables: [], lists: sheet.lists }));
    this.addOverride(part, CT.sheet);
  }

  /** The hidden sheet that lists the owned sheets, kind and fingerprint. */
  async writeMeta(
    records: readonly OwnedSheet[],
    digest: string,
    slot: SheetEntry | null,
    sheets: SheetEntry[],
  ): Promise<void> {
    const rows: (string | null)[][] = [
      ...[RECORD_ROW_HEADER, ...records.map(recordRow)].map((r) => r.map((v) => v || null)),
      [null, DIGEST_KIND, digest],
    ];
    const spec: SheetSpec = {
      name: META_SHEET,
      kind: "results",
      blocks: [{ row: 1, col: 1, cells: rows.map((r) => r.map((value) => ({ value }))) }],
    };
    let part: string;
    if (slot?.part) {
      part = slot.part;
      await this.removeTree(part);
      if (slot.state !== "veryHidden") this.veryHide(slot);
    } else part = this.addSheet(META_SHEET, "veryHidden", sheets);
    this.pkg.put(part, sheetXml(spec, this.styles, { tables: [] }));
    this.addOverride(part, CT.sheet);
  }

  private sheetsElement(): { start: number; end: number; closeAt: number } {
    const e = elements(this.wbXml, ["sheets"])[0];
    if (!e) throw new WorkbookProblem("damagedPart", { part: this.wbPart });
    return { start: e.start, end: e.end, closeAt: e.end - `</${e.qname}>`.length };
  }

  private addSheet(name: string, state: string, sheets: SheetEntry[]): string {
    const part = this.freePart(`${dirOf(this.wbPart)}worksheets/sheet`, ".xml");
    const rid = this.freeRelId(this.relsXml);
    this.relsXml = this.relsXml.replace(
      /<\/([\w.-]+:)?Relationships>/,
      (m, p: string | undefined) =>
        `<${p ?? ""}Relationship Id="${rid}" Type="${T}worksheet" Target="${relative(this.wbPart, part)}"/>${m}`,
    );
    const sheetId = Math.max(0, ...sheets.map((s) => s.sheetId)) + 1;
    const { closeAt } = this.sheetsElement();
    const el = `<${this.p}sheet name="${esc(name)}" sheetId="${sheetId}"${state !== "visible" ? ` state="${state}"` : ""} ${this.rPrefix}:id="${rid}"/>`;
    this.wbXml = this.wbXml.slice(0, closeAt) + el + this.wbXml.slice(closeAt);
    sheets.push({ name, sheetId, rid, state, part, kind: "worksheet" });
    return part;
  }

  private sheetElements() {
    const { start, end } = this.sheetsElement();
    return elements(this.wbXml, ["sheet"], start, end);
  }

  /**
   * The record's sheet very hidden again, out of Excel's Unhide list (where a planner could delete it and the product
   * lose which sheets are its own): LibreOffice has no such state and saves it hidden.
   */
  private veryHide(slot: SheetEntry): void {
    const e = this.sheetElements().find((x) => attrs(x.attrText).get("name") === slot.name);
    if (!e) return;
    const tag = this.wbXml.slice(e.start, e.end);
    const hidden = /\bstate="[^"]*"/.test(tag)
      ? tag.replace(/\bstate="[^"]*"/, `state="veryHidden"`)
      : tag.replace(/^<[^\s/>]+/, `$& state="veryHidden"`);
    this.wbXml = this.wbXml.slice(0, e.start) + hidden + this.wbXml.slice(e.end);
  }

  private renameSheet(slot: SheetEntry, name: string): void {
    const i = this.sheetElements().findIndex((e) => attrs(e.attrText).get("name") === slot.name);
    const e = this.sheetElements()[i];
    if (!e) return;
    const tag = this.wbXml.slice(e.start, e.end).replace(/\bname="[^"]*"/, `name="${esc(name)}"`);
    this.wbXml = this.wbXml.slice(0, e.start) + tag + this.wbXml.slice(e.end);
    // Names local to the sheet (print titles) are the product's for an owned sheet: rewritten in finish().
    this.dropLocalNames(i, false);
    slot.name = name;
  }

  /** Removes defined names local to sheet index i; when the sheet itself goes, later sheets' indices move down. */
  private dropLocalNames(index: number, shift: boolean): void {
    for (const e of elements(this.wbXml, ["definedName"]).reverse()) {
      const a = attrs(e.attrText);
      const local = a.get("localSheetId");
      if (local === undefined) continue;
      const n = Number(local);
      const printName = a.get("name") === "_xlnm.Print_Titles" || a.get("name") === "_xlnm.Print_Area";
      if (n === index && (shift || printName))
        this.wbXml = this.wbXml.slice(0, e.start) + this.wbXml.slice(e.end);
      else if (shift && n > index) {
        const tag = this.wbXml.slice(e.start, e.end).replace(/localSheetId="\d+"/, `localSheetId="${n - 1}"`);
        this.wbXml = this.wbXml.slice(0, e.start) + tag + this.wbXml.slice(e.end);
      }
    }
  }

  /** Removes an owned sheet that no new sheet replaces. */
  async removeSheet(slot: SheetEntry, sheets: SheetEntry[]): Promise<void> {
    const els = this.sheetElements();
    const i = els.findIndex((e) => attrs(e.attrText).get("name") === slot.name);
    if (i >= 0) {
      this.wbXml = this.wbXml.slice(0, els[i].start) + this.wbXml.slice(els[i].end);
      this.dropLocalNames(i, true);
    }
    for (const e of elements(this.relsXml, ["Relationship"]).reverse())
      if (attrs(e.attrText).get("Id") === slot.rid)
        this.relsXml = this.relsXml.slice(0, e.start) + this.relsXml.slice(e.end);
    if (slot.part) await this.removeTree(slot.part);
    sheets.splice(sheets.indexOf(slot), 1);
  }

  /** Keeps the sheet lists of the extended properties (docProps/app.xml) in step with the workbook's sheets. */
  async updateAppProperties(
    before: readonly string[],
    after: readonly string[],
    added: readonly string[],
  ): Promise<void> {
    const rel = parseRels(await this.pkg.text("_rels/.rels")).find((r) =>
      typeIs(r.type, "extended-properties"),
    );
    const part = rel && !rel.external ? resolve("", rel.target) : null;
    const xml = part ? await this.pkg.text(part) : null;
    if (!part || !xml) return;
    const updated = updateTitlesOfParts(xml, before, after, added);
    if (updated !== xml) this.pkg.put(part, updated);
  }

  /**
   * Clears the selected flag of every sheet but one: a sheet selected beside the active one opens grouped with it in
   * Excel, where an edit goes to both (ECMA-376 §18.3.1.87 sheetView tabSelected). The only change made to a sheet the
   * product does not own.
   */
  async deselectAllBut(name: string, sheets: readonly SheetEntry[]): Promise<void> {
    for (const s of sheets) {
      if (s.name === name || !s.part || this.unselected.has(s.part)) continue;
      // The sheet view comes before the sheet's data (ECMA-376 §18.3.1.99 CT_Worksheet): the head of a large sheet
      // is enough to see that it is not selected, and decoding all of it would cost seconds.
      const bytes = this.pkg.head(s.part, SHEET_HEAD_BYTES);
      if (!bytes) continue;
      const head = headDecoder.decode(bytes);
      const cut = head.indexOf("<sheetData");
      const headView = cut < 0 ? null : elements(head.slice(0, cut), ["sheetView"])[0];
      if (cut >= 0 && (!headView || !/\btabSelected="(1|true)"/.test(headView.attrText))) continue;
      const xml = (await this.pkg.text(s.part)) ?? "";
      const view = elements(xml, ["sheetView"])[0];
      if (!view || !/\btabSelected="(1|true)"/.test(view.attrText)) continue;
      const tag = xml.slice(view.start, view.end).replace(/\s+tabSelected="(1|true)"/, "");
      this.pkg.put(s.part, xml.slice(0, view.start) + tag + xml.slice(view.end));
    }
  }

  /**
   * Puts the sheets in `order` (every sheet's name): the sheet elements are moved, sheet-scoped defined names follow
   * their sheet's new index, and the workbook opens on `opening` (or on the sheet it opened on before).
   */
  reorder(order: readonly string[], sheets: SheetEntry[], opening: string | null): void {
    const els = this.sheetElements();
    const before = els.map((e) => attrs(e.attrText).get("name") ?? "");
    const index = new Map(order.map((n, i) => [n, i]));
    const moved = els.map((e, i) => ({ e, to: index.get(before[i]) ?? i })).sort((a, b) => a.to - b.to);
    if (els.length) {
      const first = els[0].start;
      const last = els[els.length - 1].end;
      const text = moved.map((m) => this.wbXml.slice(m.e.start, m.e.end)).join("");
      this.wbXml = this.wbXml.slice(0, first) + text + this.wbXml.slice(last);
    }
    const after = moved.map((m) => before[els.indexOf(m.e)]);
    const newIndex = (old: number) => (old < before.length ? after.indexOf(before[old]) : old);
    for (const e of elements(this.wbXml, ["definedName"]).reverse()) {
      const local = attrs(e.attrText).get("localSheetId");
      if (local === undefined) continue;
      const tag = this.wbXml
        .slice(e.start, e.end)
        .replace(/localSheetId="\d+"/, `localSheetId="${newIndex(Number(local))}"`);
      this.wbXml = this.wbXml.slice(0, e.start) + tag + this.wbXml.slice(e.end);
    }
    sheets.sort((a, b) => after.indexOf(a.name) - after.indexOf(b.name));
    const view = elements(this.wbXml, ["workbookView"])[0];
    const was = view ? Number(attrs(view.attrText).get("activeTab") ?? 0) : 0;
    const active = opening ? after.indexOf(opening) : newIndex(was);
    if (view) {
      // firstSheet (the first tab shown in the tab bar) is dropped: the bar starts at the first sheet again.
      const tag = this.wbXml
        .slice(view.start, view.end)
        .replace(/\s(activeTab|firstSheet)="\d+"/g, "")
        .replace(/^<([\w.:-]+)/, `<$1 activeTab="${active}"`);
      this.wbXml = this.wbXml.slice(0, view.start) + tag + this.wbXml.slice(view.end);
    } else if (active > 0) {
      const at = this.sheetsElement();
      const views = `<${this.p}bookViews><${this.p}workbookView activeTab="${active}"/></${this.p}bookViews>`;
      this.wbXml = this.wbXml.slice(0, at.start) + views + this.wbXml.slice(at.start);
    }
  }

  /** Removes the workbook's definedNames element when no name is left in it. */
  private dropEmptyDefinedNames(): void {
    const dn = elements(this.wbXml, ["definedNames"])[0];
    if (dn && !dn.selfClosing && !elements(this.wbXml, ["definedName"], dn.start, dn.end).length)
      this.wbXml = this.wbXml.slice(0, dn.start) + this.wbXml.slice(dn.end);
  }

  /** Appends a definedName element to the workbook's definedNames, creating that where CT_Workbook puts it. */
  private addDefinedName(el: string): void {
    const dn = elements(this.wbXml, ["definedNames"])[0];
    if (dn && !dn.selfClosing) {
      const at = dn.end - `</${dn.qname}>`.length;
      this.wbXml = this.wbXml.slice(0, at) + el + this.wbXml.slice(at);
      return;
    }
    const names = `<${this.p}definedNames>${el}</${this.p}definedNames>`;
    if (dn) this.wbXml = this.wbXml.slice(0, dn.start) + names + this.wbXml.slice(dn.end);
    else {
      // definedNames follows sheets, functionGroups and externalReferences (CT_Workbook's order).
      const after =
        elements(this.wbXml, ["externalReferences"])[0] ??
        elements(this.wbXml, ["functionGroups"])[0] ??
        elements(this.wbXml, ["sheets"])[0];
      this.wbXml = this.wbXml.slice(0, after.end) + names + this.wbXml.slice(after.end);
    }
  }

  /**
   * The settings' workbook-level names (ictplan_…): the old ones removed, the given ones written. Every other defined
   * name is the planner's and stays as it was, byte for byte.
   */
  setSettingNames(names: readonly DefinedNameSpec[]): void {
    for (const e of elements(this.wbXml, ["definedName"]).reverse()) {
      const a = attrs(e.attrText);
      if (a.get("localSheetId") === undefined && isSettingName(a.get("name") ?? ""))
        this.wbXml = this.wbXml.slice(0, e.start) + this.wbXml.slice(e.end);
    }
    this.dropEmptyDefinedNames();
    for (const d of names)
      this.addDefinedName(`<${this.p}definedName name="${esc(d.name)}">${esc(d.ref)}</${this.p}definedName>`);
  }

  /** Print titles, styles, the calculation chain, and the edited package-level parts. */
  async finish(): Promise<void> {
    for (const [name, definedName, formula] of this.localNames) {
      const index = this.sheetElements().findIndex((e) => attrs(e.attrText).get("name") === name);
      this.addDefinedName(
        `<${this.p}definedName name="${definedName}" localSheetId="${index}">${esc(formula)}</${this.p}definedName>`,
      );
    }
    if (!this.styles.unchanged) {
      this.pkg.put(this.stylesPart, this.styles.render());
      if (!this.stylesExisted) {
        this.addOverride(this.stylesPart, CT.styles);
        const rid = this.freeRelId(this.relsXml);
        this.relsXml = this.relsXml.replace(
          /<\/([\w.-]+:)?Relationships>/,
          (m, p: string | undefined) =>
            `<${p ?? ""}Relationship Id="${rid}" Type="${T}styles" Target="${relative(this.wbPart, this.stylesPart)}"/>${m}`,
        );
      }
    }
    // The calculation chain lists formula cells of the replaced sheets; Excel rebuilds it when it is absent.
    for (const r of parseRels(this.relsXml).filter((x) => typeIs(x.type, "calcChain"))) {
      const part = resolve(this.wbPart, r.target);
      this.pkg.remove(part);
      this.removeOverride(part);
      for (const e of elements(this.relsXml, ["Relationship"]).reverse())
        if (attrs(e.attrText).get("Id") === r.id)
          this.relsXml = this.relsXml.slice(0, e.start) + this.relsXml.slice(e.end);
    }
    this.pkg.put(this.wbPart, this.wbXml);
    this.pkg.put(relsOf(this.wbPart), this.relsXml);
    this.pkg.put("[Content_Types].xml", this.typesXml);
  }
}
