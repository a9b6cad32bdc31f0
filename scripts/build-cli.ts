/**
 * `npm run build:cli` (and `npm ci`, as the prepare script): the CLI as one CommonJS file, build/cli/main.js, which
 * bin/ictplan.js runs instead of the TypeScript sources through tsx while it is current, and beside it the robustness
 * draw thread's file, build/cli/drawWorker.js. Starting from the bundle takes about 0.2 s of CPU; tsx, which
 * transforms or looks up every source file on each start, about 0.7 s.
 *
 * Beside the bundle, build/cli/inputs.json records every file that went into either (as [path from the project folder,
 * size, mtimeMs]) and the two bundles' own size and mtime. bin/ictplan.js compares these with the files as they are
 * before each run: any file edited, replaced or deleted since the build, and the CLI runs from the sources again.
 * Each file is looked at before esbuild reads it, so a file edited during the build counts as edited.
 */
import { build, type Plugin } from "esbuild";
import { promises as fs, statSync } from "node:fs";
import path from "node:path";

/** The bundle and its record of inputs, relative to the project folder (bin/ictplan.js reads the same paths). */
export const BUNDLE = "build/cli/main.js";
/**
 * The robustness draw thread's own bundle (src/cli/drawWorker.ts, 100 KB: the draws, Xếp hạng's builder and the
 * fingerprint): a thread need not load the whole CLI.
 */
export const WORKER = "build/cli/drawWorker.js";
export const INPUTS = "build/cli/inputs.json";

/** What bin/ictplan.js reads before deciding to run the bundle. */
export interface BundleInputs {
  /** The bundle's size and mtimeMs as written. */
  readonly bundle: readonly [number, number];
  /** The draw thread's bundle's size and mtimeMs as written. */
  readonly worker: readonly [number, number];
  /** Every file the bundle was built from: path from the project folder (with /), size, mtimeMs. */
  readonly files: readonly (readonly [string, number, number])[];
}

// Files that shape the bundle without being loaded into it: the compiler settings, the package, this recipe.
const SETTINGS = ["tsconfig.json", "package.json", "scripts/build-cli.ts"];

/** Builds the CLI bundles of the project in `root` (src/cli/main.ts, src/cli/drawWorker.ts) and records their inputs. */
export async function buildCli(root: string): Promise<BundleInputs> {
  const files = new Map<string, [string, number, number]>();
  const record = (file: string) => {
    const s = statSync(file);
    const rel = path.relative(root, file).split(path.sep).join("/");
    files.set(rel, [rel, s.size, s.mtimeMs]);
  };
  for (const f of SETTINGS) record(path.join(root, f));
  const recordLoads: Plugin = {
    name: "record-inputs",
    setup(b) {
      // Runs before esbuild reads the file, and returns nothing, so esbuild loads it as usual.
      b.onLoad({ filter: /.*/ }, (args) => {
        if (args.namespace === "file") record(args.path);
        return undefined;
      });
    },
  };
  const out = await build({
    absWorkingDir: root,
    entryPoints: {
      main: path.join(root, "src/cli/main.ts"),
      drawWorker: path.join(root, "src/cli/drawWorker.ts"),
    },
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    // Loaded only by the commands that use them (template, sample, consolidate, report, demo), from node_modules at
    // run time: 1.4 MB that compute never needs. tsx is only named, by the way the sources start the draw thread
    // (src/cli/drawWorker.ts); the bundle starts it on build/cli/drawWorker.js.
    external: ["exceljs", "jszip", "docx", "tsx"],
    sourcemap: "linked",
    write: false,
    outdir: path.join(root, path.dirname(BUNDLE)),
    logLevel: "error",
    plugins: [recordLoads],
  });
  const dir = path.join(root, path.dirname(BUNDLE));
  await fs.mkdir(dir, { recursive: true });
  // No record while the bundle is being replaced: an interrupted build leaves the CLI on its sources.
  await fs.rm(path.join(root, INPUTS), { force: true });
  for (const f of out.outputFiles) {
    const tmp = `${f.path}.${process.pid}.tmp`;
    await fs.writeFile(tmp, f.contents);
    await fs.rename(tmp, f.path);
  }
  const b = statSync(path.join(root, BUNDLE));
  const w = statSync(path.join(root, WORKER));
  const inputs: BundleInputs = {
    bundle: [b.size, b.mtimeMs],
    worker: [w.size, w.mtimeMs],
    files: [...files.values()].sort((x, y) => (x[0] < y[0] ? -1 : 1)),
  };
  const tmp = path.join(root, `${INPUTS}.${process.pid}.tmp`);
  await fs.writeFile(tmp, JSON.stringify(inputs) + "\n");
  await fs.rename(tmp, path.join(root, INPUTS));
  return inputs;
}

async function main(): Promise<void> {
  const root = path.join(__dirname, "..");
  try {
    const inputs = await buildCli(root);
    console.log(`ictplan: built ${BUNDLE} and ${WORKER} from ${inputs.files.length} files.`);
  } catch (e) {
    // Not fatal for `npm ci`: without a current bundle the CLI runs from its sources through tsx, only slower to start.
    console.warn(
      `ictplan: could not build ${BUNDLE} (${e instanceof Error ? e.message : String(e)}); the CLI runs from src/ through tsx.`,
    );
  }
}

if (require.main === module) void main();
