/**
 * One language everywhere the product speaks: the CLI run in English (--lang en) and in Vietnamese (the default, from
 * LANG) on a workbook of the English template and on the Vietnamese sample, both filled with what makes many
 * findings (bad figures, missing weights, unknown units, bad settings, heading rows), and on both with a sheet
 * missing; and usage errors and unreadable files. Every text the product makes is read: the CLI's messages (text and
 * --json), the templates it writes (every cell, drop-down message and sheet name), the output sheets of the computed
 * workbook (cells, footers, charts), the Word report, and the plan workbook consolidate writes (in the units'
 * workbooks' language, whatever --lang says). English text has no Vietnamese letter; Vietnamese text no English word of the catalogues.
 * The planner's own data is exempt, known by its role: names and codes of units and indicators, groups and pillars
 * of their own, the texts they typed in settings, sheet and column names as their workbook has them, and the values
 * a finding quotes as typed (its params). Enum values (groups, pillars, yes/no…) and periods are not exempt: the
 * product writes them in the output's language.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { runCli } from "../helpers/cli";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { checkWorkbook } from "../../src/engine/validate";
import {
  DIRECTIONS,
  INPUT_SHEETS,
  MEASURES,
  PILLARS,
  RANKING_GROUPS,
  SETTINGS,
  YES_NO,
  type EnumValue,
} from "../../src/engine/format";
import { FINDING_TEXTS } from "../../src/engine/i18n/findings";
import { gradeLabel, labels, severityLabel, statusLabel } from "../../src/engine/i18n/labels";
import { CLI_MESSAGES } from "../../src/cli/messages";
import { matchEnum } from "../../src/engine/parse/values";
import { parsePeriod } from "../../src/engine/periods";
import { LISTS } from "../../src/engine/language";
import { samplePlanRows } from "../../src/engine/sample";

type Lang = "vi" | "en";
let dir: string;
const cli = (lang: Lang, ...argv: string[]) =>
  runCli(dir, { LANG: "vi_VN.UTF-8" }, lang === "en" ? [...argv, "--lang", "en"] : argv);

/** A letter of Vietnamese (any accented Latin letter, đ included). */
const VIETNAMESE = /(?=\p{L})[\u00c0-\u024f\u1e00-\u1eff]/u;

const ENUMS: readonly (readonly EnumValue[])[] = [RANKING_GROUPS, PILLARS, MEASURES, DIRECTIONS, YES_NO];
/** Every text of a language's catalogues: output labels, findings, the CLI's messages, the format's names. */
function catalogue(lang: Lang): string[] {
  const L = labels(lang);
  const grades = ["good", "fair", "average", "weak"] as const;
  const statuses = ["met", "near", "notMet", "noData", "noTarget"] as const;
  return [
    ...Object.values(L),
    ...Object.values(FINDING_TEXTS).flatMap((t) => {
      const cli = "cli" in t ? t.cli : undefined;
      return lang === "vi" ? [t.vi, t.fixVi, cli?.fixVi ?? ""] : [t.en, t.fixEn, cli?.fixEn ?? ""];
    }),
    ...Object.values(CLI_MESSAGES[lang]),
    ...grades.map((g) => gradeLabel(g, lang)),
    ...statuses.map((s) => statusLabel(s, lang)),
    ...(["error", "warning", "info"] as const).map((s) => severityLabel(s, lang)),
    ...INPUT_SHEETS.flatMap((d) => [
      lang === "vi" ? d.name : d.nameEn,
      ...d.columns.map((c) => (lang === "vi" ? c.header : c.headerEn)),
    ]),
    ...SETTINGS.flatMap((s) => [
      lang === "vi" ? s.label : s.labelEn,
      lang === "vi" ? s.description : s.descriptionEn,
      ...(s.values ?? []).map((v) => (lang === "vi" ? v.vi : v.en)),
    ]),
    ...ENUMS.flat().map((v) => (lang === "vi" ? v.vi : v.en)),
    ...LISTS.map((l) => (lang === "vi" ? l.title : l.titleEn)),
  ];
}
/** A text's words, its {placeholders} left out. */
const words = (s: string) =>
  (s.replace(/\{[^}]*\}/g, " ").match(/\p{L}+/gu) ?? []).map((w) => w.toLowerCase());
