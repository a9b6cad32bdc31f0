/** The generated documentation pages (the test asserts the committed pages equal these). */
import type { ColumnDef, EnumValue } from "../src/engine/format";
import {
  DIRECTIONS,
  INPUT_SHEETS,
  MEASURES,
  PILLARS,
  RANKING_GROUPS,
  SETTINGS,
  YES_NO,
} from "../src/engine/format";
import { FINDING_TEXTS, TAKEN_TEXTS } from "../src/engine/i18n/findings";

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

function allowed(c: ColumnDef): string {
  if (c.type === "yesno") return "Có / Không (also x, ✓, yes/no, 1/0)";
  if (c.values) return c.values.map((v) => v.vi).join("; ");
  if (c.type === "period") return '"Quý II/2015" or "2015-Q2"';
  return "";
}

const enumTable = (values: readonly EnumValue[]) =>
  [
    "| key | Vietnamese | English | also accepted |",
    "| --- | --- | --- | --- |",
    ...values.map((v) => `| ${v.key} | ${v.vi} | ${v.en} | ${cell(v.aliases.join(", "))} |`),
  ].join("\n");

/** docs/workbook-format.md */
export function formatDoc(): string {
  const out: string[] = [
    "# The plan workbook",
    "",
    "<!-- Generated from src/engine/format.ts by `npx tsx scripts/gen-docs.ts`; do not edit by hand. -->",
    "",
    "A plan workbook has four input sheets. `ictplan template` writes one to fill in: drop-downs for every",
    "choice (ranking group, yes/no, unit of measure, direction, pillar, and the settings Chuẩn hóa, Số liệu thiếu,",
    "Cách tổng hợp, whose values it writes as their labels, e.g. Theo chỉ tiêu, never an internal key), percent formats",
    "on percent columns, an instructions sheet (Hướng dẫn), and a starting indicator list (the sample's 13",
    "indicators, applied to Sở, ban, ngành and UBND xã, phường, đặc khu, the groups a province has since July 2025,",
    "where the 2015 sample has districts) with one Số liệu column per indicator, headed by its code, so the layout",
    "is visible; edit, delete or add indicators. `ictplan template --lang en` writes it in English (Settings, Units, Indicators, Figures,",
    "Instructions; English headers and values), which reads back as the same plan. `ictplan sample` writes the",
    "bundled Lào Cai sample.",
    "",
    "How the parser finds things:",
    "",
    "- **Sheets** by name or alias, ignoring case, accents (NFC or NFD) and punctuation.",
    "- **Header row**: the row among the first 20 that names the most columns of the sheet; title rows",
    "  (merged or not) above it are skipped. Columns may be in any order. A header matches its Vietnamese",
    "  name, its English name or an alias, with or without diacritics.",
    "- **Heading, totals and note rows** inside Đơn vị, Chỉ tiêu and Số liệu, as planners' own tables have them",
    "  (`I. KHỐI SỞ, BAN, NGÀNH` merged across the row, `Tổng cộng` or `Cộng` with sums beside it, `Ghi chú: …`",
    "  below the data) are left out, each with an info finding (`NOTE_ROW`): a row whose code cell holds no code",
    "  and whose text is its only cell, or opens with Tổng cộng, Tổng số, Toàn tỉnh, Total or is just Cộng. A unit",
    "  or an indicator with other cells filled but no code stays an error (`MISSING_VALUE`). So is a row between the",
    "  header and the first data row that numbers the columns (`1 2 3`, `(1) (2) (3)`, `A B 1 2`) or gives their",
    "  units (`ĐVT`, `%`, `Có/Không`, `Người`), as administrative tables have one under their header.",
    "- **A notes column** on Số liệu (headed `Ghi chú`, `Chú thích`, `Notes`, `Remarks` or `Comments`, perhaps with more",
    "  words after) is left out with an info finding (`UNKNOWN_COLUMN`); any other header that names no indicator code is a",
    "  warning (`UNKNOWN_INDICATOR_COLUMN`): a mistyped code leaves that indicator's figures unread.",
    "- **Cells merged down a column** below the header (a Nhóm xếp hạng merged over its units, a Kỳ báo cáo over a",
    "  quarter's rows) are read on every row they cover: Excel keeps the value in the upper-left cell only. A merge",
    "  across a row (a heading) is left as it is. The add-in reads merged areas where Excel has ExcelApi 1.13",
    "  (Microsoft 365, Excel on the web); in an older Excel, or past Excel's 512 merged areas on a sheet, the other",
    "  rows of such a merge read blank (a `MISSING_VALUE` error there: unmerge and fill the cells).",
    "- **Numbers** the Vietnamese way: `1.100` = 1100, `0,6` = 0.6, `1.234,5` = 1234.5; `60%` and `60 %` = 0.6.",
    "  A target written as plans word it, with a bound before it and perhaps a unit after (`≥ 80%`, `Trên 90%`,",
    "  `Tối thiểu 150`, `≤ 3 ngày`), is read as its number with an info finding (`TARGET_AS_BOUND`). A weight written",
    "  as a percentage is read as its percent points (`10%` = 10), and a grade threshold (Ngưỡng Tốt, Khá, Trung bình)",
    "  as that share of the index scale (`80%` = 80 on Thang điểm 100, 0.8 on 1).",
    "  Numbers stored as text are read, with a warning.",
    "- **Percentages** are read as Excel shows them. In a cell formatted as a percentage (`0%`, `0.0%`, …) the",
    "  number is what Excel shows: 1.2 is 120% (an error: above 100%), 0.45 is 45%. In a cell without a percent",
    "  format, a fraction is a share (0.6 = 60%) and a number between 1 and 100 is read as percent points",
    "  (60 → 60%) with a note; above 100% is an error. The same holds for percent settings on Cấu hình.",
    "- **A target of 0** for a higher-is-better indicator is a warning (`ZERO_TARGET`) at the cell that sets it:",
    "  attainment cannot be computed against 0, so the indicator is scored min–max within the group.",
    "- **Yes/no**: Có/Không, x, ✓, yes/no, 1/0, TRUE/FALSE.",
    "- **Periods** are quarters, written `Quý II/2015`, `Quy 2/2015`, `Q2 2015`, `2015-Q2` or `2015Q2`. A whole",
    "  year (`2014`) can be computed: each unit's latest figure of that year against the annual target.",
    "",
  ];
  for (const s of INPUT_SHEETS) {
    out.push(
      `## ${s.name} (${s.nameEn})`,
      "",
      `${s.description} ${s.descriptionEn}`,
      "",
      `Sheet names accepted: ${[s.name, s.nameEn, ...s.aliases].join(", ")}.`,
      "",
    );
    out.push(
      "| header | English | also accepted | type | required | allowed values | example | meaning |",
      "| --- | --- | --- | --- | --- | --- | --- | --- |",
    );
    for (const c of s.columns)
      out.push(
        `| ${c.header} | ${c.headerEn} | ${cell(c.aliases.join(", "))} | ${c.type} | ${c.required ? "yes" : "no"} | ${cell(allowed(c))} | ${cell(c.example)} | ${cell(c.description)} ${cell(c.descriptionEn)} |`,
      );
    if (s.key === "figures")
      out.push(
        "| *(indicator code)* | | | number | | | 0,6 | One column per indicator, headed by its code from Chỉ tiêu. |",
      );
    out.push("");
  }
  out.push(
    "## Settings on Cấu hình",
    "",
    "| setting | English | also accepted | type | default | meaning |",
    "| --- | --- | --- | --- | --- | --- |",
  );
  for (const d of SETTINGS) {
    const values = d.values ? ` (${d.values.map((v) => v.vi).join(" / ")})` : "";
    out.push(
      `| ${d.label} | ${d.labelEn} | ${cell(d.aliases.join(", "))} | ${d.type}${cell(values)} | ${d.default === "" ? "(blank)" : String(d.default)} | ${cell(d.description)} ${cell(d.descriptionEn)} |`,
    );
  }
  out.push(
    "",
    "## Ranking groups",
    "",
    "Units are ranked within their group and overall. The groups below are known by any of their names (the",
    "defaults match provinces since July 2025: Sở, ban, ngành and UBND xã, phường, đặc khu; districts stay for",
    'plans such as the 2015 Lào Cai sample). Any other name in Nhóm xếp hạng ("Bệnh viện", "Đơn vị sự nghiệp")',
    "is a group of the planner's own: its units are ranked within it, and Áp dụng cho may name it. Groups are",
    "shown known ones first, then the planner's in the order they first appear on Đơn vị. A blank Áp dụng cho means",
    "every group present on Đơn vị.",
    "",
    enumTable(RANKING_GROUPS),
    "",
    "## Pillars",
    "",
    "Any other pillar name is accepted with a warning and scored as a pillar of its own.",
    "",
    enumTable(PILLARS),
  );
  out.push(
    "",
    "## Units of measure",
    "",
    enumTable(MEASURES),
    "",
    "## Direction",
    "",
    enumTable(DIRECTIONS),
    "",
    "## Yes/no",
    "",
    enumTable(YES_NO),
    "",
  );
  return out.join("\n");
}

