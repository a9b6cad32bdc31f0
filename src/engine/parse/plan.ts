/** Parsing the four input sheets into the plan model; never throws, every problem is a finding. */
import type { CellRef, CellValue, Grid, WorkbookGrids } from "../grid";
import { a1, cellAt, isPercentFormat, parseA1, refAddress, shownAsPercent } from "../grid";
import type { EnumValue, SettingDef, SettingsValues, SheetDef } from "../format";
import {
  DIRECTIONS,
  enumName,
  MEASURES,
  PILLARS,
  RANKING_GROUPS,
  SETTINGS,
  orderGroups,
  sheetDef,
} from "../format";
import type {
  FigureRow,
  FigureTable,
  Finding,
  Indicator,
  ListSheet,
  Measure,
  Plan,
  RankingGroup,
  Settings,
  SheetLayout,
  Unit,
} from "../model";
import { finding } from "../findings";
import type { Lang } from "../i18n/labels";
import { EMPTY_FIGURES } from "../figures";
import { isBlank, readNumber } from "../numbers";
import { comparePeriodKeys, dateOfText, parsePeriod, periodKey, quarterOfDate } from "../periods";
import { foldText } from "../text";
import {
  ROW_KEYS,
  detectHeader,
  detectSettingsHeader,
  findSetting,
  lastFilledRow,
  locateSheets,
  missingColumns,
  type HeaderMatch,
} from "./headers";
import {
  matchEnum,
  normaliseCode,
  readEnum,
  readMeasure,
  readPercent,
  readText,
  readWeight,
  shown,
  validCode,
} from "./values";

/** Default settings, from the format definition. */
export function defaultSettings(): SettingsValues {
  const s: Record<string, string | number> = {};
  for (const d of SETTINGS) s[d.key] = d.default;
  return s as unknown as SettingsValues;
}

interface SheetContext {
  readonly grid: Grid;
  readonly def: SheetDef;
  readonly header: HeaderMatch;
  readonly layout: SheetLayout;
  /** The workbook's language (else Vietnamese): the values a finding says a column takes are given in it. */
  readonly lang: Lang;
}

function prepare(
  grid: Grid | undefined,
  key: SheetDef["key"],
  findings: Finding[],
  lang: Lang,
  extra?: ReadonlyMap<string, string>,
): SheetContext | null {
  if (!grid) return null;
  const def = sheetDef(key);
  const header = key === "settings" ? detectSettingsHeader(grid) : detectHeader(grid, def, extra);
  if (!header) {
    findings.push(finding("MISSING_HEADER_ROW", { sheet: grid.sheet, cell: "A1" }, { sheet: grid.sheet }));
    return null;
  }
  findings.push(...missingColumns(grid, def, header, lang));
  // Extra columns (notes, a column the planner added) are kept out of the computation, and said so.
  if (key !== "figures")
    for (const [col, text] of header.unmatched)
      findings.push(finding("UNKNOWN_COLUMN", { sheet: grid.sheet, row: header.row, col }, { header: text }));
  // Each column's header as written, once per sheet: findings quote it on every row (columnName).
  const headers: Record<string, string> = {};
  for (const [k, col] of Object.entries(header.columns)) {
    const text = cellAt(grid, header.row, col);
    if (typeof text === "string" && text.trim()) headers[k] = text.replace(/\s+/g, " ").trim();
  }
  const layout: SheetLayout = {
    sheet: grid.sheet,
    headerRow: header.row,
    firstRow: header.row + 1,
    lastRow: lastFilledRow(grid),
    columns: header.columns,
    headers,
  };
  const filled = key === "settings" ? grid : withMergesFilled(grid, header.row);
  return { grid: filled, def, header, layout, lang };
}

/**
 * The grid with each merged range of one column below the header row read as its upper-left value on every row it
 * covers, as planners merge a group ("Sở, ban, ngành" over its units) or a period over a quarter's rows: Excel keeps
 * the value in the upper-left cell only. Other merges (a heading across a row) are left as they are.
 */
function withMergesFilled(grid: Grid, headerRow: number): Grid {
  let values: CellValue[][] | null = null;
  for (const m of grid.merges ?? []) {
    const [a, b] = m.replace(/\$/g, "").split(":");
    const from = parseA1(a);
    const to = parseA1(b ?? a);
    if (!from || !to || from.col !== to.col || to.row <= from.row || from.row <= headerRow) continue;
    const j = from.col - grid.originCol;
    const top = grid.values[from.row - grid.originRow]?.[j] ?? null;
    if (isBlank(top)) continue;
    values ??= grid.values.slice() as CellValue[][];
    for (let r = from.row + 1; r <= to.row; r++) {
      const i = r - grid.originRow;
      const row = [...(values[i] ?? [])];
      if (isBlank(row[j] ?? null)) row[j] = top;
      values[i] = row;
    }
  }
  return values ? { ...grid, values } : grid;
}

function rowsOf(ctx: SheetContext): number[] {
  const rows: number[] = [];
  for (let r = ctx.layout.firstRow; r <= ctx.layout.lastRow; r++) {
    const vals = ctx.grid.values[r - ctx.grid.originRow] ?? [];
    if (vals.some((v) => !isBlank(v ?? null))) rows.push(r);
  }
  return rows;
}