/**
 * Words both languages' catalogues use, and only these: "sheet" (Vietnamese planners say it too), names of programs,
 * formats, commands and options ("ictplan template", "--period", "Excel", "Apple Numbers", "Open XML"), Excel features
 * Vietnamese Office names in English too ("PivotTable"), abbreviations
 * (KT., TUQ., DTI, ICT-Index, NĐ-CP, BC-STTTT, BC-SKHCN, Z-score, min–max), roman numerals, and Vietnamese words spelt as
 * English ones ("in", "so", "to", "do").
 */
const SHARED = new Set(
  `sheet a b i ii iii iv n o p q x z in so to do no nam cai excel libreoffice soffice headless infilter starcalc html xml
  json xlsx xlsm xls xlsb ods docx opendocument open apple numbers web word windows ictplan compute consolidate validate
  template sample demo report convert force lang debug robustness period place plan out cp mb kt tl tm tuq dti ict
  index bc stttt skhcn vi en min max score pivottable`.split(/\s+/),
);
const EN_WORDS = new Set(catalogue("en").flatMap(words));
/** Words of the English catalogues a Vietnamese text never has (an English word in a Vietnamese catalogue included). */
const ENGLISH = new Set([...EN_WORDS].filter((w) => w.length > 1 && !SHARED.has(w) && !VIETNAMESE.test(w)));

/**
 * Writing meant for the planner to type, quoted in the other language on purpose: the Vietnamese period and yes/no
 * words the English template and messages say are accepted too.
 */
const TYPED_EXAMPLES = ["Quý II/2015", "Có/Không"];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A text with the planner's data taken out, then with no word of the other language: the offending part, or null. */
function otherLanguage(text: string, lang: Lang, data: readonly string[]): string | null {
  // Finding codes (MISSING_FIGURE), file paths and options are not words of either language.
  let rest = text
    .normalize("NFC")
    .replace(/\b[A-Z][A-Z0-9]*(_[A-Z0-9]+)+\b/g, " ")
    .split(dir)
    .join(" ")
    .replace(/[\w.-]+\.(xlsx|xlsm|xls|docx)\b/g, " ")
    .replace(/(?<!\S)--?[a-z][\w-]*/g, " ");
  // Whole words only, in any case ("LÀO CAI" in a heading is the planner's "Lào Cai").
  for (const d of [...data, ...(lang === "en" ? TYPED_EXAMPLES : [])])
    rest = rest.replace(new RegExp(`(?<![\\p{L}\\d])${escape(d)}(?![\\p{L}\\d])`, "giu"), " \u0000 ");
  if (lang === "en") {
    const m = VIETNAMESE.exec(rest);
    return m ? rest.slice(Math.max(0, m.index - 40), m.index + 40) : null;
  }
  for (const m of rest.matchAll(/\p{L}+/gu))
    if (ENGLISH.has(m[0].toLowerCase()))
      return `${m[0]}: ${rest.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40)}`;
  return null;
}

interface Text {
  readonly where: string;
  readonly text: string;
}

