/** "Kết quả": attainment and score of every unit × indicator, as live formulas on the source cells. */
import type { Indicator, Plan, Unit } from "../model";
import type { PeriodResults, UnitAttainment } from "../results";
import type { SheetSpec, SpecBlock, SpecCell } from "../sheetSpec";
import { orderGroups } from "../format";
import { periodFromKey } from "../periods";
import { labels, statusLabel, type Lang } from "../i18n/labels";
import { abs, absRange, local, sheetRef, str } from "./refs";
import { groupStats } from "../scoring";
import { settingNames, settingTerm } from "./liveSettings";
import { HEADER_STYLE, TITLE_STYLE, NOTE_STYLE, groupName, periodTitle, statusFormats } from "./style";

/** Where each unit × indicator landed on the Kết quả sheet, for the formulas of the other sheets. */
export interface ResultsLayout {
  readonly sheet: string;
  readonly firstRow: number;
  readonly lastRow: number;
  /** Row of each "unit|indicator". */
  readonly rowOf: ReadonlyMap<string, number>;
  /** First and last row of each indicator's block (all groups). */
  readonly indicatorRows: ReadonlyMap<string, { first: number; last: number }>;
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
} as const;

type BlockStats = "minmax" | "zscore" | null;

export const HEADER_ROW = 4;

const blank = (v: string | number | null | undefined): string | number =>
  v === null || v === undefined ? "" : v;

interface RowPlan {
  readonly unit: Unit;
  readonly ind: Indicator;
  readonly att: UnitAttainment;
}

/** The rows in order: by indicator, then ranking group, then unit — so each indicator × group is one contiguous block. */
function orderRows(
  plan: Plan,
  results: PeriodResults,
): { rows: RowPlan[]; blocks: Map<string, { first: number; last: number }> } {
  const att = new Map(results.attainment.map((a) => [`${a.unit}|${a.indicator}`, a]));
  const rows: RowPlan[] = [];
  const blocks = new Map<string, { first: number; last: number }>();
  for (const ind of plan.indicators) {
    for (const g of orderGroups(plan.units.map((u) => u.group))) {
      const first = HEADER_ROW + 1 + rows.length;
      for (const unit of plan.units) {
        const a = unit.group === g ? att.get(`${unit.code}|${ind.code}`) : undefined;
        if (a) rows.push({ unit, ind, att: a });
      }
      const last = HEADER_ROW + rows.length;
      if (last >= first) blocks.set(`${ind.code}|${g}`, { first, last });
    }
  }
  return { rows, blocks };
}

/** The target cell a period uses: the quarter's milestone where given, else the annual target. */
function targetKey(ind: Indicator, period: string): string {
  const q = periodFromKey(period)?.quarter ?? null;
  return q !== null && ind.milestones[q - 1] !== null ? `milestoneQ${q}` : "annualTarget";
}

