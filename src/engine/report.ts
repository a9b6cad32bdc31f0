/**
 * The quarterly report as one language-specific document model: the official heading, the drafted narrative,
 * tables of already formatted text and chart data. The summary tab and the .docx both render this model, so they
 * say the same thing; nothing in it refers to another sheet, so no later action can change it (a dated snapshot).
 */
import type { Plan } from "./model";
import type { AttainmentStatus, Grade } from "./results";
import type { QuarterlySummary } from "./summary";
import { GRADES } from "./ranking";
import { formatPeriod, periodFromKey } from "./periods";
import { departmentOf, gradeLabel, labels, statusLabel, type Lang } from "./i18n/labels";
import { MONTHS_EN, formatDate, formatNumber, formatPercent, formatSigned } from "./i18n/numbers";
import { buildNarrative } from "./narrative";
import { effectiveCoverage } from "./attainment";
import { groupName, provinceTitle } from "./outputs/style";
import { fillTemplate } from "./text";

/** One cell of a report table: the text shown, and the number behind it where there is one. */
export interface ReportCell {
  readonly text: string;
  readonly value?: number;
  /** Excel number format for the value (the tab writes numbers, the .docx the text). */
  readonly numberFormat?: string;
  readonly grade?: Grade;
  readonly status?: AttainmentStatus;
  readonly align?: "left" | "center" | "right";
  readonly bold?: boolean;
}

export interface ReportColumn {
  readonly title: string;
  /** How many of the tab's seven columns it spans (the spans of a table add up to 7). */
  readonly span: number;
}

export interface ReportTable {
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly (readonly ReportCell[])[];
}

/** A bar chart: one bar per category, coloured per bar; rank 1 or the first category at the top. */
export interface ReportChart {
  readonly title: string;
  readonly categories: readonly string[];
  readonly values: readonly number[];
  /** Each value as the report's language writes it ("99,45", "61%"), for the bars' labels. */
  readonly labels: readonly string[];
  readonly colors: readonly string[];
  readonly axisMax: number;
  /** The interval between the value axis' labels: 11 labels "0%"…"100%" do not fit a page's width side by side. */
  readonly axisStep: number;
  /** Excel number format of the value axis ("0" or "0%"). */
  readonly numberFormat: string;
  /** Excel number format of the bars' values and labels, as the tables write them ("0.00", "0%"). */
  readonly labelFormat: string;
}

