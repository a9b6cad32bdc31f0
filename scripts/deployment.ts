/**
 * Where the add-in is served from, and the manifest for that place: the development manifest (manifest.xml,
 * https://localhost:3000) with every URL moved to the deployment's base URL, its own id and a version.
 * Pure functions; scripts/build.ts and scripts/dev-server.ts do the I/O.
 */
import { createHash } from "node:crypto";

/** The origin every URL in manifest.xml uses (the dev server's). */
export const DEV_ORIGIN = "https://localhost:3000";
/** The id in manifest.xml: the development channel's. */
export const DEV_ID = "7d3f5b2e-8c41-4e6a-9b1f-2a6c0e9d4f15";

/** A bad ADDIN_URL, ADDIN_ID or ADDIN_BUILD; the message says what to do. */
export class DeploymentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DeploymentError";
  }
}

export interface Deployment {
  /** The folder URL the built files are served from, ending in "/". */
  readonly base: string;
  /** Its origin (scheme, host, port): the manifest's AppDomain. */
  readonly origin: string;
  /** The manifest's <Id>: one per deployment channel. */
  readonly id: string;
  /** The manifest's <Version>, four parts. */
  readonly version: string;
}

export interface DeploymentInput {
  /** ADDIN_URL: where dist/ will be served, e.g. https://addin.example.gov.vn/ictplan/ */
  readonly url?: string;
  /** ADDIN_ID: keeps a given id instead of the one derived from the URL. */
  readonly id?: string;
  /** ADDIN_BUILD: the version's fourth part (0–65535). */
  readonly build?: string;
  /** package.json's version, three parts. */
  readonly packageVersion: string;
  /** Localhost URLs allowed (a development build, asked for explicitly). */
  readonly localhost?: boolean;
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "0.0.0.0"]);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for localhost and loopback hosts (including *.localhost). */
export function isLocalHost(hostname: string): boolean {
  return LOCAL_HOSTS.has(hostname) || hostname.endsWith(".localhost");
}

/** A name-based (version 5) UUID: the same name always gives the same id. */
export function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  const h = createHash("sha1").update(ns).update(name, "utf8").digest().subarray(0, 16);
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The deployment a build is for, or a DeploymentError saying what to set. */
export function deploymentFor(input: DeploymentInput): Deployment {
  const how =
    "Set ADDIN_URL to the HTTPS folder that will serve dist/, e.g. " +
    "ADDIN_URL=https://addin.example.gov.vn/ictplan/ npm run build (docs/deploy.md).";
  let base: URL;
  if (!input.url) {
    if (!input.localhost)
      throw new DeploymentError(
        `A production build needs the address it will be served from. ${how} ` +
          "For a build that keeps the development URLs (https://localhost:3000), run npm run build -- --localhost.",
      );
    base = new URL(`${DEV_ORIGIN}/`);
  } else {
    try {
      base = new URL(input.url);
    } catch {
      throw new DeploymentError(`ADDIN_URL "${input.url}" is not a URL. ${how}`);
    }
  }
  if (base.protocol !== "https:")
    throw new DeploymentError(
      `ADDIN_URL must start with https:// (Office loads add-ins only over HTTPS). ${how}`,
    );
  if (base.search || base.hash || base.username || base.password)
    throw new DeploymentError(
      `ADDIN_URL must be a plain folder address, without ?query, #fragment or user. ${how}`,
    );
  if (isLocalHost(base.hostname) && !input.localhost)
    throw new DeploymentError(
      `ADDIN_URL points at ${base.hostname}: planners' computers cannot reach it. ${how} ` +
        "To build with localhost URLs on purpose, add --localhost: npm run build -- --localhost.",
    );
  if (!base.pathname.endsWith("/")) base.pathname += "/";

  const [major, minor, patch] = input.packageVersion.split(".");
  if (![major, minor, patch].every((p) => p !== undefined && /^\d+$/.test(p)))
    throw new DeploymentError(`package.json's version "${input.packageVersion}" is not major.minor.patch.`);
  const build = input.build ?? "0";
  if (!/^\d+$/.test(build) || Number(build) > 65535)
    throw new DeploymentError(`ADDIN_BUILD "${build}" must be a whole number from 0 to 65535.`);

  const local = base.origin === DEV_ORIGIN;
  const id = input.id ?? (local ? DEV_ID : uuidV5(base.href, DEV_ID));
  if (!GUID.test(id)) throw new DeploymentError(`ADDIN_ID "${id}" is not a GUID (e.g. ${DEV_ID}).`);
  return {
    base: base.href,
    origin: base.origin,
    id: id.toLowerCase(),
    version: `${Number(major)}.${Number(minor)}.${Number(patch)}.${Number(build)}`,
  };
}

/** The development manifest moved to a deployment: URLs, AppDomain, id and version. */
export function manifestFor(devManifest: string, d: Deployment): string {
  const escaped = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  return devManifest
    .split(`${DEV_ORIGIN}/`)
    .join(escaped(d.base))
    .replace(`<AppDomain>${DEV_ORIGIN}</AppDomain>`, `<AppDomain>${escaped(d.origin)}</AppDomain>`)
    .replace(/<Id>[^<]*<\/Id>/, `<Id>${d.id}</Id>`)
    .replace(/<Version>[^<]*<\/Version>/, `<Version>${d.version}</Version>`);
}
