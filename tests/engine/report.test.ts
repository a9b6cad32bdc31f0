/** The quarterly report: the drafted narrative on real values, the gate on the data, the catalogues. */
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";
import { runPlan, type RunResult } from "../../src/engine/pipeline";
import { buildNarrative } from "../../src/engine/narrative";
import fc from "fast-check";
import { BLANK_LINE, buildReport, chartParts, MAX_BARS, type ReportChart } from "../../src/engine/report";
import { refusalMessage } from "../../src/engine/gate";
import { labels, type Lang } from "../../src/engine/i18n/labels";
import { formatNumber } from "../../src/engine/i18n/numbers";
import { byRank } from "../../src/engine/summary";
import type { WorkbookGrids } from "../../src/engine/grid";
import type { SheetSpec } from "../../src/engine/sheetSpec";
import type { PlanRows } from "../../src/engine/format";
import { province2025Rows } from "../helpers/province2025";
import { planRowsArb } from "../helpers/randomPlan";

const grids = planRowsToGrids(samplePlanRows());
const run = (g: WorkbookGrids, lang: Lang, period: string | null = "2015-Q2") =>
  runPlan(g, { period, lang, robustness: false, asOf: "2015-07-05" });

describe("leading and trailing units of a group", () => {
  it("never name a unit twice: in a group of four or five the trailing list holds only the units below the leaders", () => {
    fc.assert(
      fc.property(planRowsArb(), (rows) => {
        const res = run(planRowsToGrids(rows), "en", "2015-Q1");
        for (const g of res.summary?.groups ?? []) {
          const top = g.top.map((u) => u.unit);
          const bottom = g.bottom.map((u) => u.unit);
          expect(top).toEqual(g.ranking.slice(0, 3).map((u) => u.unit));
          expect(bottom.filter((c) => top.includes(c))).toEqual([]);
          expect(bottom.length).toBe(Math.min(3, g.ranking.length - top.length));
          if (bottom.length) expect(bottom[0]).toBe(g.ranking.at(-1)!.unit);
          const text = buildNarrative(res.plan, res.summary!, "en").groups.find(
            (x) => x.group === g.group,
          )!.text;
          const trailing = /Trailing: ([^.]*)\./.exec(text)?.[1] ?? "";
          for (const u of g.top) expect(trailing).not.toContain(`${u.name} (`);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe("English counts", () => {
  it("take the singular for one: 1 warning, 1 unit was graded, (1 unit), 1 figure missing from 1 unit", () => {
    const rows: PlanRows = {
      settings: [
        ["Tỉnh", "Thử"],
        ["Kỳ hiện tại", "2015-Q1"],
      ],
      units: [
        ["S1", "Sở Một", "Sở, ban, ngành", "Có"],
        ["S2", "Sở Hai", "Sở, ban, ngành", "Có"],
        ["H1", "Huyện Một", "UBND huyện, thành phố", "Có"],
      ],
      indicators: [
        [
          "I1",
          "Chỉ tiêu 1",
          "Hạ tầng kỹ thuật",
          "%",
          "Cao hơn tốt hơn",
          100,
          0.5,
          null,
          null,
          null,
          null,
          null,
          null,
        ],
      ],
      figureIndicators: ["I1"],
      figures: [
        ["S1", "Quý I/2015", 0.9],
        ["S2", "Quý I/2015", null],
        ["H1", "Quý I/2015", 0.2],
      ],
    };
    const en = run(planRowsToGrids(rows), "en", "2015-Q1");
    expect(en.findings.map((f) => f.code)).toEqual(["MISSING_FIGURE"]);
    const report = buildReport(en.plan, en.summary!, "en");
    expect(report.qualityNote).toContain("the checks found 0 errors and 1 warning (see");
    const n = buildNarrative(en.plan, en.summary!, "en");
    expect(n.province).toContain("3 units were assessed and ranked; 1/3 units (33%) was graded Good;");
    expect(n.groups.map((g) => g.text.split(";")[0])).toEqual([
      "Provincial department (2 units): mean index 50.00",
      "District / city (1 unit): mean index 40.00",
    ]);
    expect(n.quality).toContain(
      "1 figure missing from 1 unit (scored 0); the checks found 0 errors and 1 warning",
    );
  });
});

describe("the drafted narrative", () => {
  const vi = run(grids, "vi");
  const r = vi.results!;
  const n = buildNarrative(vi.plan, vi.summary!, "vi");
  const count = (pred: (u: (typeof r.ranking)[number]) => boolean) => r.ranking.filter(pred).length;

  it("states the province's grades and their change with the period's own counts", () => {
    const good = count((u) => u.grade === "good");
    const before = count((u) => u.previous?.grade === "good");
    const share = Math.round((good / r.ranking.length) * 100);
    expect(good).toBe(19);
    expect(n.province).toContain(
      `Quý II/2015, 31 đơn vị được đánh giá, xếp hạng mức độ ứng dụng CNTT; ${good}/31 đơn vị (${share}%) xếp loại Tốt, tăng ${good - before} đơn vị so với Quý I/2015`,
    );
    const names = { fair: "Khá", average: "Trung bình", weak: "Yếu" } as const;
    for (const g of ["fair", "average", "weak"] as const) {
      const c = count((u) => u.grade === g);
      expect(n.province).toContain(`${c}/31 đơn vị (${Math.round((c / 31) * 100)}%) xếp loại ${names[g]}`);
    }
  });

  it("names the leaders, the laggards and the biggest movers of each group, numbers written with a decimal comma", () => {
    for (const [k, g] of (["department", "district"] as const).entries()) {
      const ranking = byRank(r.ranking.filter((u) => u.group === g));
      const text = n.groups[k].text;
      const fmt = (u: (typeof ranking)[number]) => `${u.name} (${formatNumber(u.indexRounded, 2, "vi")})`;
      expect(text).toContain(`Dẫn đầu: ${ranking.slice(0, 3).map(fmt).join("; ")}.`);
      expect(text).toContain(`Cuối bảng: ${ranking.slice(-3).reverse().map(fmt).join("; ")}.`);
      const rise = [...ranking].sort((a, b) => (b.indexChange ?? 0) - (a.indexChange ?? 0))[0];
      expect(text).toContain(
        `Tăng nhiều nhất: ${rise.name} (+${formatNumber(rise.indexChange!, 2, "vi")} điểm`,
      );
    }
    expect(n.groups[0].text).toContain("Văn phòng UBND tỉnh (99,45)");
    expect(n.groups[0].text).not.toMatch(/\d\.\d\d\b/);
  });

  it("lists the indicators behind their province target and the data caveats", () => {
    const behind = r.province.filter((p) => p.coverageTarget !== null && (p.attainment ?? 1) < 1);
    expect(behind.length).toBeGreaterThan(0);
    for (const b of behind) {
      const name = vi.plan.indicators.find((i) => i.code === b.indicator)!.name;
      expect(n.province).toContain(`${name} (${Math.round(b.shareMeeting! * 100)}% đơn vị đạt`);
    }
    const missing = r.attainment.filter((a) => a.status === "noData").length;
    expect(n.quality).toContain(`thiếu ${missing} số liệu`);
    expect(n.recommendations.length).toBeGreaterThanOrEqual(3);
    expect(n.recommendations.at(-1)).toContain("Quý III/2015");
  });

  it("writes a fall with the sign its table writes, the hyphen-minus of Excel, Word and official documents", () => {
    for (const lang of ["vi", "en"] as const) {
      const x = run(grids, lang);
      const report = buildReport(x.plan, x.summary!, lang);
      const texts = report.body.flatMap((b) =>
        b.kind === "table" ? b.table.rows.flat().map((c) => c.text) : b.kind === "list" ? b.items : [],
      );
      const paragraphs = report.body.flatMap((b) => (b.kind === "paragraph" ? [b.text] : []));
      const fall = byRank(x.results!.ranking).find((u) => (u.indexChange ?? 0) < 0)!;
      const change = formatNumber(fall.indexChange!, 2, lang);
      expect(change).toMatch(/^-\d/);
      expect(texts).toContain(change);
      expect(paragraphs.join("\n")).toContain(`${fall.name} (${change} `);
      expect([...texts, ...paragraphs].join("\n")).not.toContain("\u2212");
    }
  });

  it("reads the same numbers in English with a decimal point", () => {
    const en = run(grids, "en");
    const text = buildNarrative(en.plan, en.summary!, "en");
    expect(text.province).toContain(
      "In Q2 2015, 31 units were assessed and ranked; 19/31 units (61%) were graded Good",
    );
    expect(text.groups[0].text).toContain("(99.45)");
    expect(text.groups[0].text).not.toMatch(/\d,\d\d\b/);
  });

  it("dates the snapshot the language's way, as the place and date line does", () => {
    const vi = run(grids, "vi");
    const en = run(grids, "en");
    expect(buildReport(vi.plan, vi.summary!, "vi").snapshotDocument).toBe("Số liệu chốt ngày 05/07/2015.");
    const report = buildReport(en.plan, en.summary!, "en");
    expect(report.snapshotDocument).toBe("Figures as of July 5, 2015.");
    expect(report.snapshot).toMatch(/^Figures as of July 5, 2015: /);
  });
});

describe("the gate on the data", () => {
  const without = (name: string): WorkbookGrids => ({ sheets: grids.sheets.filter((g) => g.sheet !== name) });
  const emptied = (name: string): WorkbookGrids => ({
    sheets: grids.sheets.map((g) => (g.sheet === name ? { ...g, values: g.values.slice(0, 1) } : g)),
  });
  const renamed = (name: string, to: string): WorkbookGrids => ({
    sheets: grids.sheets.map((g) => (g.sheet === name ? { ...g, sheet: to } : g)),
  });
  const withoutColumn = (name: string, header: string): WorkbookGrids => ({
    sheets: grids.sheets.map((g) => {
      const at = g.values[0].indexOf(header);
      return g.sheet === name ? { ...g, values: g.values.map((r) => r.filter((_, j) => j !== at)) } : g;
    }),
  });
  const checks = (res: RunResult) => res.sheets.find((s) => s.kind === "findings")!;
  const a3 = (s: SheetSpec) => String(s.blocks.find((b) => b.row === 3)?.cells[0][0].value ?? "");

  it.each([
    ["the figures sheet is missing", without("Số liệu"), "2015-Q2", "missingSheet", "thiếu sheet “Số liệu”"],
    ["the units sheet is missing", without("Đơn vị"), "2015-Q2", "missingSheet", "thiếu sheet “Đơn vị”"],
    [
      "the units sheet was renamed",
      renamed("Đơn vị", "DV cũ"),
      "2015-Q2",
      "renamedSheet",
      "không có sheet “Đơn vị”, nhưng dòng tiêu đề của nó nằm trên sheet “DV cũ”",
    ],
    [
      "a column every indicator needs is missing",
      withoutColumn("Chỉ tiêu", "Đơn vị tính"),
      "2015-Q2",
      "missingColumn",
      "thiếu cột “Đơn vị tính” trên sheet “Chỉ tiêu”",
    ],
    [
      "the period has no figures",
      grids,
      "2016-Q1",
      "noFigures",
      "sheet Số liệu không có số liệu nào cho Quý I/2016 (các kỳ đã có số liệu: Quý I/2014, Quý II/2014, Quý III/2014, Quý IV/2014, Quý I/2015, Quý II/2015). Nhập số liệu của kỳ này trên sheet Số liệu, hoặc chọn một kỳ đã có số liệu.",
    ],
    ["no units", emptied("Đơn vị"), "2015-Q2", "noUnits", "sheet “Đơn vị” không có đơn vị nào"],
    [
      "no indicators",
      emptied("Chỉ tiêu"),
      "2015-Q2",
      "noIndicators",
      "sheet “Chỉ tiêu” không có chỉ tiêu nào",
    ],
  ])("refuses a report when %s, and says that nothing was written and why", (_, g, period, reason, why) => {
    const res = run(g, "vi", period);
    expect(res.refused?.reason).toBe(reason);
    expect(res.results).toBeNull();
    expect(res.summary).toBeNull();
    // Only the checks sheet is written, and it says why there is no report.
    expect(res.sheets.map((s) => s.kind)).toEqual(["findings"]);
    const message = refusalMessage(res.refused!, "vi");
    expect(message).toMatch(/^Chưa tạo báo cáo, không ghi kết quả nào vào sổ tính: /);
    expect(message).toContain(why);
    expect(a3(checks(res))).toBe(message);
    expect(refusalMessage(run(g, "en", period).refused!, "en")).toMatch(
      /^No report was made and nothing was written/,
    );
  });

  it("names, for a period without figures, the workbook's sheet, the periods that have figures and what to do, in English too", () => {
    const en = refusalMessage(run(grids, "en", "2016-Q1").refused!, "en");
    expect(en).toBe(
      "No report was made and nothing was written to the workbook: the Số liệu sheet has no figures for Q1 2016 (periods with figures: Q1 2014, Q2 2014, Q3 2014, Q4 2014, Q1 2015, Q2 2015). Enter that period's figures on the Số liệu sheet, or choose a period that has figures.",
    );
  });

  it("makes the report when the errors do not make it meaningless, with a note on the tab", () => {
    const rows = samplePlanRows();
    // A figure that is not a number is an error, not a reason to refuse the report.
    const figures = rows.figures.map((r, i) => (i === 40 ? [r[0], r[1], "abc", ...r.slice(3)] : r));
    const res = run(planRowsToGrids({ ...rows, figures }), "vi");
    expect(res.findings.some((f) => f.severity === "error")).toBe(true);
    expect(res.refused).toBeNull();
    const summary = res.sheets.find((s) => s.kind === "summary")!;
    const texts = summary.blocks.flatMap((b) => b.cells.flat().map((c) => String(c.value ?? "")));
    expect(texts.some((t) => /^Lưu ý về dữ liệu: [1-9]\d* lỗi, \d+ cảnh báo/.test(t))).toBe(true);
  });
});

describe("the recipients", () => {
  const recipientsOf = (g: WorkbookGrids, lang: Lang) => {
    const r = run(g, lang);
    return buildReport(r.plan, r.summary!, lang).recipients;
  };

  it("are by default the units of the groups ranked: communes since 2025, districts before", () => {
    expect(recipientsOf(grids, "vi")).toEqual([
      "- UBND tỉnh (b/c);",
      "- Ban Chỉ đạo CNTT tỉnh (b/c);",
      "- Các sở, ban, ngành;",
      "- UBND các huyện, thành phố;",
      "- Lưu: VT.",
    ]);
    const province = planRowsToGrids(province2025Rows(12));
    expect(recipientsOf(province, "vi")).toEqual([
      "- UBND tỉnh (b/c);",
      "- Ban Chỉ đạo CNTT tỉnh (b/c);",
      "- Các sở, ban, ngành;",
      "- UBND các xã, phường, đặc khu;",
      "- Lưu: VT.",
    ]);
    expect(recipientsOf(province, "en")).toEqual([
      "- Provincial People's Committee (for report);",
      "- IT steering committee (for report);",
      "- Provincial departments;",
      "- Commune, ward and special-zone people's committees;",
      "- Archive.",
    ]);
  });
});

describe("the issuing body", () => {
  /** The sample eleven years on: its figures of 2014 and 2015 as 2025's and 2026's. */
  const later = (): WorkbookGrids => {
    const rows = samplePlanRows();
    const on = <T>(v: T) =>
      typeof v === "string" ? v.replace(/\b201[45]\b/, (y) => String(Number(y) + 11)) : v;
    return planRowsToGrids({
      ...rows,
      settings: rows.settings.map(([k, v]) => [k, k === "Năm kế hoạch" ? 2026 : on(v)]),
      figures: rows.figures.map((f) => [f[0], on(f[1]), ...f.slice(2)]),
    });
  };
  const of = (g: WorkbookGrids, lang: Lang, period: string) => {
    const r = run(g, lang, period);
    const report = buildReport(r.plan, r.summary!, lang);
    const closing = buildNarrative(r.plan, r.summary!, lang).recommendations.at(-1);
    return [report.heading.issuingBody, report.heading.number, closing?.split(/ (tiếp tục|will keep)/)[0]];
  };

  it("is by default the department in charge in the period's year: information and communications, science and technology since 2025", () => {
    expect(of(grids, "vi", "2015-Q2")).toEqual([
      "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
      "Số:        /BC-STTTT",
      "Sở Thông tin và Truyền thông",
    ]);
    expect(of(later(), "vi", "2026-Q2")).toEqual([
      "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
      "Số:        /BC-SKHCN",
      "Sở Khoa học và Công nghệ",
    ]);
    expect(of(later(), "vi", "2025")).toEqual(of(later(), "vi", "2026-Q2"));
    expect(of(later(), "en", "2026-Q2")).toEqual([
      "DEPARTMENT OF SCIENCE AND TECHNOLOGY",
      "No.        /BC-SKHCN",
      "The Department of Science and Technology",
    ]);
  });
});

describe("the signer block", () => {
  /** The sample with these rows added to its Cấu hình sheet. */
  const withSettings = (...rows: [string, string][]) => {
    const plan = samplePlanRows();
    return planRowsToGrids({ ...plan, settings: [...plan.settings, ...rows] });
  };
  const signer = (g: WorkbookGrids, lang: Lang) => {
    const r = run(g, lang);
    const report = buildReport(r.plan, r.summary!, lang);
    return { title: report.signerTitle, name: report.signerName, findings: r.findings };
  };

  it("is the director and a dotted line for the name when nothing is set: no name is invented", () => {
    expect(signer(grids, "vi")).toMatchObject({ title: ["GIÁM ĐỐC"], name: BLANK_LINE });
    expect(signer(grids, "en")).toMatchObject({ title: ["DIRECTOR"], name: BLANK_LINE });
    expect(BLANK_LINE).toMatch(/^…{10,}$/);
  });

  it("puts the authority before the head's title and the signer's own title under it, in capitals", () => {
    const kt = withSettings(["Thẩm quyền ký", "KT."], ["Người ký", "Nguyễn Văn An"]);
    expect(signer(kt, "vi")).toMatchObject({
      title: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
      name: "Nguyễn Văn An",
    });
    expect(signer(kt, "en")).toMatchObject({ title: ["FOR THE DIRECTOR", "DEPUTY DIRECTOR"] });
    const tl = withSettings(["Thẩm quyền ký", "TL"], ["Chức vụ người ký", "Chánh Văn phòng"]);
    expect(signer(tl, "vi").title).toEqual(["TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"]);
    expect(signer(tl, "en").title).toEqual(["BY ORDER OF THE DIRECTOR", "CHÁNH VĂN PHÒNG"]);
    // TL. with no title given: a line to write it on, not a guess.
    expect(signer(withSettings(["Thẩm quyền ký", "thừa lệnh"]), "vi").title).toEqual([
      "TL. GIÁM ĐỐC",
      BLANK_LINE,
    ]);
    const tm = withSettings(
      ["Signing authority", "TM. (on behalf of a collective body)"],
      ["Chức vụ thủ trưởng", "Ủy ban nhân dân"],
      ["Chức vụ người ký", "Chủ tịch"],
    );
    expect(signer(tm, "vi").title).toEqual(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]);
    // An acting head signs in the head's name alone.
    const q = withSettings(["Thẩm quyền ký", "Q."], ["Chức vụ người ký", "Phó Giám đốc"]);
    expect(signer(q, "vi").title).toEqual(["Q. GIÁM ĐỐC"]);
    expect(signer(q, "en").title).toEqual(["ACTING DIRECTOR"]);
  });

  it("keeps a title of several lines typed in one cell, as earlier workbooks wrote KT.", () => {
    const old = withSettings(["Chức vụ người ký", "KT. Giám đốc\nPhó Giám đốc"]);
    expect(signer(old, "vi").title).toEqual(["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]);
  });

  it("names the cell of an authority it does not know, and signs as the head meanwhile", () => {
    const bad = withSettings(["Thẩm quyền ký", "Ký thay giám đốc"]);
    const got = signer(bad, "vi");
    expect(got.title).toEqual(["GIÁM ĐỐC"]);
    const f = got.findings.find((x) => x.code === "INVALID_SETTING");
    expect(f).toMatchObject({
      sheet: "Cấu hình",
      params: { value: "Ký thay giám đốc", setting: "Thẩm quyền ký" },
    });
    expect(f!.cell).toMatch(/^B\d+$/);
  });
});

describe("a chart printed in parts", () => {
  const chartOf = (n: number): ReportChart => ({
    title: "Chỉ số",
    categories: Array.from({ length: n }, (_, i) => `Xã ${i + 1}`),
    values: Array.from({ length: n }, (_, i) => n - i),
    labels: Array.from({ length: n }, (_, i) => String(n - i)),
    colors: Array.from({ length: n }, () => "2E7D32"),
    axisMax: 100,
    axisStep: 10,
    numberFormat: "0",
    labelFormat: "0.00",
  });

  it("keeps every bar once in rank order, at most 30 a part, the first part as long as asked, the rest even", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.option(fc.integer({ min: 0, max: 40 })),
        (n, first) => {
          const c = chartOf(n);
          const parts = chartParts(c, first ?? undefined);
          expect(parts.flatMap((p) => p.categories)).toEqual(c.categories);
          expect(parts.flatMap((p) => p.values)).toEqual(c.values);
          expect(parts.every((p) => p.categories.length <= MAX_BARS && p.categories.length > 0)).toBe(true);
          if (parts.length === 1) expect(parts[0]).toBe(c);
          else
            expect(parts.map((p) => p.title)).toEqual(
              parts.map((_, k) => `Chỉ số (${k + 1}/${parts.length})`),
            );
          const asked = first !== null && first > 0 && first < Math.min(n, MAX_BARS);
          const rest = (asked ? parts.slice(1) : parts).map((p) => p.categories.length);
          // The rest as even as slices allow: all of one size but the last, which is no longer.
          expect(new Set(rest.slice(0, -1)).size).toBeLessThanOrEqual(1);
          expect(rest.at(-1)!).toBeLessThanOrEqual(rest[0]);
          if (asked) expect(parts[0].categories).toHaveLength(first);
          expect(parts.length).toBe(
            asked ? 1 + Math.ceil((n - first) / MAX_BARS) : Math.max(1, Math.ceil(n / MAX_BARS)),
          );
        },
      ),
    );
  });
});

/** Every text cell of a sheet. */
const textsOf = (s: SheetSpec) =>
  s.blocks.flatMap((b) => b.cells.flat().flatMap((c) => (typeof c.value === "string" ? [c.value] : [])));

const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;
const ENGLISH_TERMS =
  /\b(Min|Max|Z-score|target|zero|arithmetic|geometric|Province|Rank|Index|Good|Fair|Average|Weak|Summary|Page|Status|Met|Total|Share)\b|Σ/;

describe("one catalogue per language", () => {
  const vi = labels("vi");
  const en = labels("en");
  const placeholders = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it("has every key in both languages, filled, with the same placeholders", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const k of Object.keys(vi) as (keyof typeof vi)[]) {
      expect(vi[k].length).toBeGreaterThan(0);
      expect(en[k].length).toBeGreaterThan(0);
      // The English place/date line names the month; every other template takes the same parameters.
      if (k !== "placeDate") expect([k, placeholders(en[k])]).toEqual([k, placeholders(vi[k])]);
    }
  });

  it("writes no Vietnamese in English output and no English terms in Vietnamese output, beyond the planner's own data", () => {
    const en = run(grids, "en");
    const viRun = run(grids, "vi");
    // What the planner typed stays as typed: unit and indicator names, the province, codes, and the names of their
    // sheets (an English run names the workbook's "Số liệu" as it is).
    const userData = [
      ...Object.values(en.plan.layout).map((l) => l.sheet),
      ...en.plan.units.map((u) => u.name),
      ...en.plan.indicators.map((i) => i.name),
      en.plan.settings.province,
      en.plan.settings.province.toLocaleUpperCase("vi"),
    ].sort((a, b) => b.length - a.length);
    const strip = (t: string) => userData.reduce((s, d) => (d ? s.split(d).join("") : s), t);
    const enSummary = en.sheets.find((s) => s.kind === "summary")!;
    const enTexts = en.sheets
      .filter((s) => s.kind !== "findings")
      .flatMap(textsOf)
      .map(strip);
    expect(enTexts.filter((t) => VIETNAMESE.test(t) || /Quý/.test(t))).toEqual([]);
    expect(enTexts.join("\n")).not.toMatch(/\d,\d\d\b/);
    expect(textsOf(enSummary).some((t) => t.includes("SOCIALIST REPUBLIC OF VIET NAM"))).toBe(true);
    const viSummary = viRun.sheets.find((s) => s.kind === "summary")!;
    const viTexts = textsOf(viSummary).map(strip);
    expect(viTexts.filter((t) => ENGLISH_TERMS.test(t))).toEqual([]);
    // Generated numbers in text use the decimal comma.
    expect(viTexts.join("\n")).not.toMatch(/\d\.\d\d\b/);
    expect(textsOf(viSummary).some((t) => t.includes("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))).toBe(true);
    // The report model (what the .docx renders) says the same in both languages.
    const report = buildReport(en.plan, en.summary!, "en");
    const all = [
      ...Object.values(report.heading),
      report.snapshot,
      ...report.body.flatMap((b) =>
        b.kind === "table"
          ? [...b.table.columns.map((c) => c.title), ...b.table.rows.flat().map((c) => c.text)]
          : b.kind === "list"
            ? b.items
            : b.kind === "chart"
              ? [b.chart.title]
              : [b.text],
      ),
    ].map(strip);
    expect(all.filter((t) => VIETNAMESE.test(t))).toEqual([]);
  });
});
