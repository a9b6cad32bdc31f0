/**
 * The write protocol on the strict host: any sequence of pane and ribbon actions leaves no temporary sheet, no error
 * value in an output, outputs equal to the engine's, input sheets as the user left them and a true ownership record;
 * and a failure at any operation of any batch leaves the previous outputs intact or restored, with a truthful message.
 */
import fc from "fast-check";
import {
  FakeExcel,
  installExcelEnums,
  quoteName,
  type ChartModel,
  type SheetModel,
} from "../fakeExcel/fakeExcel";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { OutputWriteError } from "../../src/workbook/office/writeError";
import { runAction, saveSettings, type Action } from "../../src/workbook/office/actions";
import { EditedOutputError, META_SHEET } from "../../src/workbook/ownership";
import { gridFingerprint } from "../../src/workbook/fingerprint";
import { planRowsToGrids } from "../../src/engine/planRows";
import { runPlan } from "../../src/engine/pipeline";
import { a1, isCellError } from "../../src/engine/grid";
import type { SheetSpec } from "../../src/engine/sheetSpec";
import { formulaOf } from "../../src/engine/sheetSpec";
import type { PlanRows } from "../../src/engine/format";
import { planRowsArb } from "../helpers/randomPlan";
import { generatePlanRows } from "../../bench/generate";
import { describeOfficeError } from "../../src/taskpane/errors";
import { OutputChartsError } from "../../src/workbook/office/sheetErrors";

beforeAll(() => installExcelEnums());

type Step =
  | { kind: "action"; action: Action }
  | { kind: "force" }
  | { kind: "period"; period: string | null }
  | { kind: "settings"; gradeGood: number }
  | { kind: "editInput"; row: number; value: number }
  | { kind: "editOutput"; pick: number }
  /** The planner types a formula over an output on a sheet of theirs (hidden or not), through a defined name or not. */
  | { kind: "plannerFormula"; pick: number; row: number; hidden: boolean; named: boolean }
  /** The planner inserts a chart of an output's column on a sheet of theirs (hidden or not): a bar or a scatter chart. */
  | { kind: "plannerChart"; pick: number; hidden: boolean; scatter: boolean }
  /** The planner inserts a chart of an output's column on that output sheet itself. */
  | { kind: "outputChart"; pick: number }
  /** The planner sets a drop-down list of an output's column on a cell of a sheet of theirs. */
  | { kind: "plannerList"; pick: number; row: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .constantFrom<Action>("validate", "compute", "summary")
      .map((action) => ({ kind: "action" as const, action })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "force" as const }) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(null, "2015-Q1", "2014-Q4")
      .map((period) => ({ kind: "period" as const, period })),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 60, max: 95 })
      .map((gradeGood) => ({ kind: "settings" as const, gradeGood })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ row: fc.nat(40), value: fc.integer({ min: 0, max: 30 }) })
      .map((r) => ({ kind: "editInput" as const, ...r })),
  },
  { weight: 1, arbitrary: fc.nat(10).map((pick) => ({ kind: "editOutput" as const, pick })) },
  {
    weight: 2,
    arbitrary: fc
      .record({ pick: fc.nat(10), row: fc.nat(8), hidden: fc.boolean(), named: fc.boolean() })
      .map((r) => ({ kind: "plannerFormula" as const, ...r })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ pick: fc.nat(10), hidden: fc.boolean(), scatter: fc.boolean() })
      .map((r) => ({ kind: "plannerChart" as const, ...r })),
  },
  { weight: 1, arbitrary: fc.nat(10).map((pick) => ({ kind: "outputChart" as const, pick })) },
  {
    weight: 1,
    arbitrary: fc
      .record({ pick: fc.nat(10), row: fc.nat(8) })
      .map((r) => ({ kind: "plannerList" as const, ...r })),
  },
);

/** The planner's sheets the sequences type formulas over outputs into, one hidden. */
const PLANNER_SHEETS = ["Của tôi", "Ẩn của tôi"];
/** The range of an output the planner's formulas count the numbers of. */
const COUNTED = "$A$1:$L$60";
/** The columns of an output the planner's charts draw: categories, then values. */
const CHARTED = ["$A$1:$A$60", "$J$1:$J$60"];