// A totals row's opening words, folded ("Tổng cộng", "Tổng số", "Toàn tỉnh", "Total"; "Cộng" alone): never a unit's
// or an indicator's name ("Công an tỉnh" folds to "cong an tinh", so "cong" counts only as the whole text).
const TOTALS = /^(tong cong|tong so|toan tinh|total)\b|^cong$/;

/**
 * The text of a heading, totals or note row inside a list, as planners' tables have them ("I. KHỐI SỞ, BAN, NGÀNH",
 * "Tổng cộng", "Ghi chú: …"); null for a row of data. Such a row holds no code in its code column (blank, or text no
 * code can be, as a heading merged across the row), and either its text is the row's only cell or it opens with a
 * totals word. A row with a code, or with a name and other cells but no code, stays data, with its own findings.
 */
function noteRow(ctx: SheetContext, row: number, codeKey: string): string | null {
  const codeRef = ref(ctx, row, codeKey);
  if (!codeRef) return null;
  const code = cellAt(ctx.grid, row, codeRef.col);
  if (!isBlank(code)) {
    if (typeof code !== "string") return null;
    // A code (perhaps unknown: it has findings of its own), unless it is a totals word ("Cộng" could be a code);
    // folded only when it starts as one could, as this runs for every row of Số liệu.
    if (validCode(normaliseCode(code)) && !(/^\s*[tcTC]/.test(code) && TOTALS.test(foldText(code))))
      return null;
  }
  let text: string | null = null;
  let filled = 0;
  for (const v of ctx.grid.values[row - ctx.grid.originRow] ?? []) {
    if (isBlank(v ?? null)) continue;
    filled++;
    if (text === null && typeof v === "string") text = v.trim();
  }
  return text !== null && (filled === 1 || TOTALS.test(foldText(text))) ? text : null;
}

// A column's number as administrative tables number their columns under the header: 1, (1), [2], A, (B), IV, (5)=(3)+(4).
const COLUMN_NUMBER = /^[([]?\s*(\d{1,3}|[a-z]|[ivx]{1,4})\s*[)\]]?(\s*=.*)?$/i;
// Words of a units row under the header besides the measures Chỉ tiêu takes (%, Số lượng, Có/Không, Triệu đồng), folded.
const UNIT_WORDS = new Set([
  "dvt",
  "don vi tinh",
  "don vi",
  "nguoi",
  "luot",
  "ngay",
  "gio",
  "cai",
  "chiec",
  "may",
  "bo",
  "van ban",
  "ho so",
  "dich vu",
  "dong",
  "ty dong",
  "diem",
]);

/**
 * The text of a row under the header that numbers or labels the columns rather than holding data, as administrative
 * tables have one: column numbers ("(1) (2) (3)") or units of measure ("ĐVT", "%", "Có/Không"); null otherwise. Every
 * filled cell, at least two, is such a word or number.
 */
function subHeaderRow(ctx: SheetContext, row: number): string | null {
  const texts: string[] = [];
  for (const v of ctx.grid.values[row - ctx.grid.originRow] ?? []) {
    if (isBlank(v ?? null)) continue;
    if (typeof v === "number" ? !Number.isInteger(v) || v < 0 || v > 999 : typeof v !== "string") return null;
    const t = String(v).trim();
    if (!COLUMN_NUMBER.test(t) && !matchEnum(t, MEASURES) && !UNIT_WORDS.has(foldText(t))) return null;
    texts.push(t);
  }
  return texts.length >= 2 ? texts.join(" ") : null;
}

/**
 * The rows of a list sheet that hold data: rowsOf without its heading, totals and note rows, nor a row numbering or
 * labelling the columns above the first data row, each of which is reported (info) so that a unit or an indicator
 * typed without its code is not passed over unseen.
 */
function dataRows(ctx: SheetContext, codeKey: string, column: string, findings: Finding[]): number[] {
  let data = false;
  return rowsOf(ctx).filter((row) => {
    // Below the first data row, a row of numbers is data (with its own findings), never a heading.
    const text = noteRow(ctx, row, codeKey) ?? (data ? null : subHeaderRow(ctx, row));
    if (text === null) return (data = true);
    const at = ref(ctx, row, codeKey) as CellRef;
    findings.push(
      finding("NOTE_ROW", at, { text: text.length > 60 ? `${text.slice(0, 59)}…` : text, column }),
    );
    return false;
  });
}

/**
 * A column's name as the planner's header row writes it, which findings quote (an English template's "Unit code",
 * not the format's "Mã đơn vị"); the format's name where the header cell holds no text.
 */
function columnName(ctx: SheetContext, key: string): string {
  return ctx.layout.headers?.[key] ?? ctx.def.columns.find((c) => c.key === key)?.header ?? key;
}

const ref = (ctx: SheetContext, row: number, key: string): CellRef | null => {
  const col = ctx.header.columns[key];
  return col === undefined ? null : { sheet: ctx.grid.sheet, row, col };
};

/**
 * A setting's default as the planner types it, in the sheet's language (English when the setting's label is written in
 * English): a choice by its label ("Theo chỉ tiêu", not the key "indicator"), a percentage as a percentage.
 */