/** The texts of an .xlsx's parts: sheet names, cells (inline and shared), drop-down messages, footers, charts. */
async function xlsxTexts(bytes: Uint8Array, only?: ReadonlySet<string>): Promise<Text[]> {
  const zip = await JSZip.loadAsync(bytes);
  const read = (name: string) => zip.file(name)?.async("string") ?? Promise.resolve("");
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, "&");
  const workbook = await read("xl/workbook.xml");
  const rels = await read("xl/_rels/workbook.xml.rels");
  const shared = [...(await read("xl/sharedStrings.xml")).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    [...m[1].matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => unescape(t[1])).join(""),
  );
  const out: Text[] = [];
  for (const m of workbook.matchAll(/<sheet [^>]*name="([^"]*)"[^>]*r:id="([^"]*)"/g)) {
    const name = unescape(m[1]);
    if (name === "ictplan_meta" || (only && !only.has(name))) continue;
    out.push({ where: `sheet name ${name}`, text: name });
    const target = new RegExp(`Id="${m[2]}"[^>]*Target="([^"]*)"|Target="([^"]*)"[^>]*Id="${m[2]}"`).exec(
      rels,
    );
    const part = `xl/${(target?.[1] ?? target?.[2] ?? "").replace(/^\/?xl\//, "")}`;
    const xml = await read(part);
    for (const c of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const body = c[3] ?? "";
      let text: string | null = null;
      if (/t="s"/.test(c[2])) text = shared[Number(/<v>(\d+)<\/v>/.exec(body)?.[1])] ?? null;
      else if (/t="inlineStr"/.test(c[2]))
        text = [...body.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => unescape(t[1])).join("");
      else if (/t="str"/.test(c[2])) text = unescape(/<v>([^<]*)<\/v>/.exec(body)?.[1] ?? "");
      if (text) out.push({ where: `${name}!${c[1]}`, text });
    }
    for (const a of xml.matchAll(/ (?:error|errorTitle|prompt|promptTitle)="([^"]*)"/g))
      out.push({ where: `${name} drop-down`, text: unescape(a[1]) });
    for (const f of xml.matchAll(/<(odd|even|first)(Header|Footer)>([^<]*)</g))
      out.push({
        where: `${name} ${f[2]}`,
        // Less the codes: sections (&L), fonts (&"Times New Roman,Regular"), sizes (&11), fields (&P).
        text: unescape(f[3]).replace(/&(?:"[^"]*"|\d+|[LCRPN])/g, " "),
      });
    // The sheet's charts, through its drawing.
    const sheetRels = await read(part.replace(/worksheets\/(.*)$/, "worksheets/_rels/$1.rels"));
    for (const d of sheetRels.matchAll(/Target="\.\.\/drawings\/([^"]+)"/g)) {
      const drawingRels = await read(`xl/drawings/_rels/${d[1]}.rels`);
      for (const ch of drawingRels.matchAll(/Target="\.\.\/charts\/([^"]+)"/g)) {
        const chart = await read(`xl/charts/${ch[1]}`);
        for (const t of chart.matchAll(/<(?:a:t|c:v)>([^<]*)</g))
          out.push({ where: `${name} chart ${ch[1]}`, text: unescape(t[1]) });
      }
    }
  }
  return out;
}

/** The Word report's text: paragraph by paragraph (runs joined), and its charts'. */
async function docxTexts(bytes: Uint8Array): Promise<Text[]> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Text[] = [];
  for (const name of Object.keys(zip.files).filter((n) => /^word\/.*\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async("string");
    for (const p of xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)) {
      const text = [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join("");
      if (text.trim()) out.push({ where: name, text });
    }
    for (const t of xml.matchAll(/<(?:a:t|c:v)>([^<]*)</g)) out.push({ where: name, text: t[1] });
  }
  return out.map((t) => ({
    ...t,
    text: t.text
      .replace(/&amp;/g, "&")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"'),
  }));
}

/** A JSON run's texts: its messages (a finding's, an error's, the refusal). */
function jsonTexts(out: string): Text[] {
  const j = JSON.parse(out) as {
    findings?: { message: string; cell: string; sheet: string }[];
    message?: string;
    refused?: string | null;
  };
  return [
    ...(j.findings ?? []).map((f) => ({ where: `json ${f.sheet}!${f.cell}`, text: f.message })),
    ...(j.message ? [{ where: "json message", text: j.message }] : []),
    ...(j.refused ? [{ where: "json refused", text: j.refused }] : []),
  ];
}

/** Params a finding quotes as the planner typed them. */
const TYPED = ["value", "header", "text", "code", "other", "setting", "unitName", "indicatorName"];
/**
 * Params a finding gives as the planner's workbook has them or would: a missing sheet's name and header row, a
 * column's name (its header, or the template's when it is missing), the names a column or setting may take, a
 * setting's default as it is typed; checked in the workbook's language.
 */
