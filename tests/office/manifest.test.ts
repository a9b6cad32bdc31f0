import { readFileSync } from "node:fs";
import path from "node:path";
import { checkManifest } from "../../scripts/validate-manifest";

const root = path.join(__dirname, "..", "..");
const xml = readFileSync(path.join(root, "manifest.xml"), "utf8");

describe("offline manifest validation", () => {
  it("passes on manifest.xml", () => {
    expect(checkManifest(xml, root)).toEqual([]);
  });

  it("fails on a resource id that is not defined", () => {
    const bad = xml.replace('<Label resid="Validate.Label"/>', '<Label resid="Validate.Missing"/>');
    expect(checkManifest(bad, root)).toContainEqual(
      expect.stringMatching(/resid "Validate.Missing" is not defined/),
    );
  });

  it("fails on a missing icon and on an icon of the wrong size", () => {
    expect(checkManifest(xml.replace(/icon-80\.png/g, "icon-81.png"), root)).toContainEqual(
      expect.stringMatching(/icon-81\.png does not exist/),
    );
    expect(
      checkManifest(xml.replace('size="80" resid="Icon.80x80"', 'size="80" resid="Icon.32x32"'), root),
    ).toContainEqual(expect.stringMatching(/is 32×32, expected 80×80/));
  });

  it("fails on malformed XML, wrong order, http URLs, other origins and over-long strings", () => {
    expect(checkManifest(xml.replace("</ProviderName>", "</Provider>"), root)[0]).toMatch(/not well-formed/);
    const swapped = xml.replace(
      /(<Version>[^<]*<\/Version>)\s*(<ProviderName>[^<]*<\/ProviderName>)/,
      "$2$1",
    );
    expect(checkManifest(swapped, root)).toContainEqual(
      expect.stringMatching(/<ProviderName> must come before|<Version> must come before/),
    );
    expect(
      checkManifest(
        xml.replace("https://localhost:3000/taskpane.html", "http://localhost:3000/taskpane.html"),
        root,
      ),
    ).toContainEqual(expect.stringMatching(/is not https/));
    expect(
      checkManifest(xml.replace("https://localhost:3000/help.html", "https://example.org/help.html"), root),
    ).toContainEqual(expect.stringMatching(/not under the add-in's folder https:\/\/localhost:3000\//));
    expect(
      checkManifest(xml.replace('DefaultValue="Kiểm tra"', `DefaultValue="${"x".repeat(130)}"`), root),
    ).toContainEqual(expect.stringMatching(/over the limit of 125/));
  });
});
