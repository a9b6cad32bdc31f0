/** The CLI's lighter runs (validate: checks only; report: no output sheets) say what a full run says. */
import fc from "fast-check";
import { planRowsToGrids } from "../../src/engine/planRows";
import { runPlan } from "../../src/engine/pipeline";
import { checkWorkbook } from "../../src/engine/validate";
import { planRowsArb } from "../helpers/randomPlan";

const asOf = "2015-04-10";

describe("runs without the output sheets", () => {
  it("find the same findings, results and summary as a full run, for every plan and period tried", () => {
    fc.assert(
      fc.property(planRowsArb(), fc.constantFrom(null, "2014-Q4", "2015-Q1", "2016-Q2"), (rows, period) => {
        const grids = planRowsToGrids(rows);
        const options = { period, lang: "vi" as const, robustness: false, asOf };
        const full = runPlan(grids, options);
        const light = runPlan(grids, { ...options, sheets: false });
        const checked = checkWorkbook(grids, period);
        expect(full.sheets.length).toBeGreaterThan(0);
        expect(checked.findings).toEqual(full.findings);
        expect(checked.period).toEqual(full.period);
        expect(light.findings).toEqual(full.findings);
        expect(light.refused).toEqual(full.refused);
        expect(light.results).toEqual(full.results);
        expect(light.summary).toEqual(full.summary);
        // A refused run still has its checks sheet, saying why; otherwise no sheet is built.
        expect(light.sheets.map((s) => s.kind)).toEqual(full.refused ? ["findings"] : []);
      }),
      { numRuns: 60 },
    );
  });
});