/** The source of the drop-down list on a cell (0-based) of a sheet, as Excel shows it now; null without one. */
function listSource(host: FakeExcel, sheet: string, r: number, c: number): string | null {
  const v = [...host.sheet(sheet)!.dataValidations]
    .reverse()
    .find((x) => x.box.r0 <= r && r <= x.box.r1 && x.box.c0 <= c && c <= x.box.c1);
  return v ? String((host.dvRule(v).list as { source: string }).source) : null;
}

/** Each series' categories (or x values) and values of a chart as Excel shows them now. */
const chartSources = (host: FakeExcel, sheet: string, k: number) =>
  host.sheet(sheet)!.charts[k].series.map((s) => [host.sourceText(s.xValues), host.sourceText(s.values)]);

/** How many numbers (not errors) an output holds in COUNTED, as Excel's COUNT sees them now. */
function numbersIn(host: FakeExcel, sheet: string): number {
  host.recalc();
  return [...host.sheet(sheet)!.cells].filter(([k, c]) => {
    const [r, col] = k.split(",").map(Number);
    return r < 60 && col < 12 && typeof c.value === "number" && !c.error;
  }).length;
}

const isScratch = (n: string) => n.startsWith("ictplan_tmp_") || n.startsWith("ictplan_old_");
/** A sheet's cells as the user sees them in the formula bar. */
function contents(host: FakeExcel, s: SheetModel): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, c] of s.cells) {
    const [r, col] = k.split(",").map(Number);
    const v = c.formula !== null ? host.render(c.formula) : c.value;
    if (v !== "") out[a1(r + 1, col + 1)] = v;
  }
  return out;
}

function same(got: unknown, want: unknown): boolean {
  if (want === null || want === undefined) return got === "" || got === null;
  if (typeof want === "number" && typeof got === "number")
    return Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want));
  return got === want;
}

/** Every cell of freshly written specs holds the engine's value (formulas evaluated by the host). */
function expectEngineValues(host: FakeExcel, specs: readonly SheetSpec[]): void {
  const wrong: string[] = [];
  for (const spec of specs)
    for (const b of spec.blocks)
      b.cells.forEach((row, i) =>
        row.forEach((c, j) => {
          if (c.value !== undefined && isCellError(c.value as never)) return;
          const at = a1(b.row + i, b.col + j);
          const got = host.valueAt(spec.name, at);
          if (!same(got, c.value ?? null))
            wrong.push(
              `${spec.name}!${at} ${formulaOf(c) ?? ""} = ${String(got)}, engine ${String(c.value)}`,
            );
        }),
      );
  expect(wrong.slice(0, 5)).toEqual([]);
}

/**
 * The ownership record lists the output sheets present, each with its Worksheet.id (column J), and each unedited one's
 * fingerprint matches its cells.
 */
async function expectTrueRecord(host: FakeExcel, edited: ReadonlySet<string>): Promise<string[]> {
  const meta = host.sheet(META_SHEET);
  const rows: string[][] = [];
  for (let r = 1; meta && meta.cells.has(`${r},0`); r++)
    rows.push([0, 1, 2, 9].map((c) => String(meta.cells.get(`${r},${c}`)?.value ?? "")));
  const grids = await new OfficeWorkbook(host.runner()).readGrids();
  for (const [name, , fingerprint, id] of rows) {
    const grid = grids.sheets.find((g) => g.sheet === name);
    expect(grid).toBeDefined();
    expect([name, id]).toEqual([name, host.sheet(name)?.id]);
    if (!edited.has(name)) expect([name, gridFingerprint(grid!)]).toEqual([name, fingerprint]);
  }
  return rows.map((r) => r[0]);
}

/** No output cell holds an error value the engine did not compute. */
function expectNoErrors(
  host: FakeExcel,
  outputs: readonly string[],
  last: ReadonlyMap<string, SheetSpec>,
): void {
  host.recalc();
  for (const name of outputs) {
    const allowed = new Set<string>();
    for (const b of last.get(name)?.blocks ?? [])
      b.cells.forEach((row, i) =>
        row.forEach((c, j) => {
          if (c.value !== undefined && isCellError(c.value as never))
            allowed.add(`${b.row - 1 + i},${b.col - 1 + j}`);
        }),
      );
    const errors = [...host.sheet(name)!.cells]
      .filter(([k, c]) => c.error && !allowed.has(k))
      .map(([k, c]) => `${name} ${k} ${String(c.value)}`);
    expect(errors).toEqual([]);
  }
}

