/**
 * `npm run build`: the add-in for a named host. ADDIN_URL=https://addin.example.gov.vn/ictplan/ npm run build
 * writes dist/ (webpack, production) and dist/manifest.xml with every URL under that folder, the channel's id and
 * the version, then checks that manifest offline. Without ADDIN_URL, or with a localhost one, it stops with a
 * message unless --localhost is given. Options: --out <folder> (default dist), --localhost.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build } from "./serve";
import { DeploymentError, deploymentFor, manifestFor, type Deployment } from "./deployment";
import { reportManifest } from "./validate-manifest";

const root = path.join(__dirname, "..");

/** Writes the manifest for a deployment into a built folder and checks it; false when the check fails. */
export function writeManifest(outDir: string, d: Deployment): boolean {
  const file = path.join(outDir, "manifest.xml");
  writeFileSync(file, manifestFor(readFileSync(path.join(root, "manifest.xml"), "utf8"), d));
  return reportManifest(file, d.base);
}

function main(): void {
  const args = process.argv.slice(2);
  const at = args.indexOf("--out");
  const outDir = path.resolve(at >= 0 && args[at + 1] ? args[at + 1] : path.join(root, "dist"));
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string };
  let d: Deployment;
  try {
    d = deploymentFor({
      url: process.env.ADDIN_URL || undefined,
      id: process.env.ADDIN_ID || undefined,
      build: process.env.ADDIN_BUILD || undefined,
      packageVersion: pkg.version,
      localhost: args.includes("--localhost"),
    });
  } catch (e) {
    if (!(e instanceof DeploymentError)) throw e;
    console.error(`npm run build: ${e.message}`);
    process.exitCode = 2;
    return;
  }
  console.log(`Building the add-in for ${d.base} (id ${d.id}, version ${d.version}) into ${outDir}`);
  try {
    build(outDir, "inherit");
  } catch {
    console.error("npm run build: webpack failed (its messages are above).");
    process.exitCode = 1;
    return;
  }
  if (!writeManifest(outDir, d)) {
    process.exitCode = 1;
    return;
  }
  console.log(
    `Done. Serve ${outDir} at ${d.base} and deploy ${path.join(outDir, "manifest.xml")} (docs/deploy.md).`,
  );
}

if (require.main === module) main();
