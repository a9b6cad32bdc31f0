/**
 * A planner's quarters through the CLI, as random sequences: correct a figure, type a note, compute into a copy or in
 * place, come back next quarter with last quarter's output, replace an output, make the Word report again, edit the
 * report's draft. After every
 * step: exit codes as docs/cli.md says, no file changed that the step may not change, no temporary file, nothing the
 * planner typed lost, and every output equal to the same period computed afresh from the plan as it now stands.
 */
import fc from "fast-check";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCli } from "../helpers/cli";
import { editPackage } from "../helpers/packages";
import { periodArg } from "../../src/engine/pipeline";
import { summarySheetName } from "../../src/engine/outputs/summarySheet";
import { samplePlanRows } from "../../src/engine/sample";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import type { CellEdit } from "../../src/engine/settingsEdit";
import type { CellValue } from "../../src/engine/grid";

const RUNS = Number(process.env.QUARTERS_RUNS ?? 16);
const NOTES = "Ghi chú của phòng";

/** What the planner typed into a file's own sheets (input sheets and their notes sheet), in order. */
type Typed = readonly CellEdit[];

/** A file of the folder as the model knows it. */
interface FileState {
  /** Every cell the planner typed into this file's lineage, outside ictplan's sheets. */
  readonly typed: Typed;
  /** Written by compute and not touched since: ictplan may replace it without --force. */
  readonly pristineOutput: boolean;
  /** ictplan's own sheets the planner typed into since they were written. */
  readonly ownedEdited: readonly string[];
}

type Action =
  | { readonly kind: "figure"; readonly file: number; readonly row: number; readonly value: number }
  | { readonly kind: "note"; readonly file: number; readonly row: number; readonly text: string }
  | { readonly kind: "typeInOutput"; readonly file: number; readonly row: number }
  | { readonly kind: "nextQuarter"; readonly file: number; readonly lan: number; readonly share: number }
  | {
      readonly kind: "compute";
      readonly file: number;
      readonly period: string;
      readonly target: "copy" | "default" | "inPlace";
      /** With -o: which file of the folder (or, past the last, a new out.xlsx). */
      readonly to: number;
      readonly force: boolean;
    }
  | { readonly kind: "report"; readonly file: number; readonly period: string; readonly force: boolean }
  | { readonly kind: "editReport"; readonly file: number };

const PERIODS = ["2015-Q1", "2015-Q2", "2014-Q4", "2014", "2015-Q3"];
// The sample's figures end at row 187 and Quý II/2015: Quý III's rows are typed below, a unit at a time.
const FIRST_NEW_ROW = 188;
// Số liệu: the sample's figure rows are 2..187; column D is MAYTINH (a share), H is DAOTAO (a count).
const figureEdit = (row: number, value: number): CellEdit =>
  value <= 1
    ? { sheet: "Số liệu", cell: `D${row}`, value }
    : { sheet: "Số liệu", cell: `H${row}`, value: Math.round(value) };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constant("figure" as const),
    file: fc.nat(),
    row: fc.integer({ min: 2, max: 187 }),
    value: fc.oneof(
      fc.integer({ min: 0, max: 100 }).map((n) => n / 100),
      fc.integer({ min: 2, max: 60 }),
    ),
  }),
  fc.record({
    kind: fc.constant("note" as const),
    file: fc.nat(),
    row: fc.integer({ min: 2, max: 40 }),
    text: fc.constantFrom("Đã xác minh với đơn vị", "Chờ số liệu quý sau", "x", "Số liệu ước tính 10.000"),
  }),
  fc.record({
    kind: fc.constant("typeInOutput" as const),
    file: fc.nat(),
    row: fc.integer({ min: 1, max: 60 }),
  }),
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("compute" as const),
      file: fc.nat(),
      period: fc.constantFrom(...PERIODS),
      target: fc.constantFrom("copy" as const, "default" as const, "inPlace" as const),
      to: fc.nat(),
      // Mostly without --force, as a planner would run it: the refusals are what is checked then.
      force: fc.oneof(
        { weight: 3, arbitrary: fc.constant(false) },
        { weight: 1, arbitrary: fc.constant(true) },
      ),
    }),
  },
  fc.record({
    kind: fc.constant("nextQuarter" as const),
    file: fc.nat(),
    lan: fc.constantFrom(0, 1),
    share: fc.integer({ min: 0, max: 100 }).map((n) => n / 100),
  }),
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("report" as const),
      file: fc.nat(),
      period: fc.constantFrom(...PERIODS),
      force: fc.oneof(
        { weight: 3, arbitrary: fc.constant(false) },
        { weight: 1, arbitrary: fc.constant(true) },
      ),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("editReport" as const), file: fc.nat() }) },
);

