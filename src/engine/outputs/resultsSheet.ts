/** "Kết quả": attainment and score of every unit × indicator, as live formulas on the source cells. */
import type { Indicator, PlanShape, Unit } from "../model";
import type { PeriodResults, UnitAttainment } from "../results";
import type { FormulaTemplate, SheetSpec, SpecBlock, SpecCell } from "../sheetSpec";
import { orderGroups } from "../format";
import { columnLetter, type CellRef } from "../grid";
import { periodFromKey } from "../periods";
import { generatedNote } from "../findings";
import { labels, statusLabel, type Lang } from "../i18n/labels";
import { OUTPUT_TABLES, ROW, abs, absRange, local, quoteSheetName, rowTemplate, sheetRef, str } from "./refs";
import { groupStats } from "../scoring";
import { pillarsOf } from "../readiness";
import { settingNames, settingTerm } from "./liveSettings";
import {
  HEADER_STYLE,
  headerRowHeight,
  NARROW_MARGINS,
  TITLE_STYLE,
  NOTE_STYLE,
  groupName,
  pageFooter,
  periodTitle,
  statusFormats,
} from "./style";

/** Where each unit × indicator landed on the Kết quả sheet, for the formulas of the other sheets. */
export interface ResultsLayout {
  readonly sheet: string;
  readonly firstRow: number;
  readonly lastRow: number;
  /** Row of each unit, by indicator code then unit code. */
  readonly rowOf: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /**
   * With running sums (a plan whose pillar scores, listing each indicator, would pass Excel's limits): per unit code,
   * the row of its last indicator in each pillar (pillarsOf's order; 0 where it has none), where the sums hold the
   * pillar's weight and weighted score. Null without them.
   */
  readonly pillarEnd: ReadonlyMap<string, readonly number[]> | null;
  readonly cols: typeof COLS;
}

export const COLS = {
  unit: 1,
  name: 2,
  group: 3,
  indicator: 4,
  indicatorName: 5,
  actual: 6,
  target: 7,
  attainment: 8,
  capped: 9,
  status: 10,
  score: 11,
  /** Block statistics, written once per indicator × group block (first row) when its scores need them. */
  statA: 12,
  statB: 13,
  /**
   * Running sums of the unit's weights and weighted scores over its indicators of the row's pillar, in plan order:
   * written only for plans whose listed pillar formulas would pass Excel's limits (see buildResultsSheet).
   */
  weightSum: 14,
  weightedSum: 15,
} as const;

type BlockStats = "minmax" | "zscore" | null;

export const HEADER_ROW = 4;

const blank = (v: string | number | null | undefined): string | number =>
  v === null || v === undefined ? "" : v;

/** One indicator × ranking group block: its units' attainment, in the plan's order of units. */
export interface Block {
  readonly ind: Indicator;
  readonly units: readonly Unit[];
  readonly att: readonly UnitAttainment[];
}

/** What Kết quả is built from of a period's results: no province figures, grades or intervals. */
export type ResultsOfUnits = Pick<PeriodResults, "period" | "attainment" | "ranking">;

/** The blocks in order: by indicator, then ranking group, then unit — each indicator × group is contiguous. */
function orderBlocks(plan: PlanShape, results: ResultsOfUnits): Block[] {
  // Each indicator's attainment by the place of its unit's code in the plan (arrays, not a map per indicator: a
  // million entries at 3,500 units); rows come unit by unit, so a unit's place is looked up once per run of rows.
  const placeOf = new Map<string, number>();
  plan.units.forEach((u, k) => placeOf.set(u.code, k));
  const place = plan.units.map((u) => placeOf.get(u.code) as number);
  const byIndicator = new Map<string, (UnitAttainment | undefined)[]>(
    plan.indicators.map((i) => [i.code, new Array<UnitAttainment | undefined>(plan.units.length)]),
  );
  let lastUnit: string | null = null;
  let at: number | undefined;
  for (const a of results.attainment) {
    if (a.unit !== lastUnit) {
      lastUnit = a.unit;
      at = placeOf.get(a.unit);
    }
    if (at !== undefined) {
      const list = byIndicator.get(a.indicator);
      if (list) list[at] = a;
    }
  }
  const groups = orderGroups(plan.units.map((u) => u.group));
  const blocks: Block[] = [];
  for (const ind of plan.indicators) {
    const att = byIndicator.get(ind.code) as (UnitAttainment | undefined)[];
    for (const g of groups) {
      const block = { ind, units: [] as Unit[], att: [] as UnitAttainment[] };
      for (let k = 0; k < plan.units.length; k++) {
        const unit = plan.units[k];
        const a = unit.group === g ? att[place[k]] : undefined;
        if (!a) continue;
        block.units.push(unit);
        block.att.push(a);
      }
      if (block.units.length) blocks.push(block);
    }
  }
  return blocks;
}

