/** Consolidation: many units' workbooks (each in the template's format) merged into one provincial plan. */
import type { FigureRow, FigureTable, Finding, Indicator, Plan } from "./model";
import { figureTable, valueAt } from "./figures";
import type { EnumValue, PlanRows, SettingsValues } from "./format";
import { DIRECTIONS, enumName, MEASURES, RANKING_GROUPS, SETTINGS, YES_NO } from "./format";
import type { Lang } from "./i18n/labels";
import { finding, planColumnName, settingLabel } from "./findings";
import type { FindingCode } from "./i18n/findings";
import { formatShortest } from "./i18n/numbers";
import { comparePeriodKeys, formatPeriod, periodFromKey } from "./periods";
import { quartersOf } from "./figureIndex";
import { SEVERITY_ORDER } from "./validate";
import { foldText } from "./text";

/** An enum value by its label in a language; a value of the planner's own (a group, a pillar) as it is. */
const label = (values: readonly EnumValue[], key: string, lang: Lang) => {
  const e = values.find((v) => v.key === key);
  return e ? enumName(e, lang) : key;
};

/** A period as the template of a language has the planner write it: "Quý II/2015", "2015-Q2". */
const periodText = (key: string, lang: Lang) =>
  lang === "vi" ? formatPeriod(periodFromKey(key) ?? { year: 0, quarter: null }, "vi") : key;

function indicatorRow(i: Indicator, lang: Lang): (string | number | null)[] {
  return [
    i.code,
    i.name,
    i.pillar,
    label(MEASURES, i.measure, lang),
    label(DIRECTIONS, i.direction, lang),
    i.weight,
    i.measure === "yesno" ? enumName(YES_NO[0], lang) : i.annualTarget,
    ...i.milestones,
    i.groups.map((g) => label(RANKING_GROUPS, g, lang)).join("; "),
    i.coverageTarget,
  ];
}

function definitionDiff(a: Indicator, b: Indicator): string | null {
  const fields: (keyof Indicator)[] = [
    "measure",
    "direction",
    "weight",
    "annualTarget",
    "pillar",
    "coverageTarget",
  ];
  for (const f of fields) if (a[f] !== b[f]) return f;
  for (let q = 0; q < Math.max(a.milestones.length, b.milestones.length); q++)
    if (a.milestones[q] !== b.milestones[q]) return `milestoneQ${q + 1}`;
  if (a.groups.join() !== b.groups.join()) return "groups";
  return null;
}

/**
 * The settings the merged plan takes from the first file that change what is computed, ranked or titled: a unit's file
 * that differs was filled in from another plan (another province, other thresholds), or Kỳ hiện tại not moved on (the
 * quarter compute takes by default: the first file of a folder may be any unit's). The report's settings are left
 * out: the province's own.
 */
const COMPARED_SETTINGS: readonly (keyof SettingsValues)[] = [
  "province",
  "year",
  "currentPeriod",
  "gradeGood",
  "gradeFair",
  "gradeAverage",
  "attainmentCap",
  "nearTarget",
  "normalisation",
  "missingPolicy",
  "aggregation",
  "indexScale",
  "indexDecimals",
  "robustnessDraws",
  "robustnessSpread",
  "robustnessSeed",
];

