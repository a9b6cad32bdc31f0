/** "Tổng hợp Quý …": the quarterly summary tab — key figures, tables, rankings per group, changes, charts, print layout. */
import type { Plan } from "../model";
import type { PeriodResults } from "../results";
import type { ChartSpec, ConditionalFormatSpec, SheetSpec, SpecBlock, SpecCell } from "../sheetSpec";
import type { QuarterlySummary } from "../summary";
import { GRADES } from "../ranking";
import { formatPeriod, periodFromKey } from "../periods";
import { gradeLabel, labels, statusLabel, type Lang } from "../i18n/labels";
import { absRange, local, quoteSheetName, str } from "./refs";
import type { ResultsLayout } from "./resultsSheet";
import type { RankingLayout } from "./rankingSheet";
import {
  HEADER_STYLE,
  NOTE_STYLE,
  SECTION_STYLE,
  TITLE_STYLE,
  gradeFormats,
  groupName,
  periodTitle,
  statusFormats,
} from "./style";

/** The summary sheet's name: "Tổng hợp Quý II/2015" (at most 31 characters, no characters Excel forbids). */
export function summarySheetName(period: string, lang: Lang): string {
  const p = periodFromKey(period);
  const name = `${labels(lang).sheetSummary} ${p ? formatPeriod(p, lang) : period}`;
  return name.replace(/[[\]:*?/\\]/g, "-").slice(0, 31);
}

const blank = (v: number | null | undefined): number | string => (v === null || v === undefined ? "" : v);