/** Kết quả's rows, known before its cells are built: its blocks in order and the row of each unit × indicator. */
export interface ResultsRows {
  readonly blocks: readonly Block[];
  /** Row of each unit, by indicator code then unit code. */
  readonly rowOf: ReadonlyMap<string, ReadonlyMap<string, number>>;
  readonly lastRow: number;
}

/** Where each unit × indicator goes on Kết quả: what Xếp hạng's formulas name, and so what decides their form. */
export function resultsRows(plan: PlanShape, results: ResultsOfUnits): ResultsRows {
  const blocks = orderBlocks(plan, results);
  const rowOf = new Map<string, Map<string, number>>();
  let r = HEADER_ROW;
  for (const { ind, units } of blocks) {
    let rows = rowOf.get(ind.code);
    if (!rows) rowOf.set(ind.code, (rows = new Map()));
    for (const unit of units) rows.set(unit.code, ++r);
  }
  return { blocks, rowOf, lastRow: r };
}

/** An indicator's weight in formulas: its Chỉ tiêu cell, or the number where the cell held text the parser converted. */
export function weightRef(ind: Indicator): string {
  const c = ind.cells.weight;
  return c && !ind.converted?.includes("weight") ? sheetRef(c) : String(ind.weight);
}

/** The target cell a period uses: the quarter's milestone where given, else the annual target. */
function targetKey(ind: Indicator, period: string): string {
  const q = periodFromKey(period)?.quarter ?? null;
  return q !== null && ind.milestones[q - 1] !== null ? `milestoneQ${q}` : "annualTarget";
}

/** Cells shared by many rows: the spec is never changed after it is built, so one object serves them all. */
const NO_TARGET_PERCENT: SpecCell = { value: "", numberFormat: "0.0%" };

/** What the rows of one indicator × group block share. */
interface BlockShared {
  readonly figureFormat: string;
  readonly targetLive: boolean;
  readonly targetFormula: string;
  readonly attainmentOf: FormulaTemplate;
  /** The score formula of the rows with a target and of those without (the same object when they agree). */
  readonly scoreWithTarget: FormulaTemplate;
  readonly scoreWithoutTarget: FormulaTemplate;
  readonly scoreKey: string;
  readonly indCells: { readonly code: SpecCell; readonly name: SpecCell };
  readonly running: RunningSums | null;
}

/** Where a unit's running sums over a pillar stand: the row of its last indicator so far and the two sums. */
interface RunningEnd {
  row: number;
  w: number;
  ws: number;
}

/**
 * The running sums of one indicator's rows: the unit's sums over its earlier indicators of the same pillar plus this
 * one's weight (where its score is a number, under the exclude policy) and weight × score. Each formula names one
 * earlier cell and one weight, so its length does not grow with the plan (a pillar score listing every indicator
 * passed Excel's 8,192 characters and 255 arguments); the additions are the engine's, in its order (readiness.ts).
 */
interface RunningSums {
  /** The units' sums so far in this indicator's pillar, by unit code. */
  readonly ends: Map<string, RunningEnd>;
  readonly weight: number;
  readonly exclude: boolean;
  /** The first indicator of a pillar for a unit: its own weight and weighted score. */
  readonly firstW: FormulaTemplate;
  readonly firstWs: FormulaTemplate;
  /** The text after "=N<earlier row>" and "=O<earlier row>", cut at this row's number. */
  readonly nextW: readonly string[];
  readonly nextWs: readonly string[];
}

const W_COL = columnLetter(COLS.weightSum);
const WS_COL = columnLetter(COLS.weightedSum);

