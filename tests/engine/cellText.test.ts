import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan } from "../../src/engine/pipeline";
import { MAX_CELL_TEXT } from "../../src/engine/sheetSpec";

describe("text written into cells", () => {
  it("never passes Excel's 32,767 characters, even when a message quotes a planner's longest text", () => {
    const rows = samplePlanRows();
    const long = "x".repeat(MAX_CELL_TEXT);
    // An unknown setting's label is quoted in its finding, so the message is longer than the label.
    const settings = [...rows.settings, [long, "1"] as const];
    const run = runPlan(planRowsToGrids({ ...rows, settings }), { lang: "vi", robustness: false });
    const texts = run.sheets.flatMap((s) =>
      s.blocks.flatMap((b) => b.cells.flatMap((r) => r.map((c) => c.value))),
    );
    const strings = texts.filter((v): v is string => typeof v === "string");
    const quoted = strings.filter((v) => v.includes("xxxxxxxxxx"));
    expect(quoted.length).toBeGreaterThan(0);
    expect(Math.max(...strings.map((v) => v.length))).toBeLessThanOrEqual(MAX_CELL_TEXT);
    expect(quoted.some((v) => v.length === MAX_CELL_TEXT && v.endsWith("…"))).toBe(true);
  });
});