/**
 * The planner's formulas and names over the results and ranking written (a visible and a hidden sheet of theirs, a
 * workbook- and a sheet-scoped name); returns what their cells and names read as typed, by the outputs' kinds.
 */
function typeOver(host: FakeExcel, sheets: readonly SheetSpec[]): (names: readonly SheetSpec[]) => unknown {
  const named = (specs: readonly SheetSpec[], kind: string) =>
    quoteName(specs.find((s) => s.kind === kind)!.name);
  const text = (specs: readonly SheetSpec[]) => ({
    cells: [
      `=COUNT(${named(specs, "results")}!A1:L60)`,
      "=COUNT(DemKQ)",
      "=COUNT(DemXH)",
      `=COUNT(${named(specs, "ranking")}!A1:L60)`,
    ],
    names: [`=${named(specs, "results")}!${COUNTED}`, `=${named(specs, "ranking")}!${COUNTED}`],
  });
  const typed = text(sheets);
  host.addSheet(PLANNER_SHEETS[0], [typed.cells.slice(0, 3)]);
  host.addSheet(PLANNER_SHEETS[1], [typed.cells.slice(3)]).visibility = "Hidden";
  // A chart of the ranking's index by unit of the results: its series are pointed at the new sheets in the swap.
  const series = (specs: readonly SheetSpec[]) => [
    [`=${named(specs, "results")}!${CHARTED[0]}`, `=${named(specs, "ranking")}!${CHARTED[1]}`],
  ];
  host.userAddChart(PLANNER_SHEETS[0], "BarClustered", [
    { xValues: series(sheets)[0][0].slice(1), values: series(sheets)[0][1].slice(1) },
  ]);
  // A formula rule reading the ranking on C1:C9 of theirs: entered again in the swap.
  const rule = (specs: readonly SheetSpec[]) => `=C1>${named(specs, "ranking")}!$J$1`;
  host.sheet(PLANNER_SHEETS[0])!.conditionalFormats.unshift({
    id: "cf-planner",
    type: "Custom",
    box: { r0: 0, c0: 2, r1: 8, c1: 2 },
    props: { "custom.rule.formula": host.bind(rule(sheets)) },
  });
  // A drop-down of the results' first column on B2:B5 of theirs: entered again in the swap.
  host.sheet(PLANNER_SHEETS[0])!.dataValidations.push({
    box: { r0: 1, c0: 1, r1: 4, c1: 1 },
    rule: { list: { inCellDropDown: true, source: host.bind(series(sheets)[0][0]) } },
  });
  host.names.push({ name: "DemKQ", formula: host.bind(typed.names[0]) });
  host.names.push({
    name: "DemXH",
    formula: host.bind(typed.names[1]),
    scope: host.sheet(PLANNER_SHEETS[0])!.id,
  });
  return (specs) => {
    const { cells, names } = text(specs);
    const counts = [
      numbersIn(host, specs.find((s) => s.kind === "results")!.name),
      numbersIn(host, specs.find((s) => s.kind === "ranking")!.name),
    ];
    expect(chartSources(host, PLANNER_SHEETS[0], 0)).toEqual(series(specs));
    const format = host.sheet(PLANNER_SHEETS[0])!.conditionalFormats.find((f) => f.id === "cf-planner")!;
    expect(host.render(String(format.props["custom.rule.formula"]))).toBe(rule(specs));
    expect([1, 4].map((r) => listSource(host, PLANNER_SHEETS[0], r, 1))).toEqual([
      series(specs)[0][0],
      series(specs)[0][0],
    ]);
    expect({
      cells: [0, 1, 2]
        .map((c) => host.read(PLANNER_SHEETS[0], a1(1, c + 1)))
        .concat(host.read(PLANNER_SHEETS[1], "A1")),
      names: ["DemKQ", "DemXH"].map((n) => host.render(host.names.find((d) => d.name === n)!.formula)),
      values: [0, 1, 2]
        .map((c) => host.valueAt(PLANNER_SHEETS[0], a1(1, c + 1)))
        .concat(host.valueAt(PLANNER_SHEETS[1], "A1")),
    }).toEqual({ cells, names, values: [counts[0], counts[0], counts[1], counts[1]] });
    return null;
  };
}