const AS_THE_WORKBOOK = ["sheet", "columns", "column", "allowed", "default"];

/**
 * The planner's data in a workbook, by role: what the product may quote in any language. Enum values the format
 * knows and periods are left out: those the product writes in its own language.
 */
async function plannerData(file: string): Promise<{ data: string[]; quoted: Text[] }> {
  const grids = await (await XlsxWorkbook.load(new Uint8Array(await fs.readFile(file)))).readGrids();
  const { plan, findings } = checkWorkbook(grids, null);
  // What a finding says as the planner's sheet would have it: in the workbook's language, whatever the message's.
  const quoted = findings.flatMap((f) =>
    Object.entries(f.params).flatMap(([k, v]) =>
      AS_THE_WORKBOOK.includes(k)
        ? [{ where: `${f.code} ${k} at ${f.sheet}!${f.cell}`, text: String(v) }]
        : [],
    ),
  );
  const known = (s: string) => ENUMS.some((e) => matchEnum(s, e)) || parsePeriod(s) !== null;
  const own = (s: string) => (known(s) ? [] : [s]);
  const textSettings = SETTINGS.filter((s) => s.type === "text").map((s) => s.key);
  const data = [
    // Codes, names, groups and pillars as the input sheets have them, row by row (a row the plan leaves out too).
    ...(["units", "indicators", "figures"] as const).flatMap((key) => {
      const l = plan.layout[key];
      const g = grids.sheets.find((s) => s.sheet === l?.sheet);
      if (!l || !g) return [];
      const cols = ["code", "name", "group", "pillar", "groups"].flatMap((c) =>
        l.columns[c] === undefined ? [] : [l.columns[c]],
      );
      return g.values
        .slice(l.firstRow - g.originRow)
        .flatMap((r) => cols.map((c) => r[c - g.originCol]))
        .flatMap((v) => (typeof v === "string" ? v.split(/;\s*/).flatMap(own) : []));
    }),
    ...textSettings.map((k) => String(plan.settings[k as keyof typeof plan.settings] ?? "")),
    ...Object.values(plan.settings.labels ?? {}),
    ...grids.sheets.map((g) => g.sheet),
    // Column names as the workbook has them (the header rows), and the values findings quote as typed.
    ...Object.values(plan.layout).flatMap((l) => {
      const g = grids.sheets.find((s) => s.sheet === l.sheet)!;
      return (g.values[l.headerRow - g.originRow] ?? []).flatMap((v) =>
        typeof v === "string" ? own(v) : [],
      );
    }),
    ...findings.flatMap((f) =>
      Object.entries(f.params).flatMap(([k, v]) => (TYPED.includes(k) ? own(String(v)) : [])),
    ),
    ...quoted.map((q) => q.text),
  ];
  return {
    data: [...new Set(data.map((d) => d.trim()).filter((d) => d.length > 1))].sort(
      (a, b) => b.length - a.length,
    ),
    quoted,
  };
}

/** Sets cells of a sheet by header: each row a map from header to value, written from the given row down. */
function fill(ws: ExcelJS.Worksheet, row: number, rows: Record<string, ExcelJS.CellValue>[]): void {
  const headers = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ""));
  rows.forEach((r, i) => {
    for (const [h, v] of Object.entries(r)) {
      const col = headers.indexOf(h);
      if (col < 1) throw new Error(`no column ${h} on ${ws.name}`);
      ws.getRow(row + i).getCell(col).value = v;
    }
  });
}

/** Rows of a settings sheet set by label (appended when the label is not there). */
function setSettings(ws: ExcelJS.Worksheet, values: Record<string, ExcelJS.CellValue>): void {
  for (const [label, v] of Object.entries(values)) {
    let row = 0;
    ws.eachRow((r, n) => {
      if (r.getCell(1).value === label) row = n;
    });
    if (!row) row = ws.rowCount + 1;
    ws.getRow(row).getCell(1).value = label;
    ws.getRow(row).getCell(2).value = v;
  }
}