function settingDefaultText(def: SettingDef, english: boolean): string {
  const choice = def.values?.find((v) => v.key === def.default);
  if (choice) return english ? choice.en : choice.vi;
  if (def.type === "percent" && typeof def.default === "number")
    return `${Math.round(def.default * 1000) / 10}%`;
  return String(def.default);
}

/** A cell's date: a date, or a date typed as text ("30/6/2015"); null for anything else. */
const asDate = (v: CellValue): Date | null =>
  v instanceof Date ? v : typeof v === "string" ? dateOfText(v) : null;

/** A date where a period goes (Excel makes one of 30/6/2015 or 6/2015): named as shown, with its quarter to write. */
const periodAsDate = (d: Date, at: CellRef): Finding =>
  finding("PERIOD_AS_DATE", at, { value: shown(d), period: periodKey(quarterOfDate(d)) });

// The bounds a plan writes before a target: signs, and words (folded) such as Trên, Tối thiểu, Không dưới.
const BOUND_SIGNS = new Set(["≥", ">=", "=>", ">", "≤", "<=", "=<", "<"]);
const BOUND_WORDS = new Set([
  "tren",
  "duoi",
  "toi thieu",
  "toi da",
  "it nhat",
  "nhieu nhat",
  "khong duoi",
  "khong qua",
  "khong vuot qua",
  "tu",
  "dat",
  "at least",
  "at most",
  "over",
  "under",
]);

/**
 * The number of a target written as plans word it, a bound before it and perhaps a unit after ("≥ 80%", "Trên 90%",
 * "Tối thiểu 150", "≤ 3 ngày"): "80%", "90%", "150", "3"; null for any other cell.
 */
function boundNumber(v: CellValue): string | null {
  if (typeof v !== "string") return null;
  const m = /^\s*(\D*?)\s*(\d[\d.,]*\s*%?)\s*\p{L}*(?:\s+\p{L}+)*\s*$/u.exec(v);
  if (!m || !(BOUND_SIGNS.has(m[1]) || BOUND_WORDS.has(foldText(m[1])))) return null;
  return m[2];
}

/** A label as a message quotes it: as the sheet has it, its spaces collapsed. */
const shownLabel = (label: CellValue) => String(label).replace(/\s+/g, " ").trim();

function parseSettings(ctx: SheetContext | null, findings: Finding[], lang: Lang): Settings {
  const values = defaultSettings() as unknown as Record<string, string | number>;
  const cells: Partial<Record<keyof SettingsValues, CellRef>> = {};
  const converted: (keyof SettingsValues)[] = [];
  const labels: Partial<Record<keyof SettingsValues, string>> = {};
  const at: Partial<Record<keyof SettingsValues, CellRef>> = {};
  const shares: (keyof SettingsValues)[] = [];
  if (ctx) {
    const rows = rowsOf(ctx);
    // The labels as the planner's sheet has them, first: an unknown setting's message lists them.
    for (const row of rows) {
      const col = ctx.header.columns.setting;
      const label = col === undefined ? null : cellAt(ctx.grid, row, col);
      const def = isBlank(label) ? undefined : findSetting(String(label));
      if (def && !labels[def.key]) labels[def.key] = shownLabel(label);
    }
    for (const row of rows) {
      const kRef = ref(ctx, row, "setting");
      const vRef = ref(ctx, row, "value");
      if (!kRef || !vRef) continue;
      const label = cellAt(ctx.grid, row, kRef.col);
      if (isBlank(label)) continue;
      const def = findSetting(String(label));
      if (!def) {
        findings.push(
          finding("UNKNOWN_SETTING", kRef, {
            value: String(label),
            allowed: SETTINGS.map((d) => labels[d.key] ?? (lang === "vi" ? d.label : d.labelEn)).join("; "),
          }),
        );
        continue;
      }
      at[def.key] ??= vRef;
      const raw = cellAt(ctx.grid, row, vRef.col);
      if (isBlank(raw)) continue;
      const v = readSetting(def, raw, shownAsPercent(ctx.grid, row, vRef.col));
      if (v === null) {
        const date = def.type === "period" ? asDate(raw) : null;
        findings.push(
          date
            ? periodAsDate(date, vRef)
            : finding("INVALID_SETTING", vRef, {
                value: shown(raw),
                setting: shownLabel(label),
                default: settingDefaultText(def, foldText(String(label)) === foldText(def.labelEn)),
              }),
        );
        continue;
      }
      values[def.key] = v;
      cells[def.key] = vRef;
      if (raw !== v) converted.push(def.key);
      // A share: "80%" typed as text, or 0.8 in a cell formatted as a percentage (85 there, as the pane writes a
      // threshold into the planner's cell, is 85).
      const share =
        typeof raw === "number"
          ? raw <= 1 && shownAsPercent(ctx.grid, row, vRef.col)
          : readNumber(raw)?.percent;
      if (GRADE_THRESHOLDS.has(def.key) && share) shares.push(def.key);
    }
  }
  // A grade threshold written as a percentage is a share of the index scale (Ngưỡng Tốt 80% is 80 of 100): read as a
  // number, 0.8, every unit would be Tốt. Formulas take the threshold read.
  for (const key of shares) {
    values[key] = Number(((values[key] as number) * (values.indexScale as number)).toPrecision(15));
    if (!converted.includes(key)) converted.push(key);
  }
  return { ...(values as unknown as SettingsValues), cells, converted, labels, rows: at };
}

