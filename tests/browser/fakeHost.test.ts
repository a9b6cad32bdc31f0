/**
 * The task pane in headless Chromium as Excel runs it (App over the Office adapter), over the strict fake host
 * (tests/fakeExcel) instead of Excel: the planner edits the workbook in "Excel" (the host's user hooks) while the pane
 * is open, and the pane follows without a click, at a real task-pane width; where the host has no change events
 * (below ExcelApi 1.9), when the planner comes back to the pane. Excel's event handlers do not pile up.
 * The page (tests/browser/fakeHostPage.tsx) is bundled here with esbuild; no request may leave 127.0.0.1.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build, type Plugin } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { serve } from "../../scripts/serve";
import { haveChromium, launchChromium } from "../../scripts/chromium";
import { excelEnums } from "../fakeExcel/excelEnums";
import type { FakeExcel } from "../fakeExcel/fakeExcel";
import { templateHeaders } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";
import { a1 } from "../../src/engine/grid";

const root = path.join(__dirname, "..", "..");
const artefacts = path.join(root, "test-results");

if (!haveChromium() && process.env.CI === "true")
  throw new Error("CI needs Debian's chromium for the browser tests (apt-get install chromium)");
const describeBrowser = haveChromium() ? describe : describe.skip;

/** Node's modules the fake host's helpers import but never call in the page (they read files in Node only). */
const nodeStubs: Plugin = {
  name: "node-stubs",
  setup(b) {
    b.onResolve({ filter: /^node:(fs|zlib)$/ }, (a) => ({ path: a.path, namespace: "stub" }));
    b.onLoad({ filter: /.*/, namespace: "stub" }, () => ({
      contents:
        'export default {}; export function readFileSync() { throw new Error("no files in a page"); }',
      loader: "js",
    }));
  },
};

/** The pane's worker is the bundle built beside the page (webpack names it from the .ts; esbuild does not). */
const workerName: Plugin = {
  name: "worker-name",
  setup(b) {
    b.onLoad({ filter: /workerEngine\.ts$/ }, async (a) => ({
      contents: (await fs.readFile(a.path, "utf8")).replace('"./engine.worker.ts"', '"./engine.worker.js"'),
      loader: "ts",
    }));
  },
};

/** Bundles the page and the engine's worker into `dir`, with an index.html that loads them. */
async function buildPage(dir: string): Promise<void> {
  const common = {
    bundle: true,
    platform: "browser" as const,
    logLevel: "silent" as const,
    target: "es2022",
  };
  await build({
    ...common,
    entryPoints: [path.join(__dirname, "fakeHostPage.tsx")],
    outfile: path.join(dir, "page.js"),
    format: "esm",
    jsx: "automatic",
    // The fake host reads process.env (FAKE_PROFILE); React its NODE_ENV.
    define: {
      EXCEL_ENUMS: JSON.stringify(excelEnums()),
      "process.env.NODE_ENV": '"production"',
      "process.env.FAKE_PROFILE": "undefined",
    },
    plugins: [nodeStubs, workerName],
  });
  await build({
    ...common,
    entryPoints: [path.join(root, "src", "taskpane", "engine.worker.ts")],
    outfile: path.join(dir, "engine.worker.js"),
    format: "iife",
  });
  await fs.writeFile(
    path.join(dir, "index.html"),
    '<!doctype html><html lang="vi"><head><meta charset="UTF-8" />' +
      '<meta name="viewport" content="width=device-width, initial-scale=1" /></head>' +
      '<body><div id="root"></div><script type="module" src="page.js"></script></body></html>',
  );
}

/** What the test does to the host in the page: the planner's edits in Excel, and the count of handlers registered. */
type HostWindow = Window & {
  fakeHost: FakeExcel;
  paneShow: () => void;
  paneHide: () => void;
};

const QUARTER_TIMEOUT = 15_000;
// What the pane says once Đơn vị is renamed "DV cũ" (RENAMED_SHEET).
const RENAMED = "Sheet “DV cũ” có dòng tiêu đề của sheet “Đơn vị”";

