/** Task-pane figures: gzipped first-load JavaScript of a fresh production build, and render times in headless Chromium. */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build, serve } from "../scripts/serve";
import { haveChromium, launchChromium } from "../scripts/chromium";
import { XlsxWorkbook } from "../src/workbook/xlsx/xlsxWorkbook";
import { buildTemplate } from "../src/workbook/xlsx/template";
import { generatePlanRows } from "./generate";

const officeDist = path.join(__dirname, "..", "node_modules", "@microsoft", "office-js", "dist");

export interface PaneFigures {
  /** taskpane.*.js, gzipped: what Excel loads before the pane can render. */
  bundleGzipKB: number;
  /** The preview's own first-load JavaScript (without ExcelJS, loaded on first file). */
  previewGzipKB: number;
  /** ms from navigation start until the text is on screen; null without Chromium. */
  taskpaneFirstRenderMs: number | null;
  previewFirstRenderMs: number | null;
  /** ms from the click on the sample button until the pane shows the plan. */
  sampleLoadedMs: number | null;
}

async function gzKB(dir: string, prefix: string): Promise<number> {
  let total = 0;
  for (const f of (await fs.readdir(dir)).filter((x) => x.startsWith(prefix) && x.endsWith(".js")))
    total += gzipSync(await fs.readFile(path.join(dir, f)), { level: 9 }).length;
  return total / 1024;
}

/** Builds the add-in into a temporary folder and measures it. */
export async function measurePane(): Promise<PaneFigures> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-bench-"));
  try {
    build(dir);
    const figures: PaneFigures = {
      bundleGzipKB: await gzKB(dir, "taskpane."),
      previewGzipKB: await gzKB(dir, "preview."),
      taskpaneFirstRenderMs: null,
      previewFirstRenderMs: null,
      sampleLoadedMs: null,
    };
    if (!haveChromium()) return figures;
    const server = await serve(dir);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.route("https://appsforoffice.microsoft.com/**", (route) =>
        route.fulfill({
          path: path.join(
            officeDist,
            new URL(route.request().url()).pathname.replace(/^\/lib\/1\/hosted\//, ""),
          ),
          contentType: "text/javascript",
        }),
      );
      const sinceStart = () => page.evaluate(() => performance.now());
      await page.goto(`${server.url}/taskpane.html`);
      await page.getByText("Hãy mở bảng điều khiển này trong Excel").waitFor();
      figures.taskpaneFirstRenderMs = await sinceStart();
      await page.goto(`${server.url}/preview.html`);
      await page.getByRole("button", { name: "Dùng tệp mẫu Lào Cai" }).waitFor();
      figures.previewFirstRenderMs = await sinceStart();
      const clicked = await sinceStart();
      await page.getByRole("button", { name: "Dùng tệp mẫu Lào Cai" }).click();
      await page.locator(".facts").waitFor();
      figures.sampleLoadedMs = (await sinceStart()) - clicked;
    } finally {
      await browser.close();
      server.close();
    }
    return figures;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Long tasks on the pane's thread during one action, and how fast Cancel answers. */
export interface StallFigures {
  units: number;
  /** ms the action took, click to message. */
  actionMs: number;
  /** The longest task (PerformanceObserver "longtask", over 50 ms) and in which stage it happened. */
  longestTaskMs: number;
  longestTaskStage: string;
  /** Every long task over 200 ms: stage and duration. */
  over200: { stage: string; ms: number }[];
  /** Distinct progress counts seen during the action (draws or rows done of total within the long stages). */
  progressTexts: number;
  progressSample: string[];
  /** ms from a click on Cancel (at each stage it was tried) until the pane said it was cancelled. */
  cancelMs: { stage: string; ms: number }[];
}

/** Opens a generated plan of `units` units in the preview served from `dir` and measures compute + write. */
export async function measureStalls(dir: string, units = 1000): Promise<StallFigures> {
  const big = await XlsxWorkbook.of(buildTemplate(generatePlanRows(units, 50, 8))).save();
  const server = await serve(dir);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const open = async () => {
      await page.goto(`${server.url}/preview.html?pane=350`);
      await page.locator('input[type="file"]').setInputFiles({
        name: "ke-hoach.xlsx",
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        buffer: Buffer.from(big),
      });
      await page.locator(".facts").waitFor({ timeout: 120000 });
      // A string, not a function: tsx would wrap the function's inner names in a helper the page lacks.
      await page.evaluate(`(() => {
        window.stalls = [];
        window.texts = new Set();
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) window.stalls.push({ start: e.startTime, ms: Math.round(e.duration) });
        }).observe({ type: "longtask" });
        new MutationObserver(() => {
          const count = document.querySelector(".pane-progress-count");
          if (count) window.texts.add(count.textContent);
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
      })()`);
    };
    await open();
    const t0 = Date.now();
    await page.getByRole("button", { name: "Tính toán & xếp hạng" }).click();
    await page.getByText(/^Xong: đã ghi/).waitFor({ timeout: 600000 });
    const actionMs = Date.now() - t0;
    // The preview's grid reads the written workbook again after the action: its tasks count too.
    await page.waitForTimeout(5000);
    // Each long task belongs to the stage whose mark (the pane sets one as each stage starts) comes before it.
    const { stalls, texts } = await page.evaluate<{
      stalls: { stage: string; ms: number }[];
      texts: string[];
    }>(`(() => {
      const marks = performance.getEntriesByType("mark").filter((m) => m.name.startsWith("ictplan:"));
      const stageAt = (t) => marks.filter((m) => m.startTime <= t).pop()?.name.slice(8) ?? "before";
      return { stalls: window.stalls.map((s) => ({ stage: stageAt(s.start), ms: s.ms })), texts: [...window.texts] };
    })()`);
    const longest = stalls.reduce((a, b) => (b.ms > a.ms ? b : a), { stage: "", ms: 0 });
    const cancelMs: { stage: string; ms: number }[] = [];
    for (const stage of ["Đang kiểm tra", "Đang tính toán", "Đang lập"]) {
      await open();
      await page.getByRole("button", { name: "Tính toán & xếp hạng" }).click();
      await page.locator(".pane-progress", { hasText: stage }).waitFor({ timeout: 600000 });
      const ms = await page.evaluate<number>(`new Promise((resolve) => {
        const start = performance.now();
        const done = new MutationObserver(() => {
          if (document.body.textContent.includes("Đã hủy")) {
            done.disconnect();
            resolve(performance.now() - start);
          }
        });
        done.observe(document.body, { subtree: true, childList: true, characterData: true });
        const cancel = [...document.querySelectorAll("button")].find((b) => b.textContent === "Hủy");
        if (!cancel) resolve(-1);
        else cancel.click();
      })`);
      cancelMs.push({ stage, ms: Math.round(ms) });
    }
    return {
      units,
      actionMs,
      longestTaskMs: longest.ms,
      longestTaskStage: longest.stage,
      over200: stalls.filter((s) => s.ms > 200),
      progressTexts: texts.length,
      progressSample: texts.slice(0, 3).concat(texts.slice(-2)),
      cancelMs,
    };
  } finally {
    await browser.close();
    server.close();
  }
}

if (require.main === module) {
  // PANE_DIST=dir measures the long tasks of a bundle already built there.
  const dist = process.env.PANE_DIST;
  if (dist) void measureStalls(dist).then((f) => console.log(JSON.stringify(f, null, 2)));
  else void measurePane().then((f) => console.log(JSON.stringify(f, null, 2)));
}