// The settings an index is graded against, on the index's scale.
const GRADE_THRESHOLDS: ReadonlySet<keyof SettingsValues> = new Set([
  "gradeGood",
  "gradeFair",
  "gradeAverage",
]);

/** A setting's value as the parser reads it from a cell, or null when the value is not allowed. */
export function readSetting(
  def: SettingDef,
  raw: import("../grid").CellValue,
  percentCell: boolean,
): string | number | null {
  switch (def.type) {
    case "text":
      return typeof raw === "string" || typeof raw === "number" ? String(raw).trim() : null;
    case "period": {
      const p = parsePeriod(raw);
      return p ? periodKey(p) : null;
    }
    case "enum":
      return matchEnum(raw, def.values ?? [])?.key ?? null;
    default: {
      const n = readNumber(raw);
      if (!n) return null;
      let x = n.value;
      // 80 means 80% in a percent setting, unless the cell shows 80 as 8000%.
      if (def.type === "percent" && !n.percent && !percentCell && x > 1 && x <= 100) x /= 100;
      if (def.type === "percent" && x > 1) return null;
      if (def.type === "integer" && !Number.isInteger(x)) return null;
      if (def.key === "indexScale" && ![1, 100, 1000].includes(x)) return null;
      if (def.key === "indexDecimals" && (x < 0 || x > 6)) return null;
      if (def.key === "robustnessDraws" && (x < 1 || x > 100000)) return null;
      if (def.key === "attainmentCap" && !(x >= 1)) return null;
      if (def.key === "nearTarget" && !(x > 0 && x <= 1)) return null;
      if (x < 0) return null;
      return x;
    }
  }
}

/** Reads a row's code: present, well-formed and not seen before; otherwise a finding and null. */
function readCode(
  ctx: SheetContext,
  codeRef: CellRef,
  seen: Map<string, CellRef>,
  findings: Finding[],
  column: string,
  duplicate: "DUPLICATE_UNIT" | "DUPLICATE_INDICATOR",
): string | null {
  const code = readText(cellAt(ctx.grid, codeRef.row, codeRef.col), codeRef);
  findings.push(...code.findings);
  if (code.value === null) {
    if (!code.findings.length) findings.push(finding("MISSING_VALUE", codeRef, { column }));
    return null;
  }
  const c = normaliseCode(code.value);
  if (!validCode(c)) {
    findings.push(finding("INVALID_CODE", codeRef, { value: code.value }));
    return null;
  }
  const first = seen.get(c);
  if (first) {
    findings.push(finding(duplicate, codeRef, { code: c, first: refAddress(first) }));
    return null;
  }
  seen.set(c, codeRef);
  return c;
}

function parseUnits(ctx: SheetContext | null, findings: Finding[]): Unit[] {
  if (!ctx) return [];
  const units: Unit[] = [];
  const seen = new Map<string, CellRef>();
  for (const row of dataRows(ctx, "code", columnName(ctx, "code"), findings)) {
    const codeRef = ref(ctx, row, "code");
    if (!codeRef) break;
    const c = readCode(ctx, codeRef, seen, findings, columnName(ctx, "code"), "DUPLICATE_UNIT");
    if (c === null) continue;
    const nameRef = ref(ctx, row, "name");
    const nameCell = nameRef ? cellAt(ctx.grid, row, nameRef.col) : null;
    const name = nameRef ? readText(nameCell, nameRef) : { value: null, findings: [] };
    findings.push(...name.findings);
    // A unit without a name is ranked and reported by its code: said, so the report is not sent so.
    if (nameRef && isBlank(nameCell))
      findings.push(finding("MISSING_NAME", nameRef, { code: c, column: columnName(ctx, "name") }));
    const groupRef = ref(ctx, row, "group");
    let group: RankingGroup | null = null;
    if (groupRef) {
      // A known group by any of its names, else a group of the planner's own, by the name written.
      const raw = cellAt(ctx.grid, row, groupRef.col);
      const known = matchEnum(raw, RANKING_GROUPS);
      const own = readText(raw, groupRef);
      findings.push(...own.findings);
      if (known) group = known.key;
      else if (own.value) group = own.value;
      else if (!own.findings.length)
        findings.push(finding("MISSING_VALUE", groupRef, { column: columnName(ctx, "group") }));
    }
    const activeRef = ref(ctx, row, "active");
    let active = true;
    if (activeRef) {
      const a = readMeasure(
        cellAt(ctx.grid, row, activeRef.col),
        "yesno",
        activeRef,
        columnName(ctx, "active"),
      );
      findings.push(...a.findings);
      if (a.value !== null) active = a.value === 1;
    }
    if (group === null) continue;
    units.push({ code: c, name: name.value ?? c, group, active, cell: codeRef });
  }
  return units;
}