describeBrowser("the pane over the fake host, in Chromium", () => {
  let dir: string;
  let server: { url: string; close: () => void };
  let browser: Browser;
  const foreign: string[] = [];

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-fakehost-"));
    await buildPage(dir);
    server = await serve(dir);
    browser = await launchChromium();
    await fs.mkdir(artefacts, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  afterEach(() => expect(foreign.splice(0)).toEqual([]));

  /** The pane at a task pane's width over a host of this ExcelApi version, once it has read the workbook. */
  async function openPane(width: number, api: string, lang: "vi" | "en" = "vi"): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width, height: 800 } })).newPage();
    page.on("pageerror", (e) => foreign.push(`page error: ${e.message}`));
    await page.route("**/*", async (route) => {
      const url = new URL(route.request().url());
      if (url.origin === server.url) return route.continue();
      foreign.push(url.href);
      return route.abort();
    });
    await page.goto(`${server.url}/index.html?api=${api}&lang=${lang}`);
    await page.locator(".facts").waitFor({ timeout: 30_000 });
    return page;
  }

  /** The count of Excel event handlers the host has registered now. */
  const handlerCount = (page: Page) =>
    page.evaluate(() => (window as unknown as HostWindow).fakeHost.handlerCount());

  /** The planner types into cells in Excel (the host's user hook: not through the API, an event if registered). */
  const typeIn = (page: Page, sheet: string, cells: Record<string, string | number>) =>
    page.evaluate(
      ([s, c]) => {
        for (const [address, value] of Object.entries(c))
          (window as unknown as HostWindow).fakeHost.userEdit(s, address, value);
      },
      [sheet, cells] as const,
    );

  /** A quarter's row of figures typed at the end of Số liệu. */
  const addQuarterRow = (page: Page) => {
    const next = samplePlanRows().figures.length + 2;
    return typeIn(page, "Số liệu", { [`A${next}`]: "STTTT", [`B${next}`]: "Quý III/2015", [`C${next}`]: 1 });
  };

  /**
   * The planner goes to Excel's grid and comes back to the pane: another window in front, then the pane's again. The
   * pane then gets a real window `focus` event (Playwright's focus emulation, which keeps every page focused, is off).
   */
  async function comeBack(page: Page): Promise<void> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setFocusEmulationEnabled", { enabled: false });
    const grid = await page.context().newPage();
    await grid.bringToFront();
    await page.bringToFront();
    await grid.close();
  }

  /** The pane hidden, then shown again. Headless Chromium keeps every page visible, so the page's visibility state is
   *  set and the event the browser sends with it dispatched. */
  const hideAndShow = (page: Page) =>
    page.evaluate(() => {
      for (const state of ["hidden", "visible"]) {
        Object.defineProperty(document, "visibilityState", { value: state, configurable: true });
        document.dispatchEvent(new Event("visibilitychange"));
      }
    });

  /** Opens a view by its tab, or from the ⋯ menu where the pane is too narrow to show its tab (pane.test.ts too). */
  async function openView(page: Page, name: string): Promise<void> {
    const tab = page.locator(".pane").getByRole("tab", { name: new RegExp(`^${name}`) });
    if (await tab.isVisible()) await tab.click();
    else {
      await page.locator(".pane .more-views").click();
      await page.getByRole("menuitem", { name: new RegExp(`^${name}`) }).click();
    }
    await expect(tab.getAttribute("aria-selected")).resolves.toBe("true");
  }

  const renameSheet = (page: Page, from: string, to: string) =>
    page.evaluate(([f, t]) => (window as unknown as HostWindow).fakeHost.userRenameSheet(f, t), [
      from,
      to,
    ] as const);

  const periodsShown = (page: Page) => page.locator(".facts dd").nth(periodsRow).innerText();
  let periodsRow = 0;

  /** The row of Kỳ có số liệu in Tổng quan's facts. */
  async function findPeriodsRow(page: Page, label: string): Promise<void> {
    const labels = await page.locator(".facts dt").allInnerTexts();
    periodsRow = labels.findIndex((t) => t.startsWith(label));
    expect(periodsRow).toBeGreaterThanOrEqual(0);
  }

  it("at 320 px with change events: a new quarter's row, a figure and a renamed sheet show without a click", async () => {
    const page = await openPane(320, "1.17");
    await findPeriodsRow(page, "Kỳ có số liệu");
    expect(await periodsShown(page)).not.toContain("III/2015");
    const registered = await handlerCount(page);
    expect(registered).toBe(4);

    // A period row added at the end of Số liệu, cell by cell as the planner types it.
    await addQuarterRow(page);
    await page.locator(".facts dd", { hasText: "III/2015" }).waitFor({ timeout: QUARTER_TIMEOUT });
    // …and the period list offers it.
    await page.getByRole("combobox").first().click();
    await page.getByRole("option", { name: "Quý III/2015" }).waitFor({ timeout: QUARTER_TIMEOUT });
    await page.keyboard.press("Escape");

    // A figure changed to one the check refuses (C2 is a Có/Không): its finding appears in Kết quả kiểm tra.
    await openView(page, "Kết quả kiểm tra");
    const negative = page.locator(".finding", { hasText: "“-5” không phải Có/Không" });
    await expect(negative.count()).resolves.toBe(0);
    await typeIn(page, "Số liệu", { C2: -5 });
    await negative.first().waitFor({ timeout: QUARTER_TIMEOUT });
    await expect(negative.locator(".finding-cell").innerText()).resolves.toBe("C2");

    // Đơn vị renamed: the pane names the sheet that holds its header row and says to rename it back; no button that
    // would add an empty Đơn vị beside it.
    await renameSheet(page, "Đơn vị", "DV cũ");
    await page.getByText(RENAMED, { exact: false }).waitFor({ timeout: QUARTER_TIMEOUT });
    await expect(
      page.getByText("đổi tên sheet “DV cũ” thành “Đơn vị”", { exact: false }).count(),
    ).resolves.toBe(1);
    await expect(page.getByText("Thêm sheet “Đơn vị” theo mẫu", { exact: false }).count()).resolves.toBe(0);
    await expect(page.getByText("Không còn sheet", { exact: false }).count()).resolves.toBe(0);
    await page
      .locator(".pane")
      .screenshot({ path: path.join(artefacts, "pane-vi-fakehost-renamed-320.png") });

    // A blank Đơn vị tính: the finding says where and what to type, not that a column does not match.
    await renameSheet(page, "DV cũ", "Đơn vị");
    const measureCell = a1(2, templateHeaders("indicators").indexOf("Đơn vị tính") + 1);
    await typeIn(page, "Chỉ tiêu", { [measureCell]: "" });
    const code = String(samplePlanRows().indicators[0][0]);
    await page
      .getByText(`chưa có đơn vị tính (ô ${measureCell} trống)`, { exact: false })
      .waitFor({ timeout: QUARTER_TIMEOUT });
    await expect(
      page
        .getByText(`Nhập đơn vị tính vào ô ${measureCell}, một trong: %; Số lượng; Có/Không; Triệu đồng.`, {
          exact: false,
        })
        .count(),
    ).resolves.toBe(1);
    await expect(page.getByText("không khớp mã chỉ tiêu nào", { exact: false }).count()).resolves.toBe(0);
    await expect(
      page.getByText(`Số liệu cột “${code}” chưa được tính`, { exact: false }).count(),
    ).resolves.toBe(1);
    await page
      .locator(".pane")
      .screenshot({ path: path.join(artefacts, "pane-vi-fakehost-measure-320.png") });
    // Readings of the pane's own accord registered nothing more.
    await expect(handlerCount(page)).resolves.toBe(registered);
    await page.close();
  }, 120_000);

  it("Excel's handlers do not pile up: ten checks, a computation, language switches, the pane closed and opened ten times", async () => {
    const page = await openPane(350, "1.17");
    // changed, added, deleted and renamed (ExcelApi 1.17).
    await expect(handlerCount(page)).resolves.toBe(4);
    const settle = async () => {
      await page.locator(".pane-status .fui-MessageBar").first().waitFor();
      await page.getByRole("progressbar").waitFor({ state: "detached" });
    };
    for (let i = 0; i < 10; i++) {
      await openView(page, "Tổng quan");
      await page.getByRole("button", { name: "Kiểm tra", exact: true }).click();
      await settle();
    }
    await openView(page, "Tổng quan");
    await page.getByRole("button", { name: "Tính toán & xếp hạng" }).click();
    await page.getByRole("button", { name: "Tính toán & xếp hạng" }).waitFor({ state: "visible" });
    await settle();
    await expect(handlerCount(page)).resolves.toBe(4);
    for (const [from, to] of [
      ["Cấu hình", "English"],
      ["Settings", "Tiếng Việt"],
    ]) {
      await openView(page, from);
      await page.getByRole("combobox", { name: from === "Cấu hình" ? "Ngôn ngữ" : "Language" }).click();
      await page.getByRole("option", { name: to }).click();
    }
    await page
      .locator(".pane")
      .getByRole("tab", { name: /^Tổng quan/ })
      .waitFor();
    await expect(handlerCount(page)).resolves.toBe(4);
    // The pane closed and opened again: the handlers of the pane closed are removed, not kept silenced.
    for (let i = 0; i < 10; i++) {
      await page.evaluate(() => (window as unknown as HostWindow).paneHide());
      await page.waitForFunction(() => (window as unknown as HostWindow).fakeHost.handlerCount() === 0);
      await page.evaluate(() => (window as unknown as HostWindow).paneShow());
      await page.locator(".facts").waitFor();
    }
    await page.waitForFunction(() => (window as unknown as HostWindow).fakeHost.handlerCount() === 4);
    // Still one listener per event: a change is read once, the pane still follows.
    await addQuarterRow(page);
    await page.locator(".facts dd", { hasText: "III/2015" }).waitFor({ timeout: QUARTER_TIMEOUT });
    await expect(handlerCount(page)).resolves.toBe(4);
    await page.close();
  }, 180_000);

  it("at 450 px on ExcelApi 1.9, which tells edits but not renames: coming back to the pane reads a rename", async () => {
    const page = await openPane(450, "1.9");
    await expect(handlerCount(page)).resolves.toBe(3);
    await openView(page, "Kết quả kiểm tra");
    const missing = page.getByText(RENAMED, { exact: false });
    await renameSheet(page, "Đơn vị", "DV cũ");
    await page.waitForTimeout(2_500);
    await expect(missing.count()).resolves.toBe(0);
    await comeBack(page);
    await missing.first().waitFor({ timeout: QUARTER_TIMEOUT });
    await page.close();
  }, 120_000);

  it("at 270 px below ExcelApi 1.9: nothing is told, and coming back to the pane reads the workbook again", async () => {
    const page = await openPane(270, "1.8");
    await findPeriodsRow(page, "Kỳ có số liệu");
    await expect(handlerCount(page)).resolves.toBe(0);
    await addQuarterRow(page);
    // Not told: the pane still shows what it read.
    await page.waitForTimeout(2_500);
    expect(await periodsShown(page)).not.toContain("III/2015");
    // The planner comes back to the pane from the grid.
    await comeBack(page);
    await page.locator(".facts dd", { hasText: "III/2015" }).waitFor({ timeout: QUARTER_TIMEOUT });
    // The pane hidden and shown again after a sheet renamed: read again too.
    await openView(page, "Kết quả kiểm tra");
    const missing = page.getByText(RENAMED, { exact: false });
    await renameSheet(page, "Đơn vị", "DV cũ");
    await page.waitForTimeout(2_500);
    await expect(missing.count()).resolves.toBe(0);
    await hideAndShow(page);
    await missing.first().waitFor({ timeout: QUARTER_TIMEOUT });
    await page.close();
  }, 120_000);
});