async function runSequence(rows: PlanRows, steps: readonly Step[]): Promise<void> {
  const host = FakeExcel.withGrids(planRowsToGrids(rows));
  const inputs = host.sheets.map((s) => s.name);
  const wb = new OfficeWorkbook(host.runner());
  const expectedInputs = new Map(host.sheets.map((s) => [s.name, contents(host, s)]));
  const edited = new Set<string>();
  const last = new Map<string, SheetSpec>();
  for (const name of PLANNER_SHEETS) host.addSheet(name);
  host.sheet(PLANNER_SHEETS[1])!.visibility = "Hidden";
  /** The planner's formulas over outputs: where, the text typed, the output counted. */
  const typed = new Map<string, { sheet: string; at: string; formula: string; output: string }>();
  /** The planner's charts over outputs: where, and the output they draw. */
  const charted: { sheet: string; k: number; output: string }[] = [];
  /** The planner's drop-downs over outputs: the cell (0-based, on PLANNER_SHEETS[0]) and the output listed. */
  const listed = new Map<number, string>();
  /** Every chart the planner made, wherever it is now. */
  const made: ChartModel[] = [];
  let period: string | null = null;
  let force = false;
  for (const step of steps) {
    if (step.kind === "force") force = true;
    else if (step.kind === "plannerChart") {
      const outputs = [...last.keys()].filter((n) => host.sheet(n));
      if (!outputs.length) continue;
      const output = outputs[step.pick % outputs.length];
      const sheet = PLANNER_SHEETS[step.hidden ? 1 : 0];
      const [x, y] = CHARTED.map((c) => `${quoteName(output)}!${c}`);
      made.push(
        host.userAddChart(sheet, step.scatter ? "XYScatter" : "ColumnClustered", [{ xValues: x, values: y }]),
      );
      charted.push({ sheet, k: host.sheet(sheet)!.charts.length - 1, output });
      continue;
    } else if (step.kind === "plannerList") {
      const outputs = [...last.keys()].filter((n) => host.sheet(n));
      if (!outputs.length) continue;
      const output = outputs[step.pick % outputs.length];
      // Data → Data Validation on one cell of theirs (replacing the one it had).
      const mine = host.sheet(PLANNER_SHEETS[0])!;
      const box = { r0: step.row, c0: 5, r1: step.row, c1: 5 };
      mine.dataValidations = mine.dataValidations.filter((v) => v.box.r0 !== step.row || v.box.c0 !== 5);
      mine.dataValidations.push({
        box,
        rule: { list: { inCellDropDown: true, source: host.bind(`=${quoteName(output)}!${CHARTED[0]}`) } },
      });
      listed.set(step.row, output);
      continue;
    } else if (step.kind === "outputChart") {
      const outputs = [...last.keys()].filter((n) => host.sheet(n));
      if (!outputs.length) continue;
      const output = outputs[step.pick % outputs.length];
      const [x, y] = CHARTED.map((c) => `${quoteName(output)}!${c}`);
      made.push(
        host.userAddChart(output, "BarClustered", [{ xValues: x, values: y }], `Của tôi ${step.pick}`),
      );
      continue;
    } else if (step.kind === "plannerFormula") {
      const outputs = [...last.keys()].filter((n) => host.sheet(n));
      if (!outputs.length) continue;
      const output = outputs[step.pick % outputs.length];
      const sheet = PLANNER_SHEETS[step.hidden ? 1 : 0];
      const at = `A${step.row + 1}`;
      const range = `${quoteName(output)}!${COUNTED}`;
      const name = `Dem_${step.row}`;
      const formula = `=COUNT(${step.named ? name : range})`;
      if (step.named) {
        // Defined again (Name Manager → Edit): the cells counting through it count the new output.
        host.names = host.names.filter((n) => n.name !== name);
        host.names.push({ name, formula: host.bind(`=${range}`) });
        for (const t of typed.values()) if (t.formula === formula) t.output = output;
      }
      host.userEdit(sheet, at, formula);
      typed.set(`${sheet}!${at}`, { sheet, at, formula, output });
      continue;
    } else if (step.kind === "period") period = step.period;
    else if (step.kind === "settings") {
      await saveSettings(wb, { gradeGood: step.gradeGood });
      const cfg = host.sheet("Cấu hình");
      if (cfg) expectedInputs.set(cfg.name, contents(host, cfg));
    } else if (step.kind === "editInput") {
      const data = host.sheet("Số liệu")!;
      const rowsUsed = Math.max(...[...data.cells.keys()].map((k) => Number(k.split(",")[0])));
      const r = 1 + (step.row % Math.max(1, rowsUsed));
      host.writeCell(data, r, 5, step.value);
      expectedInputs.get("Số liệu")![a1(r + 1, 6)] = step.value;
    } else if (step.kind === "editOutput") {
      const outputs = host.sheets.filter((s) => last.has(s.name));
      if (!outputs.length) continue;
      const target = outputs[step.pick % outputs.length];
      host.writeCell(target, 0, 0, `sửa tay ${step.pick}`);
      edited.add(target.name);
    } else {
      const before = host.sheets.map((s) => [s.name, contents(host, s)]);
      const owned = await wb.ownedSheets();
      let result;
      try {
        result = await runAction(wb, step.action, { lang: "vi", period, force });
      } catch (e) {
        if (e instanceof OutputChartsError) {
          // Refused because charts of the planner's are on outputs it would replace: nothing changed. The planner moves
          // them to a sheet of theirs (Chart Design → Move Chart), where they still draw the outputs.
          expect(e.reason).toBe("onOutput");
          expect(host.sheets.map((s) => [s.name, contents(host, s)])).toEqual(before);
          for (const { sheet, chart } of e.charts) {
            const from = host.sheet(sheet)!;
            const model = from.charts.find((c) => c.name === chart)!;
            expect(model.series.map((x) => host.sourceText(x.values))).toEqual([
              `=${quoteName(sheet)}!${CHARTED[1]}`,
            ]);
            from.charts = from.charts.filter((c) => c !== model);
            const to = host.sheet(PLANNER_SHEETS[0])!;
            to.charts.push(model);
            charted.push({ sheet: to.name, k: to.charts.length - 1, output: sheet });
          }
          continue;
        }
        // Refused because a user edited an output it would replace: nothing changed.
        if (!(e instanceof EditedOutputError)) throw e;
        expect(force).toBe(false);
        expect((e as EditedOutputError).sheets.every((s) => edited.has(s) && owned.includes(s))).toBe(true);
        expect(host.sheets.map((s) => [s.name, contents(host, s)])).toEqual(before);
        continue;
      }
      force = false;
      const written = result.run.sheets.filter((s) => result.written.includes(s.name));
      for (const s of written) {
        last.set(s.name, s);
        edited.delete(s.name);
      }
      for (const name of [...last.keys()]) if (!host.sheet(name)) last.delete(name);
      expectEngineValues(host, written);
    }
    expect(host.sheets.map((s) => s.name).filter(isScratch)).toEqual([]);
    for (const name of inputs)
      expect([name, contents(host, host.sheet(name)!)]).toEqual([name, expectedInputs.get(name)]);
    const outputs = await expectTrueRecord(host, edited);
    expectNoErrors(host, outputs, last);
    // The planner's formulas over outputs (and their names) kept as typed, reading the outputs as they are now.
    for (const t of typed.values()) {
      expect([t.sheet, t.at, host.read(t.sheet, t.at)]).toEqual([t.sheet, t.at, t.formula]);
      expect([t.formula, host.valueAt(t.sheet, t.at)]).toEqual([t.formula, numbersIn(host, t.output)]);
    }
    // The planner's drop-downs over outputs list the outputs as they are now.
    for (const [r, output] of listed)
      expect([r, listSource(host, PLANNER_SHEETS[0], r, 5)]).toEqual([
        r,
        `=${quoteName(output)}!${CHARTED[0]}`,
      ]);
    // No chart of the planner's is lost (one on an output sheet went with it), and those over outputs draw them as now.
    expect(made.filter((m) => !host.sheets.some((x) => x.charts.includes(m))).map((m) => m.name)).toEqual([]);
    for (const c of charted)
      expect([c.sheet, c.k, chartSources(host, c.sheet, c.k)]).toEqual([
        c.sheet,
        c.k,
        [CHARTED.map((r) => `=${quoteName(c.output)}!${r}`)],
      ]);
    for (const n of host.names.filter((d) => /^Dem_\d$/.test(d.name)))
      expect([n.name, host.render(n.formula)]).toEqual([
        n.name,
        expect.stringMatching(new RegExp(`^=[^#]+!${COUNTED.replace(/\$/g, "\\$")}$`)),
      ]);
  }
}

