import { FakeExcel, installExcelEnums } from "./tests/fakeExcel/fakeExcel";
import { OfficeWorkbook } from "./src/workbook/office/officeWorkbook";
import { planRowsToGrids } from "./src/engine/planRows";
import { runPlan } from "./src/engine/pipeline";
import { generatePlanRows } from "./bench/generate";
installExcelEnums();
(async () => {
  const host = FakeExcel.withGrids(planRowsToGrids(generatePlanRows(1000, 20, 6)));
  const wb = new OfficeWorkbook(host.runner());
  let s = Date.now();
  const grids = await wb.readGrids();
  console.log("read", Date.now() - s);
  s = Date.now();
  const run = runPlan(grids, { period: "2015-Q2", lang: "vi", robustness: false });
  console.log("run", Date.now() - s);
  s = Date.now();
  await wb.applySheets(run.sheets);
  console.log("apply", Date.now() - s, host.log.length);
})();
