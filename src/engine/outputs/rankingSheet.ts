/** "Xếp hạng": pillar scores, index, RANK.EQ ranks within group and overall, grade, change and robustness, as live formulas. */
import type { PlanShape } from "../model";
import type { PeriodResults, UnitReadiness } from "../results";
import type { CellStyle, FormulaTemplate, SheetSpec, SpecCell } from "../sheetSpec";
import { tableColumnNames } from "../sheetSpec";
import { pillarsOf } from "../readiness";
import { settingNames, settingTerm, thresholdTerm } from "./liveSettings";
import { byRank } from "../summary";
import { orderGroups } from "../format";
import { gradeLabel, labels, type Lang } from "../i18n/labels";
import { generatedNote } from "../findings";
import { OUTPUT_TABLES, ROW, absRange, local, quoteSheetName, rowTemplate, str } from "./refs";
import { columnLetter } from "../grid";
import { COLS, HEADER_ROW, weightRef, type ResultsLayout, type ResultsRows } from "./resultsSheet";
import {
  HEADER_STYLE,
  NOTE_STYLE,
  TITLE_STYLE,
  gradeFormats,
  groupName,
  headerRowHeight,
  NARROW_MARGINS,
  pageFooter,
  periodTitle,
  pillarName,
  titleWidth,
} from "./style";

/** Where the ranking sheet put its columns, for the summary's formulas. */
export interface RankingLayout {
  readonly sheet: string;
  readonly firstRow: number;
  readonly lastRow: number;
  readonly rowOf: ReadonlyMap<string, number>;
  readonly col: {
    readonly name: number;
    readonly group: number;
    readonly index: number;
    readonly rounded: number;
    readonly rankGroup: number;
    readonly rankOverall: number;
    readonly grade: number;
    readonly median: number;
    readonly interval: number;
  };
}

const INTERVAL_STYLE: CellStyle = { horizontal: "center" };

/** A unit's two robustness cells: median rank, and the 5–95% interval of its ranks ("" without robustness). */
export function intervalCells(u: UnitReadiness): [SpecCell, SpecCell] {
  return [
    { value: blank(u.robustness?.median), style: INTERVAL_STYLE },
    { value: u.robustness ? `${u.robustness.p5}–${u.robustness.p95}` : "", style: INTERVAL_STYLE },
  ];
}

const blank = (v: number | null | undefined): number | string => (v === null || v === undefined ? "" : v);

/** An indicator in its pillar's listed formulas: its rows on Kết quả, its weight term and the text around its score cell. */
interface PillarTerm {
  readonly rows: ReadonlyMap<string, number> | undefined;
  readonly w: string;
  /** "weight*'Kết quả'!K" (missing as zero). */
  readonly timesRef: string;
  /** "),weight,0)" after IF(ISNUMBER('Kết quả'!K<row>. */
  readonly weightOnly: string;
  /** "),weight*'Kết quả'!K" after IF(ISNUMBER('Kết quả'!K<row>, before <row>,0). */
  readonly weighted: string;
}

/** Excel's limits on a formula ("Excel specifications and limits"): characters, and arguments of one function. */
const MAX_FORMULA = 8192;
const MAX_ARGUMENTS = 255;

const P0 = 4; // first pillar column

/** The index's terms for a pillar cell p of weight w (the sum of its weights), and the index around them. */
const denTerm = (p: string, w: string): string => `IF(ISNUMBER(${p}),${w},0)`;
const numTerm = (p: string, w: string): string => `IF(ISNUMBER(${p}),${w}*${p},0)`;
const zeroTerm = (p: string): string => `AND(ISNUMBER(${p}),${p}<=0)`;
const logTerm = (p: string, w: string): string => `IF(ISNUMBER(${p}),${w}*LN(${p}),0)`;
const arithmeticIndex = (den: string, numr: string, scale: string): string =>
  ["=IF((", den, ")=0,0,(", numr, ")/(", den, "))*", scale].join("");
const geometricIndex = (den: string, zero: string, logs: string, scale: string): string =>
  ["=IF((", den, ")=0,0,IF(OR(", zero, "),0,EXP((", logs, ")/(", den, "))))*", scale].join("");