/** A box in points, from the top left edge of what holds it. */
export interface Box {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The plot area (with its axes' labels) of a bar chart `width` × `height` points whose bars are labelled in
 * `labelSize`-pt text: the title's band above it, and right of it room for the longest label outside a bar's end
 * (at most 0.6 em a character) beyond the axis's maximum, plus a margin. Laid out by the application, the plot area
 * reaches the chart's edges: the label of a bar near the maximum (99,45 of 100) is printed on the edge or past it
 * (LibreOffice), and the longest name on the left edge; nothing in Excel's reference says it moves an outside-end
 * label to keep it in (XlDataLabelPosition: "outside the data point at the top edge"). The axis keeps its 0–100 and
 * every label stays outside its bar, as a reader compares them. The tab's charts and the .docx's take the same room.
 */
export function barPlotArea(
  size: { readonly width: number; readonly height: number },
  barLabels: readonly string[],
  labelSize: number,
): Box {
  const label = Math.max(0, ...barLabels.map((l) => l.length)) * labelSize * 0.6 + 12;
  // LibreOffice draws the names left of the box it is given by up to 5 pt: 12 pt keeps them clear of the edge.
  return { left: 12, top: 38, width: size.width - 12 - label, height: size.height - 38 - 6 };
}

/** Bars in one chart: a chart of more is printed in parts, each of which fits a page of the report and of the tab. */
export const MAX_BARS = 30;

/**
 * A report chart as printed: itself, or for a group too long for a page, parts of at most MAX_BARS bars in rank
 * order, titled "(1/3)", "(2/3)"…, on the same axis. `first` bars, when given (fewer than MAX_BARS), make the first
 * part, to fill what is left of a page; the rest are shared out evenly.
 */
export function chartParts(c: ReportChart, first?: number): ReportChart[] {
  const n = c.categories.length;
  const head = first !== undefined && first > 0 && first < Math.min(n, MAX_BARS) ? first : 0;
  const rest = Math.ceil((n - head) / MAX_BARS);
  const parts = rest + (head ? 1 : 0);
  if (parts <= 1) return [c];
  const size = Math.ceil((n - head) / rest);
  const cuts = Array.from({ length: parts }, (_, k) =>
    head ? (k === 0 ? 0 : head + (k - 1) * size) : k * size,
  );
  return cuts.map((from, k) => {
    const to = k + 1 < parts ? cuts[k + 1] : n;
    const cut = <T>(xs: readonly T[]) => xs.slice(from, to);
    return {
      ...c,
      title: `${c.title} (${k + 1}/${parts})`,
      categories: cut(c.categories),
      values: cut(c.values),
      labels: cut(c.labels),
      colors: cut(c.colors),
    };
  });
}

export type ReportBlock =
  | { readonly kind: "heading"; readonly text: string }
  | { readonly kind: "paragraph"; readonly text: string; readonly italic?: boolean }
  | { readonly kind: "table"; readonly table: ReportTable }
  | { readonly kind: "chart"; readonly chart: ReportChart }
  | { readonly kind: "list"; readonly items: readonly string[] };

export interface Report {
  readonly lang: Lang;
  readonly period: string;
  readonly heading: {
    readonly parentBody: string;
    readonly issuingBody: string;
    readonly number: string;
    readonly nation: string;
    readonly motto: string;
    readonly placeDate: string;
    readonly kind: string;
    readonly subject: string;
  };
  /** "Số liệu chốt ngày …": the snapshot rule, said on the tab. */
  readonly snapshot: string;
  /** The date of the figures, as the Word document says it (it has no sheets to refer to). */
  readonly snapshotDocument: string;
  /** Errors and warnings that did not stop the report, or null. */
  readonly qualityNote: string | null;
  readonly body: readonly ReportBlock[];
  readonly recipientsTitle: string;
  readonly recipients: readonly string[];
  readonly signerTitle: readonly string[];
  readonly signerName: string;
  /** Footer text before the page number ("tỉnh Lào Cai – Quý II/2015"). */
  readonly footer: string;
}

/** Grade colours, shared by the tab's cells, its charts and the .docx. */
export const GRADE_COLORS: Readonly<Record<Grade, { fill: string; font: string; bar: string }>> = {
  good: { fill: "C6EFCE", font: "006100", bar: "2E7D32" },
  fair: { fill: "DDEBF7", font: "1F4E79", bar: "2E75B6" },
  average: { fill: "FFEB9C", font: "9C5700", bar: "F4B400" },
  weak: { fill: "FFC7CE", font: "9C0006", bar: "C62828" },
};

export const STATUS_COLORS: Readonly<Partial<Record<AttainmentStatus, { fill: string; font: string }>>> = {
  met: { fill: "C6EFCE", font: "006100" },
  near: { fill: "FFEB9C", font: "9C5700" },
  notMet: { fill: "FFC7CE", font: "9C0006" },
};

/** Text of a setting, or the language's default when the planner left it blank. */
const setting = (
  plan: Plan,
  key:
    | "parentBody"
    | "issuingBody"
    | "documentNumber"
    | "place"
    | "headTitle"
    | "signerTitle"
    | "signerName"
    | "recipients",
) => plan.settings[key].trim();

/** A line left to fill in by hand: a title or a name the planner has not given. */
export const BLANK_LINE = "…".repeat(14);

/** A setting's lines: one per line break typed in the cell (or written "\n"), blank lines dropped. */
const linesOf = (text: string) =>
  text
    .split(/\\n|\n/)
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * The signature block's title lines in capitals, as Nghị định 30/2020/NĐ-CP (Điều 13, Phụ lục I) sets them: the
 * head's title when the head signs; else the authority before the head's title ("KT. GIÁM ĐỐC", "Q. GIÁM ĐỐC"), and
 * under it the signer's own title ("PHÓ GIÁM ĐỐC" by default for KT., a line to fill in for TL., TUQ. and TM.).
 */
export function signerLines(plan: Plan, lang: Lang): string[] {
  const L = labels(lang);
  const head = linesOf(setting(plan, "headTitle")).join(" ") || L.signerTitleDefault;
  const own = linesOf(setting(plan, "signerTitle"));
  const caps = (xs: string[]) => xs.map((x) => x.toLocaleUpperCase("vi"));
  const authority = plan.settings.signerAuthority;
  if (authority === "direct") return caps(own.length ? own : [head]);
  const first = {
    kt: L.signerKt,
    tl: L.signerTl,
    tuq: L.signerTuq,
    q: L.signerQ,
    tm: L.signerTm,
  }[authority];
  const top = fillTemplate(first, { head });
  // An acting head signs in the head's own name: the one line.
  if (authority === "q") return caps([top]);
  if (own.length) return caps([top, ...own]);
  return caps([top, authority === "kt" ? fillTemplate(L.signerDeputy, { head }) : BLANK_LINE]);
}

/** Builds the report for a summary in a language. */
export function buildReport(plan: Plan, s: QuarterlySummary, lang: Lang): Report {
  const L = labels(lang);
  const f = fillTemplate;
  const p = periodFromKey(s.period);
  const period = p ? formatPeriod(p, lang) : s.period;
  const dec = plan.settings.indexDecimals;
  const num = (x: number) => formatNumber(x, dec, lang);
  const indexFormat = dec ? `0.${"0".repeat(dec)}` : "0";
  const pct = (x: number) => formatPercent(x, lang);
  const narrative = buildNarrative(plan, s, lang);
  const province = s.province;
  const [y, m, d] = s.asOf.split("-").map(Number);
  const place = setting(plan, "place") || province;
  const where = province ? provinceTitle(province, lang) : "";

  const body: ReportBlock[] = [];
  // I. Overview: the province paragraph, the grade distribution, the data caveats.
  body.push({ kind: "heading", text: L.sectionGeneral });
  body.push({ kind: "paragraph", text: narrative.province });
  body.push({
    kind: "table",
    table: {
      columns: [
        { title: L.group, span: 2 },
        ...GRADES.map((g) => ({ title: gradeLabel(g, lang), span: 1 })),
        { title: L.total, span: 1 },
      ],
      rows: s.distribution.map((dist) => [
        { text: groupName(dist.group, lang), bold: dist.group === null },
        ...GRADES.map((g): ReportCell => ({
          text: f(L.countShare, { count: dist.counts[g], share: pct(dist.shares[g]) }),
          align: "center",
          bold: dist.group === null,
        })),
        { text: String(dist.total), value: dist.total, align: "center", bold: dist.group === null },
      ]),
    },
  });
  body.push({ kind: "paragraph", text: narrative.quality });

  // II. Province targets.
  body.push({ kind: "heading", text: L.sectionIndicators });
  const indicatorName = (code: string) => plan.indicators.find((i) => i.code === code)?.name ?? code;
  body.push({
    kind: "table",
    table: {
      columns: [
        { title: L.stt, span: 1 },
        { title: L.indicatorName, span: 1 },
        { title: L.applicable, span: 1 },
        { title: L.meeting, span: 1 },
        { title: L.share, span: 1 },
        { title: L.coverage, span: 1 },
        { title: L.status, span: 1 },
      ],
      rows: s.indicators.map((a, i) => [
        { text: String(i + 1), value: i + 1, align: "center" },
        { text: indicatorName(a.indicator) },
        { text: String(a.applicableUnits), value: a.applicableUnits, align: "center" },
        // No counts for an indicator without a target; a blank Chỉ tiêu toàn tỉnh is the 100% it stands for.
        a.unitsMeeting === null
          ? { text: "" }
          : { text: String(a.unitsMeeting), value: a.unitsMeeting, align: "center" },
        a.shareMeeting === null
          ? { text: "" }
          : { text: pct(a.shareMeeting), value: a.shareMeeting, numberFormat: "0%", align: "center" },
        a.status === "noTarget"
          ? { text: "" }
          : {
              text: pct(effectiveCoverage(a)),
              value: effectiveCoverage(a),
              numberFormat: "0%",
              align: "center",
            },
        {
          text: statusLabel(a.status, lang),
          status: a.status,
          align: "center",
        },
      ]),
    },
  });
  if (s.indicators.length)
    body.push({
      kind: "chart",
      chart: {
        title: L.chartAttainment,
        categories: s.indicators.map((a) => indicatorName(a.indicator)),
        values: s.indicators.map((a) => a.shareMeeting ?? 0),
        labels: s.indicators.map((a) => (a.shareMeeting === null ? "" : pct(a.shareMeeting))),
        // The bar's colour is the indicator's status (one rule: share meeting against Chỉ tiêu toàn tỉnh).
        colors: s.indicators.map((a) =>
          a.status === "met"
            ? GRADE_COLORS.good.bar
            : a.status === "near"
              ? GRADE_COLORS.average.bar
              : a.status === "notMet"
                ? GRADE_COLORS.weak.bar
                : "A6A6A6",
        ),
        axisMax: 1,
        axisStep: 0.2,
        numberFormat: "0%",
        labelFormat: "0%",
      },
    });

  // III. Ranking per group: the paragraph, the table, the chart.
  body.push({ kind: "heading", text: L.sectionRanking });
  s.groups.forEach((g, k) => {
    body.push({ kind: "heading", text: `${k + 1}. ${groupName(g.group, lang)}` });
    body.push({ kind: "paragraph", text: narrative.groups[k].text });
    body.push({
      kind: "table",
      table: {
        columns: [
          { title: L.rank, span: 1 },
          { title: L.unitName, span: 1 },
          { title: L.indexRounded, span: 1 },
          { title: L.grade, span: 1 },
          { title: L.previousIndex, span: 1 },
          { title: L.indexChange, span: 1 },
          { title: L.rankChange, span: 1 },
        ],
        rows: g.ranking.map((u) => [
          { text: String(u.rankInGroup), value: u.rankInGroup, align: "center" },
          { text: u.name },
          {
            text: num(u.indexRounded),
            value: u.indexRounded,
            numberFormat: indexFormat,
            align: "right",
          },
          { text: gradeLabel(u.grade, lang), grade: u.grade, align: "center" },
          u.previous
            ? {
                text: num(u.previous.indexRounded),
                value: u.previous.indexRounded,
                numberFormat: indexFormat,
                align: "right",
              }
            : { text: "" },
          u.indexChange === null
            ? { text: "" }
            : {
                text: formatSigned(u.indexChange, dec, lang),
                value: u.indexChange,
                numberFormat: dec ? `+0.${"0".repeat(dec)};-0.${"0".repeat(dec)};0` : "+0;-0;0",
                align: "right",
              },
          u.rankChange === null
            ? { text: "" }
            : {
                text: formatSigned(u.rankChange, 0, lang),
                value: u.rankChange,
                numberFormat: "+0;-0;0",
                align: "center",
              },
        ]),
      },
    });
    body.push({
      kind: "chart",
      chart: {
        title: `${L.chartIndex} – ${groupName(g.group, lang)}`,
        categories: g.ranking.map((u) => u.name),
        values: g.ranking.map((u) => u.indexRounded),
        labels: g.ranking.map((u) => num(u.indexRounded)),
        colors: g.ranking.map((u) => GRADE_COLORS[u.grade].bar),
        axisMax: plan.settings.indexScale,
        axisStep: plan.settings.indexScale / 10,
        numberFormat: "0",
        labelFormat: indexFormat,
      },
    });
  });

  // IV. Drafted recommendations.
  body.push({ kind: "heading", text: L.sectionRecommendations });
  body.push({ kind: "paragraph", text: L.recommendationsNote, italic: true });
  body.push({ kind: "list", items: narrative.recommendations });

  // By default the units of the groups ranked: a province of communes sends no copy to districts it no longer has.
  const of: Record<string, string> = {
    department: L.recipientsDepartment,
    district: L.recipientsDistrict,
    commune: L.recipientsCommune,
  };
  const units = s.groups.map((g) => of[g.group] ?? groupName(g.group, lang));
  const recipients = (
    setting(plan, "recipients") || [L.recipientsHead, ...units, L.recipientsArchive].join(";")
  )
    .split(/[;\n]/)
    .map((x) => x.trim())
    .filter(Boolean);
  const number = setting(plan, "documentNumber");
  const department = departmentOf(L, p?.year ?? plan.settings.year);
  const errors = s.findings.error;
  const warnings = s.findings.warning;
  return {
    lang,
    period: s.period,
    heading: {
      parentBody:
        setting(plan, "parentBody") || f(L.parentBody, { province: province.toLocaleUpperCase("vi") }).trim(),
      issuingBody: setting(plan, "issuingBody") || department.heading,
      number: f(L.documentNumber, { number: number || department.number }),
      nation: L.nation,
      motto: L.motto,
      placeDate: f(L.placeDate, {
        place,
        day: String(d).padStart(2, "0"),
        month: String(m).padStart(2, "0"),
        year: y,
        monthName: MONTHS_EN[m - 1] ?? "",
      }),
      kind: L.reportKind,
      subject: f(L.reportSubject, {
        title: `${L.titleSummary} ${period}${where ? ` – ${where}` : ""}`,
      }),
    },
    snapshot: f(L.snapshot, { date: formatDate(s.asOf, lang) }),
    snapshotDocument: f(L.snapshotDocument, { date: formatDate(s.asOf, lang) }),
    qualityNote: errors + warnings ? f(L.qualityNote, { errors, warnings }) : null,
    body,
    recipientsTitle: L.recipientsTitle,
    recipients: recipients.map((r, i) => `- ${r}${i === recipients.length - 1 ? "." : ";"}`),
    signerTitle: signerLines(plan, lang),
    signerName: setting(plan, "signerName") || BLANK_LINE,
    footer: where ? `${where} – ${period}` : period,
  };
}
