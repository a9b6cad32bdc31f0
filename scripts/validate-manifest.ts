/**
 * Offline manifest check (Microsoft's validator and its XSD files are not reachable from here): well-formed XML,
 * required elements present and in schema order, resource ids defined, every URL https and under the folder
 * the task pane is served from (SourceLocation's, or the one given with --base), AppDomain that folder's origin,
 * icons present at their sizes, string lengths within the schema's limits. Exit 1 with the problems listed.
 * `npm run validate` checks the development manifest; `npm run build` checks the one it writes.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";

type Node = Record<string, unknown>;
const TOP_ORDER = [
  "Id",
  "AlternateId",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "AppDomains",
  "Hosts",
  "Requirements",
  "DefaultSettings",
  "Permissions",
  "AllowSnapshot",
  "VersionOverrides",
];
const REQUIRED = [
  "Id",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "Hosts",
  "DefaultSettings",
  "Permissions",
];
const PERMISSIONS = ["Restricted", "ReadDocument", "ReadAllDocument", "WriteDocument", "ReadWriteDocument"];

const tagOf = (n: Node) => Object.keys(n).find((k) => k !== ":@") ?? "";
const local = (tag: string) => tag.replace(/^.*:/, "");
const attrs = (n: Node) => (n[":@"] ?? {}) as Record<string, string>;
const children = (n: Node) => (Array.isArray(n[tagOf(n)]) ? (n[tagOf(n)] as Node[]) : []);
const text = (n: Node) =>
  children(n)
    .map((c) => (typeof c["#text"] === "string" || typeof c["#text"] === "number" ? String(c["#text"]) : ""))
    .join("");

function walk(n: Node, visit: (n: Node, trail: string[]) => void, trail: string[] = []): void {
  const t = local(tagOf(n));
  visit(n, [...trail, t]);
  for (const c of children(n)) if (tagOf(c) !== "#text") walk(c, visit, [...trail, t]);
}

/** PNG width and height from its IHDR chunk, or null. */
function pngSize(file: string): { w: number; h: number } | null {
  const b = readFileSync(file);
  if (b.length < 24 || b.readUInt32BE(0) !== 0x89504e47) return null;
  return { w: b.readUInt32BE(16), h: b.readUInt32BE(20) };
}

/** The folder URL the task pane is served from: SourceLocation's, ending in "/"; null when it has none. */
export function manifestBase(xml: string): string | null {
  const m = /<SourceLocation\s+DefaultValue="([^"]*)"/.exec(xml);
  if (!m) return null;
  try {
    return new URL(".", m[1].replace(/&amp;/g, "&")).href;
  } catch {
    return null;
  }
}

/**
 * All problems found in a manifest; empty when it passes. `root` is the folder served at the base URL (icons are
 * looked up there); `base`, when given, is where the manifest must point.
 */