/** The length of f's text from its parts' lengths: f's own characters, and each part as often as f names it. */
function lengthOf(f: (...parts: string[]) => string): (...lengths: number[]) => number {
  const none: string[] = Array.from({ length: f.length }, () => "");
  const base = f(...none).length;
  const times = none.map((_, i) => f(...none.map((p, j) => (i === j ? "x" : p))).length - base);
  return (...lengths) => lengths.reduce((sum, n, i) => sum + times[i] * n, base);
}

const denLength = lengthOf(denTerm);
const numLength = lengthOf(numTerm);
const zeroLength = lengthOf(zeroTerm);
const logLength = lengthOf(logTerm);
const arithmeticLength = lengthOf(arithmeticIndex);
const geometricLength = lengthOf(geometricIndex);

/** The listed pillar formulas' text around their terms (see listedPillar). */
const ZERO_OPEN = "=(";
const ZERO_OVER = ")/";
const COUNT_OPEN = "=IF(COUNT(";
const COUNT_THEN = ')=0,"",(';
const TERM_CLOSE = ",0)";
const LISTED_OVER = ")/(";
const LISTED_CLOSE = "))";

/** Digits of a row number. */
const digits = (n: number): number =>
  n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 1e4 ? 4 : n < 1e5 ? 5 : n < 1e6 ? 6 : 7;

/** Each pillar's listing pieces (pillarsOf's order), its indicators in the plan's order, on Kết quả `resultsSheet`. */
function pillarTerms(
  plan: PlanShape,
  pillars: readonly string[],
  rowOf: ResultsLayout["rowOf"],
  scoreRef: string,
): PillarTerm[][] {
  const byPillar = pillars.map(() => [] as PillarTerm[]);
  for (const ind of plan.indicators) {
    const w = weightRef(ind);
    byPillar[pillars.indexOf(ind.pillar)].push({
      rows: rowOf.get(ind.code),
      w,
      timesRef: `${w}*${scoreRef}`,
      weightOnly: `),${w},0)`,
      weighted: `),${w}*${scoreRef}`,
    });
  }
  return byPillar;
}

/** "'Kết quả'!K": a score cell on Kết quả, but its row. */
const scoreColumn = (resultsSheet: string): string =>
  `${quoteSheetName(resultsSheet)}!${columnLetter(COLS.score)}`;

/** The longest of Xếp hạng's listed formulas (characters, "=" included) and the most arguments COUNT takes in them. */
export interface ListedExtent {
  readonly longest: number;
  readonly counted: number;
}

/** Whether listed formulas of this extent are within Excel's limits (the "=" counted: one character spare). */
export const withinLimits = (e: ListedExtent): boolean =>
  e.longest <= MAX_FORMULA && e.counted <= MAX_ARGUMENTS;

/** What the lengths of a plan's listed formulas are made of, but the rows. */
interface Listing {
  readonly byPillar: readonly (readonly PillarTerm[])[];
  readonly exclude: boolean;
  readonly geometric: boolean;
  /** Lengths of the scale's term, of "'Kết quả'!K", of "IF(ISNUMBER('Kết quả'!K" and of each pillar's column letters. */
  readonly scale: number;
  readonly ref: number;
  readonly isNumberRef: number;
  readonly column: readonly number[];
}

/** A plan's listing pieces on Kết quả's rows, in the language whose sheet names its formulas read. */
function listing(plan: PlanShape, rows: ResultsRows, lang: Lang): Listing {
  const pillars = pillarsOf(plan);
  const scoreRef = scoreColumn(labels(lang).sheetResults);
  return {
    byPillar: pillarTerms(plan, pillars, rows.rowOf, scoreRef),
    exclude: plan.settings.missingPolicy !== "zero",
    geometric: plan.settings.aggregation === "geometric",
    scale: settingTerm(plan, "indexScale").length,
    ref: scoreRef.length,
    isNumberRef: `IF(ISNUMBER(${scoreRef}`.length,
    column: pillars.map((_, k) => columnLetter(P0 + k).length),
  };
}

