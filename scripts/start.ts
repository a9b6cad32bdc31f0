/**
 * `npm start`: sideloads the add-in into Excel desktop with Microsoft's office-addin-debugging (it runs
 * `npm run dev-server` first). Excel desktop exists only on Windows and Mac; elsewhere this exits 1 and says
 * how to use Excel on the web instead.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

/** What to do on a platform without Excel desktop. */
export function noSideloadMessage(platform: string): string {
  return [
    `npm start sideloads into Excel desktop, which does not run on ${platform === "linux" ? "Linux" : platform}. Use Excel on the web instead:`,
    "  1. npm run dev-server   (it prints the one line that makes your browser trust its certificate)",
    "  2. In Excel on the web, open a workbook and choose Home > Add-ins > More Settings > Upload My Add-in,",
    "     then upload manifest.xml from this folder.",
    "  npm stop ends the dev server. To try the task pane without Excel: npm run preview.",
  ].join("\n");
}

function main(): void {
  if (!["win32", "darwin"].includes(process.platform)) {
    console.error(noSideloadMessage(process.platform));
    process.exitCode = 1;
    return;
  }
  const root = path.join(__dirname, "..");
  const cli = path.join(root, "node_modules", "office-addin-debugging", "cli.js");
  const r = spawnSync(process.execPath, [cli, "start", path.join(root, "manifest.xml")], {
    stdio: "inherit",
  });
  process.exitCode = r.status ?? 1;
}

if (require.main === module) main();