function parseGroups(
  raw: import("../grid").CellValue,
  cell: CellRef,
  column: string,
  findings: Finding[],
  all: readonly RankingGroup[],
  lang: Lang,
): RankingGroup[] {
  if (isBlank(raw)) return [...all];
  // A known group by any of its names, or a group of the planner's own that is on Đơn vị.
  const match = (text: string): RankingGroup | null =>
    matchEnum(text, RANKING_GROUPS)?.key ?? all.find((g) => foldText(g) === foldText(text)) ?? null;
  const whole = match(String(raw));
  if (whole) return [whole];
  const out: RankingGroup[] = [];
  for (const part of String(raw).split(/[;\n]+/)) {
    if (!part.trim()) continue;
    const g = match(part);
    if (g === null)
      findings.push(
        finding("INVALID_ENUM", cell, {
          value: part.trim(),
          column,
          allowed: all
            .map((x) => {
              const known = RANKING_GROUPS.find((k) => k.key === x);
              return known ? enumName(known, lang) : x;
            })
            .join("; "),
        }),
      );
    else if (!out.includes(g)) out.push(g);
  }
  return out;
}

/** The groups a blank "Áp dụng cho" means: every group present on Đơn vị (the known groups when there are no units). */
function presentGroups(units: readonly Unit[]): RankingGroup[] {
  const present = orderGroups(units.map((u) => u.group));
  return present.length ? present : RANKING_GROUPS.map((g) => g.key);
}

/** An indicator row left out for want of a valid unit of measure or weight: its figures' column points back to that
 *  cell. */
interface LeftOut {
  readonly code: string;
  readonly at: CellRef;
  readonly why: "measure" | "weight";
}

function parseIndicators(
  ctx: SheetContext | null,
  findings: Finding[],
  allGroups: readonly RankingGroup[],
  leftOut: Map<string, LeftOut>,
): Indicator[] {
  if (!ctx) return [];
  const out: Indicator[] = [];
  const seen = new Map<string, CellRef>();
  for (const row of dataRows(ctx, "code", columnName(ctx, "code"), findings)) {
    const codeRef = ref(ctx, row, "code");
    if (!codeRef) break;
    const c = readCode(ctx, codeRef, seen, findings, columnName(ctx, "code"), "DUPLICATE_INDICATOR");
    if (c === null) continue;
    const cells: Record<string, CellRef> = {};
    const get = (key: string) => {
      const r = ref(ctx, row, key);
      if (r) cells[key] = r;
      return r ? { r, v: cellAt(ctx.grid, row, r.col) } : null;
    };
    const name = get("name");
    const nameText = name ? readText(name.v, name.r) : null;
    if (name && isBlank(name.v))
      findings.push(finding("MISSING_NAME", name.r, { code: c, column: columnName(ctx, "name") }));
    // A blank in a required cell says which indicator, which cell, and what to type there.
    const blank = (code: "MISSING_PILLAR" | "MISSING_MEASURE", at: CellRef, values: readonly EnumValue[]) =>
      finding(code, at, {
        indicator: c,
        indicatorName: nameText?.value ?? "",
        cell: refAddress(at),
        allowed: values.map((v) => enumName(v, ctx.lang)).join("; "),
        ...(code === "MISSING_PILLAR" ? { pillar: enumName(PILLARS[0], ctx.lang) } : {}),
      });
    const pillarCell = get("pillar");
    let pillar = "";
    if (pillarCell && !isBlank(pillarCell.v)) {
      const p = matchEnum(pillarCell.v, PILLARS);
      pillar = p ? p.vi : String(pillarCell.v).trim();
      if (!p) findings.push(finding("UNKNOWN_PILLAR", pillarCell.r, { value: pillar }));
    } else if (pillarCell) findings.push(blank("MISSING_PILLAR", pillarCell.r, PILLARS));
    const measureCell = get("measure");
    let measure: Measure | null = null;
    if (measureCell) {
      const m = readEnum(measureCell.v, MEASURES, measureCell.r, columnName(ctx, "measure"), ctx.lang);
      findings.push(...m.findings);
      if (m.value) measure = m.value.key as Measure;
      else if (!m.findings.length) findings.push(blank("MISSING_MEASURE", measureCell.r, MEASURES));
    }
    const dirCell = get("direction");
    let direction: "higher" | "lower" = "higher";
    if (dirCell) {
      const d = readEnum(dirCell.v, DIRECTIONS, dirCell.r, columnName(ctx, "direction"), ctx.lang);
      findings.push(...d.findings);
      if (d.value) direction = d.value.key as "higher" | "lower";
    }
    const weightCell = get("weight");
    let weight = 0;
    if (weightCell) {
      const w = readWeight(
        weightCell.v,
        weightCell.r,
        columnName(ctx, "weight"),
        shownAsPercent(ctx.grid, row, weightCell.r.col),
      );
      findings.push(...w.findings);
      if (w.value === null && !w.findings.length)
        findings.push(
          finding("MISSING_WEIGHT", weightCell.r, {
            indicator: c,
            indicatorName: nameText?.value ?? "",
            cell: refAddress(weightCell.r),
          }),
        );
      else if (w.value !== null && w.value <= 0)
        findings.push(finding("WEIGHT_NOT_POSITIVE", weightCell.r, { indicator: c }));
      else if (w.value !== null) weight = w.value;
    }
    const m: Measure = measure ?? "count";
    const converted: string[] = [];
    const target = (key: string): number | null => {
      const t = get(key);
      // Without its unit of measure a target cannot be judged (is "Có" right?): MISSING_MEASURE says what to do.
      if (!t || measure === null) return null;
      const col = columnName(ctx, key);
      const pct = shownAsPercent(ctx.grid, row, t.r.col);
      const bound = boundNumber(t.v);
      const asBound = bound === null ? null : readMeasure(bound, m, t.r, col, pct, c);
      // A bound read ("≥ 80%" as 80%) is said once, not as a number stored as text besides.
      const r =
        bound !== null && asBound && asBound.value !== null
          ? {
              value: asBound.value,
              findings: [
                ...asBound.findings.filter((f) => f.code !== "NUMBER_AS_TEXT"),
                finding("TARGET_AS_BOUND", t.r, { value: String(t.v), number: bound }),
              ],
            }
          : asBound?.findings.some((f) => f.code === "PERCENT_IN_COUNT")
            ? asBound
            : readMeasure(t.v, m, t.r, col, pct, c);
      findings.push(...r.findings);
      if (r.value !== null && t.v !== r.value) converted.push(key);
      return r.value;
    };
    // A weight read as other than its cell holds (text, a percentage): the formulas take the number read.
    if (weightCell?.v !== weight) converted.push("weight");
    const annualTarget = target("annualTarget");
    const milestones = [
      target("milestoneQ1"),
      target("milestoneQ2"),
      target("milestoneQ3"),
      target("milestoneQ4"),
    ] as const;
    const groupsCell = get("groups");
    const groups = groupsCell
      ? parseGroups(groupsCell.v, groupsCell.r, columnName(ctx, "groups"), findings, allGroups, ctx.lang)
      : [...allGroups];
    const covCell = get("coverageTarget");
    let coverageTarget: number | null = null;
    if (covCell) {
      const cv = readPercent(
        covCell.v,
        covCell.r,
        columnName(ctx, "coverageTarget"),
        shownAsPercent(ctx.grid, row, covCell.r.col),
      );
      findings.push(...cv.findings);
      coverageTarget = cv.value;
    }
    // Left out: its figures' column points back to the cell that keeps it out (the unit of measure first).
    if (measure === null && measureCell)
      leftOut.set(foldText(c), { code: c, at: measureCell.r, why: "measure" });
    else if (weight <= 0 && weightCell)
      leftOut.set(foldText(c), { code: c, at: weightCell.r, why: "weight" });
    if (measure === null || weight <= 0) continue;
    out.push({
      code: c,
      name: nameText?.value ?? c,
      pillar: pillar || PILLARS[0].vi,
      measure,
      direction: measure === "yesno" ? "higher" : direction,
      weight,
      annualTarget: measure === "yesno" && annualTarget === null ? 1 : annualTarget,
      milestones: [...milestones] as unknown as Indicator["milestones"],
      groups,
      coverageTarget,
      cell: codeRef,
      cells,
      converted,
    });
  }
  return out;
}

