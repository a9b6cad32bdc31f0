/**
 * Objects the planner put on output sheets: compute refuses before writing, saying in the planner's language which
 * sheets hold what and what to do; --force writes the sheets without them.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCli } from "../helpers/cli";
import { editPackage } from "../helpers/packages";
import { onOutputSheets } from "../helpers/plannerFeatures";
import { runPlan } from "../../src/engine/pipeline";
import { samplePlanRows } from "../../src/engine/sample";
import { buildTemplate } from "../../src/workbook/xlsx/template";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-objects-"));
  const wb = await XlsxWorkbook.load(await XlsxWorkbook.of(buildTemplate(samplePlanRows())).save());
  await wb.applySheets(
    runPlan(await wb.readGrids(), { period: "2015-Q1", lang: "vi", robustness: false }).sheets,
  );
  await fs.writeFile(
    path.join(dir, "plan.xlsx"),
    await editPackage(await wb.save(), onOutputSheets.edits, onOutputSheets.add),
  );
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const cli = (lang: string, ...argv: string[]) =>
  runCli(dir, { LANG: lang }, ["compute", "plan.xlsx", "--period", "2015-Q2", "--no-robustness", ...argv]);
const exists = (file: string) =>
  fs.stat(path.join(dir, file)).then(
    () => true,
    () => false,
  );

it("refused in the planner's language, naming the sheets and what they hold; nothing written", async () => {
  const vi = await cli("vi_VN.UTF-8", "-o", "vi.xlsx");
  expect(vi.code).toBe(2);
  expect(vi.err).toContain(
    "Sheet Kết quả, Xếp hạng, Kiểm tra có biểu đồ, hình ảnh, bảng, ghi chú, liên kết bạn đặt vào; ictplan ghi lại sheet đó từ đầu nên chưa ghi gì",
  );
  expect(await exists("vi.xlsx")).toBe(false);
  const en = await cli("en_US.UTF-8", "-o", "en.xlsx", "--json");
  expect(en.code).toBe(2);
  const json = JSON.parse(en.out) as { error: string; message: string };
  expect(json.error).toBe("plannersObjects");
  expect(json.message).toContain(
    "Sheet Kết quả, Xếp hạng, Kiểm tra holds charts, pictures, tables, notes, links you put there; ictplan writes that sheet anew, so it wrote nothing",
  );
  expect(await exists("en.xlsx")).toBe(false);
  const forced = await cli("en_US.UTF-8", "-o", "forced.xlsx", "--force");
  expect([forced.code, await exists("forced.xlsx")]).toEqual([0, true]);
});

it("not said of the product's own tables and charts: next quarter over the last one's output, with the draw thread, and in the other language", async () => {
  const run = (lang: string, ...argv: string[]) => runCli(dir, { LANG: lang }, ["compute", ...argv]);
  const sample = await runCli(dir, {}, ["sample", "-o", "clean.xlsx"]);
  expect(sample.code).toBe(0);
  // With robustness, Xếp hạng is built on the draw thread: the sheets handed to the write hold its stand-in.
  const q1 = await run("vi_VN.UTF-8", "clean.xlsx", "--period", "2015-Q1", "-o", "q1.xlsx");
  const q2 = await run("vi_VN.UTF-8", "q1.xlsx", "--period", "2015-Q2", "-o", "q2.xlsx");
  const again = await run("vi_VN.UTF-8", "q2.xlsx", "--period", "2015-Q2", "--in-place");
  // The summary of Quý II/2015 replaced by its English one: the charts' titles differ, their names do not.
  const en = await run("en_US.UTF-8", "q2.xlsx", "--period", "2015-Q2", "-o", "q2-en.xlsx", "--lang", "en");
  expect(
    [q1, q2, again, en].map((r) => [
      r.code,
      r.err.includes("plannersObjects") || /bạn đặt vào|you put there/.test(r.err),
    ]),
  ).toEqual([
    [0, false],
    [0, false],
    [0, false],
    [0, false],
  ]);
});
