/**
 * One planner's year through the CLI, step by step as they work: a quarter computed, the next one computed on its
 * output, a figure of the earlier quarter corrected after the later summary exists.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCli } from "../helpers/cli";
import { samplePlanRows } from "../../src/engine/sample";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-year-"));
  await fs.writeFile(
    path.join(dir, "plan.xlsx"),
    await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save(),
  );
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const cli = (...argv: string[]) => runCli(dir, { LANG: "vi_VN.UTF-8" }, [...argv, "--no-robustness"]);
const read = async (f: string) => XlsxWorkbook.load(new Uint8Array(await fs.readFile(path.join(dir, f))));
/** A sheet's values, read back. */
const valuesOf = async (f: string, sheet: string) =>
  (await (await read(f)).readGrids()).sheets.find((g) => g.sheet === sheet)?.values;

describe("a Q1 figure corrected after the Q2 summary was made", () => {
  it("re-making Q1 says the Q2 tab still compares with Q1 as it was, and the command it gives makes it anew", async () => {
    expect((await cli("compute", "plan.xlsx", "--period", "2015-Q1")).err).not.toContain("Lưu ý");
    const q2 = await cli("compute", "plan-ictplan-2015-Q1.xlsx", "--period", "2015-Q2");
    expect([q2.code, q2.err.includes("Lưu ý")]).toEqual([0, false]);

    // The planner corrects SNV's Q1 computers in the Q2 output, and makes Q1 again.
    const wb = await read("plan-ictplan-2015-Q2.xlsx");
    const figures = (await wb.readGrids()).sheets.find((g) => g.sheet === "Số liệu")!;
    const row = figures.values.findIndex((r) => r[0] === "SNV" && r[1] === "Quý I/2015") + figures.originRow;
    expect(row).toBeGreaterThan(1);
    wb.writeCells([{ sheet: "Số liệu", cell: `D${row}`, value: 0 }]);
    await fs.writeFile(path.join(dir, "corrected.xlsx"), await wb.save());
    const q1 = await cli("compute", "corrected.xlsx", "--period", "2015-Q1", "-o", "q1-again.xlsx");
    expect(q1.code).toBe(0);
    expect(q1.err).toContain(
      "Lưu ý: sheet Tổng hợp Quý II-2015 đã lập trước đó là bản chụp, vẫn dùng số liệu Quý I/2015 như lúc lập; nếu vừa sửa số liệu Quý I/2015, lập lại sheet đó: ictplan compute q1-again.xlsx --period 2015-Q2 --in-place",
    );
    // With --json, in its notes too, the period as its key.
    const json = await cli(
      "compute",
      "corrected.xlsx",
      "--period",
      "2015-Q1",
      "-o",
      "q1-json.xlsx",
      "--json",
    );
    expect((JSON.parse(json.out) as { notes: { code: string; params: unknown }[] }).notes).toEqual([
      {
        code: "laterSummary",
        params: { sheet: "Tổng hợp Quý II-2015", file: "q1-json.xlsx", later: "2015-Q2", period: "2015-Q1" },
        message: expect.stringContaining(
          "ictplan compute q1-json.xlsx --period 2015-Q2 --in-place",
        ) as string,
      },
    ]);
    // The Q2 tab as a fresh run from the corrected plan makes it, which the tab in the file is not yet.
    expect((await cli("compute", "corrected.xlsx", "--period", "2015-Q2", "-o", "fresh.xlsx")).code).toBe(0);
    const fresh = await valuesOf("fresh.xlsx", "Tổng hợp Quý II-2015");
    expect(await valuesOf("q1-again.xlsx", "Tổng hợp Quý II-2015")).not.toEqual(fresh);
    const again = await cli("compute", "q1-again.xlsx", "--period", "2015-Q2", "--in-place");
    expect([again.code, again.err.includes("Lưu ý")]).toEqual([0, false]);
    expect(await valuesOf("q1-again.xlsx", "Tổng hợp Quý II-2015")).toEqual(fresh);
  });
});