let root: string;
let start: Uint8Array;
let units: string[];

/** Rows of Quý III/2015 the planner typed into a lineage. */
const newRows = (typed: Typed) =>
  new Set(typed.filter((e) => /^A\d+$/.test(e.cell) && e.sheet === "Số liệu").map((e) => e.cell)).size;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-quarters-"));
  // The sample with a notes sheet of the planner's, as real plans have.
  const wb = buildTemplate(samplePlanRows());
  wb.addWorksheet(NOTES).getCell("A1").value = "Ghi chú";
  start = await XlsxWorkbook.of(wb).save();
  const grids = await (await XlsxWorkbook.load(start)).readGrids();
  const unitSheet = grids.sheets.find((g) => g.sheet === "Đơn vị");
  units = (unitSheet?.values ?? []).slice(1).map((r) => String(r[0]));
  expect(units.length).toBe(31);
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

const cli = (cwd: string, ...argv: string[]) => runCli(cwd, { LANG: "vi_VN.UTF-8" }, argv);

/** The file with the planner's edits typed in, as Excel would save it. */
async function typeInto(bytes: Uint8Array, edits: readonly CellEdit[]): Promise<Uint8Array> {
  const wb = await XlsxWorkbook.load(bytes);
  wb.writeCells(edits);
  return wb.save();
}

/** Every sheet's values and formulas by name; ictplan's own sheets only when `owned`. */
async function sheetsOf(bytes: Uint8Array, owned: boolean): Promise<Map<string, unknown>> {
  const wb = await XlsxWorkbook.load(bytes);
  const mine = new Set(await wb.ownedSheets());
  const grids = await wb.readGrids();
  return new Map(
    grids.sheets
      .filter((g) => mine.has(g.sheet) === owned)
      .map((g) => [g.sheet, { origin: [g.originRow, g.originCol], values: g.values, formulas: g.formulas }]),
  );
}

/** The value a cell holds, read back. */
async function cellValue(bytes: Uint8Array, sheet: string, cell: string): Promise<CellValue | undefined> {
  const grids = await (await XlsxWorkbook.load(bytes)).readGrids();
  const g = grids.sheets.find((s) => s.sheet === sheet);
  const m = /^([A-Z]+)(\d+)$/.exec(cell);
  if (!g || !m) return undefined;
  const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return g.values[Number(m[2]) - g.originRow]?.[col - g.originCol] ?? null;
}

/** compute's output name when no -o is given (docs/cli.md): last quarter's output gives the next one's name. */
function defaultOutput(input: string, period: string): string {
  const base = input.replace(/\.xlsx$/, "");
  const renamed = `${base.replace(/-ictplan(?:-\d{4}(?:-Q[1-4])?)?$/, "")}-ictplan-${period}.xlsx`;
  return renamed.toLowerCase() === input.toLowerCase() ? `${base}-ictplan-${period}.xlsx` : renamed;
}

/** All files of the folder with their bytes. */
async function snapshot(dir: string): Promise<Map<string, Buffer>> {
  const names = (await fs.readdir(dir)).sort();
  return new Map(
    await Promise.all(names.map(async (n) => [n, await fs.readFile(path.join(dir, n))] as const)),
  );
}