/** The running-sum formulas of an indicator with weight term `w` (a Chỉ tiêu cell or a number). */
function runningSums(
  ends: Map<string, RunningEnd>,
  w: string,
  weight: number,
  exclude: boolean,
): RunningSums {
  const K = columnLetter(COLS.score) + ROW;
  const addW = exclude ? `IF(ISNUMBER(${K}),${w},0)` : w;
  const addWs = exclude ? `IF(ISNUMBER(${K}),${w}*${K},0)` : `${w}*${K}`;
  return {
    ends,
    weight,
    exclude,
    firstW: rowTemplate(`=${addW}`),
    firstWs: rowTemplate(`=${addWs}`),
    nextW: `+${addW}`.split(ROW),
    nextWs: `+${addWs}`.split(ROW),
  };
}

/** "=N<earlier>" + the rest of the formula with this row's number. */
function chained(col: string, earlier: number, rest: readonly string[], row: number): string {
  return `=${col}${earlier}${rest.join(String(row))}`;
}

/**
 * The rows of Kết quả, added block by block. The loop over a block's rows is a method of its own rather than part of
 * buildResultsSheet: V8 optimises it by itself, where inside the big function an indicator of another shape (one with
 * converted cells) threw the optimised loop away and the second try was aborted, leaving most of a 1,000-unit sheet
 * to unoptimised code (node --trace-opt --trace-deopt).
 */
class ResultRows {
  readonly cells: SpecCell[][] = [];
  /** The running sums' two cells of each row, where the plan has them. */
  readonly running: SpecCell[][] = [];
  /** The unit columns, one set of cells per unit (a unit has a row in every indicator's block). */
  private readonly unitCells = new Map<Unit, SpecCell[]>();
  /** The actual's formula reads its figure cell; an indicator's figures sit in one column of one sheet. */
  private figureColumn: { sheet: string; col: number; formula: FormulaTemplate } | null = null;

  constructor(
    private readonly lang: Lang,
    private readonly scoreByUnit: ReadonlyMap<string, Readonly<Record<string, number | null>>>,
    private readonly cappedFormula: FormulaTemplate,
    private readonly statusFormula: FormulaTemplate,
    private readonly noTargetStatus: SpecCell,
  ) {}

  private unitColumns(unit: Unit): SpecCell[] {
    let c = this.unitCells.get(unit);
    if (!c) {
      c = [{ value: unit.code }, { value: unit.name }, { value: groupName(unit.group, this.lang) }];
      this.unitCells.set(unit, c);
    }
    return c;
  }

  private actualCell(source: CellRef, value: string | number, numberFormat: string): SpecCell {
    // A sheet name holding the template's marker character (a private-use code point) is built directly.
    if (source.sheet.includes(ROW))
      return { formula: `=IF(ISBLANK(${sheetRef(source)}),"",${sheetRef(source)})`, value, numberFormat };
    let column = this.figureColumn;
    if (column?.sheet !== source.sheet || column.col !== source.col) {
      const ref = `${quoteSheetName(source.sheet)}!$${columnLetter(source.col)}$${ROW}`;
      column = this.figureColumn = {
        sheet: source.sheet,
        col: source.col,
        formula: rowTemplate(`=IF(ISBLANK(${ref}),"",${ref})`),
      };
    }
    return { fill: column.formula, fillRow: source.row, value, numberFormat };
  }

  /** Adds a block's rows below row r; returns the block's last row. */
  addBlock(block: Block, b: BlockShared, r: number): number {
    // The period target is the indicator's: one cell object serves the block while it stays the same.
    let target: SpecCell | null = null;
    let targetValue: number | null = null;
    for (let k = 0; k < block.units.length; k++) {
      const unit = block.units[k];
      const att = block.att[k];
      r++;
      const source = att.source && !att.converted ? att.source : null;
      const actual: SpecCell = source
        ? this.actualCell(source, blank(att.actual), b.figureFormat)
        : { value: blank(att.actual), numberFormat: b.figureFormat };
      if (!target || att.target !== targetValue) {
        targetValue = att.target;
        target =
          !b.targetLive || att.target === null
            ? { value: blank(att.target), numberFormat: b.figureFormat }
            : { formula: b.targetFormula, value: att.target, numberFormat: b.figureFormat };
      }
      const noTarget = att.status === "noTarget";
      const attainment: SpecCell = noTarget
        ? NO_TARGET_PERCENT
        : { fill: b.attainmentOf, fillRow: r, value: blank(att.attainment), numberFormat: "0.0%" };
      const capped: SpecCell = noTarget
        ? NO_TARGET_PERCENT
        : { fill: this.cappedFormula, fillRow: r, value: blank(att.capped), numberFormat: "0.0%" };
      const status: SpecCell = noTarget
        ? this.noTargetStatus
        : { fill: this.statusFormula, fillRow: r, value: statusLabel(att.status, this.lang) };
      const sc = this.scoreByUnit.get(unit.code)?.[b.scoreKey];
      const score: SpecCell = {
        fill: noTarget ? b.scoreWithoutTarget : b.scoreWithTarget,
        fillRow: r,
        value: blank(sc),
        numberFormat: "0.000",
      };
      const u = this.unitColumns(unit);
      this.cells.push([
        u[0],
        u[1],
        u[2],
        b.indCells.code,
        b.indCells.name,
        actual,
        target,
        attainment,
        capped,
        status,
        score,
      ]);
      if (b.running) this.running.push(runningCells(b.running, unit.code, sc, r));
    }
    return r;
  }
}