/** Builds the summary sheet. */
export function buildSummarySheet(
  plan: Plan,
  results: PeriodResults,
  summary: QuarterlySummary,
  res: ResultsLayout,
  rank: RankingLayout,
  lang: Lang,
): SheetSpec {
  const L = labels(lang);
  const blocks: SpecBlock[] = [];
  const charts: ChartSpec[] = [];
  const cfs: ConditionalFormatSpec[] = [];
  const name = summarySheetName(results.period, lang);
  let row = 1;
  const put = (cells: SpecCell[][], col = 1) => {
    blocks.push({ row, col, cells });
    row += cells.length;
  };
  const R = (col: number) =>
    `${quoteSheetName(rank.sheet)}!${absRange(rank.firstRow, col, Math.max(rank.lastRow, rank.firstRow), col)}`;
  const K = (col: number, first: number, last: number) =>
    `${quoteSheetName(res.sheet)}!${absRange(first, col, last, col)}`;
  const prev = results.previousPeriod ? periodFromKey(results.previousPeriod) : null;

  put([[{ value: `${L.titleSummary} ${periodTitle(plan, results.period, lang)}`, style: TITLE_STYLE }]]);
  put([
    [
      {
        value: `${L.previousPeriod}: ${prev ? formatPeriod(prev, lang) : "—"}. ${L.generated}`,
        style: NOTE_STYLE,
      },
    ],
  ]);
  row++;

  // Key figures.
  put([[{ value: L.keyFigures, style: SECTION_STYLE }]]);
  const anyRanked = rank.lastRow >= rank.firstRow;
  const key: SpecCell[][] = [
    [
      { value: L.unitsRanked },
      anyRanked ? { formula: `=COUNTA(${R(1)})`, value: summary.unitsRanked } : { value: 0 },
    ],
  ];
  for (const g of summary.groups) {
    key.push([
      { value: `${L.meanIndex} – ${groupName(g.group, lang)}` },
      {
        formula: `=AVERAGEIF(${R(rank.col.group)},${str(groupName(g.group, lang))},${R(rank.col.rounded)})`,
        value: blank(g.meanIndex),
        numberFormat: "0.00",
      },
    ]);
  }
  const hasRows = res.lastRow >= res.firstRow;
  const statusAll = K(res.cols.status, res.firstRow, Math.max(res.lastRow, res.firstRow));
  key.push([
    { value: L.targetsMet },
    hasRows && summary.targetsMetShare !== null
      ? {
          formula: `=COUNTIF(${statusAll},${str(statusLabel("met", lang))})/(ROWS(${statusAll})-COUNTIF(${statusAll},${str(statusLabel("noTarget", lang))}))`,
          value: summary.targetsMetShare,
          numberFormat: "0.0%",
        }
      : { value: "" },
  ]);
  key.push([
    { value: L.findingsCount },
    { value: `${summary.findings.error} / ${summary.findings.warning} / ${summary.findings.info}` },
  ]);
  key.push([
    { value: L.validation },
    {
      value: summary.findings.error ? L.validationErrors : L.validationOk,
      style: { bold: true, fontColor: summary.findings.error ? "9C0006" : "006100" },
    },
  ]);
  put(key);
  row++;

  // Grade distribution: counts per group, live over the ranking sheet.
  put([[{ value: L.distribution, style: SECTION_STYLE }]]);
  const distHeader = row;
  put([
    [
      L.group,
      ...GRADES.map((g) => gradeLabel(g, lang)),
      "Σ",
      ...GRADES.map((g) => `${gradeLabel(g, lang)} %`),
    ].map((v) => ({ value: v, style: HEADER_STYLE })),
  ]);
  const distFirst = row;
  const distRows: SpecCell[][] = summary.distribution.map((d, i) => {
    const r = distFirst + i;
    const count = (g: (typeof GRADES)[number]): SpecCell =>
      !anyRanked
        ? { value: 0 }
        : d.group === "all"
          ? { formula: `=COUNTIF(${R(rank.col.grade)},${str(gradeLabel(g, lang))})`, value: d.counts[g] }
          : {
              formula: `=COUNTIFS(${R(rank.col.group)},${str(groupName(d.group, lang))},${R(rank.col.grade)},${str(gradeLabel(g, lang))})`,
              value: d.counts[g],
            };
    const total = `${local(r, 6)}`;
    return [
      { value: groupName(d.group, lang), style: { bold: d.group === "all" } },
      ...GRADES.map(count),
      { formula: `=SUM(${local(r, 2)}:${local(r, 5)})`, value: d.total },
      ...GRADES.map((g, k): SpecCell => ({
        formula: `=IF(${total}=0,0,${local(r, 2 + k)}/${total})`,
        value: d.shares[g],
        numberFormat: "0%",
      })),
    ];
  });
  put(distRows);
  if (distRows.length)
    charts.push({
      type: "column",
      title: L.chartGrades,
      categories: `${local(distHeader, 2)}:${local(distHeader, 5)}`,
      series: summary.distribution.map((d, i) => ({
        name: groupName(d.group, lang),
        values: `${local(distFirst + i, 2)}:${local(distFirst + i, 5)}`,
      })),
      anchor: { fromRow: 4, fromCol: 12, toRow: 20, toCol: 20 },
    });
  row++;

  // Province attainment by indicator.
  put([[{ value: L.indicatorTable, style: SECTION_STYLE }]]);
  put([
    [
      L.code,
      L.indicatorName,
      L.applicable,
      L.meeting,
      L.share,
      L.coverage,
      L.provinceAttainment,
      L.meanAttainment,
      L.status,
    ].map((v) => ({ value: v, style: HEADER_STYLE })),
  ]);
  const indFirst = row;
  const near = plan.settings.nearTarget;
  const statusFormula = (ref: string) =>
    `=IF(${ref}="",${str(statusLabel("noData", lang))},IF(${ref}>=1,${str(statusLabel("met", lang))},IF(${ref}>=${near},${str(statusLabel("near", lang))},${str(statusLabel("notMet", lang))})))`;
  const indRows: SpecCell[][] = summary.indicators.map((p, i) => {
    const r = indFirst + i;
    const ind = plan.indicators.find((x) => x.code === p.indicator);
    const span = res.indicatorRows.get(p.indicator);
    const C = local(r, 3);
    const D = local(r, 4);
    const E = local(r, 5);
    const F = local(r, 6);
    const G = local(r, 7);
    const H = local(r, 8);
    const meeting: SpecCell = span
      ? {
          formula: `=COUNTIF(${K(res.cols.status, span.first, span.last)},${str(statusLabel("met", lang))})`,
          value: p.unitsMeeting,
        }
      : { value: 0 };
    const mean: SpecCell = span
      ? {
          formula: `=IF(COUNT(${K(res.cols.attainment, span.first, span.last)})=0,"",AVERAGE(${K(res.cols.attainment, span.first, span.last)}))`,
          value: blank(p.meanAttainment),
          numberFormat: "0.0%",
        }
      : { value: "" };
    const hasTarget = p.status !== "noTarget";
    const status: SpecCell =
      p.coverageTarget !== null
        ? { formula: statusFormula(G), value: statusLabel(p.status, lang) }
        : hasTarget
          ? { formula: statusFormula(H), value: statusLabel(p.status, lang) }
          : { value: statusLabel("noTarget", lang) };
    return [
      { value: p.indicator },
      { value: ind?.name ?? p.indicator },
      { value: p.applicableUnits },
      meeting,
      { formula: `=IF(${C}=0,"",${D}/${C})`, value: blank(p.shareMeeting), numberFormat: "0%" },
      { value: blank(p.coverageTarget), numberFormat: "0%" },
      p.coverageTarget !== null
        ? { formula: `=IF(${E}="","",${E}/${F})`, value: blank(p.attainment), numberFormat: "0%" }
        : { value: "" },
      mean,
      status,
    ];
  });
  put(indRows);
  if (indRows.length) {
    cfs.push(...statusFormats(`${local(indFirst, 9)}:${local(row - 1, 9)}`, lang));
    cfs.push({ type: "dataBar", range: `${local(indFirst, 5)}:${local(row - 1, 5)}`, color: "70AD47" });
    charts.push({
      type: "bar",
      title: L.chartAttainment,
      categories: `${local(indFirst, 1)}:${local(row - 1, 1)}`,
      series: [{ name: L.share, values: `${local(indFirst, 5)}:${local(row - 1, 5)}` }],
      anchor: { fromRow: 21, fromCol: 12, toRow: 40, toCol: 20 },
    });
  }
  row++;

  // Ranking per group: live references to the ranking sheet; a chart of the index per unit for each group.
  let chartRow = 41;
  for (const g of summary.groups) {
    put([[{ value: `${L.titleRanking} – ${groupName(g.group, lang)}`, style: SECTION_STYLE }]]);
    put([
      [L.rank, L.unitName, L.indexRounded, L.grade, L.rankChange].map((v) => ({
        value: v,
        style: HEADER_STYLE,
      })),
    ]);
    const first = row;
    const cells: SpecCell[][] = g.ranking.map((u) => {
      const rr = rank.rowOf.get(u.unit) as number;
      const ref = (c: number) => `=${quoteSheetName(rank.sheet)}!${local(rr, c)}`;
      return [
        { formula: ref(rank.col.rankGroup), value: u.rankInGroup, style: { horizontal: "center" } },
        { formula: ref(rank.col.name), value: u.name },
        { formula: ref(rank.col.rounded), value: u.indexRounded, numberFormat: "0.00" },
        { formula: ref(rank.col.grade), value: gradeLabel(u.grade, lang), style: { horizontal: "center" } },
        { value: blank(u.rankChange), numberFormat: "+0;-0;0", style: { horizontal: "center" } },
      ];
    });
    put(cells);
    cfs.push(...gradeFormats(`${local(first, 4)}:${local(row - 1, 4)}`, lang));
    const height = Math.max(12, Math.ceil(g.ranking.length * 0.9) + 4);
    charts.push({
      type: "bar",
      title: `${L.chartIndex} – ${groupName(g.group, lang)}`,
      categories: `${local(first, 2)}:${local(row - 1, 2)}`,
      series: [{ name: L.indexRounded, values: `${local(first, 3)}:${local(row - 1, 3)}` }],
      anchor: { fromRow: chartRow, fromCol: 12, toRow: chartRow + height, toCol: 20 },
    });
    chartRow += height + 1;
    const names = (list: typeof g.top) =>
      list.map((u) => `${u.name} (${u.indexRounded.toFixed(plan.settings.indexDecimals)})`).join("; ");
    put([
      [{ value: L.top, style: { bold: true } }, { value: names(g.top) }],
      [{ value: L.bottom, style: { bold: true } }, { value: names(g.bottom) }],
    ]);
    row++;
  }

  // Biggest changes since the previous period.
  put([[{ value: L.changes, style: SECTION_STYLE }]]);
  if (!results.previousPeriod || !summary.biggestChanges.length)
    put([[{ value: results.previousPeriod ? "—" : L.noPrevious, style: NOTE_STYLE }]]);
  else {
    put([
      [L.unitName, L.group, L.previousRank, L.rankGroup, L.rankChange].map((v) => ({
        value: v,
        style: HEADER_STYLE,
      })),
    ]);
    put(
      summary.biggestChanges.map((u) => [
        { value: u.name },
        { value: groupName(u.group, lang) },
        { value: blank(u.previous?.rankInGroup), style: { horizontal: "center" } },
        { value: u.rankInGroup, style: { horizontal: "center" } },
        { value: blank(u.rankChange), numberFormat: "+0;-0;0", style: { horizontal: "center", bold: true } },
      ]),
    );
  }

  return {
    name,
    kind: "summary",
    blocks,
    columnWidths: [24, 40, 12, 12, 12, 12, 12, 12, 16, 10, 4].map((width, i) => ({ col: i + 1, width })),
    freeze: { rows: 2, cols: 0 },
    conditionalFormats: cfs,
    charts,
    print: { orientation: "landscape", paperSize: "A4", fitToWidth: 1, titleRows: "1:2" },
    tabColor: "FFC000",
  };
}