describe("a planner's quarters through the CLI, as random sequences of steps", () => {
  it("keeps every typed cell, changes only what a step may change, and computes as a fresh run would", async () => {
    let run = 0;
    // What the steps met, over all runs: the seed must reach every outcome, or the test checks less than it says.
    const met = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 4, maxLength: 9 }), async (actions) => {
        const dir = path.join(root, `run${run++}`);
        await fs.mkdir(dir);
        await fs.writeFile(path.join(dir, "plan.xlsx"), start);
        const files = new Map<string, FileState>([
          ["plan.xlsx", { typed: [], pristineOutput: false, ownedEdited: [] }],
        ]);
        // The Word report: none yet, as ictplan wrote it, or edited by the planner (then kept until --force).
        let report: "none" | "pristine" | "edited" = "none";
        // Fresh runs of the same plan and period, by what was typed: a sequence often asks for the same one again.
        const fresh = new Map<string, Map<string, unknown>>();
        const freshRun = async (typed: Typed, period: string) => {
          const key = JSON.stringify([typed, period]);
          let owned = fresh.get(key);
          if (!owned) {
            const d = `${dir}-fresh`;
            await fs.rm(d, { recursive: true, force: true });
            await fs.mkdir(d);
            await fs.writeFile(path.join(d, "plan.xlsx"), await typeInto(start, typed));
            const r = await cli(
              d,
              "compute",
              "plan.xlsx",
              "--period",
              period,
              "-o",
              "out.xlsx",
              "--no-robustness",
            );
            expect(r.code).toBe(0);
            owned = await sheetsOf(await fs.readFile(path.join(d, "out.xlsx")), true);
            fresh.set(key, owned);
          }
          return owned;
        };

        for (const a of actions) {
          const names = [...files.keys()].sort();
          const name = names[a.file % names.length];
          const file = path.join(dir, name);
          const state = files.get(name) as FileState;
          const before = await snapshot(dir);
          /** Files the step may change (all others must keep their bytes). */
          let changed: string[] = [];

          if (a.kind === "figure" || a.kind === "note" || a.kind === "nextQuarter") {
            const n = newRows(state.typed);
            if (a.kind === "nextQuarter" && n >= units.length) continue;
            const row = FIRST_NEW_ROW + n;
            const edits: CellEdit[] =
              a.kind === "figure"
                ? [figureEdit(a.row, a.value)]
                : a.kind === "note"
                  ? [{ sheet: NOTES, cell: `B${a.row}`, value: a.text }]
                  : [
                      { sheet: "Số liệu", cell: `A${row}`, value: units[n] },
                      { sheet: "Số liệu", cell: `B${row}`, value: "Quý III/2015" },
                      { sheet: "Số liệu", cell: `C${row}`, value: a.lan },
                      { sheet: "Số liệu", cell: `D${row}`, value: a.share },
                    ];
            await fs.writeFile(file, await typeInto(before.get(name) as Buffer, edits));
            files.set(name, { ...state, typed: [...state.typed, ...edits], pristineOutput: false });
            changed = [name];
          } else if (a.kind === "typeInOutput") {
            const owned = [...(await sheetsOf(before.get(name) as Buffer, true)).keys()];
            // Only an output has sheets of ictplan's; in a plan this is just a note on a sheet of its own.
            if (!owned.length) continue;
            const sheet = owned[a.row % owned.length];
            await fs.writeFile(
              file,
              await typeInto(before.get(name) as Buffer, [
                { sheet, cell: `Z${a.row}`, value: "ghi chú của tôi" },
              ]),
            );
            files.set(name, {
              ...state,
              pristineOutput: false,
              ownedEdited: [...new Set([...state.ownedEdited, sheet])],
            });
            changed = [name];
          } else if (a.kind === "editReport") {
            if (report === "none") continue;
            // The planner works on the draft in Word: a word added to its text.
            const docx = path.join(dir, "report.docx");
            await fs.writeFile(
              docx,
              await editPackage(await fs.readFile(docx), {
                "word/document.xml": (xml) => xml.replace("</w:t>", " (đã sửa)</w:t>"),
              }),
            );
            report = "edited";
            changed = ["report.docx"];
          } else if (a.kind === "report") {
            const argv = ["report", name, "--period", a.period, "-o", "report.docx"];
            if (a.force) argv.push("--force");
            const r = await cli(dir, ...argv);
            if (a.period === "2015-Q3" && !newRows(state.typed)) {
              // No figures for the period: nothing is written, and stderr says why (docs/cli.md, exit codes).
              expect({ step: a, code: r.code }).toEqual({ step: a, code: 1 });
              expect(r.err).toMatch(/Quý III\/2015/);
              continue;
            }
            if (report === "edited" && !a.force) {
              // The planner's edited draft is kept (docs/cli.md, "Files are never lost") until --force.
              expect({ step: a, code: r.code }).toEqual({ step: a, code: 2 });
              expect(r.err).toMatch(/--force/);
              met.add("report kept");
            } else {
              if (r.code !== 0) throw new Error(`${JSON.stringify(a)}: exit ${r.code}: ${r.err}`);
              met.add(
                report === "none" ? "report" : `report replaced${report === "edited" ? " by force" : ""}`,
              );
              report = "pristine";
              changed = ["report.docx"];
            }
          } else {
            const outName =
              a.target === "inPlace"
                ? name
                : a.target === "copy"
                  ? ([...names, "out.xlsx"][a.to % (names.length + 1)] as string)
                  : defaultOutput(name, a.period);
            const target = files.get(outName);
            // The sheets this run replaces: an edit elsewhere (another quarter's summary tab) is kept, not refused.
            const replaced = new Set([
              "Kết quả",
              "Xếp hạng",
              "Kiểm tra",
              summarySheetName(periodArg(a.period) ?? a.period, "vi"),
            ]);
            const argv = ["compute", name, "--period", a.period, "--no-robustness"];
            if (a.target === "inPlace") argv.push("--in-place");
            if (a.target === "copy") argv.push("-o", outName);
            if (a.force) argv.push("--force");
            const r = await cli(dir, ...argv);
            // Refused: an existing file that is not an unchanged output of ictplan's (docs/cli.md, "Files are never
            // lost"), or, in place, one whose own sheets were typed over; --force overrides both.
            const refused =
              outName === name && a.target !== "inPlace"
                ? // The input itself as -o: refused whatever the flags (--in-place is how to write into it).
                  /--in-place/
                : // An input whose sheets of ictplan's that this run replaces were typed over (the typing would not reach
                  // the output), or an existing target that is not an unchanged output.
                  !a.force &&
                    (state.ownedEdited.some((s) => replaced.has(s)) ||
                      (a.target !== "inPlace" && target !== undefined && !target.pristineOutput))
                  ? /--force/
                  : null;
            if (a.period === "2015-Q3" && !newRows(state.typed)) {
              // No figures for the period: the plan is read and refused before the output is looked at.
              expect({ step: a, code: r.code }).toEqual({ step: a, code: 1 });
              expect(r.err).toMatch(/Quý III\/2015/);
              met.add("no figures");
            } else if (refused) {
              met.add(`refused ${refused.source}`);
              expect({ step: a, code: r.code }).toEqual({ step: a, code: 2 });
              expect(r.err).toMatch(refused);
            } else {
              if (r.code !== 0) throw new Error(`${JSON.stringify(a)}: exit ${r.code}: ${r.err}`);
              met.add(`written ${a.target}${target ? " over an output" : ""}`);
              const written = await fs.readFile(path.join(dir, outName));
              // The output's ictplan sheets are what a fresh run of the same plan and period writes.
              const ownedSheets = await sheetsOf(written, true);
              const expected = await freshRun(state.typed, a.period);
              expect([...ownedSheets.keys()].filter((s) => expected.has(s)).sort()).toEqual(
                [...expected.keys()].sort(),
              );
              for (const [sheet, content] of expected)
                expect({ sheet, content: ownedSheets.get(sheet) }).toEqual({ sheet, content });
              // Typing in a sheet of ictplan's that this run does not replace (last quarter's summary tab) goes along.
              const carried = state.ownedEdited.filter((s) => !replaced.has(s));
              files.set(outName, {
                typed: state.typed,
                pristineOutput: !carried.length,
                ownedEdited: carried,
              });
              changed = [outName];
            }
          }

          const after = await snapshot(dir);
          expect([...after.keys()].filter((n) => /\.tmp$|^\.~|ictplan-tmp/i.test(n))).toEqual([]);
          for (const [n, bytes] of before)
            if (!changed.includes(n))
              expect({ file: n, same: bytes.equals(after.get(n) ?? Buffer.alloc(0)) }).toEqual({
                file: n,
                same: true,
              });
          // Nothing the planner typed is lost, in every file.
          for (const [n, s] of files) {
            const bytes = after.get(n) as Buffer;
            const last = new Map(s.typed.map((e) => [`${e.sheet}!${e.cell}`, e]));
            for (const e of last.values())
              expect({
                file: n,
                cell: `${e.sheet}!${e.cell}`,
                value: await cellValue(bytes, e.sheet, e.cell),
              }).toEqual({
                file: n,
                cell: `${e.sheet}!${e.cell}`,
                value: e.value,
              });
          }
        }
        await fs.rm(dir, { recursive: true, force: true });
        await fs.rm(`${dir}-fresh`, { recursive: true, force: true });
      }),
      { numRuns: RUNS, seed: Number(process.env.QUARTERS_SEED ?? 20151231), endOnFailure: true },
    );
    if (RUNS >= 16)
      expect([...met].sort()).toEqual(
        expect.arrayContaining([
          "no figures",
          "refused --force",
          "refused --in-place",
          "report",
          "report kept",
          "report replaced",
          "written copy",
          "written copy over an output",
          "written default",
          "written inPlace over an output",
        ]),
      );
  }, 600000);
});