// A notes column beside the figures (Ghi chú, Notes): not a mistyped indicator code, so only said to be ignored.
const NOTE_HEADER = /^(?:ghi chu|chu thich|notes?|remarks?|comments?)(?: |$)/;

type CascadeCode = "UNKNOWN_UNIT" | "DUPLICATE_FIGURE_ROW" | "INACTIVE_UNIT_FIGURE";

/** Figure-row findings gathered per cause and unit code, so that one cause is one finding with a count. */
class Cascades {
  private readonly byKey = new Map<
    string,
    { code: CascadeCode; unit: string; at: CellRef; rows: number; periods: string[]; first: number }
  >();

  add(code: CascadeCode, unit: string, at: CellRef, dup?: { period: string; first: number }): void {
    const k = `${code}|${unit}`;
    const e = this.byKey.get(k);
    if (e) {
      e.rows++;
      if (dup && !e.periods.includes(dup.period)) e.periods.push(dup.period);
    } else
      this.byKey.set(k, {
        code,
        unit,
        at,
        rows: 1,
        periods: dup ? [dup.period] : [],
        first: dup?.first ?? 0,
      });
  }

  /** The findings; with no units at all, every unknown code is one finding (the Đơn vị sheet is what is missing). */
  findings(noUnits: boolean): Finding[] {
    const all = [...this.byKey.values()];
    const unknown = all.filter((e) => e.code === "UNKNOWN_UNIT");
    const out: Finding[] = [];
    if (noUnits && unknown.length) {
      const codes = unknown.map((e) => e.unit);
      out.push(
        finding("UNKNOWN_UNITS", unknown[0].at, {
          rows: unknown.reduce((n, e) => n + e.rows, 0),
          codes: codes.length > 5 ? `${codes.slice(0, 5).join(", ")}, …` : codes.join(", "),
        }),
      );
    }
    for (const e of all) {
      if (e.code === "UNKNOWN_UNIT") {
        if (!noUnits) out.push(finding("UNKNOWN_UNIT", e.at, { code: e.unit, rows: e.rows }));
      } else if (e.code === "DUPLICATE_FIGURE_ROW")
        out.push(finding(e.code, e.at, { unit: e.unit, period: e.periods.join(", "), first: e.first }));
      else out.push(finding(e.code, e.at, { unit: e.unit, rows: e.rows }));
    }
    return out;
  }
}

