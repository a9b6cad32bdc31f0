/**
 * `npm run build` for a named host (scripts/build.ts): a real production build into a temporary folder with a
 * sample ADDIN_URL, then every URL in the written manifest is checked against the host and the built files;
 * the refusals (no URL, http, localhost) come before webpack runs.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { DEV_ID, deploymentFor, manifestFor, uuidV5 } from "../../scripts/deployment";
import { checkManifest } from "../../scripts/validate-manifest";

const root = path.join(__dirname, "..", "..");
const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
const BASE = "https://addin.example.gov.vn/ictplan/";
const devXml = readFileSync(path.join(root, "manifest.xml"), "utf8");
const pkgVersion = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string })
  .version;

function runBuild(
  env: Record<string, string>,
  args: string[] = [],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !["ADDIN_URL", "ADDIN_ID", "ADDIN_BUILD"].includes(k)),
  );
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      [tsx, path.join(root, "scripts", "build.ts"), ...args],
      { cwd: root, env: { ...clean, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    ),
  );
}

/** Every URL in a manifest: attribute values and element text that are absolute URLs (namespaces left out). */
function urlsIn(xml: string): { where: string; url: string }[] {
  type N = Record<string, unknown>;
  const doc = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: "",
    parseTagValue: false,
  }).parse(xml) as N[];
  const out: { where: string; url: string }[] = [];
  const visit = (n: N, trail: string) => {
    const tag = Object.keys(n).find((k) => k !== ":@") ?? "";
    if (tag === "#text") {
      const v = String(n["#text"]).trim();
      if (/^[a-z]+:\/\//i.test(v)) out.push({ where: trail, url: v });
      return;
    }
    const here = `${trail}/${tag}`;
    for (const [k, v] of Object.entries((n[":@"] ?? {}) as Record<string, string>))
      if (!k.startsWith("xmlns") && /^[a-z]+:\/\//i.test(v)) out.push({ where: `${here}@${k}`, url: v });
    if (Array.isArray(n[tag])) for (const c of n[tag] as N[]) visit(c, here);
  };
  for (const n of doc) visit(n, "");
  return out;
}

describe("deployment: ADDIN_URL, id and version", () => {
  it("derives one stable id per deployment URL, never the development one", () => {
    const a = deploymentFor({ url: BASE, packageVersion: "1.2.3" });
    expect(a).toEqual({
      base: BASE,
      origin: "https://addin.example.gov.vn",
      id: uuidV5(BASE, DEV_ID),
      version: "1.2.3.0",
    });
    expect(deploymentFor({ url: BASE.slice(0, -1), packageVersion: "1.2.3" }).id).toBe(a.id);
    expect(
      deploymentFor({ url: "https://test.example.gov.vn/ictplan/", packageVersion: "1.2.3" }).id,
    ).not.toBe(a.id);
    expect(a.id).not.toBe(DEV_ID);
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // RFC 4122 appendix B's example (DNS namespace, "www.example.com"), as Python's uuid.uuid5 gives it.
    expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe(
      "2ed6657d-e927-568b-95e1-2665a8aea6a2",
    );
    const kept = deploymentFor({
      url: BASE,
      id: "AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE",
      build: "42",
      packageVersion: "1.2.3",
    });
    expect([kept.id, kept.version]).toEqual(["aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", "1.2.3.42"]);
  });

  it("refuses a missing, non-HTTPS, localhost or unusual address, and bad ids and build numbers, saying what to do", () => {
    const bad: [Parameters<typeof deploymentFor>[0], RegExp][] = [
      [{ packageVersion: "1.0.0" }, /needs the address.*ADDIN_URL=https:\/\/.*--localhost/],
      [{ url: "http://addin.example.gov.vn/", packageVersion: "1.0.0" }, /must start with https/],
      [{ url: "https://localhost:3000/", packageVersion: "1.0.0" }, /points at localhost.*--localhost/],
      [{ url: "https://127.0.0.1/x/", packageVersion: "1.0.0" }, /points at 127\.0\.0\.1/],
      [{ url: "https://dev.localhost/", packageVersion: "1.0.0" }, /points at dev\.localhost/],
      [{ url: "https://a.gov.vn/?v=1", packageVersion: "1.0.0" }, /without \?query/],
      [{ url: "addin.example.gov.vn", packageVersion: "1.0.0" }, /is not a URL/],
      [{ url: BASE, id: "not-a-guid", packageVersion: "1.0.0" }, /ADDIN_ID "not-a-guid" is not a GUID/],
      [{ url: BASE, build: "65536", packageVersion: "1.0.0" }, /ADDIN_BUILD "65536"/],
      [{ url: BASE, build: "-1", packageVersion: "1.0.0" }, /ADDIN_BUILD "-1"/],
    ];
    for (const [input, message] of bad) expect(() => deploymentFor(input)).toThrow(message);
    // Asked for explicitly, localhost is the development channel: its URLs and id, unchanged.
    const dev = deploymentFor({ localhost: true, packageVersion: pkgVersion });
    expect(manifestFor(devXml, dev)).toBe(devXml);
  });

  it("escapes a URL's XML-special characters in the manifest", () => {
    const d = deploymentFor({ url: "https://addin.example.gov.vn/a&b/", packageVersion: "1.0.0" });
    const xml = manifestFor(devXml, d);
    expect(xml).toContain('DefaultValue="https://addin.example.gov.vn/a&amp;b/taskpane.html"');
    expect(urlsIn(xml).every((u) => u.url.startsWith(d.origin))).toBe(true);
  });
});

describe("npm run build with ADDIN_URL", () => {
  let out: string;
  let result: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    out = mkdtempSync(path.join(os.tmpdir(), "ictplan-build-"));
    result = await runBuild({ ADDIN_URL: BASE, ADDIN_BUILD: "7" }, ["--out", out]);
  }, 600_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("writes a manifest whose every URL is on the named host and names a built file", () => {
    expect(result.stderr).not.toMatch(/problem|failed/);
    expect(result.code).toBe(0);
    const xml = readFileSync(path.join(out, "manifest.xml"), "utf8");
    expect(xml).not.toMatch(/localhost/i);
    const urls = urlsIn(xml);
    // The same URLs as the development manifest, each moved, none lost or added.
    expect(urls.map((u) => u.where)).toEqual(urlsIn(devXml).map((u) => u.where));
    expect(urls.length).toBeGreaterThanOrEqual(10);
    for (const { where, url } of urls) {
      if (where.endsWith("/AppDomain")) {
        expect(url).toBe("https://addin.example.gov.vn");
        continue;
      }
      expect({ where, url: url.startsWith(BASE) }).toEqual({ where, url: true });
      const file = path.join(out, decodeURIComponent(url.slice(BASE.length)));
      expect({ url, exists: existsSync(file) }).toEqual({ url, exists: true });
    }
    const wheres = urls.map((u) => u.where).join("\n");
    for (const element of [
      "SourceLocation",
      "IconUrl",
      "HighResolutionIconUrl",
      "SupportUrl",
      "AppDomain",
      "bt:Url",
    ])
      expect(wheres).toContain(element);
    expect(xml).toContain(`<Id>${uuidV5(BASE, DEV_ID)}</Id>`);
    expect(xml).toContain(`<Version>${pkgVersion}.7</Version>`);
    expect(checkManifest(xml, out, BASE)).toEqual([]);
    expect(checkManifest(xml, out, "https://other.example.gov.vn/")).toContainEqual(
      expect.stringMatching(/not under https:\/\/other/),
    );
  });

  it("builds pages that load their scripts relative to their folder, so a sub-folder host works", () => {
    for (const page of ["taskpane.html", "commands.html", "download.html"]) {
      const html = readFileSync(path.join(out, page), "utf8");
      // The build minifies HTML: attribute values may be quoted or not.
      const srcs = [...html.matchAll(/<script[^>]*\ssrc=(?:"([^"]+)"|([^\s>"]+))/g)].map((m) => m[1] ?? m[2]);
      expect(srcs.length).toBeGreaterThan(1);
      for (const src of srcs) {
        if (src.startsWith("https://appsforoffice.microsoft.com/")) continue;
        expect(src).not.toMatch(/^\/|^[a-z]+:/i);
        expect(existsSync(path.join(out, src))).toBe(true);
      }
    }
  });

  it("stops before building when ADDIN_URL is missing or points at localhost", async () => {
    const none = mkdtempSync(path.join(os.tmpdir(), "ictplan-nobuild-"));
    try {
      const envs: Record<string, string>[] = [{}, { ADDIN_URL: "https://localhost:3000/" }];
      for (const env of envs) {
        const r = await runBuild(env, ["--out", path.join(none, "dist")]);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/^npm run build: .*ADDIN_URL=https:\/\/addin\.example\.gov\.vn\/ictplan\//m);
        expect(r.stderr).not.toMatch(/\n\s+at /);
        expect(existsSync(path.join(none, "dist"))).toBe(false);
      }
    } finally {
      rmSync(none, { recursive: true, force: true });
    }
  });
});
