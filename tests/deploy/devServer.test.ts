/**
 * The dev server on this machine, as a developer runs it: `npm run dev-server` on a free port with a fresh state
 * folder and an empty home, no sudo. It must serve taskpane.html over HTTPS with a certificate that verifies
 * against the CA it generated (and not without it), leave the home folder and the system's CA folders as they
 * were, refuse a second start, and be gone, with its port closed, after `npm stop`. `npm start` on Linux fails
 * with what to do instead.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { isAlive, localCertificates } from "../../scripts/dev-server";

const root = path.join(__dirname, "..", "..");
const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
const SYSTEM_CA_DIRS = [
  "/usr/local/share/ca-certificates",
  "/etc/ssl/certs",
  "/etc/pki/ca-trust/source/anchors",
];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function get(url: string, ca?: Buffer): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, ca ? { ca } : {}, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"]), body }),
        );
      })
      .on("error", reject);
  });
}

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: "127.0.0.1" });
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });
}

const listing = () =>
  Object.fromEntries(SYSTEM_CA_DIRS.map((d) => [d, existsSync(d) ? readdirSync(d).sort() : null]));

const describeLinux = process.platform === "linux" ? describe : describe.skip;

describeLinux("dev server on Linux, without sudo", () => {
  let state: string;
  let home: string;
  let env: NodeJS.ProcessEnv;
  let port: number;
  let server: ChildProcess;
  let output = "";
  const before = listing();

  beforeAll(async () => {
    state = mkdtempSync(path.join(os.tmpdir(), "ictplan-dev-"));
    home = mkdtempSync(path.join(os.tmpdir(), "ictplan-home-"));
    port = await freePort();
    env = { ...process.env, ICTPLAN_DEV_DIR: state, HOME: home, PATH: process.env.PATH };
    server = spawn(
      process.execPath,
      [tsx, path.join(root, "scripts", "dev-server.ts"), "--port", String(port)],
      {
        cwd: root,
        env,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    server.stdout?.on("data", (c: Buffer) => (output += c.toString()));
    server.stderr?.on("data", (c: Buffer) => (output += c.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (output.includes("Dev server: https://localhost:")) done(resolve);
        else if (server.exitCode !== null) done(() => reject(new Error(`dev server exited:\n${output}`)));
      }, 200);
      const done = (f: () => void) => (clearInterval(timer), f());
    });
  }, 300_000);

  afterAll(() => {
    if (server.exitCode === null) server.kill("SIGKILL");
    rmSync(state, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  it("serves taskpane.html over HTTPS, trusted through the CA it generated", async () => {
    const ca = readFileSync(path.join(state, "certs", "ca.crt"));
    const page = await get(`https://localhost:${port}/taskpane.html`, ca);
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/html/);
    expect(page.body).toContain('<div id="root">');
    const script = /<script defer src="(taskpane\.[0-9a-f]{8}\.js)"><\/script>/.exec(page.body)?.[1];
    expect(script).toBeDefined();
    const bundle = await get(`https://localhost:${port}/${script}`, ca);
    expect([bundle.status, bundle.type]).toEqual([200, expect.stringMatching(/javascript/)]);
    expect(bundle.body).toContain("Office.onReady");
    expect(page.body).toContain('http-equiv="Content-Security-Policy"');
    // Without that CA the certificate is not trusted: the trust comes from the CA, not from a disabled check.
    await expect(get(`https://localhost:${port}/taskpane.html`)).rejects.toMatchObject({
      code: expect.stringMatching(/SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/),
    });
    const cert = new X509Certificate(readFileSync(path.join(state, "certs", "localhost.crt")));
    expect(cert.checkIssued(new X509Certificate(ca))).toBe(true);
    expect(cert.subjectAltName).toMatch(/DNS:localhost/);
  });

  it("prints the one line that trusts the CA, and touches neither the home folder nor the system's CA folders", () => {
    const caFile = path.join(state, "certs", "ca.crt");
    expect(output).toContain(
      `certutil -d sql:$HOME/.pki/nssdb -A -t "C,," -n "ictplan development CA" -i "${caFile}"`,
    );
    expect(output).toContain("Nothing was added to any trust store");
    expect(output).not.toMatch(/sudo|\n\s+at /);
    expect(readdirSync(home)).toEqual([]);
    expect(listing()).toEqual(before);
    // The sideload manifest names this port.
    const manifest = readFileSync(path.join(state, "manifest.xml"), "utf8");
    expect(manifest).toContain(`<SourceLocation DefaultValue="https://localhost:${port}/taskpane.html"/>`);
    expect(manifest).not.toContain("localhost:3000");
  });

  it("reuses its certificates instead of making new ones", async () => {
    const again = await localCertificates(path.join(state, "certs"));
    expect(again.fresh).toBe(false);
    expect(again.cert).toBe(readFileSync(path.join(state, "certs", "localhost.crt"), "utf8"));
  });

  it("refuses a second dev server while one runs", () => {
    const r = spawnSync(process.execPath, [tsx, path.join(root, "scripts", "dev-server.ts"), "--port", "1"], {
      cwd: root,
      env,
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/already running \(process \d+, port \d+\)\. End it with npm stop first/);
  });

  it("npm stop ends it: the process is gone, the port closed, the pid file removed", async () => {
    const { pid } = JSON.parse(readFileSync(path.join(state, "dev-server.pid"), "utf8")) as { pid: number };
    expect(isAlive(pid)).toBe(true);
    const exited = new Promise<number | null>((resolve) =>
      server.exitCode !== null ? resolve(server.exitCode) : server.once("exit", (code) => resolve(code)),
    );
    const r = spawnSync(process.execPath, [tsx, path.join(root, "scripts", "stop.ts")], {
      cwd: root,
      env,
      encoding: "utf8",
    });
    expect(r.stdout).toContain(`Stopped the dev server (process ${pid}, port ${port}).`);
    expect(r.status).toBe(0);
    expect(await exited).toBe(0);
    expect(isAlive(pid)).toBe(false);
    expect(await connects(port)).toBe(false);
    expect(existsSync(path.join(state, "dev-server.pid"))).toBe(false);
    const twice = spawnSync(process.execPath, [tsx, path.join(root, "scripts", "stop.ts")], {
      cwd: root,
      env,
      encoding: "utf8",
    });
    expect([twice.status, twice.stdout.trim()]).toEqual([0, "No dev server is running."]);
  });

  it("npm start exits 1 on Linux and says to use Excel on the web", () => {
    const r = spawnSync(process.execPath, [tsx, path.join(root, "scripts", "start.ts")], {
      cwd: root,
      env,
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Excel desktop, which does not run on Linux");
    expect(r.stderr).toContain("npm run dev-server");
    expect(r.stderr).toContain("Home > Add-ins > More Settings > Upload My Add-in");
  });
});
