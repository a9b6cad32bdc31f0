/** Debian's Chromium, headless, with the flags this machine's closed network needs (tests and bench share it). */
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** True when Debian's chromium package is installed. */
export const haveChromium = (): boolean => existsSync(CHROMIUM);

/** Launches headless Chromium; without the background-networking flags it keeps calling Google's hosts. */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}