/**
 * The extent of one unit's listed formulas, its pillar scores (each indicator's weight and score cell) and index (each
 * pillar's listed weights), from the lengths of their pieces: `at` gives the digits of the row of the unit's score for
 * an indicator on Kết quả (0: the unit has none), `row` those of its row on Xếp hạng.
 */
function unitExtent(l: Listing, at: (t: PillarTerm) => number, row: number): ListedExtent {
  let longest = 0;
  let counted = 0;
  // The index's lists (the lengths of their terms; the separators are added at the end) over its live pillars.
  let live = 0;
  let den = 0;
  let num = 0;
  let zero = 0;
  let logs = 0;
  for (let k = 0; k < l.byPillar.length; k++) {
    let n = 0;
    let weights = 0; // the weight terms (zero policy), or the listed IF(ISNUMBER(…)) weight terms (exclude)
    let terms = 0; // the weight × score terms
    let scores = 0; // COUNT's arguments (exclude)
    for (const t of l.byPillar[k]) {
      const d = at(t);
      if (!d) continue;
      n++;
      if (l.exclude) {
        scores += l.ref + d;
        weights += l.isNumberRef + d + t.weightOnly.length;
        terms += l.isNumberRef + d + t.weighted.length + d + TERM_CLOSE.length;
      } else {
        weights += t.w.length;
        terms += t.timesRef.length + d;
      }
    }
    if (!n) continue;
    // Each list has n - 1 separators.
    let weight: number;
    let formula: number;
    if (l.exclude) {
      const listed = weights + n - 1;
      weight = listed + 2;
      formula =
        COUNT_OPEN.length +
        (scores + n - 1) +
        COUNT_THEN.length +
        (terms + n - 1) +
        LISTED_OVER.length +
        listed +
        LISTED_CLOSE.length;
      counted = Math.max(counted, n);
    } else {
      weight = weights + n - 1 + 2;
      formula = ZERO_OPEN.length + (terms + n - 1) + ZERO_OVER.length + weight;
    }
    longest = Math.max(longest, formula);
    const p = l.column[k] + row;
    live++;
    den += denLength(p, weight);
    num += numLength(p, weight);
    zero += zeroLength(p);
    logs += logLength(p, weight);
  }
  if (!live) return { longest, counted };
  const sep = live - 1;
  const index = l.geometric
    ? geometricLength(den + sep, zero + sep, logs + sep, l.scale)
    : arithmeticLength(den + sep, num + sep, l.scale);
  return { longest: Math.max(longest, index), counted };
}

/**
 * The extent of Xếp hạng's listed formulas over every unit, worked out from Kết quả's rows without building them.
 * Exact: tests/engine/widePlans.test.ts holds it to the formulas built.
 */
export function listedExtent(
  plan: PlanShape,
  results: PeriodResults,
  rows: ResultsRows,
  lang: Lang,
): ListedExtent {
  return exactExtent(listing(plan, rows, lang), results);
}

/** The largest of the units' extents, each unit at its rows on Kết quả and Xếp hạng. */
function exactExtent(l: Listing, results: PeriodResults): ListedExtent {
  const units = ordered(results);
  let longest = 0;
  let counted = 0;
  for (let i = 0; i < units.length; i++) {
    const unit = units[i].unit;
    const e = unitExtent(
      l,
      (t) => {
        const r = t.rows?.get(unit);
        return r === undefined ? 0 : digits(r);
      },
      digits(HEADER_ROW + 1 + i),
    );
    longest = Math.max(longest, e.longest);
    counted = Math.max(counted, e.counted);
  }
  return { longest, counted };
}

/**
 * At least the extent of the listed formulas, from the plan alone: a unit scored on every indicator at Kết quả's and
 * Xếp hạng's widest rows (each formula's length only grows with its terms and their rows' digits).
 */
export function listedBound(
  plan: PlanShape,
  results: PeriodResults,
  rows: ResultsRows,
  lang: Lang,
): ListedExtent {
  return boundOf(listing(plan, rows, lang), results, rows);
}