/** CONFLICTING_SETTING for each compared setting of `plan` (file `name`) that differs from `first`'s (file `other`). */
function settingConflicts(plan: Plan, name: string, first: Plan, other: string): Finding[] {
  const out: Finding[] = [];
  for (const key of COMPARED_SETTINGS) {
    const mine = plan.settings[key];
    const kept = first.settings[key];
    // Its cell; a blank one's where the sheet has its row. A setting the file has no row for is the default, nothing
    // the unit wrote (a workbook that is not a plan has none).
    const where = plan.settings.cells[key] ?? plan.settings.rows?.[key];
    if (mine === kept || !where) continue;
    const def = SETTINGS.find((d) => d.key === key);
    // Values as each file writes them: an option by its label, a share as a percentage, in the file's language; a
    // whole number as typed (a year is 2026, not 2.026); a blank one is said so in the message's language.
    const shown = (p: Plan, v: string | number) =>
      def?.type === "enum"
        ? label(def.values ?? [], String(v), p.language ?? "vi")
        : def?.type === "period" && v !== ""
          ? periodText(String(v), p.language ?? "vi")
          : def?.type === "percent" && typeof v === "number"
            ? `${formatShortest(Number((v * 100).toPrecision(15)), p.language ?? "vi")}%`
            : typeof v === "number" && Number.isInteger(v)
              ? String(v)
              : v;
    out.push({
      ...finding("CONFLICTING_SETTING", where, {
        // Its label as the file writes it (the file's template's where it has none).
        setting: settingLabel(plan, key, "vi"),
        file: name,
        other,
        mine: shown(plan, mine),
        kept: shown(first, kept),
      }),
      file: name,
    });
  }
  return out;
}

// More indicators of a file than this differing from one other file are said in one finding (CONFLICTING_INDICATORS).
const MANY_CONFLICTS = 3;
// The codes that finding lists.
const LISTED_CODES = 5;

/** Codes or file names as a message lists them: the first few (`most`), then "…". */
export const listedCodes = (codes: readonly string[], most = LISTED_CODES) =>
  codes.slice(0, most).join(", ") + (codes.length > most ? ", …" : "");

/**
 * A file's conflicts with other files, those with one other file (and one reason its figures are taken, `taken`) said
 * once where there are more than a few (a file of another template differs in most of its indicators; a copy of the
 * province's past quarters made before it corrected them, in most of its units): `code` at the first one's cell, with
 * their number and first few `listed` (each conflict's own `key`), and the first one's reason and saved times.
 */
function conflictsByFile(
  found: readonly Finding[],
  name: string,
  code: FindingCode,
  listed: "codes" | "units",
  key: string,
): Finding[] {
  const byOther = new Map<string, Finding[]>();
  for (const f of found) {
    const other = `${f.params.other}\u0000${f.params.taken ?? ""}`;
    const list = byOther.get(other);
    if (list) list.push(f);
    else byOther.set(other, [f]);
  }
  return [...byOther.values()].flatMap((fs) => {
    if (fs.length <= MANY_CONFLICTS) return fs;
    const { other, taken, fileSaved, otherSaved } = fs[0].params;
    const why: Finding["params"] = taken === undefined ? {} : { taken, fileSaved, otherSaved };
    return [
      {
        ...finding(
          code,
          { sheet: fs[0].sheet, cell: fs[0].cell },
          {
            count: fs.length,
            [listed]: listedCodes(fs.map((f) => String(f.params[key]))),
            file: name,
            other,
            ...why,
          },
        ),
        file: name,
      },
    ];
  });
}

/** Each figure row with its values in the order of `codes` (null where blank or without a column). */
function rowValues(
  table: FigureTable,
  codes: readonly string[],
): (FigureRow & { values: (number | null)[] })[] {
  const column = codes.map((c) => table.indicators.indexOf(c));
  const n = table.indicators.length;
  return table.rows.map((r, i) => ({
    ...r,
    values: column.map((j) => (j < 0 ? null : valueAt(table, i * n + j))),
  }));
}

