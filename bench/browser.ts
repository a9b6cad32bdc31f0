/** Task-pane figures: gzipped first-load JavaScript of a fresh production build, and render times in headless Chromium. */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build, serve } from "../scripts/serve";
import { haveChromium, launchChromium } from "../scripts/chromium";

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

if (require.main === module) void measurePane().then((f) => console.log(JSON.stringify(f, null, 2)));