/** Builds the Kết quả sheet and its layout. */
export function buildResultsSheet(
  plan: Plan,
  results: PeriodResults,
  lang: Lang,
): { spec: SheetSpec; layout: ResultsLayout } {
  const L = labels(lang);
  const s = plan.settings;
  const cap = settingTerm(plan, "attainmentCap");
  const near = settingTerm(plan, "nearTarget");
  const missing = s.missingPolicy === "zero" ? "0" : '""';
  const scoreByUnit = new Map(results.ranking.map((r) => [r.unit, r.indicatorScores]));
  const { rows, blocks } = orderRows(plan, results);
  const rowOf = new Map<string, number>();
  const indicatorRows = new Map<string, { first: number; last: number }>();
  const cells: SpecCell[][] = [];
  const statBlocks: SpecBlock[] = [];
  // Only z-score needs mean and SD; min–max (or distance to target without a target) needs min and max.
  const statKind = s.normalisation === "zscore" ? "zscore" : "minmax";
  const statsBlock = (
    block: { first: number; last: number },
    rng: string,
    kind: "minmax" | "zscore",
  ): SpecBlock => {
    const values = rows
      .slice(block.first - HEADER_ROW - 1, block.last - HEADER_ROW)
      .flatMap((x) => (x.att.actual === null ? [] : [x.att.actual]));
    // The engine's own group statistics (scoring.ts) are the formulas' cached values.
    const st = groupStats(values);
    const [a, b] = !values.length ? ["", ""] : kind === "minmax" ? [st.min, st.max] : [st.mean, st.sd];
    const fns = kind === "minmax" ? ["MIN", "MAX"] : ["AVERAGE", "STDEVP"];
    return {
      row: block.first,
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
  rows.forEach(({ unit, ind, att }, i) => {
    const r = HEADER_ROW + 1 + i;
    rowOf.set(`${unit.code}|${ind.code}`, r);
    const span = indicatorRows.get(ind.code);
    indicatorRows.set(ind.code, { first: span?.first ?? r, last: r });
    const F = local(r, COLS.actual);
    const G = local(r, COLS.target);
    const H = local(r, COLS.attainment);
    const I = local(r, COLS.capped);
    const figureFormat = ind.measure === "percent" ? "0%" : "#,##0.##";
    const source = att.source && !att.converted ? sheetRef(att.source) : null;
    const actual: SpecCell = source
      ? {
          formula: `=IF(ISBLANK(${source}),"",${source})`,
          value: blank(att.actual),
          numberFormat: figureFormat,
        }
      : { value: blank(att.actual), numberFormat: figureFormat };
    const tKey = targetKey(ind, results.period);
    const tCell = ind.cells[tKey];
    const target: SpecCell =
      ind.measure === "yesno" || att.target === null || !tCell || ind.converted?.includes(tKey)
        ? { value: blank(att.target), numberFormat: figureFormat }
        : { formula: `=${sheetRef(tCell)}`, value: att.target, numberFormat: figureFormat };
    const noTarget = att.status === "noTarget";
    const lowerCap = `MAX(${cap},1)`;
    const attFormula =
      ind.measure === "yesno"
        ? `=IF(${F}="","",${F})`
        : ind.direction === "lower"
          ? `=IF(${F}="","",IF(${F}<=0,${lowerCap},${G}/${F}))`
          : `=IF(${F}="","",${F}/${G})`;
    const attainment: SpecCell = noTarget
      ? { value: "", numberFormat: "0.0%" }
      : { formula: attFormula, value: blank(att.attainment), numberFormat: "0.0%" };
    const capped: SpecCell = noTarget
      ? { value: "", numberFormat: "0.0%" }
      : { formula: `=IF(${H}="","",MIN(${H},${cap}))`, value: blank(att.capped), numberFormat: "0.0%" };
    const status: SpecCell = noTarget
      ? { value: statusLabel("noTarget", lang) }
      : {
          formula: `=IF(${H}="",${st.noData},IF(${H}>=1,${st.met},IF(${H}>=${near},${st.near},${st.notMet})))`,
          value: statusLabel(att.status, lang),
        };
    const block = blocks.get(`${ind.code}|${unit.group}`) as { first: number; last: number };
    const rng = absRange(block.first, COLS.actual, block.last, COLS.actual);
    const lower = ind.direction === "lower";
    const needs: BlockStats =
      s.normalisation === "target"
        ? noTarget
          ? "minmax"
          : null
        : s.normalisation === "percentile"
          ? null
          : s.normalisation;
    const [A, B] = [abs(block.first, COLS.statA), abs(block.first, COLS.statB)];
    if (needs && r === block.first) statBlocks.push(statsBlock(block, rng, needs));
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
    const sc = scoreByUnit.get(unit.code)?.[ind.code];
    const score: SpecCell = {
      formula: `=IF(${F}="",${missing},${scoreExpr})`,
      value: blank(sc),
      numberFormat: "0.000",
    };
    cells.push([
      { value: unit.code },
      { value: unit.name },
      { value: groupName(unit.group, lang) },
      { value: ind.code },
      { value: ind.name },
      actual,
      target,
      attainment,
      capped,
      status,
      score,
    ]);
  });
  const lastRow = HEADER_ROW + rows.length;
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
  const statusRange = `${local(HEADER_ROW + 1, COLS.status)}:${local(Math.max(lastRow, HEADER_ROW + 1), COLS.status)}`;
  const spec: SheetSpec = {
    name: sheet,
    kind: "results",
    blocks: [
      {
        row: 1,
        col: 1,
        cells: [
          [{ value: `${L.titleResults} – ${periodTitle(plan, results.period, lang)}`, style: TITLE_STYLE }],
        ],
      },
      { row: 2, col: 1, cells: [[{ value: L.generated, style: NOTE_STYLE }]] },
      { row: HEADER_ROW, col: 1, cells: [header.map((h) => ({ value: h, style: HEADER_STYLE }))] },
      { row: HEADER_ROW + 1, col: 1, cells },
      ...(statBlocks.length
        ? [
            {
              row: HEADER_ROW,
              col: COLS.statA,
              cells: [
                (statKind === "minmax" ? [L.blockMin, L.blockMax] : [L.blockMean, L.blockSd]).map((h) => ({
                  value: h,
                  style: HEADER_STYLE,
                })),
              ],
            },
          ]
        : []),
      ...statBlocks,
    ],
    columnWidths: [10, 34, 20, 12, 44, 11, 11, 11, 11, 16, 9, 12, 12].map((width, i) => ({
      col: i + 1,
      width,
    })),
    freeze: { rows: HEADER_ROW, cols: 2 },
    tables: rows.length ? [{ name: "KetQua", range: `A${HEADER_ROW}:${local(lastRow, COLS.score)}` }] : [],
    conditionalFormats: rows.length ? statusFormats(statusRange, lang) : [],
    print: {
      orientation: "landscape",
      paperSize: "A4",
      fitToWidth: 1,
      titleRows: `${HEADER_ROW}:${HEADER_ROW}`,
    },
    tabColor: "2E75B6",
    definedNames: settingNames(plan, ["attainmentCap", "nearTarget"]),
  };
  return { spec, layout: { sheet, firstRow: HEADER_ROW + 1, lastRow, rowOf, indicatorRows, cols: COLS } };
}