/** The last row of a sheet that holds a value (the template formats 500 empty rows). */
const lastRow = (ws: ExcelJS.Worksheet) => {
  let last = 1;
  ws.eachRow((r, n) => {
    if (r.values && (r.values as unknown[]).some((v) => v !== null && v !== undefined && v !== "")) last = n;
  });
  return last;
};

/**
 * Troubles every planner makes, typed in the workbook's own language: a bad figure of each kind, a missing weight,
 * an unknown unit, unknown and bad settings, heading rows, a duplicate, a column the format does not know.
 */
function addTroubles(wb: ExcelJS.Workbook, lang: Lang): void {
  const vi = lang === "vi";
  const sheet = (key: string) => {
    const d = INPUT_SHEETS.find((s) => s.key === key)!;
    return wb.getWorksheet(vi ? d.name : d.nameEn)!;
  };
  const H = (key: string, col: string) => {
    const c = INPUT_SHEETS.find((s) => s.key === key)!.columns.find((x) => x.key === col)!;
    return vi ? c.header : c.headerEn;
  };
  const settings = sheet("settings");
  setSettings(settings, {
    [vi ? "Ngưỡng Tốt" : "Good threshold"]: vi ? "cao" : "high",
    [vi ? "Chuẩn hóa" : "Normalisation"]: "xyz",
    [vi ? "Thẩm quyền ký" : "Signing authority"]: "ABC",
    [vi ? "Ghi chú riêng" : "My note"]: "x",
    [vi ? "Cơ quan báo cáo" : "Issuing body"]: vi ? "SỞ TT&TT TỈNH LÀO CAI" : "LAO CAI DIC",
  });
  const units = sheet("units");
  const u = lastRow(units) + 1;
  fill(units, u, [
    { [H("units", "code")]: vi ? "KHỐI HUYỆN" : "DISTRICT BLOCK" },
    { [H("units", "code")]: "STTTT", [H("units", "name")]: vi ? "Sở trùng" : "Duplicate dept" },
    { [H("units", "code")]: "A B", [H("units", "name")]: vi ? "Mã sai" : "Bad code" },
    {
      [H("units", "code")]: "BV1",
      [H("units", "name")]: vi ? "Bệnh viện tỉnh" : "Provincial hospital",
      [H("units", "group")]: vi ? "Bệnh viện" : "Hospitals",
      [H("units", "active")]: vi ? "có lẽ" : "maybe",
    },
  ]);
  // A unit no longer active, its figures still there.
  units.eachRow((r, n) => {
    if (r.getCell(1).value === "STP") fill(units, n, [{ [H("units", "active")]: vi ? "Không" : "No" }]);
  });
  const ind = sheet("indicators");
  const i = lastRow(ind) + 1;
  fill(ind, 2, [{ [H("indicators", "weight")]: null }]);
  fill(ind, 3, [{ [H("indicators", "weight")]: -5 }]);
  fill(ind, 4, [{ [H("indicators", "annualTarget")]: 0 }]);
  fill(ind, i, [
    {
      [H("indicators", "code")]: "KHAC",
      [H("indicators", "name")]: vi ? "Chỉ tiêu khác" : "Other indicator",
      [H("indicators", "pillar")]: vi ? "Trụ cột riêng" : "Own pillar",
      [H("indicators", "measure")]: "abc",
      [H("indicators", "weight")]: 5,
      [H("indicators", "groups")]: vi ? "Nhóm lạ" : "Odd group",
    },
  ]);
  const fig = sheet("figures");
  const f = lastRow(fig) + 1;
  const headers = (fig.getRow(1).values as unknown[]).map((v) => String(v ?? ""));
  const code = (c: string) => headers.indexOf(c);
  fig.getRow(1).getCell(headers.length).value = "GHI_CHU";
  const duplicate = fig.getRow(f + 4);
  duplicate.getCell(1).value = "STTTT";
  duplicate.getCell(2).value = "2015-Q2";
  // Bad figures in the row that counts: a unit's 2015-Q2 row.
  let at = 0;
  fig.eachRow((r, n) => {
    const p = parsePeriod(r.getCell(2).value as string);
    if (r.getCell(1).value === "SNV" && p?.year === 2015 && p.quarter === 2) at = n;
  });
  const bad = fig.getRow(at);
  bad.getCell(code("MAYTINH")).value = "abc";
  bad.getCell(code("EMAIL_TK")).value = 1.2;
  bad.getCell(code("DAOTAO")).value = -5;
  bad.getCell(code("LAN")).value = vi ? "có lẽ" : "maybe";
  bad.getCell(code("KINHPHI")).value = "1.100";
  bad.getCell(code("VBDT")).value = 60;
  bad.getCell(code("DVC3")).value = { error: "#DIV/0!" } as ExcelJS.CellErrorValue;
  const unknown = fig.getRow(f + 1);
  unknown.getCell(1).value = "XYZ";
  unknown.getCell(2).value = "2015-Q2";
  const period = fig.getRow(f + 2);
  period.getCell(1).value = "VPUB";
  period.getCell(2).value = vi ? "Quý 5/2015" : "2015-Q5";
  const heading = fig.getRow(f + 3);
  heading.getCell(1).value = vi ? "Tổng cộng" : "Total";
}