/** A row's running sums: its unit's sums so far in the pillar (updated) plus this indicator's weight and score. */
function runningCells(run: RunningSums, unit: string, sc: number | null | undefined, r: number): SpecCell[] {
  const end = run.ends.get(unit);
  const scored = typeof sc === "number";
  const addW = run.exclude && !scored ? 0 : run.weight;
  const addWs = scored ? run.weight * sc : 0;
  let weightSum: SpecCell;
  let weightedSum: SpecCell;
  if (end) {
    weightSum = {
      formula: chained(W_COL, end.row, run.nextW, r),
      value: (end.w += addW),
      numberFormat: "0.###",
    };
    weightedSum = {
      formula: chained(WS_COL, end.row, run.nextWs, r),
      value: (end.ws += addWs),
      numberFormat: "0.000",
    };
    end.row = r;
  } else {
    run.ends.set(unit, { row: r, w: addW, ws: addWs });
    weightSum = { fill: run.firstW, fillRow: r, value: addW, numberFormat: "0.###" };
    weightedSum = { fill: run.firstWs, fillRow: r, value: addWs, numberFormat: "0.000" };
  }
  return [weightSum, weightedSum];
}

/**
 * Builds the Kết quả sheet and its layout on its rows; with `running`, the running sums of weights and weighted scores
 * too (for a plan whose pillar formulas, listing every indicator, would pass Excel's limits: outputSheets decides).
 */