describe("write protocol", () => {
  it("any sequence of at least 20 actions keeps the workbook sound (fast-check)", async () => {
    await fc.assert(
      fc.asyncProperty(planRowsArb(), fc.array(stepArb, { minLength: 20, maxLength: 28 }), (rows, steps) =>
        runSequence(rows, steps),
      ),
      { seed: 1313, numRuns: Number(process.env.PROTOCOL_RUNS ?? 5) },
    );
  }, 600_000);

  it("a failure at each operation of each write batch leaves the outputs intact or restored, and says so", async () => {
    // Thresholds and scale on Cấu hình: the write also creates (and on failure removes) their defined names.
    const rows = generatePlanRows(4, 3, 3);
    const settings: typeof rows.settings = [
      ...rows.settings,
      ["Ngưỡng Tốt", 80],
      ["Ngưỡng Khá", 65],
      ["Thang điểm", 100],
    ];
    const host = FakeExcel.withGrids(planRowsToGrids({ ...rows, settings }));
    const wb = new OfficeWorkbook(host.runner());
    const first = runPlan(await wb.readGrids(), {
      period: null,
      lang: "vi",
      robustness: false,
      summary: true,
    });
    const second = runPlan(await wb.readGrids(), {
      period: null,
      lang: "en",
      robustness: false,
      summary: true,
    });
    const start = host.snapshot();
    let trials = 0;
    const outcomes = new Map<string, number>();
    // The first write (nothing to replace), then a replacing write of all four sheets in the other language.
    for (const [setup, specs] of [
      [[], first.sheets],
      [first.sheets, second.sheets],
    ] as const) {
      host.restore(start);
      if (setup.length) await wb.applySheets(setup);
      // The planner's formulas over the outputs replaced (the language changes their names): entered again.
      const reading = setup.length ? typeOver(host, setup) : () => null;
      const base = host.snapshot();
      const s0 = host.syncs;
      await wb.applySheets(specs, { force: true });
      reading(specs);
      // The plan's settings are on Cấu hình: the write creates their defined names too.
      expect(host.names.length).toBeGreaterThan(0);
      const batches = host.log.slice(s0).map((l) => l.ops);
      for (const [k, ops] of batches.entries())
        for (let op = 0; op < ops; op++) {
          host.restore(base);
          const before = host.sheets.map((s) => [s.name, contents(host, s)]);
          const namesBefore = host.names.map((n) => [n.name, host.render(n.formula)]);
          host.failure = { sync: host.syncs + k + 1, op };
          const error = await wb.applySheets(specs, { force: true }).then(
            () => null,
            (e: unknown) => e,
          );
          trials++;
          expect(host.sheets.map((s) => s.name).filter(isScratch)).toEqual([]);
          if (error === null) {
            // The failure came after the new sheets and the record were in place: the swap was finished.
            outcomes.set("finished", (outcomes.get("finished") ?? 0) + 1);
            expectEngineValues(host, specs);
            reading(specs);
            await expectTrueRecord(host, new Set());
            continue;
          }
          expect(error).toBeInstanceOf(OutputWriteError);
          const outcome = (error as OutputWriteError).outcome;
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
          expect(["unchanged", "restored"]).toContain(outcome);
          expect(host.sheets.map((s) => [s.name, contents(host, s)])).toEqual(before);
          // The settings' defined names as they were: a name this write added is gone again.
          expect(host.names.map((n) => [n.name, host.render(n.formula)])).toEqual(namesBefore);
          const message = describeOfficeError(error, "en");
          expect(message).toMatch(
            outcome === "unchanged" ? /were not changed/ : /undone: the previous output sheets are restored/,
          );
          expect(describeOfficeError(error, "vi")).toMatch(
            outcome === "unchanged" ? /không bị thay đổi/ : /khôi phục/,
          );
          if (setup.length) expectEngineValues(host, setup);
          reading(setup);
        }
    }
    expect(trials).toBeGreaterThan(100);
    expect(outcomes.get("restored")).toBeGreaterThan(0);
    expect(outcomes.get("finished")).toBeGreaterThan(0);
  }, 600_000);
});
