import { promises as fs } from "node:fs";
import { XlsxWorkbook } from "../src/workbook/xlsx/xlsxWorkbook";
import { runPlan } from "../src/engine/pipeline";
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
(async () => {
  const file = process.argv[2];
  const rob = process.argv[3] === "rob";
  let t = cpu(); const lap = (l: string) => { const n = cpu(); console.log(l.padEnd(12), Math.round(n - t)); t = n; };
  const bytes = await fs.readFile(file); lap("read");
  const wb = await XlsxWorkbook.load(bytes); lap("load");
  const grids = await wb.readGrids(); lap("readGrids");
  const run = runPlan(grids, { period: "2015-Q4", lang: "vi", robustness: rob }); lap("runPlan");
  await wb.applySheets(run.sheets); lap("applySheets");
  const out = await wb.save(); lap("save");
  console.log("MB", out.length / 1048576, "peak", process.resourceUsage().maxRSS / 1024);
})();