/** A parsed plan back in the template layout of a language (what the template writer writes). */
export function planToRows(plan: Plan, lang: Lang = "vi"): PlanRows {
  const settings = SETTINGS.filter((d) => plan.settings.cells[d.key] !== undefined).map(
    (d): readonly [string, string | number] => {
      const v = plan.settings[d.key];
      const shown =
        d.type === "enum"
          ? label(d.values ?? [], String(v), lang)
          : d.type === "period"
            ? periodText(String(v), lang)
            : v;
      return [lang === "vi" ? d.label : d.labelEn, shown];
    },
  );
  const codes = plan.indicators.map((i) => i.code);
  // Each unit's place once: looked up at every comparison, it took 1.8 s of a 4,000-unit merge.
  const place = new Map<string, number>();
  plan.units.forEach((u, i) => place.has(u.code) || place.set(u.code, i));
  const at = (code: string) => place.get(code) ?? -1;
  const figures = rowValues(plan.figures, codes)
    .sort((a, b) => comparePeriodKeys(a.period, b.period) || at(a.unit) - at(b.unit))
    .map((r) => [r.unit, periodText(r.period, lang), ...r.values]);
  return {
    settings,
    units: plan.units.map((u) => [
      u.code,
      u.name,
      label(RANKING_GROUPS, u.group, lang),
      enumName(u.active ? YES_NO[0] : YES_NO[1], lang),
    ]),
    indicators: plan.indicators.map((i) => indicatorRow(i, lang)),
    figureIndicators: codes,
    figures,
  };
}

/** A unit as a file lists it. */
type Listing = { file: string; plan: Plan; unit: Plan["units"][number] };

/** A unit's figures for a period, as one file has them. */
type TakenRow = ReturnType<typeof rowValues>[number];

/** A unit's file to merge: its name, its plan, its own findings (checkWorkbook's) and when it was saved. */
export interface UnitFile {
  readonly name: string;
  readonly plan: Plan;
  readonly findings?: readonly Finding[];
  readonly saved?: SavedTime | null;
}

/**
 * When a workbook was last saved, as the workbook itself records it (docProps/core.xml's dcterms:modified, which Excel
 * and LibreOffice set on every save and an e-mail or a zip leaves alone): the time to compare, and as the planner's
 * clock shows it ("2026-11-20 09:12:05").
 */
export interface SavedTime {
  readonly time: number;
  readonly text: string;
}

/** A figure as its file writes it in a message: a percentage as one, yes/no as Có/Không, a blank said blank (""). */
function figureText(v: number | null, ind: Indicator | undefined, lang: Lang): string | number {
  if (v === null) return "";
  if (ind?.measure === "yesno") return enumName(v ? YES_NO[0] : YES_NO[1], lang);
  return ind?.measure === "percent" ? `${formatShortest(Number((v * 100).toPrecision(15)), lang)}%` : v;
}

/** Whether a row has no figure at all. */
const blank = (r: TakenRow) => r.values.every((v) => v === null);

/**
 * Whether a unit's code or name is a run of words of a file's name as given, accents and case aside ("X006 (1).xlsx",
 * "xa-X006-quy3.xlsx", "Xa Phong Nien 1.xlsx", and "X006/ke-hoach.xlsx" of files of one name in a folder per unit).
 */
function nameHolds(file: string, unit: Plan["units"][number]): boolean {
  const words = ` ${foldText(file)} `;
  return [unit.code, unit.name].some((n) => {
    const w = foldText(n);
    return w !== "" && words.includes(` ${w} `);
  });
}

/**
 * The units each file is the own file of: the one it lists when it lists one, else those its name names (a province
 * sends every commune the same list of its every unit: "X009.xlsx" is X009's); null when that is not known (a file
 * listing many units under a name that names none).
 */
function ownUnits(files: readonly UnitFile[]): (ReadonlySet<string> | null)[] {
  return files.map(({ name, plan }) => {
    if (plan.units.length === 1) return new Set([plan.units[0].code]);
    const named = plan.units.filter((u) => nameHolds(name, u)).map((u) => u.code);
    return named.length ? new Set(named) : null;
  });
}

/**
 * Why a unit's figures for a period are taken from one file over another's that differs (CONFLICTING_UNIT's `taken`):
 * the unit's own file over another's ("own"); of two of its own files, the one saved later ("newer"), or where which
 * is later is not known, the one that records when it was saved, else the one given first ("undated"); of files
 * neither of which is known as its own, the one given first ("first").
 */
type Taken = "own" | "newer" | "undated" | "first";