export function buildResultsSheet(
  plan: PlanShape,
  results: ResultsOfUnits,
  lang: Lang,
  { blocks, rowOf }: ResultsRows,
  running: boolean,
): { spec: SheetSpec; layout: ResultsLayout } {
  const L = labels(lang);
  const s = plan.settings;
  const cap = settingTerm(plan, "attainmentCap");
  const near = settingTerm(plan, "nearTarget");
  const missing = s.missingPolicy === "zero" ? "0" : '""';
  const scoreByUnit = new Map(results.ranking.map((r) => [r.unit, r.indicatorScores]));
  const statBlocks: SpecBlock[] = [];
  // Only z-score needs mean and SD; min–max (or distance to target without a target) needs min and max.
  const statKind = s.normalisation === "zscore" ? "zscore" : "minmax";
  const statsBlock = (block: Block, first: number, rng: string, kind: "minmax" | "zscore"): SpecBlock => {
    const values: number[] = [];
    for (const a of block.att) if (a.actual !== null) values.push(a.actual);
    // The engine's own group statistics (scoring.ts) are the formulas' cached values.
    const st = groupStats(values);
    const [a, b] = !values.length ? ["", ""] : kind === "minmax" ? [st.min, st.max] : [st.mean, st.sd];
    const fns = kind === "minmax" ? ["MIN", "MAX"] : ["AVERAGE", "STDEVP"];
    return {
      row: first,
      col: COLS.statA,
      cells: [
        [a, b].map((value, i) => ({
          formula: `=IF(COUNT(${rng})=0,"",${fns[i]}(${rng}))`,
          value,
          numberFormat: "#,##0.####",
        })),
      ],
    };
  };
  // The status words as formula literals, the same in every row.
  const st = {
    noData: str(statusLabel("noData", lang)),
    met: str(statusLabel("met", lang)),
    near: str(statusLabel("near", lang)),
    notMet: str(statusLabel("notMet", lang)),
  };
  const noTargetStatus: SpecCell = { value: statusLabel("noTarget", lang) };
  // Row templates: the same columns in every row.
  const F = columnLetter(COLS.actual) + ROW;
  const G = columnLetter(COLS.target) + ROW;
  const H = columnLetter(COLS.attainment) + ROW;
  const I = columnLetter(COLS.capped) + ROW;
  const lowerCap = `MAX(${cap},1)`;
  const attFormula = {
    yesno: rowTemplate(`=IF(${F}="","",${F})`),
    lower: rowTemplate(`=IF(${F}="","",IF(${F}<=0,${lowerCap},${G}/${F}))`),
    higher: rowTemplate(`=IF(${F}="","",${F}/${G})`),
  };
  const cappedFormula = rowTemplate(`=IF(${H}="","",MIN(${H},${cap}))`);
  const statusFormula = rowTemplate(
    `=IF(${H}="",${st.noData},IF(${H}>=1,${st.met},IF(${H}>=${near},${st.near},${st.notMet})))`,
  );
  const rowsOf = new ResultRows(lang, scoreByUnit, cappedFormula, statusFormula, noTargetStatus);
  // Each pillar's running sums by unit, and each indicator's running-sum formulas (one per indicator, all its blocks).
  const pillars = pillarsOf(plan);
  const endsOf = new Map(pillars.map((p) => [p, new Map<string, RunningEnd>()]));
  const runningOf = new Map<Indicator, RunningSums>();
  const exclude = s.missingPolicy !== "zero";
  const cells = rowsOf.cells;
  let r = HEADER_ROW;
  let lastInd: Indicator | null = null;
  let indCells: { code: SpecCell; name: SpecCell } = { code: {}, name: {} };
  for (const block of blocks) {
    const { ind } = block;
    const first = r + 1;
    const last = r + block.units.length;
    if (ind !== lastInd) {
      indCells = { code: { value: ind.code }, name: { value: ind.name } };
      lastInd = ind;
    }
    const figureFormat = ind.measure === "percent" ? "0%" : "#,##0.##";
    const tKey = targetKey(ind, results.period);
    const tCell = ind.cells[tKey];
    const targetLive = !(ind.measure === "yesno" || !tCell || ind.converted?.includes(tKey));
    const targetFormula = tCell ? `=${sheetRef(tCell)}` : "";
    const attainmentOf =
      ind.measure === "yesno"
        ? attFormula.yesno
        : ind.direction === "lower"
          ? attFormula.lower
          : attFormula.higher;
    const rng = absRange(first, COLS.actual, last, COLS.actual);
    const lower = ind.direction === "lower";
    const [A, B] = [abs(first, COLS.statA), abs(first, COLS.statB)];
    // The score formula of each kind of block statistics this block's rows may need.
    const scoreFormula = (needs: BlockStats): FormulaTemplate => {
      let scoreExpr: string;
      if (needs === "zscore") {
        const z = `(${F}-${A})/${B}`;
        scoreExpr = `IF(${B}=0,0.5,NORM.S.DIST(${lower ? `-${z}` : z},1))`;
      } else if (needs === "minmax") {
        scoreExpr = `IF(${B}=${A},1,(${lower ? `${B}-${F}` : `${F}-${A}`})/(${B}-${A}))`;
      } else if (s.normalisation === "percentile") {
        // COUNTIF per row is quadratic in the block's size; docs/limits.md says so.
        const below = `COUNTIF(${rng},"<"&${F})`;
        const above = `COUNTIF(${rng},">"&${F})`;
        scoreExpr = `IF(${below}+${above}=0,1,${lower ? above : below}/(${below}+${above}))`;
      } else scoreExpr = `${I}/${cap}`;
      return rowTemplate(`=IF(${F}="",${missing},${scoreExpr})`);
    };
    // A block's rows need at most two score formulas: one for the rows with a target and one for those without.
    const needsOf = (noTarget: boolean): BlockStats =>
      s.normalisation === "target"
        ? noTarget
          ? "minmax"
          : null
        : s.normalisation === "percentile"
          ? null
          : s.normalisation;
    const withTarget = needsOf(false);
    const withoutTarget = needsOf(true);
    const firstNeeds = needsOf(block.att[0].status === "noTarget");
    if (firstNeeds) statBlocks.push(statsBlock(block, first, rng, firstNeeds));
    const scoreWithTarget = scoreFormula(withTarget);
    let sums = running ? (runningOf.get(ind) ?? null) : null;
    if (running && !sums) {
      const ends = endsOf.get(ind.pillar) as Map<string, RunningEnd>;
      runningOf.set(ind, (sums = runningSums(ends, weightRef(ind), ind.weight, exclude)));
    }
    const shared: BlockShared = {
      figureFormat,
      targetLive,
      targetFormula,
      attainmentOf,
      scoreWithTarget,
      scoreWithoutTarget: withoutTarget === withTarget ? scoreWithTarget : scoreFormula(withoutTarget),
      scoreKey: ind.code,
      indCells,
      running: sums,
    };
    r = rowsOf.addBlock(block, shared, r);
  }
  const lastRow = r;
  const sheet = L.sheetResults;
  const header = [
    L.unitCode,
    L.unitName,
    L.group,
    L.indicatorCode,
    L.indicatorName,
    L.actual,
    L.target,
    L.attainment,
    L.capped,
    L.status,
    L.score,
  ];
  const title = `${L.titleResults} – ${periodTitle(plan, results.period, lang)}`;
  const widths = [10, 34, 20, 12, 44, 11, 11, 11, 11, 16, 9, 12, 12, ...(running ? [12, 14] : [])];
  const statHeader = statKind === "minmax" ? [L.blockMin, L.blockMax] : [L.blockMean, L.blockSd];
  const statusRange = `${local(HEADER_ROW + 1, COLS.status)}:${local(Math.max(lastRow, HEADER_ROW + 1), COLS.status)}`;
  const spec: SheetSpec = {
    name: sheet,
    kind: "results",
    blocks: [
      {
        row: 1,
        col: 1,
        cells: [[{ value: title, style: TITLE_STYLE }]],
      },
      { row: 2, col: 1, cells: [[{ value: generatedNote(plan, lang), style: NOTE_STYLE }]] },
      { row: HEADER_ROW, col: 1, cells: [header.map((h) => ({ value: h, style: HEADER_STYLE }))] },
      { row: HEADER_ROW + 1, col: 1, cells },
      ...(statBlocks.length
        ? [
            {
              row: HEADER_ROW,
              col: COLS.statA,
              cells: [
                statHeader.map((h) => ({
                  value: h,
                  style: HEADER_STYLE,
                })),
              ],
            },
          ]
        : []),
      ...statBlocks,
      ...(running && rowsOf.running.length
        ? [
            {
              row: HEADER_ROW,
              col: COLS.weightSum,
              cells: [[L.weightSum, L.weightedSum].map((h) => ({ value: h, style: HEADER_STYLE }))],
            },
            { row: HEADER_ROW + 1, col: COLS.weightSum, cells: rowsOf.running },
          ]
        : []),
    ],
    columnWidths: widths.map((width, i) => ({ col: i + 1, width })),
    rowHeights: [
      headerRowHeight(
        HEADER_ROW,
        [
          ...header,
          ...(statBlocks.length || running ? statHeader : []),
          ...(running ? [L.weightSum, L.weightedSum] : []),
        ],
        widths,
      ),
    ],
    freeze: { rows: HEADER_ROW, cols: 2 },
    tables: cells.length
      ? [{ name: OUTPUT_TABLES.results, range: `A${HEADER_ROW}:${local(lastRow, COLS.score)}` }]
      : [],
    conditionalFormats: cells.length ? statusFormats(statusRange, lang) : [],
    print: {
      orientation: "landscape",
      paperSize: "A4",
      fitToWidth: 1,
      titleRows: `${HEADER_ROW}:${HEADER_ROW}`,
      margins: NARROW_MARGINS,
      footer: pageFooter(title, lang),
    },
    tabColor: "2E75B6",
    definedNames: settingNames(plan, ["attainmentCap", "nearTarget"]),
  };
  // Where each unit's sums over each pillar end.
  const pillarEnd = running ? new Map<string, number[]>() : null;
  if (pillarEnd)
    pillars.forEach((p, k) => {
      for (const [unit, end] of endsOf.get(p) as Map<string, RunningEnd>) {
        let at = pillarEnd.get(unit);
        if (!at) pillarEnd.set(unit, (at = pillars.map(() => 0)));
        at[k] = end.row;
      }
    });
  return { spec, layout: { sheet, firstRow: HEADER_ROW + 1, lastRow, rowOf, pillarEnd, cols: COLS } };
}