export function checkManifest(xml: string, root: string, base?: string): string[] {
  const problems: string[] = [];
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true)
    return [`not well-formed XML: ${wellFormed.err.msg} (line ${wellFormed.err.line})`];
  const doc = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: "",
    parseTagValue: false,
  }).parse(xml) as Node[];
  const app = doc.find((n) => local(tagOf(n)) === "OfficeApp");
  if (!app) return ["the root element is not OfficeApp"];
  if (attrs(app)["xsi:type"] !== "TaskPaneApp") problems.push('OfficeApp must have xsi:type="TaskPaneApp"');
  const top = children(app)
    .map((c) => local(tagOf(c)))
    .filter((t) => t !== "#text");
  for (const r of REQUIRED) if (!top.includes(r)) problems.push(`required element <${r}> is missing`);
  const known = top.filter((t) => TOP_ORDER.includes(t));
  known.forEach((t, i) => {
    if (i > 0 && TOP_ORDER.indexOf(t) < TOP_ORDER.indexOf(known[i - 1]))
      problems.push(`<${t}> must come before <${known[i - 1]}> (schema order)`);
  });
  for (const t of top) if (!TOP_ORDER.includes(t)) problems.push(`<${t}> is not an element of OfficeApp`);
  const byTag = (t: string) => children(app).find((c) => local(tagOf(c)) === t);
  const id = byTag("Id");
  if (id && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text(id)))
    problems.push("<Id> must be a GUID");
  const version = byTag("Version");
  if (version && !/^\d+(\.\d+){3}$/.test(text(version)))
    problems.push("<Version> must have four parts, e.g. 1.0.0.0");
  const perm = byTag("Permissions");
  if (perm && !PERMISSIONS.includes(text(perm)))
    problems.push(`<Permissions> "${text(perm)}" is not one of ${PERMISSIONS.join(", ")}`);

  const defined = new Map<string, { kind: string; value: string }>();
  const referenced: { resid: string; where: string; size?: string }[] = [];
  const urls: { url: string; where: string }[] = [];
  const limits: Record<string, number> = {
    DisplayName: 125,
    Description: 250,
    ShortStrings: 125,
    LongStrings: 250,
  };
  walk(app, (n, trail) => {
    const t = local(tagOf(n));
    const a = attrs(n);
    const where = trail.join("/");
    if (a.resid) referenced.push({ resid: a.resid, where, ...(a.size ? { size: a.size } : {}) });
    const parent = trail[trail.length - 2];
    if (a.id && ["Images", "Urls", "ShortStrings", "LongStrings"].includes(parent)) {
      if (defined.has(a.id)) problems.push(`resource id "${a.id}" is defined twice`);
      defined.set(a.id, { kind: parent, value: a.DefaultValue ?? "" });
    }
    for (const v of [a.DefaultValue, a.Value]) {
      if (v === undefined) continue;
      if (/^[a-z]+:\/\//i.test(v)) urls.push({ url: v, where });
      const limitKey = ["DisplayName", "Description"].includes(t)
        ? t
        : ["DisplayName", "Description", "ShortStrings", "LongStrings"].find((k) => trail.includes(k));
      if (limitKey && v.length > limits[limitKey])
        problems.push(
          `${where}: "${v.slice(0, 30)}…" is ${v.length} characters, over the limit of ${limits[limitKey]}`,
        );
    }
    if (["AppDomain", "SourceLocation"].includes(t) && text(n)) urls.push({ url: text(n), where });
  });
  for (const r of referenced)
    if (!defined.has(r.resid)) problems.push(`${r.where}: resid "${r.resid}" is not defined in <Resources>`);
  const served = manifestBase(xml);
  const home = base ?? served;
  if (!served) problems.push("<DefaultSettings><SourceLocation> has no URL");
  else if (base && served !== base)
    problems.push(`SourceLocation ${served} is not under ${base}, where the add-in is to be served`);
  const origin = home ? new URL(home).origin : null;
  for (const u of urls) {
    if (!u.url.startsWith("https://")) problems.push(`${u.where}: ${u.url} is not https`);
    else if (!home || !origin) continue;
    else if (u.where.endsWith("/AppDomain")) {
      if (u.url !== origin) problems.push(`${u.where}: ${u.url} is not the add-in's origin ${origin}`);
    } else if (!u.url.startsWith(home))
      problems.push(`${u.where}: ${u.url} is not under the add-in's folder ${home}`);
  }
  const iconFile = (url: string) =>
    home && url.startsWith(`${home}assets/`) ? path.join(root, url.slice(home.length)) : null;
  const checkIcon = (url: string, size: number | null, where: string) => {
    const file = iconFile(url);
    if (!file) return;
    if (!existsSync(file)) return problems.push(`${where}: icon ${path.relative(root, file)} does not exist`);
    const s = pngSize(file);
    if (!s) return problems.push(`${where}: ${path.relative(root, file)} is not a PNG`);
    if (size !== null && (s.w !== size || s.h !== size))
      problems.push(`${where}: ${path.relative(root, file)} is ${s.w}×${s.h}, expected ${size}×${size}`);
  };
  const iconUrl = byTag("IconUrl");
  if (iconUrl) checkIcon(attrs(iconUrl).DefaultValue ?? "", 32, "IconUrl");
  const hi = byTag("HighResolutionIconUrl");
  if (hi) checkIcon(attrs(hi).DefaultValue ?? "", 64, "HighResolutionIconUrl");
  for (const r of referenced) {
    const d = defined.get(r.resid);
    if (d?.kind === "Images") checkIcon(d.value, r.size ? Number(r.size) : null, `${r.where} (${r.resid})`);
  }
  return problems;
}

/** Checks a manifest file and prints the outcome; false when it has problems. */
export function reportManifest(file: string, base?: string): boolean {
  const xml = readFileSync(file, "utf8");
  const problems = checkManifest(xml, path.dirname(path.resolve(file)), base);
  if (problems.length) {
    console.error(`${file}: ${problems.length} problem(s)`);
    for (const p of problems) console.error(`  - ${p}`);
    return false;
  }
  console.log(
    `${file}: valid (offline checks: well-formed, schema order, resource ids, every URL https under ${base ?? manifestBase(xml)}, icons and sizes, string lengths)`,
  );
  return true;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--base");
  const base = at >= 0 ? args.splice(at, 2)[1] : undefined;
  if (!reportManifest(args[0] ?? "manifest.xml", base)) process.exit(1);
}
