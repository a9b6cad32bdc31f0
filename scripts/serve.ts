/** A static server for the built add-in on 127.0.0.1: `npm run preview`, the browser tests and the bench use it. */
import { existsSync, promises as fs } from "node:fs";
import http from "node:http";
import path from "node:path";
import { execFileSync } from "node:child_process";
import type { AddressInfo } from "node:net";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** Builds the production bundle (the web files, no manifest) into a folder with webpack; quiet unless told. */
export function build(outDir: string, output: "ignore" | "inherit" = "ignore"): void {
  const root = path.join(__dirname, "..");
  execFileSync(
    process.execPath,
    [
      path.join(root, "node_modules", "webpack", "bin", "webpack.js"),
      "--mode",
      "production",
      "--output-path",
      outDir,
    ],
    { cwd: root, stdio: output },
  );
}

/** Serves a folder; only files inside it, nothing else. */
export async function serve(dir: string, port = 0): Promise<{ url: string; close: () => void }> {
  const root = path.resolve(dir);
  const server = http.createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    const file = path.join(root, pathname === "/" ? "preview.html" : pathname);
    if (!file.startsWith(root + path.sep) || !existsSync(file) || (await fs.stat(file)).isDirectory())
      return void res.writeHead(404).end();
    res
      .writeHead(200, {
        "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
        "x-content-type-options": "nosniff",
      })
      .end(await fs.readFile(file));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => server.close(),
  };
}

async function main(): Promise<void> {
  const dist = path.join(__dirname, "..", "dist");
  console.log("Building the add-in (webpack, production)…");
  build(dist);
  const { url } = await serve(dist, Number(process.env.PORT ?? 3001));
  console.log(`Preview: ${url}/preview.html  (Ctrl+C to stop)`);
}

if (require.main === module) void main();