function boundOf(l: Listing, results: PeriodResults, rows: ResultsRows): ListedExtent {
  const widest = digits(rows.lastRow);
  return unitExtent(l, () => widest, digits(HEADER_ROW + results.ranking.length));
}

/**
 * Whether Xếp hạng can list each indicator within Excel's limits, decided before Kết quả and Xếp hạng are built, so
 * that each is built once, in the form that fits: by the bound where it fits (a plan far from the limits, the
 * 1,000-unit × 50-indicator plan, costs a pass over its indicators), else exactly, unit by unit.
 */
export function listedFits(plan: PlanShape, results: PeriodResults, rows: ResultsRows, lang: Lang): boolean {
  const l = listing(plan, rows, lang);
  return withinLimits(boundOf(l, results, rows)) || withinLimits(exactExtent(l, results));
}

/**
 * A pillar's name as its column's title: Excel takes a table column's name (its header cell's text) of at most 255
 * characters (MS-OI29500 2.1.681, tableColumn), and a duplicate gets a number added (tableColumnNames): a longer name
 * is cut, ending in "…".
 */
function tableHeader(name: string): string {
  return name.length <= 250 ? name : `${name.slice(0, 249).trimEnd()}…`;
}

/** What of a period's results Xếp hạng shows. */
export type RankingResults = Pick<PeriodResults, "period" | "ranking">;

/** Units in sheet order: by ranking group, then rank, then code. */
function ordered(results: RankingResults): UnitReadiness[] {
  return orderGroups(results.ranking.map((r) => r.group)).flatMap((g) =>
    byRank(results.ranking.filter((r) => r.group === g)),
  );
}

/**
 * Builds the Xếp hạng sheet. Its pillar scores list each indicator's weight and score cell, unless Kết quả has running
 * sums (res.pillarEnd), which they then read: those are for plans whose listed formulas would not fit
 * (listedFits).
 */