/** The English template filled by a planner: settings, the sample's units and the 2015 figures, typed in English. */
async function englishPlan(template: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(template);
  const rows = samplePlanRows();
  const yesNo = new Set(
    rows.indicators.filter((r) => matchEnum(r[3], MEASURES)?.key === "yesno").map((r) => r[0]),
  );
  setSettings(wb.getWorksheet("Settings")!, {
    Province: "Lao Cai",
    "Plan year": 2015,
    "Current period": "2015-Q2",
    Signer: "Nguyễn Văn A",
  });
  // The sample's districts as the communes the template's indicators apply to, as a province has them since 2025.
  const commune = RANKING_GROUPS.find((x) => x.key === "commune")!;
  const group = (g: string) => {
    const known = matchEnum(g, RANKING_GROUPS);
    return known?.key === "district" ? commune.en : (known?.en ?? g);
  };
  fill(
    wb.getWorksheet("Units")!,
    2,
    rows.units.map((u) => ({
      "Unit code": u[0],
      "Unit name": u[1],
      "Ranking group": group(String(u[2])),
      Active: "Yes",
    })),
  );
  const fig = wb.getWorksheet("Figures")!;
  const headers = (fig.getRow(1).values as unknown[]).map((v) => String(v ?? ""));
  rows.figures
    .filter((r) => /2015/.test(String(r[1])))
    .forEach((r, i) => {
      const row = fig.getRow(i + 2);
      row.getCell(1).value = r[0];
      row.getCell(2).value = String(parsePeriod(r[1])!.year) + "-Q" + parsePeriod(r[1])!.quarter;
      rows.figureIndicators.forEach((c, j) => {
        const v = r[j + 2];
        const col = headers.indexOf(c);
        if (col > 0 && v !== null) row.getCell(col).value = yesNo.has(c) ? (v ? "Yes" : "No") : v;
      });
    });
  return wb;
}