/** docs/validation.md */
export function validationDoc(): string {
  const out = [
    "# Validation findings",
    "",
    "<!-- Generated from src/engine/i18n/findings.ts by `npx tsx scripts/gen-docs.ts`; do not edit by hand. -->",
    "",
    "Every finding is a value: a code, a severity, the sheet and cell it is about, and parameters for its",
    "message. Validation never throws: anything it cannot read becomes a finding. Errors make `ictplan`",
    "exit with 1; warnings and info do not. `{name}` stands for a parameter; `{unit}` and `{indicator}` are shown",
    'with the name from the Đơn vị or Chỉ tiêu sheet, "Sở Du lịch (SDL)" (params `unitName`, `indicatorName`).',
    "`{settingsSheet}`, `{unitsSheet}`, `{indicatorsSheet}` and `{figuresSheet}` are the input sheets as the planner's",
    "workbook names them, whatever the message's language (a Vietnamese run on a workbook of the English template says",
    '"sheet Figures"); a missing sheet is named, with its header row, in the language of the workbook\'s other input',
    'sheets\' names, else of their header cells when the sheets are named by aliases only ("Data", "Config")',
    "(`planSheetNames`, `locateSheets`, `headersLanguage`). The output sheets' notes and the refusal name them the",
    "same way.",
    "",
    'A sheet named otherwise whose header row is a missing input sheet\'s ("DV cũ", "Số liệu 2025", "Số liệu (2)") is',
    "`RENAMED_SHEET` at its header row, with the rename that fixes it, instead of `MISSING_SHEET`; it is not read in the",
    "missing sheet's place, as a header row is shared by last year's copy and an archived one, and which sheet a ranking",
    "is computed from is the planner's to say by its name; two such sheets are one `RENAMED_SHEETS`. Output sheets,",
    "whose tables name some input columns among many of their own, are not taken for one. A hidden sheet is one the",
    'planner does not see, often an old copy put away (a hidden "Số liệu 2024"): when a visible sheet has the header row',
    "the hidden ones are not named; when only a hidden one has it, it is `RENAMED_HIDDEN_SHEET`, which says how to show",
    "it. A very hidden sheet (only a macro can show it) is never named. A hidden sheet named as an input sheet is read",
    'as that sheet, unless a visible sheet is named as it too (an alias: "Data"), which is then read instead.',
    "",
    'A percentage in the figures or targets of an indicator counted in Số lượng or Triệu đồng ("85%" typed as text, or',
    "0.85 in a cell formatted as a percentage, as Excel stores 85% typed) is `PERCENT_IN_COUNT`, an error, and the cell",
    "is not read: 0.85 of a computer means nothing, and whether 85 was meant is the planner's to say. A weight written",
    "as a percentage is still a weight (10% is 10).",
    "",
    "Findings are listed errors first, then by sheet, row and column. A cause shared by many rows is one finding with",
    "a count: the rows of one unknown unit code (`UNKNOWN_UNIT`), every unknown code when the Đơn vị sheet is missing",
    "or empty (`UNKNOWN_UNITS`), a unit's repeated rows (`DUPLICATE_FIGURE_ROW`), an inactive unit's rows, a unit",
    "with no row for the period (`MISSING_FIGURE_ROW`, not one `MISSING_FIGURE` per indicator); a figure that cannot",
    "be read has its own error and is not also `MISSING_FIGURE`. Every finding names a cell: a missing sheet's A1, an",
    "empty list's first row, the Kỳ hiện tại cell (or the Kỳ báo cáo header) for a period with no figures.",
    "A sheet none of whose rows can be read (missing, renamed, without a header row, or without a column every row",
    'needs: `MISSING_KEY_COLUMN`, as Đơn vị tính on Chỉ tiêu) is that one finding: not also "no units", "no figures',
    'for the period" or one `UNKNOWN_INDICATOR_COLUMN` per figures column (a missing Đơn vị sheet still lists the',
    "unknown codes, `UNKNOWN_UNITS`: the units to type). On Cấu hình, whose only columns are Tham số and Giá trị, a",
    "row naming one of them is its header row: the other is `MISSING_KEY_COLUMN`, not `MISSING_HEADER_ROW`, and compute",
    "is refused as for a renamed Cấu hình (the planner's settings would silently be the defaults).",
    "",
    "`CURRENT_PERIOD_BEHIND` is for last year's workbook copied to start this year, the new quarter's figures typed and",
    "Kỳ hiện tại left as it was: it is said when a figure is typed for a later year than Kỳ hiện tại's. A planner",
    "remaking an earlier quarter's summary on purpose is not warned: an earlier quarter of the figures' year (Quý I with",
    "Quý II's figures in), or any period once the workbook has the summary tab of a period after it (the later period",
    "reported, the planner went back). Rows laid out for quarters to come, still blank, are not figures, here as for a",
    "blank Kỳ hiện tại (the latest period with figures). The tab of Kỳ hiện tại itself is no sign of intent: a copied",
    "workbook carries last year's tabs.",
    "",
    "The remedy is the one that works where the message is read: in Excel (the Kiểm tra sheet and the task pane) it",
    'never names a command; on the command line it may ("CLI:" below).',
    "",
    "| code | severity | message (vi) | message (en) | what to do |",
    "| --- | --- | --- | --- | --- |",
  ];
  for (const [code, t] of Object.entries(FINDING_TEXTS))
    out.push(
      `| ${code} | ${t.severity} | ${cell(t.vi)} | ${cell(t.en)} | ${cell(t.fixVi)} / ${cell(t.fixEn)}${
        "cli" in t ? ` CLI: ${cell(t.cli.fixVi)} / ${cell(t.cli.fixEn)}` : ""
      } |`,
    );
  out.push(
    "",
    "`{taken}` in `CONFLICTING_UNIT` and `CONFLICTING_UNITS` says why consolidate took the figures in `{other}` (the",
    "param `taken`), with the files' saved times as the workbooks record them (`fileSaved`, `otherSaved`):",
    "",
    "| taken | vi | en |",
    "| --- | --- | --- |",
    ...Object.entries(TAKEN_TEXTS).map(([k, t]) => `| ${k} | ${cell(t.vi)} | ${cell(t.en)} |`),
    "",
  );
  return out.join("\n");
}