export function buildRankingSheet(
  plan: PlanShape,
  results: RankingResults,
  res: ResultsLayout,
  lang: Lang,
): { spec: SheetSpec; layout: RankingLayout } {
  const L = labels(lang);
  const s = plan.settings;
  const pillars = pillarsOf(plan);
  const units = ordered(results);
  const first = HEADER_ROW + 1;
  const last = HEADER_ROW + units.length;
  const col = {
    name: 2,
    group: 3,
    index: P0 + pillars.length,
    rounded: P0 + pillars.length + 1,
    rankGroup: P0 + pillars.length + 2,
    rankOverall: P0 + pillars.length + 3,
    grade: P0 + pillars.length + 4,
    prevIndex: P0 + pillars.length + 5,
    change: P0 + pillars.length + 6,
    prevRank: P0 + pillars.length + 7,
    rankChange: P0 + pillars.length + 8,
    median: P0 + pillars.length + 9,
    interval: P0 + pillars.length + 10,
  };
  const t = {
    good: thresholdTerm(plan, "gradeGood"),
    fair: thresholdTerm(plan, "gradeFair"),
    average: thresholdTerm(plan, "gradeAverage"),
  };
  const scale = settingTerm(plan, "indexScale");
  const decimals = settingTerm(plan, "indexDecimals");
  // Units are written group by group, so each group's rank counts over its own block only.
  const groupBlock = new Map<string, string>();
  for (const g of new Set(units.map((u) => u.group))) {
    const rows = units.flatMap((u, i) => (u.group === g ? [first + i] : []));
    groupBlock.set(g, absRange(rows[0], col.rounded, rows[rows.length - 1], col.rounded));
  }
  const roundedRange = absRange(first, col.rounded, Math.max(last, first), col.rounded);
  // With running sums, a pillar's weight and weighted score for a unit are the sums on Kết quả at its last indicator
  // there; else, per pillar, its indicators in the plan's order: their rows on Kết quả, weight terms and the formula
  // text around a score cell (the pieces the same in every unit's formulas, joined once here).
  const resultsSheet = quoteSheetName(res.sheet);
  const weightAt = `${resultsSheet}!${columnLetter(res.cols.weightSum)}`;
  const weightedAt = `${resultsSheet}!${columnLetter(res.cols.weightedSum)}`;
  const scoreRef = scoreColumn(res.sheet);
  const isNumberRef = `IF(ISNUMBER(${scoreRef}`;
  const byPillar = res.pillarEnd ? [] : pillarTerms(plan, pillars, res.rowOf, scoreRef);
  /** A unit's pillar cell listing each of its scored indicators, with the pillar's weight term. */
  const listedPillar = (u: UnitReadiness, p: string, k: number): { cell: SpecCell; weight: string } => {
    // This unit's scored indicators of the pillar, and their rows on Kết quả.
    const terms: PillarTerm[] = [];
    const ats: number[] = [];
    for (const t of byPillar[k]) {
      const at = t.rows?.get(u.unit);
      if (at === undefined) continue;
      terms.push(t);
      ats.push(at);
    }
    if (!terms.length) return { cell: EMPTY, weight: "0" };
    // The long formulas are built as lists of pieces and joined once: a `+=` chain leaves a rope of a few hundred
    // string nodes per formula that outlives the young generation and is flattened again on first read.
    const cached = blank(u.pillarScores[p]);
    let formula: string;
    let weight: string;
    if (s.missingPolicy === "zero") {
      weight = `(${terms.map((t) => t.w).join("+")})`;
      const f: (string | number)[] = [ZERO_OPEN];
      for (let j = 0; j < terms.length; j++) f.push(j ? "+" : "", terms[j].timesRef, ats[j]);
      f.push(ZERO_OVER, weight);
      formula = f.join("");
    } else {
      // COUNT takes one argument per indicator.
      const w: (string | number)[] = [];
      const f: (string | number)[] = [COUNT_OPEN];
      for (let j = 0; j < terms.length; j++) f.push(j ? "," : "", scoreRef, ats[j]);
      f.push(COUNT_THEN);
      for (let j = 0; j < terms.length; j++) {
        w.push(j ? "+" : "", isNumberRef, ats[j], terms[j].weightOnly);
        f.push(j ? "+" : "", isNumberRef, ats[j], terms[j].weighted, ats[j], TERM_CLOSE);
      }
      const listed = w.join("");
      weight = `(${listed})`;
      f.push(LISTED_OVER, listed, LISTED_CLOSE);
      formula = f.join("");
    }
    return { cell: { formula, value: cached, numberFormat: "0.000" }, weight };
  };
  // Formulas whose only varying part is the row, and cells and styles the same in every row.
  const R = columnLetter(col.rounded) + ROW;
  const I = columnLetter(col.index) + ROW;
  const gl = (g: Parameters<typeof gradeLabel>[0]) => str(gradeLabel(g, lang));
  const roundedFormula = rowTemplate(`=ROUND(${I},${decimals})`);
  const overallFormula = rowTemplate(`=COUNTIF(${roundedRange},">"&${R})+1`);
  const gradeFormula = rowTemplate(
    `=IF(${R}>=${t.good},${gl("good")},IF(${R}>=${t.fair},${gl("fair")},IF(${R}>=${t.average},${gl("average")},${gl("weak")})))`,
  );
  const changeFormula = rowTemplate(`=ROUND(${R}-${columnLetter(col.prevIndex)}${ROW},${decimals})`);
  const rankChangeFormula = rowTemplate(
    `=${columnLetter(col.prevRank)}${ROW}-${columnLetter(col.rankGroup)}${ROW}`,
  );
  const groupFormula = new Map<string, FormulaTemplate>();
  for (const [g, range] of groupBlock) groupFormula.set(g, rowTemplate(`=COUNTIF(${range},">"&${R})+1`));
  const roundedFormat = s.indexDecimals > 0 ? `0.${"0".repeat(s.indexDecimals)}` : "0";
  const BOLD: CellStyle = { bold: true };
  const BOLD_CENTRED: CellStyle = { bold: true, horizontal: "center" };
  const CENTRED: CellStyle = { horizontal: "center" };
  const EMPTY: SpecCell = { value: "" };
  const rowOf = new Map<string, number>();
  const rowsCells: SpecCell[][] = [];
  // The index formula reads its own row's pillar cells around the pillars' weights: units with the same weights (most
  // of a plan, group by group, unless missing scores are excluded) share one template, made when a second unit has
  // them, so the file writes a run of them as one shared formula, found and digested without reading each unit's
  // 3,000-character text. By the weights' text: the first unit's row, and the template once made.
  const indexTemplates = new Map<string, { readonly row: number; template: FormulaTemplate | null }>();
  /** The index formula with pillar k's cell at P(k). */
  const indexFormula = (P: (k: number) => string, weights: readonly string[], live: readonly number[]) => {
    // Listed weights make the index the longest formula (each weight cell three times).
    const den = live.map((k) => denTerm(P(k), weights[k])).join("+");
    return s.aggregation === "geometric"
      ? geometricIndex(
          den,
          live.map((k) => zeroTerm(P(k))).join(","),
          live.map((k) => logTerm(P(k), weights[k])).join("+"),
          scale,
        )
      : arithmeticIndex(den, live.map((k) => numTerm(P(k), weights[k])).join("+"), scale);
  };
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    const r = first + i;
    rowOf.set(u.unit, r);
    const ends = res.pillarEnd?.get(u.unit);
    const pillarWeight: string[] = [];
    const pillarCells: SpecCell[] = [];
    for (let k = 0; k < pillars.length; k++) {
      if (!res.pillarEnd) {
        const listed = listedPillar(u, pillars[k], k);
        pillarWeight.push(listed.weight);
        pillarCells.push(listed.cell);
        continue;
      }
      const end = ends?.[k] ?? 0;
      if (!end) {
        pillarWeight.push("0");
        pillarCells.push(EMPTY);
        continue;
      }
      const w = weightAt + end;
      pillarWeight.push(w);
      pillarCells.push({
        formula: `=IF(${w}<=0,"",${weightedAt}${end}/${w})`,
        value: blank(u.pillarScores[pillars[k]]),
        numberFormat: "0.000",
      });
    }
    const live = pillars.map((_, k) => k).filter((k) => pillarWeight[k] !== "0");
    let indexCell: SpecCell = { value: u.index };
    if (live.length) {
      // A weight holding the row marker (in a sheet's name) has no template.
      const key = pillarWeight.some((w) => w.includes(ROW)) ? null : pillarWeight.join(ROW);
      const seen = key === null ? undefined : indexTemplates.get(key);
      if (!seen) {
        if (key !== null) indexTemplates.set(key, { row: r, template: null });
        const formula = indexFormula((k) => local(r, P0 + k), pillarWeight, live);
        indexCell = { formula, value: u.index, numberFormat: "0.0000" };
      } else {
        if (!seen.template) {
          seen.template = rowTemplate(indexFormula((k) => columnLetter(P0 + k) + ROW, pillarWeight, live));
          const cells = rowsCells[seen.row - first];
          const { value, numberFormat } = cells[col.index - 1];
          cells[col.index - 1] = { fill: seen.template, fillRow: seen.row, value, numberFormat };
        }
        indexCell = { fill: seen.template, fillRow: r, value: u.index, numberFormat: "0.0000" };
      }
    }
    const prev = u.previous;
    rowsCells.push([
      { value: u.unit },
      { value: u.name },
      { value: groupName(u.group, lang) },
      ...pillarCells,
      indexCell,
      { fill: roundedFormula, fillRow: r, value: u.indexRounded, numberFormat: roundedFormat, style: BOLD },
      {
        fill: groupFormula.get(u.group) as FormulaTemplate,
        fillRow: r,
        value: u.rankInGroup,
        style: BOLD_CENTRED,
      },
      { fill: overallFormula, fillRow: r, value: u.rankOverall, style: CENTRED },
      { fill: gradeFormula, fillRow: r, value: gradeLabel(u.grade, lang), style: CENTRED },
      // The previous index as the index is shown (84,70 beside 86,86, not 84,7).
      { value: blank(prev?.indexRounded), numberFormat: roundedFormat },
      prev
        ? { fill: changeFormula, fillRow: r, value: blank(u.indexChange), numberFormat: "+0.00;-0.00;0" }
        : EMPTY,
      { value: blank(prev?.rankInGroup), style: CENTRED },
      prev
        ? {
            fill: rankChangeFormula,
            fillRow: r,
            value: blank(u.rankChange),
            numberFormat: "+0;-0;0",
            style: CENTRED,
          }
        : EMPTY,
      ...intervalCells(u),
    ]);
  }
  // As Excel names the table's columns: a pillar named as another column, or as another pillar but for case, gets a
  // number, so Excel renames no header cell (the sheet stays as its fingerprint says).
  const header = tableColumnNames([
    L.unitCode,
    L.unitName,
    L.group,
    ...pillars.map((p) => tableHeader(pillarName(p, lang))),
    L.index,
    L.indexRounded,
    L.rankGroup,
    L.rankOverall,
    L.grade,
    L.previousIndex,
    L.indexChange,
    L.previousRank,
    L.rankChange,
    L.medianRank,
    L.interval,
  ]);
  const sheet = L.sheetRanking;
  const lastCol = header.length;
  const title = `${L.titleRanking} – ${periodTitle(plan, results.period, lang)}`;
  // Each column as narrow as its figures allow (the titles wrap), so that the sheet, printed one page wide, is read
  // at about 8 pt, not 5: code, name, group ("UBND xã, phường, đặc khu"), pillars, then index … interval.
  const widths = [10, 34, 24, ...pillars.map(() => 9), 9, 8, 8, 8, 10, 8, 8, 7, 7, 7, 10].map((least, i) =>
    titleWidth(header[i], least),
  );
  const gradeRange = `${local(first, col.grade)}:${local(Math.max(last, first), col.grade)}`;
  const spec: SheetSpec = {
    name: sheet,
    kind: "ranking",
    blocks: [
      {
        row: 1,
        col: 1,
        cells: [[{ value: title, style: TITLE_STYLE }]],
      },
      { row: 2, col: 1, cells: [[{ value: generatedNote(plan, lang), style: NOTE_STYLE }]] },
      { row: HEADER_ROW, col: 1, cells: [header.map((h) => ({ value: h, style: HEADER_STYLE }))] },
      { row: first, col: 1, cells: rowsCells },
    ],
    columnWidths: widths.map((width, i) => ({ col: i + 1, width })),
    rowHeights: [headerRowHeight(HEADER_ROW, header, widths)],
    freeze: { rows: HEADER_ROW, cols: 2 },
    tables: units.length
      ? [{ name: OUTPUT_TABLES.ranking, range: `A${HEADER_ROW}:${local(last, lastCol)}` }]
      : [],
    conditionalFormats: units.length
      ? [
          ...gradeFormats(gradeRange, lang),
          {
            type: "dataBar",
            range: `${local(first, col.rounded)}:${local(last, col.rounded)}`,
            color: "5B9BD5",
          },
        ]
      : [],
    print: {
      orientation: "landscape",
      paperSize: "A4",
      fitToWidth: 1,
      titleRows: `${HEADER_ROW}:${HEADER_ROW}`,
      margins: NARROW_MARGINS,
      footer: pageFooter(title, lang),
    },
    tabColor: "70AD47",
    definedNames: settingNames(plan, RANKING_SETTINGS),
  };
  return { spec, layout: { sheet, firstRow: first, lastRow: last, rowOf, col } };
}

/** The settings Xếp hạng's formulas read by name. */
const RANKING_SETTINGS = ["gradeGood", "gradeFair", "gradeAverage", "indexScale", "indexDecimals"] as const;

/**
 * Xếp hạng before it is built (on another thread): its name, kind and defined names, what a write needs of every sheet
 * before the first is written; no cells.
 */
export function rankingStandIn(plan: PlanShape, lang: Lang): SheetSpec {
  return {
    name: labels(lang).sheetRanking,
    kind: "ranking",
    blocks: [],
    definedNames: settingNames(plan, RANKING_SETTINGS),
  };
}
