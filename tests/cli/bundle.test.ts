/**
 * bin/ictplan.js runs the prebuilt bundle (scripts/build-cli.ts) only while every file it was built from is
 * unchanged, and the TypeScript sources through tsx otherwise: never stale code after an edit. Tried on a small
 * project in a temporary folder with the real bin, build recipe and settings; its CLI prints a word from another
 * module and whether tsx is loaded (tsx registers a loader for .ts files, the bundle does not).
 */
import { execFileSync } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { BUNDLE, INPUTS, WORKER, buildCli } from "../../scripts/build-cli";

const repo = path.join(__dirname, "..", "..");
let root: string;

const cli = () =>
  execFileSync(process.execPath, [path.join(root, "bin", "ictplan.js")], { encoding: "utf8" }).trim();
const write = (file: string, text: string) => fs.writeFile(path.join(root, file), text);

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "ictplan-bundle-"));
  for (const f of ["bin/ictplan.js", "scripts/build-cli.ts", "tsconfig.json", "package.json"]) {
    await fs.mkdir(path.dirname(path.join(root, f)), { recursive: true });
    await fs.copyFile(path.join(repo, f), path.join(root, f));
  }
  await fs.symlink(path.join(repo, "node_modules"), path.join(root, "node_modules"));
  await fs.mkdir(path.join(root, "src", "cli"), { recursive: true });
  await write(
    "src/cli/main.ts",
    'import { word } from "./word";\nexport function main(): void {\n  console.log(`${word} ${require.extensions[".ts"] ? "tsx" : "bundle"}`);\n}\n',
  );
  await write("src/cli/word.ts", 'export const word = "one";\n');
  // The robustness draw thread's entry, bundled beside main.js.
  await write("src/cli/drawWorker.ts", "export const role = 1;\n");
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe("the CLI bundle", () => {
  it("runs from the sources before any build, and from the bundle once built", async () => {
    expect(cli()).toBe("one tsx");
    const inputs = await buildCli(root);
    expect(inputs.files.map((f) => f[0])).toEqual(
      expect.arrayContaining([
        "src/cli/main.ts",
        "src/cli/word.ts",
        "src/cli/drawWorker.ts",
        "tsconfig.json",
        "package.json",
      ]),
    );
    expect(cli()).toBe("one bundle");
  });

  it("runs the sources as soon as an imported file is edited, and the bundle again after a build", async () => {
    await buildCli(root);
    await write("src/cli/word.ts", 'export const word = "two";\n');
    expect(cli()).toBe("two tsx");
    await buildCli(root);
    expect(cli()).toBe("two bundle");
  });

  it("counts a file saved again with the same bytes, or given back an old time, as changed", async () => {
    await buildCli(root);
    const file = path.join(root, "src/cli/word.ts");
    const old = new Date(Date.now() - 86_400_000);
    await fs.utimes(file, old, old);
    expect(cli()).toBe("two tsx");
    await buildCli(root);
    expect(cli()).toBe("two bundle");
    await fs.writeFile(file, await fs.readFile(file));
    await fs.utimes(file, new Date(), new Date(Date.now() + 5000));
    expect(cli()).toBe("two tsx");
  });

  it("runs the sources when a file it was built from is gone, the settings changed, or either bundle was touched", async () => {
    await write("src/cli/extra.ts", 'export const extra = "x";\n');
    await write(
      "src/cli/word.ts",
      'import { extra } from "./extra";\nexport const word = extra.length ? "three" : "";\n',
    );
    await buildCli(root);
    expect(cli()).toBe("three bundle");
    await fs.rm(path.join(root, "src/cli/extra.ts"));
    await write("src/cli/word.ts", 'export const word = "four";\n');
    expect(cli()).toBe("four tsx");

    await buildCli(root);
    expect(cli()).toBe("four bundle");
    const tsconfig = await fs.readFile(path.join(root, "tsconfig.json"), "utf8");
    await write("tsconfig.json", `${tsconfig}\n`);
    expect(cli()).toBe("four tsx");

    await buildCli(root);
    await fs.appendFile(path.join(root, BUNDLE), "\n// edited\n");
    expect(cli()).toBe("four tsx");

    await buildCli(root);
    await fs.appendFile(path.join(root, WORKER), "\n// edited\n");
    expect(cli()).toBe("four tsx");
    await buildCli(root);
    expect(cli()).toBe("four bundle");
    await fs.rm(path.join(root, WORKER));
    expect(cli()).toBe("four tsx");

    await buildCli(root);
    await write(INPUTS, "{");
    expect(cli()).toBe("four tsx");
    await fs.rm(path.join(root, INPUTS));
    expect(cli()).toBe("four tsx");
  });
});
