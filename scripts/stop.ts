/**
 * `npm stop`: ends the dev server that `npm run dev-server` or `npm start` started (its pid file in .dev), waits
 * until it is gone, and on Windows and Mac also removes the sideloaded add-in (office-addin-debugging stop).
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { devDir, isAlive, pidFile, runningServer } from "./dev-server";

/** Ends a process: SIGTERM, then SIGKILL if it is still there after `graceMs`; true once it is gone. */
export async function endProcess(pid: number, graceMs = 10_000): Promise<boolean> {
  const gone = async (ms: number) => {
    for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100)))
      if (!isAlive(pid)) return true;
    return !isAlive(pid);
  };
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    return !isAlive(pid);
  }
  if (await gone(graceMs)) return true;
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // it ended in between
  }
  return gone(5000);
}

async function main(): Promise<void> {
  const dir = devDir();
  const running = runningServer(dir);
  if (!running) console.log("No dev server is running.");
  else if (await endProcess(running.pid))
    console.log(`Stopped the dev server (process ${running.pid}, port ${running.port}).`);
  else {
    console.error(`npm stop: process ${running.pid} did not end; end it by hand (kill ${running.pid}).`);
    process.exitCode = 1;
    return;
  }
  rmSync(pidFile(dir), { force: true });
  if (["win32", "darwin"].includes(process.platform)) {
    const root = path.join(__dirname, "..");
    const cli = path.join(root, "node_modules", "office-addin-debugging", "cli.js");
    const r = spawnSync(process.execPath, [cli, "stop", path.join(root, "manifest.xml")], {
      stdio: "inherit",
    });
    if (r.status) process.exitCode = r.status;
  }
}

if (require.main === module) void main();