/**
 * Copies a figures row's cells from column j on into values while they are blank (NaN) or a plain number already in
 * range (0: every number ≥ 0, 1: at most 1 (percent), 2: 0 or 1 (yes/no), 3: none): no finding to make. Returns the
 * first column that needs the full read, or the number of columns. A small function of its own, so that it is
 * optimised after a few rows rather than with the whole of parseFigures.
 */
function plainCells(
  rowValues: readonly (CellValue | undefined)[] | undefined,
  cols: Int32Array,
  limits: Uint8Array,
  values: Float64Array,
  base: number,
  from: number,
): number {
  const n = cols.length;
  if (rowValues === undefined) {
    for (let j = from; j < n; j++) values[base + j] = NaN;
    return n;
  }
  for (let j = from; j < n; j++) {
    const v = rowValues[cols[j]];
    if (v === undefined || v === null) values[base + j] = NaN;
    else if (typeof v === "number" && v >= 0) {
      const limit = limits[j];
      if (limit === 0 || (limit === 1 ? v <= 1 : limit === 2 && (v === 0 || v === 1))) values[base + j] = v;
      else return j;
    } else return j;
  }
  return n;
}

function parseFigures(
  grid: Grid | undefined,
  units: readonly Unit[],
  indicators: readonly Indicator[],
  findings: Finding[],
  lang: Lang,
  leftOut: ReadonlyMap<string, LeftOut> = new Map(),
  unread: { readonly units: boolean; readonly indicators: boolean } = { units: false, indicators: false },
): { figures: FigureTable; layout: SheetLayout | null } {
  const extra = new Map<string, string>();
  for (const ind of indicators) extra.set(foldText(ind.code), `ind:${ind.code}`);
  const ctx = prepare(grid, "figures", findings, lang, extra);
  if (!ctx) return { figures: EMPTY_FIGURES, layout: null };
  const unitByCode = new Map(units.map((u) => [u.code, u]));
  const indCols: { ind: Indicator; col: number }[] = [];
  for (const ind of indicators) {
    const col = ctx.header.columns[`ind:${ind.code}`];
    if (col === undefined)
      findings.push(
        finding(
          "MISSING_INDICATOR_COLUMN",
          { sheet: ctx.grid.sheet, cell: a1(ctx.header.row, ctx.grid.originCol) },
          { indicator: ind.code },
        ),
      );
    else indCols.push({ ind, col });
  }
  // Without the indicators (Chỉ tiêu unread) every indicator's column would be "no indicator code".
  for (const [col, text] of unread.indicators ? [] : ctx.header.unmatched) {
    const at = { sheet: ctx.grid.sheet, row: ctx.header.row, col };
    // An indicator of Chỉ tiêu left out for its unit of measure or weight: say so, not that the header matches no code.
    const w = leftOut.get(foldText(text));
    findings.push(
      w
        ? finding(w.why === "measure" ? "UNMEASURED_INDICATOR_COLUMN" : "WEIGHTLESS_INDICATOR_COLUMN", at, {
            header: text,
            indicator: w.code,
            cell: refAddress(w.at),
            indicatorsSheet: w.at.sheet,
          })
        : NOTE_HEADER.test(foldText(text))
          ? finding("UNKNOWN_COLUMN", at, { header: text })
          : finding("UNKNOWN_INDICATOR_COLUMN", at, { header: text }),
    );
  }
  const sheet = ctx.grid.sheet;
  const n = indCols.length;
  // Per indicator column: its index in a row of the grid, and the fast path's range (0: every number ≥ 0, 1: at
  // most 1 (percent), 2: 0 or 1 (yes/no), 3: none, for a count or amount column with a cell formatted as a
  // percentage, where 0.85 is "85%", a percentage where a count goes: PERCENT_IN_COUNT).
  const originRow = ctx.grid.originRow;
  const cols = Int32Array.from(indCols, (c) => c.col - ctx.grid.originCol);
  const formats = ctx.grid.formats;
  const limits = Uint8Array.from(indCols, (c) =>
    c.ind.measure === "percent"
      ? 1
      : c.ind.measure === "yesno"
        ? 2
        : formats?.some((r) => isPercentFormat(r[c.col - ctx.grid.originCol]))
          ? 3
          : 0,
  );
  const figureRows: FigureRow[] = [];
  const values = new Float64Array(Math.max(0, ctx.layout.lastRow - ctx.layout.firstRow + 1) * n);
  const converted = new Set<number>();
  const seenRow = new Map<string, number>();
  // Rows with the same cause are one finding with a count, at the first of them.
  const cascade = new Cascades();
  for (const row of dataRows(ctx, "unit", columnName(ctx, "unit"), findings)) {
    const uRef = ref(ctx, row, "unit");
    const pRef = ref(ctx, row, "period");
    if (!uRef || !pRef) break;
    const uText = readText(cellAt(ctx.grid, row, uRef.col), uRef);
    findings.push(...uText.findings);
    if (uText.value === null) {
      if (!uText.findings.length)
        findings.push(finding("MISSING_VALUE", uRef, { column: columnName(ctx, "unit") }));
      continue;
    }
    const code = normaliseCode(uText.value);
    const unit = unitByCode.get(code);
    if (!unit) {
      cascade.add("UNKNOWN_UNIT", code, uRef);
      continue;
    }
    const pv = cellAt(ctx.grid, row, pRef.col);
    const p = parsePeriod(pv);
    if (!p || p.quarter === null) {
      const date = asDate(pv);
      findings.push(
        isBlank(pv)
          ? finding("MISSING_VALUE", pRef, { column: columnName(ctx, "period") })
          : date
            ? periodAsDate(date, pRef)
            : finding("UNKNOWN_PERIOD", pRef, { value: shown(pv) }),
      );
      continue;
    }
    const key = periodKey(p);
    const dup = seenRow.get(`${code}|${key}`);
    if (dup !== undefined) {
      cascade.add("DUPLICATE_FIGURE_ROW", code, uRef, { period: key, first: dup });
      continue;
    }
    seenRow.set(`${code}|${key}`, row);
    if (!unit.active) cascade.add("INACTIVE_UNIT_FIGURE", code, uRef);
    const base = figureRows.length * n;
    figureRows.push({ unit: code, period: key, row });
    // The row's cells read directly (cellAt for each of units × quarters × indicators cells costs a call and a lookup);
    // only the cells plainCells leaves (text, negative or out-of-range numbers) are read one by one here.
    const rowValues = ctx.grid.values[row - originRow];
    for (
      let j = plainCells(rowValues, cols, limits, values, base, 0);
      j < n;
      j = plainCells(rowValues, cols, limits, values, base, j + 1)
    ) {
      const raw = rowValues[cols[j]] as CellValue;
      const { ind, col } = indCols[j];
      const r = readMeasure(
        raw,
        ind.measure,
        { sheet, row, col },
        ind.code,
        shownAsPercent(ctx.grid, row, col),
        ind.code,
      );
      findings.push(...r.findings);
      values[base + j] = r.value ?? NaN;
      if (r.value !== null && raw !== r.value) converted.add(base + j);
    }
  }
  if (!unread.units) findings.push(...cascade.findings(units.length === 0));
  const figures: FigureTable = {
    sheet,
    indicators: indCols.map((c) => c.ind.code),
    cols: indCols.map((c) => c.col),
    rows: figureRows,
    // Every row read (the usual case): the array itself, not a copy of it.
    values: values.length === figureRows.length * n ? values : values.slice(0, figureRows.length * n),
    converted,
  };
  const columns: Record<string, number> = {};
  for (const [k, v] of Object.entries(ctx.header.columns)) columns[k.startsWith("ind:") ? k.slice(4) : k] = v;
  return { figures, layout: { ...ctx.layout, columns } };
}