/**
 * Each unit's figure rows, a period's from one file (files' rows of a unit the file does not list are its
 * UNKNOWN_UNIT, not taken): the unit's own file's (`own`), the one saved later of two of its own (a planner sends a
 * corrected file: "X006.xlsx" after "X006 (1).xlsx"), else the first given; a row without a figure (a list pre-filled
 * with every unit's row) is taken only where no file has one with figures. Another file's row of the same unit and
 * period is the unit's figures sent twice: counted once, an error where the figures differ (CONFLICTING_UNIT once per
 * unit and other file, at the first differing figure, with both values, the file taken and why; CONFLICTING_UNITS for
 * more than a few units), a warning where a file adds nothing (UNIT_SENT_TWICE, once per file). The only row of a
 * unit's period in a file known as another unit's is FIGURES_FROM_OTHER_FILE (figures typed under the code of a unit
 * that sent nothing go to it).
 */
function unitRows(
  files: readonly UnitFile[],
  indicators: readonly Indicator[],
  own: readonly (ReadonlySet<string> | null)[],
): {
  rows: Map<string, TakenRow[]>;
  taken: Map<string, number>;
  holder: Map<string, Listing>;
  findings: Finding[];
} {
  const codes = indicators.map((i) => i.code);
  const byFile = files.map(({ plan }) => {
    const listed = new Map(plan.units.map((u) => [u.code, u]));
    return { listed, rows: rowValues(plan.figures, codes).filter((r) => listed.has(r.unit)) };
  });
  const saved = (at: number) => files[at].saved?.time;
  // The order of preference: the unit's own files first, of them the later saved (a time before none), then as given.
  const rank = (at: number, unit: string): [number, number, number] => {
    const mine = own[at]?.has(unit) ?? false;
    return [mine ? 0 : 1, mine ? -(saved(at) ?? -Infinity) : 0, at];
  };
  const before = (a: number, b: number, unit: string) => {
    const [x, y] = [rank(a, unit), rank(b, unit)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  };
  const why = (file: number, taken: number, unit: string): Taken => {
    const [a, b] = [own[file]?.has(unit) ?? false, own[taken]?.has(unit) ?? false];
    if (a !== b) return "own";
    if (!a) return "first";
    const [x, y] = [saved(file), saved(taken)];
    return x !== undefined && y !== undefined && x !== y ? "newer" : "undated";
  };
  // Unit and period → the row taken, its file's place in `files` (the same file may be given twice), that file's
  // other rows of the same unit and period (its own DUPLICATE_FIGURE_ROW, as the file alone would count them), and
  // whether no other file has figures in a row.
  const taken = new Map<string, { at: number; row: TakenRow; extra: TakenRow[]; alone: boolean }>();
  const keyOf = (r: TakenRow) => `${r.unit}\u0000${r.period}`;
  for (const [at, { rows }] of byFile.entries())
    for (const r of rows) {
      const prev = taken.get(keyOf(r));
      if (!prev) taken.set(keyOf(r), { at, row: r, extra: [], alone: true });
      else if (prev.at === at) prev.extra.push(r);
      else if (blank(r) !== blank(prev.row)) {
        // A row without a figure (a list pre-filled with every unit's row for the quarter) is no figures.
        if (blank(prev.row)) Object.assign(prev, { at, row: r, extra: [] });
      } else {
        if (!blank(r)) prev.alone = false;
        // The same figures stay where they were first found (a copy sent twice is the later file), but for the
        // unit's own file, which then says its blanks.
        const ownOverOther = (own[at]?.has(r.unit) ?? false) && !own[prev.at]?.has(r.unit);
        const differs = r.values.some((v, k) => v !== prev.row.values[k]);
        if ((ownOverOther || differs) && before(at, prev.at, r.unit) < 0)
          Object.assign(prev, { at, row: r, extra: [] });
      }
    }
  const rows = new Map<string, TakenRow[]>();
  const holder = new Map<string, Listing>();
  for (const { at, row, extra } of taken.values()) {
    const list = rows.get(row.unit);
    if (list) list.push(row, ...extra);
    else rows.set(row.unit, [row, ...extra]);
    if (!holder.has(row.unit))
      holder.set(row.unit, {
        file: files[at].name,
        plan: files[at].plan,
        unit: byFile[at].listed.get(row.unit)!,
      });
  }
  const findings: Finding[] = [];
  for (const [at, { name, plan }] of files.entries()) {
    const { listed } = byFile[at];
    const table = plan.figures;
    const unitCol = plan.layout.figures?.columns.unit ?? 1;
    const lang = plan.language ?? "vi";
    // Per unit and file taken instead, this file's first row of the unit, and its first differing figure.
    const again = new Map<string, { unit: string; other: string; row: TakenRow; differs?: Finding }>();
    // Whether the file has a row taken: one that has none was sent twice.
    let adds = false;
    // The rows taken from this file alone of units it is known not to be the file of.
    const others: TakenRow[] = [];
    for (const r of byFile[at].rows) {
      const t = taken.get(keyOf(r))!;
      if (t.at === at) {
        adds = true;
        if (t.row === r && t.alone && !blank(r) && own[at] && !own[at].has(r.unit)) others.push(r);
        continue;
      }
      // A blank row beside another file's figures adds nothing, and says nothing.
      if (blank(r) && !blank(t.row)) continue;
      const other = files[t.at].name;
      const pair = `${r.unit}\u0000${t.at}`;
      const seen = again.get(pair) ?? { unit: r.unit, other, row: r };
      again.set(pair, seen);
      const j = seen.differs ? -1 : r.values.findIndex((v, k) => v !== t.row.values[k]);
      if (j < 0) continue;
      const ind = indicators[j];
      const col = table.indicators.indexOf(codes[j]);
      seen.differs = {
        ...finding(
          "CONFLICTING_UNIT",
          { sheet: table.sheet, row: r.row, col: col < 0 ? unitCol : table.cols[col] },
          {
            unit: r.unit,
            unitName: listed.get(r.unit)!.name,
            file: name,
            other,
            indicator: ind.code,
            indicatorName: ind.name,
            period: r.period,
            mine: figureText(r.values[j], ind, lang),
            kept: figureText(t.row.values[j], ind, lang),
            taken: why(at, t.at, r.unit),
            fileSaved: files[at].saved?.text ?? "",
            otherSaved: files[t.at].saved?.text ?? "",
          },
        ),
        file: name,
      };
    }
    // A file whose every row another file has (a file sent twice, its "(1)" copy, last quarter's merged plan left in
    // the folder), its units and the files it repeats listed; the same rows beside rows of its own are the province's
    // past quarters, which every unit's file may carry: counted once, unsaid.
    const same = adds ? [] : [...again.values()].filter((x) => !x.differs);
    const differ = [...again.values()].flatMap((x) => (x.differs ? [x.differs] : []));
    findings.push(...conflictsByFile(differ, name, "CONFLICTING_UNITS", "units", "unit"));
    const units = [...new Set(same.map((x) => x.unit))];
    if (units.length)
      findings.push({
        ...finding(
          "UNIT_SENT_TWICE",
          { sheet: table.sheet, row: same[0].row.row, col: unitCol },
          {
            count: units.length,
            units: listedCodes(units),
            file: name,
            other: listedCodes([...new Set(same.map((x) => x.other))]),
          },
        ),
        file: name,
      });
    if (others.length) findings.push(otherUnitsFigures(others, files, at, own));
  }
  return {
    rows,
    // A blank row of a file known as another unit's (the province's list of its every unit) is none of the unit's.
    taken: new Map(
      [...taken].flatMap(([k, { at, row }]) =>
        blank(row) && own[at] && !own[at].has(row.unit) ? [] : [[k, at] as const],
      ),
    ),
    holder,
    findings,
  };
}

/**
 * FIGURES_FROM_OTHER_FILE: the rows (`rows`) of units file `at` is known not to be the file of, which no other file has:
 * typed under another unit's code (a pre-filled list of the province's every unit), they are that unit's figures in
 * the merge, whether its own file (without those rows) is among the files or it sent none.
 */
function otherUnitsFigures(
  rows: readonly TakenRow[],
  files: readonly UnitFile[],
  at: number,
  own: readonly (ReadonlySet<string> | null)[],
): Finding {
  const { name, plan } = files[at];
  const units = [...new Set(rows.map((r) => r.unit))];
  const sent = (u: string) => own.some((o, i) => i !== at && o?.has(u));
  const lang = plan.language ?? "vi";
  return {
    ...finding(
      "FIGURES_FROM_OTHER_FILE",
      { sheet: plan.figures.sheet, row: rows[0].row, col: plan.layout.figures?.columns.unit ?? 1 },
      {
        file: name,
        own: listedCodes([...(own[at] ?? [])]),
        count: units.length,
        units: listedCodes(units),
        periods: listedCodes([...new Set(rows.map((r) => periodText(r.period, lang)))]),
        withFile: listedCodes(units.filter(sent)),
        withoutFile: listedCodes(units.filter((u) => !sent(u))),
      },
    ),
    file: name,
  };
}

/**
 * CONFLICTING_UNIT_ROW where the file with a unit's figures (`holder`) ranks it otherwise than the first file listing
 * it (`listed`): in another group, or active where that file has it not (a unit that picked the wrong group is ranked
 * among others, silently). The names may differ: a unit corrects its own.
 */
function unitRowConflicts(
  listed: ReadonlyMap<string, Listing>,
  holder: ReadonlyMap<string, Listing>,
): Finding[] {
  const out: Finding[] = [];
  for (const [code, first] of listed) {
    const own = holder.get(code);
    if (!own || own.file === first.file) continue;
    const shown = (l: Listing, key: "group" | "active") =>
      key === "group"
        ? label(RANKING_GROUPS, l.unit.group, l.plan.language ?? "vi")
        : enumName(l.unit.active ? YES_NO[0] : YES_NO[1], l.plan.language ?? "vi");
    for (const key of ["group", "active"] as const)
      if (own.unit[key] !== first.unit[key])
        out.push({
          ...finding("CONFLICTING_UNIT_ROW", own.unit.cell, {
            unit: code,
            unitName: own.unit.name,
            file: own.file,
            other: first.file,
            column: planColumnName(own.plan, "units", key),
            mine: shown(own, key),
            kept: shown(first, key),
          }),
          file: own.file,
        });
  }
  return out;
}

/** The findings of a unit's missing figures, which the merged plan decides rather than the file that says them. */
const FIGURES_OF_UNIT = new Set(["MISSING_FIGURE_ROW", "MISSING_FIGURE"]);

/**
 * A unit's file's own findings as the planner merging the files is to read them, each with its file: all of them but
 * NO_UNIT_IN_GROUP (a unit's file holds its own units only; the merged plan is what must have some in every group),
 * and the definitions every file copies (a finding on Cấu hình or Chỉ tiêu) said once, in the first file that has it.
 * A unit's missing figures (`taken`: unit and period → the file whose row the merged plan takes, but for a blank row
 * of another unit's file) are said by the file whose row is taken, and where no file has a row, once: by the unit's
 * own file (`own`), else for the merge, in no file (a file that lists every unit of the province, blank or without
 * rows for the others, is not theirs to send). A row under the code of another file's unit (`unitFile`) is
 * OTHER_FILES_UNIT. A file's NO_FIGURES_FOR_PERIOD for a quarter the merged plan has figures for is left out.
 */
function filesFindings(
  files: readonly UnitFile[],
  taken: ReadonlyMap<string, number>,
  unitFile: ReadonlyMap<string, { file: string }>,
  own: readonly (ReadonlySet<string> | null)[],
): Finding[] {
  const said = new Set<string>();
  // The merged plan's quarters: a file without figures for its Kỳ hiện tại (the province's, given first, before the
  // communes' with that quarter's) is no plan without them.
  const merged = new Set([...taken.keys()].map((k) => k.slice(k.indexOf("\u0000") + 1)));
  // Units' missing rows another file said, to say once for the unit's own file or the merge, unless that file says it.
  const unsaid = new Map<string, Finding>();
  const out: Finding[] = [];
  for (const [at, { name, plan, findings = [] }] of files.entries()) {
    // The sheets by what they are: a unit that filled in the English template calls Chỉ tiêu "Indicators".
    const shared = new Map([
      [plan.layout.settings?.sheet, "settings"],
      [plan.layout.indicators?.sheet, "indicators"],
    ]);
    for (const f of findings) {
      if (f.code === "NO_UNIT_IN_GROUP") continue;
      // Figures typed under another file's unit's code: adding that unit here, as the file's own message says, would
      // make them that unit's.
      const other = f.code === "UNKNOWN_UNIT" ? unitFile.get(String(f.params.code))?.file : undefined;
      if (other !== undefined && other !== name) {
        const own = plan.units.map((u) => u.code).join(", ");
        out.push({ ...finding("OTHER_FILES_UNIT", f, { ...f.params, other, own }), file: name });
        continue;
      }
      if (
        f.code === "NO_FIGURES_FOR_PERIOD" &&
        quartersOf(String(f.params.period)).some((q) => merged.has(q))
      )
        continue;
      if (FIGURES_OF_UNIT.has(f.code)) {
        const { unit, period } = f.params;
        const rowIn = quartersOf(String(period))
          .map((q) => taken.get(`${unit}\u0000${q}`))
          .find((x) => x !== undefined);
        if (rowIn !== undefined && rowIn !== at) continue;
        const key = JSON.stringify([f.code, unit, period, f.params.indicator]);
        if (rowIn === undefined) {
          if (said.has(key)) continue;
          const mine = own.findIndex((o) => o?.has(String(unit)));
          if (mine !== at) {
            const home = mine < 0 ? undefined : files[mine];
            const where = home
              ? { sheet: home.plan.layout.figures?.sheet ?? f.sheet, cell: "", file: home.name }
              : { cell: "" };
            if (!unsaid.has(key)) unsaid.set(key, { ...f, ...where });
            continue;
          }
        }
        said.add(key);
      } else if (shared.has(f.sheet)) {
        // Without the names the file gives its indicators, in its template's language.
        const { indicatorName: _i, unitName: _u, ...params } = f.params;
        const key = JSON.stringify([f.code, shared.get(f.sheet), f.cell, params]);
        if (said.has(key)) continue;
        said.add(key);
      }
      out.push({ ...f, file: name });
    }
  }
  for (const [key, f] of unsaid) if (!said.has(key)) out.push(f);
  return out;
}

/**
 * The settings conflicts of many files with one value in common (150 communes' files of last quarter's template, with
 * its Kỳ hiện tại) said once where there are more than a few: CONFLICTING_SETTINGS at the first one's cell, with the
 * files' number and first few.
 */
function settingsByValue(found: readonly Finding[]): Finding[] {
  const byValue = new Map<string, Finding[]>();
  for (const f of found) {
    const { file: _f, ...params } = f.params;
    const key = JSON.stringify(params);
    const list = byValue.get(key);
    if (list) list.push(f);
    else byValue.set(key, [f]);
  }
  return [...byValue.values()].flatMap((fs) => {
    if (fs.length <= MANY_CONFLICTS) return fs;
    const { file, ...params } = fs[0].params;
    return [
      {
        ...finding(
          "CONFLICTING_SETTINGS",
          { sheet: fs[0].sheet, cell: fs[0].cell },
          { ...params, file, count: fs.length, files: listedCodes(fs.map((f) => String(f.params.file))) },
        ),
        file: fs[0].file,
      },
    ];
  });
}

/**
 * Merges units' plans: settings and indicators from the first file, every unit once (as the file that has its
 * figures lists it), each unit's figures for a period once (unitRows: from its own file, the later saved of two);
 * conflicts become findings, and so do each file's own findings (`findings`: its checkWorkbook's) after them, named
 * with the file, errors first. The merged plan is in the units' workbooks' language when they share one.
 */
export function consolidatePlans(files: readonly UnitFile[]): {
  plan: Plan;
  findings: Finding[];
} {
  const findings: Finding[] = [];
  const first = files[0].plan;
  const indicators = new Map(first.indicators.map((i) => [i.code, { ind: i, file: files[0].name }]));
  // Each unit as the first file listing it lists it: a file may list the province's every unit.
  const listed = new Map<string, Listing>();
  const settings: Finding[] = [];
  for (const { name, plan } of files) {
    if (plan !== first) settings.push(...settingConflicts(plan, name, first, files[0].name));
    const conflicts: Finding[] = [];
    // Indicators the first file has not: a unit's own enters the province's ranking, where every other unit lacks it.
    const added: Indicator[] = [];
    for (const i of plan.indicators) {
      const known = indicators.get(i.code);
      if (!known) {
        indicators.set(i.code, { ind: i, file: name });
        if (plan !== first) added.push(i);
      } else {
        const diff = definitionDiff(known.ind, i);
        if (diff)
          conflicts.push({
            ...finding("CONFLICTING_INDICATOR", i.cell, {
              code: i.code,
              file: name,
              other: known.file,
              // The column as the file heads it.
              column: planColumnName(plan, "indicators", diff),
            }),
            file: name,
          });
      }
    }
    findings.push(...conflictsByFile(conflicts, name, "CONFLICTING_INDICATORS", "codes", "code"));
    // The first file's indicators this file has deleted that apply to a unit it has figures for: blank in the merge.
    const have = new Set(plan.indicators.map((i) => i.code));
    const withRows = new Set(plan.figures.rows.map((r) => r.unit));
    const groups = new Set(plan.units.filter((u) => withRows.has(u.code)).map((u) => u.group));
    const dropped = first.indicators.filter((i) => !have.has(i.code) && i.groups.some((g) => groups.has(g)));
    if (dropped.length && plan !== first)
      findings.push({
        ...finding(
          "DROPPED_INDICATOR",
          { sheet: plan.layout.indicators?.sheet ?? "", cell: "" },
          { codes: listedCodes(dropped.map((i) => i.code)), file: name, other: files[0].name },
        ),
        file: name,
      });
    if (added.length)
      findings.push({
        ...finding("ADDED_INDICATOR", added[0].cell, {
          codes: listedCodes(added.map((i) => i.code)),
          file: name,
          other: files[0].name,
        }),
        file: name,
      });
    for (const u of plan.units) if (!listed.has(u.code)) listed.set(u.code, { file: name, plan, unit: u });
  }
  findings.push(...settingsByValue(settings));
  const merged = [...indicators.values()].map((x) => x.ind);
  const codes = merged.map((i) => i.code);
  const own = ownUnits(files);
  const byUnit = unitRows(files, merged, own);
  // Each unit as the file with its figures lists it (its own name, group and status), else as the first file does.
  const unitFile = new Map([...listed].map(([code, l]) => [code, byUnit.holder.get(code) ?? l]));
  // The merge's own findings, a few said once each, before the files' (a wall of missing figures at a province's scale).
  findings.push(...byUnit.findings, ...unitRowConflicts(listed, byUnit.holder));
  findings.push(...filesFindings(files, byUnit.taken, unitFile, own));
  const units = [...unitFile.values()];
  const rows = units.flatMap(({ unit }) => byUnit.rows.get(unit.code) ?? []);
  // The merged plan's cells refer to no single sheet: it is written out again (planToRows), never read by cell.
  const figures = figureTable(
    "",
    codes,
    codes.map(() => 0),
    rows,
    rows.map((r) => r.values),
  );
  const periods = [...new Set(rows.map((r) => r.period))].sort(comparePeriodKeys);
  const plan: Plan = {
    settings: first.settings,
    units: units.map((u) => u.unit),
    indicators: merged,
    periods,
    figures,
    layout: {},
    language: files.every((f) => f.plan.language === first.language) ? first.language : null,
  };
  // Errors first, each file's in the order given (Array.prototype.sort is stable).
  return { plan, findings: findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]) };
}