let inputs: { lang: Lang; file: string; data: string[]; quoted: Text[] }[];
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-lang-"));
  await cli("vi", "sample", "-o", "sample.xlsx");
  await cli("en", "template", "-o", "template-en.xlsx");
  const vi = new ExcelJS.Workbook();
  await vi.xlsx.readFile(path.join(dir, "sample.xlsx"));
  addTroubles(vi, "vi");
  await vi.xlsx.writeFile(path.join(dir, "plan-vi.xlsx"));
  const en = await englishPlan(path.join(dir, "template-en.xlsx"));
  addTroubles(en, "en");
  await en.xlsx.writeFile(path.join(dir, "plan-en.xlsx"));
  // The same without its figures sheet (nothing can be reported) and without its units' group column's header.
  for (const [wb, name, sheet, units, group] of [
    [vi, "nofig-vi.xlsx", "Số liệu", "Đơn vị", "Nhóm xếp hạng"],
    [en, "nofig-en.xlsx", "Figures", "Units", "Ranking group"],
  ] as const) {
    wb.removeWorksheet(wb.getWorksheet(sheet)!.id);
    const header = wb.getWorksheet(units)!.getRow(1);
    header.eachCell((c) => {
      if (c.value === group) c.value = null;
    });
    await wb.xlsx.writeFile(path.join(dir, name));
  }
  inputs = [];
  for (const [lang, file] of [
    ["vi", "plan-vi.xlsx"],
    ["en", "plan-en.xlsx"],
    ["vi", "nofig-vi.xlsx"],
    ["en", "nofig-en.xlsx"],
  ] as const)
    inputs.push({ lang, file, ...(await plannerData(path.join(dir, file))) });
}, 60000);
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** What is in the other language, where: the list a test expects empty. */
const offending = (texts: readonly Text[], lang: Lang, data: readonly string[]) =>
  texts.flatMap((t) => {
    const bad = otherLanguage(t.text, lang, data);
    return bad ? [`${t.where}: ${bad}`] : [];
  });
const lines = (s: string, where: string): Text[] => s.split("\n").map((text) => ({ where, text }));

it("knows every word the two catalogues share: any other is English in a Vietnamese text, or is to be listed", () => {
  const shared = [...new Set(catalogue("vi").flatMap(words))].filter(
    (w) => EN_WORDS.has(w) && !SHARED.has(w) && !VIETNAMESE.test(w),
  );
  expect(shared).toEqual([]);
  // And no English text of the catalogues, triggered by these runs or not, has a Vietnamese letter.
  expect(catalogue("en").flatMap((t) => otherLanguage(t, "en", []) ?? [])).toEqual([]);
});

