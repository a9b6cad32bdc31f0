/**
 * `npm run dev-server`: webpack's dev server over HTTPS on https://localhost:3000 for sideloading.
 * Certificates: on Windows and Mac Microsoft's office-addin-dev-certs (it installs its CA in the user's store and
 * asks first); elsewhere (Linux), or with --local-certs, a CA and a localhost certificate generated in .dev/certs
 * with no sudo and no change to any trust store; the one line that trusts the CA in the browser is printed.
 * The server writes its process id to .dev/dev-server.pid, so `npm stop` can end it.
 * Options: --port <n> (default: package.json's config.dev_server_port), --local-certs. ICTPLAN_DEV_DIR moves .dev.
 */
import { X509Certificate } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Configuration } from "webpack";
import { deploymentFor, manifestFor } from "./deployment";

const root = path.join(__dirname, "..");

/** The folder for the dev server's certificates, pid file and manifest (gitignored). */
export function devDir(): string {
  return path.resolve(process.env.ICTPLAN_DEV_DIR || path.join(root, ".dev"));
}

export const pidFile = (dir = devDir()) => path.join(dir, "dev-server.pid");

/** True while a process with this id exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The running dev server recorded in the pid file, or null. */
export function runningServer(dir = devDir()): { pid: number; port: number } | null {
  try {
    const s = JSON.parse(readFileSync(pidFile(dir), "utf8")) as { pid: number; port: number };
    return Number.isInteger(s.pid) && isAlive(s.pid) ? s : null;
  } catch {
    return null;
  }
}

export interface Certificates {
  readonly key: string;
  readonly cert: string;
  readonly ca: string;
  /** The CA file the browser is to trust. */
  readonly caFile: string;
  /** True when they were made now (not reused). */
  readonly fresh: boolean;
}

const DAY = 24 * 3600 * 1000;

/** True when a certificate is signed by the CA, names localhost and 127.0.0.1, and stays valid for another day. */
function usable(certPem: string, caPem: string): boolean {
  try {
    const cert = new X509Certificate(certPem);
    const ca = new X509Certificate(caPem);
    return (
      cert.verify(ca.publicKey) &&
      cert.checkHost("localhost") !== undefined &&
      cert.checkIP("127.0.0.1") !== undefined &&
      new Date(cert.validTo).getTime() > Date.now() + DAY &&
      new Date(ca.validTo).getTime() > Date.now() + DAY
    );
  } catch {
    return false;
  }
}

/** A development CA and a localhost certificate in `dir`, made with mkcert (pure JS) unless usable ones are there. */
export async function localCertificates(dir: string): Promise<Certificates> {
  const files = {
    ca: path.join(dir, "ca.crt"),
    cert: path.join(dir, "localhost.crt"),
    key: path.join(dir, "localhost.key"),
  };
  if (Object.values(files).every((f) => existsSync(f))) {
    const [ca, cert, key] = [files.ca, files.cert, files.key].map((f) => readFileSync(f, "utf8"));
    if (usable(cert, ca)) return { key, cert, ca, caFile: files.ca, fresh: false };
  }
  const { createCA, createCert } = await import("mkcert");
  const ca = await createCA({
    organization: "ictplan development CA",
    countryCode: "VN",
    state: "Local",
    locality: "Local",
    validity: 365,
  });
  const leaf = await createCert({ ca, domains: ["localhost", "127.0.0.1"], validity: 365 });
  mkdirSync(dir, { recursive: true });
  writeFileSync(files.ca, ca.cert);
  writeFileSync(files.cert, leaf.cert);
  writeFileSync(files.key, leaf.key, { mode: 0o600 });
  // The CA's key is not kept: nothing else can be signed with it, so trusting it risks only this certificate.
  return { key: leaf.key, cert: leaf.cert, ca: ca.cert, caFile: files.ca, fresh: true };
}

/** The one line that trusts the CA for the current user's Chrome, Chromium and Edge on Linux (no sudo). */
export function trustLine(caFile: string): string {
  return (
    `certutil -d sql:$HOME/.pki/nssdb -A -t "C,," -n "ictplan development CA" -i "${caFile}"` +
    "   (certutil is in libnss3-tools; Firefox: Settings → Privacy & Security → Certificates → View Certificates → Authorities → Import)"
  );
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const port = Number(option(args, "--port") ?? process.env.npm_package_config_dev_server_port ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`npm run dev-server: --port must be a whole number from 1 to 65535.`);
    process.exitCode = 2;
    return;
  }
  const dir = devDir();
  const running = runningServer(dir);
  if (running) {
    console.error(
      `npm run dev-server: a dev server is already running (process ${running.pid}, port ${running.port}). ` +
        "End it with npm stop first.",
    );
    process.exitCode = 1;
    return;
  }
  const local = args.includes("--local-certs") || !["win32", "darwin"].includes(process.platform);
  let https: { key: string | Buffer; cert: string | Buffer; ca?: string | Buffer };
  if (local) {
    const certs = await localCertificates(path.join(dir, "certs"));
    console.log(
      `${certs.fresh ? "Made" : "Using"} the development certificate for localhost, signed by ${certs.caFile}. ` +
        "Nothing was added to any trust store. Trust that CA in the browser you use for Excel on the web:",
    );
    console.log(`  ${trustLine(certs.caFile)}`);
    https = certs;
  } else {
    const devCerts = (await import("office-addin-dev-certs")) as {
      getHttpsServerOptions: () => Promise<{ key: Buffer; cert: Buffer; ca: Buffer }>;
    };
    https = await devCerts.getHttpsServerOptions();
  }

  const load = createRequire(__filename);
  const configFor = load("../webpack.config.js") as (
    env: Record<string, unknown>,
    argv: { mode: string },
  ) => Promise<Configuration & { devServer?: Record<string, unknown> }>;
  const config = await configFor({ WEBPACK_SERVE: true }, { mode: "development" });
  const { default: webpack } = await import("webpack");
  const { default: WebpackDevServer } = await import("webpack-dev-server");
  const server = new WebpackDevServer(
    { ...config.devServer, port, server: { type: "https", options: https } },
    webpack({ ...config, mode: "development" }),
  );
  await server.start();

  mkdirSync(dir, { recursive: true });
  writeFileSync(pidFile(dir), JSON.stringify({ pid: process.pid, port }));
  let manifest = path.join(root, "manifest.xml");
  if (port !== 3000) {
    // The sideloaded manifest must name this port.
    const version = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string })
      .version;
    const d = deploymentFor({ url: `https://localhost:${port}/`, localhost: true, packageVersion: version });
    manifest = path.join(dir, "manifest.xml");
    writeFileSync(manifest, manifestFor(readFileSync(path.join(root, "manifest.xml"), "utf8"), d));
  }
  console.log(
    `Dev server: https://localhost:${port}/taskpane.html (process ${process.pid}; npm stop ends it)`,
  );
  console.log(`Manifest to sideload or upload: ${manifest}`);

  const stop = async () => {
    await server.stop();
    if (runningServer(dir)?.pid === process.pid) rmSync(pidFile(dir), { force: true });
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

if (require.main === module)
  main().catch((e: unknown) => {
    console.error(`npm run dev-server: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  });