/** Parses a workbook's input sheets into a plan; never throws: what cannot be read becomes a finding. */
export function parseWorkbook(wb: WorkbookGrids): { plan: Plan; findings: Finding[] } {
  const findings: Finding[] = [];
  const located = locateSheets(wb);
  findings.push(...located.findings);
  // What a finding says the planner may type is in the workbook's language, as a missing sheet is named.
  const lang = located.language ?? "vi";
  const settingsCtx = prepare(located.sheets.settings, "settings", findings, lang);
  const settings = parseSettings(settingsCtx, findings, lang);
  const unitsCtx = prepare(located.sheets.units, "units", findings, lang);
  const units = parseUnits(unitsCtx, findings);
  const indCtx = prepare(located.sheets.indicators, "indicators", findings, lang);
  const leftOut = new Map<string, LeftOut>();
  const indicators = parseIndicators(indCtx, findings, presentGroups(units), leftOut);
  // The input sheets none of whose rows is read, for a cause already reported (the sheet missing or renamed, no
  // header row, a column every row needs): what their rows would have said is not reported again, row by row or
  // column by column. A missing Đơn vị sheet still lists the unknown codes (UNKNOWN_UNITS): the units to type.
  const contexts = { units: unitsCtx, indicators: indCtx };
  const unread: ListSheet[] = (Object.keys(contexts) as (keyof typeof contexts)[]).filter(
    (k) => !contexts[k] || ROW_KEYS[k].some((c) => contexts[k]?.header.columns[c] === undefined),
  );
  const unitsAbsent = !located.sheets.units && !located.renamed.includes("units");
  const fig = parseFigures(located.sheets.figures, units, indicators, findings, lang, leftOut, {
    units: unread.includes("units") && !unitsAbsent,
    indicators: unread.includes("indicators"),
  });
  if (!fig.layout || ROW_KEYS.figures.some((c) => fig.layout?.columns[c] === undefined))
    unread.push("figures");
  const periods = [...new Set(fig.figures.rows.map((r) => r.period))].sort(comparePeriodKeys);
  const layout: Plan["layout"] = {};
  if (settingsCtx) layout.settings = settingsCtx.layout;
  if (unitsCtx) layout.units = unitsCtx.layout;
  if (indCtx) layout.indicators = indCtx.layout;
  if (fig.layout) layout.figures = fig.layout;
  return {
    plan: {
      settings,
      units,
      indicators,
      periods,
      figures: fig.figures,
      layout,
      language: located.language,
      unread,
    },
    findings,
  };
}
