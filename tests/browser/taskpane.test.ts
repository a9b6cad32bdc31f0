/**
 * The production task pane in headless Chromium (Debian's package), with Office.js loaded from
 * @microsoft/office-js instead of Microsoft's CDN: the pane starts, says it needs Excel when opened outside it,
 * and makes no request to any other host. Skipped with a message when Chromium is missing, except in CI.
 */
import { existsSync, promises as fs } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import type { AddressInfo } from "node:net";

const CHROMIUM = "/usr/bin/chromium";
const root = path.join(__dirname, "..", "..");
const officeDist = path.join(root, "node_modules", "@microsoft", "office-js", "dist");
const haveChromium = existsSync(CHROMIUM);

if (!haveChromium && process.env.CI === "true")
  throw new Error("CI needs Debian's chromium for the browser tests (apt-get install chromium)");
if (!haveChromium)
  console.warn(
    "Browser tests skipped: /usr/bin/chromium is missing. Install Debian's chromium (apt-get install chromium) to run them.",
  );

const describeBrowser = haveChromium ? describe : describe.skip;

describeBrowser("task pane in Chromium", () => {
  let out: string;
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    out = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-dist-"));
    execFileSync(
      process.execPath,
      [
        path.join(root, "node_modules", "webpack", "bin", "webpack.js"),
        "--mode",
        "production",
        "--output-path",
        out,
      ],
      { cwd: root, stdio: "ignore" },
    );
    server = http.createServer(async (req, res) => {
      const file = path.join(out, decodeURIComponent((req.url ?? "/").split("?")[0]));
      if (!file.startsWith(out) || !existsSync(file)) return void res.writeHead(404).end();
      res
        .writeHead(200, {
          "content-type": file.endsWith(".html") ? "text/html; charset=utf-8" : "text/javascript",
        })
        .end(await fs.readFile(file));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 180000);

  afterAll(async () => {
    server?.close();
    if (out) await fs.rm(out, { recursive: true, force: true });
  });

  it("starts with Office.js from @microsoft/office-js, explains it needs Excel, and calls no other host", async () => {
    const { chromium } = await import("playwright-core");
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
      ],
    });
    try {
      const page = await browser.newPage();
      const foreign: string[] = [];
      await page.route("**/*", async (route) => {
        const url = new URL(route.request().url());
        if (url.origin === base) return route.continue();
        if (url.hostname === "appsforoffice.microsoft.com") {
          const local = path.join(officeDist, url.pathname.replace(/^\/lib\/1\/hosted\//, ""));
          if (local.startsWith(officeDist) && existsSync(local))
            return route.fulfill({ path: local, contentType: "text/javascript" });
        }
        foreign.push(url.href);
        return route.abort();
      });
      const started = Date.now();
      await page.goto(`${base}/taskpane.html`);
      await page.getByText("Hãy mở bảng điều khiển này trong Excel").waitFor({ timeout: 20000 });
      console.log(`task pane: Office.js loaded and the pane rendered in ${Date.now() - started} ms`);
      expect(
        await page.evaluate(
          () => typeof (window as unknown as { Office?: { onReady?: unknown } }).Office?.onReady,
        ),
      ).toBe("function");
      expect(foreign).toEqual([]);
      await fs.mkdir(path.join(root, "test-results"), { recursive: true });
      await page.screenshot({ path: path.join(root, "test-results", "taskpane-outside-excel.png") });
    } finally {
      await browser.close();
    }
  }, 60000);
});