describe.each(["vi", "en"] as const)("the CLI in %s speaks one language", (lang) => {
  it("says what went wrong in it: usage errors and files that cannot be read, in text and --json", async () => {
    await fs.writeFile(path.join(dir, "not-a-workbook.xlsx"), "hello");
    await fs.writeFile(path.join(dir, "old.xls"), "\xd0\xcf\x11\xe0");
    const errors = [
      ["frobnicate"],
      ["validate"],
      ["validate", "missing.xlsx"],
      ["validate", "plan-vi.xlsx", "plan-en.xlsx"],
      ["validate", "plan-vi.xlsx", "--period"],
      ["validate", "plan-vi.xlsx", "--bogus"],
      ["compute", "plan-vi.xlsx", "--period", "Q9/2015"],
      ["compute", "plan-vi.xlsx", "-o", "no/such/folder/out.xlsx"],
      ["compute", "plan-vi.xlsx", "-o", "plan-vi.xlsx"],
      ["validate", "not-a-workbook.xlsx"],
      ["validate", "old.xls"],
      ["consolidate", "plan-vi.xlsx"],
      ["template", "-o", "plan-vi.xlsx"],
    ];
    const texts: Text[] = [];
    for (const argv of errors) {
      const r = await cli(lang, ...argv);
      expect({ argv, code: r.code }).toEqual({ argv, code: 2 });
      texts.push(...lines(r.err, argv.join(" ")), ...lines(r.out, argv.join(" ")));
      const j = await cli(lang, ...argv, "--json");
      texts.push(...jsonTexts(j.out));
    }
    // The path the planner typed is theirs.
    expect(offending(texts, lang, ["no/such/folder"])).toEqual([]);
  });

  it.each(["plan-vi.xlsx", "plan-en.xlsx"])(
    "consolidates %s into a plan workbook in the units' language, and says so in its own",
    async (file) => {
      const { data, lang: workbookLang } = inputs.find((x) => x.file === file)!;
      const out = `merged-${file.replace(/\.xlsx$/, "")}-${lang}.xlsx`;
      const r = await cli(lang, "consolidate", file, "-o", out);
      const rj = await cli(lang, "consolidate", file, "-o", out, "--force", "--json");
      expect(
        offending(
          [...lines(r.out, "consolidate"), ...lines(r.err, "stderr"), ...jsonTexts(rj.out)],
          lang,
          data,
        ),
      ).toEqual([]);
      // The merged workbook is a plan like the units' (every sheet, the Instructions too), in their language.
      const bytes = await fs.readFile(path.join(dir, out));
      expect(offending(await xlsxTexts(bytes), workbookLang, data)).toEqual([]);
      // And reads back as the units' plan.
      const read = async (b: Uint8Array) =>
        checkWorkbook(await (await XlsxWorkbook.load(b)).readGrids(), null).plan;
      const [mine, theirs] = [await read(bytes), await read(await fs.readFile(path.join(dir, file)))];
      const summary = (p: typeof mine) => ({
        language: p.language,
        units: p.units.map((u) => [u.code, u.group, u.active]),
        indicators: p.indicators.map((i) => [i.code, i.pillar, i.measure, i.direction, i.groups]),
        periods: p.periods,
        settings: [p.settings.currentPeriod, p.settings.normalisation, p.settings.gradeFair],
      });
      expect(summary(mine)).toEqual(summary(theirs));
    },
  );

  it("writes the template in it: every cell, drop-down message and sheet name", async () => {
    const file = `template-${lang}-check.xlsx`;
    const r = await cli(lang, "template", "-o", file);
    const texts = [...lines(r.out, "stdout"), ...(await xlsxTexts(await fs.readFile(path.join(dir, file))))];
    // The path the planner typed is theirs.
    expect(offending(texts, lang, ["no/such/folder"])).toEqual([]);
  });

  it.each(["plan-vi.xlsx", "plan-en.xlsx", "nofig-vi.xlsx", "nofig-en.xlsx"])(
    "validate, compute and report on %s: messages, output sheets and the Word report",
    async (file) => {
      const { data, quoted, lang: workbookLang } = inputs.find((x) => x.file === file)!;
      expect(offending(quoted, workbookLang, [])).toEqual([]);
      const stem = `${file.replace(/\.xlsx$/, "")}-${lang}`;
      const texts: Text[] = [];
      const v = await cli(lang, "validate", file);
      texts.push(...lines(v.out, "validate"), ...lines(v.err, "validate stderr"));
      const vj = await cli(lang, "validate", file, "--json");
      texts.push(...jsonTexts(vj.out), ...lines(vj.err, "validate --json stderr"));
      const c = await cli(lang, "compute", file, "-o", `${stem}.xlsx`, "--no-robustness");
      texts.push(...lines(c.out, "compute"), ...lines(c.err, "compute stderr"));
      const cj = await cli(lang, "compute", file, "-o", `${stem}-j.xlsx`, "--no-robustness", "--json");
      texts.push(...jsonTexts(cj.out), ...lines(cj.err, "compute --json stderr"));
      const rep = await cli(lang, "report", file, "-o", `${stem}.docx`);
      texts.push(...lines(rep.out, "report"), ...lines(rep.err, "report stderr"));
      const written = await fs.readFile(path.join(dir, `${stem}.xlsx`)).catch(() => null);
      if (written) {
        const input = await XlsxWorkbook.load(new Uint8Array(await fs.readFile(path.join(dir, file))));
        const before = new Set((await input.readGrids()).sheets.map((g) => g.sheet));
        const outputs = (await (await XlsxWorkbook.load(new Uint8Array(written))).readGrids()).sheets
          .map((g) => g.sheet)
          .filter((s) => !before.has(s));
        expect(outputs.length).toBeGreaterThan(0);
        texts.push(...(await xlsxTexts(written, new Set(outputs))));
      }
      const docx = await fs.readFile(path.join(dir, `${stem}.docx`)).catch(() => null);
      if (docx) texts.push(...(await docxTexts(docx)));
      // The runs made what they should: findings of many kinds, an output where one can be made.
      if (file.startsWith("plan")) {
        expect(written && docx).toBeTruthy();
        expect(
          new Set(JSON.parse(vj.out).findings.map((f: { code: string }) => f.code)).size,
        ).toBeGreaterThan(15);
      } else expect(c.code).toBe(1);
      expect(offending(texts, lang, data)).toEqual([]);
    },
  );
});
