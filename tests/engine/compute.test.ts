import fc from "fast-check";
import { planRowsToGrids } from "../../src/engine/planRows";
import { samplePlanRows } from "../../src/engine/sample";
import { checkWorkbook } from "../../src/engine/validate";
import { computePeriod } from "../../src/engine/compute";
import { competitionRanks, rankEq } from "../../src/engine/ranking";
import { excelRound } from "../../src/engine/excelMath";
import type { PlanRows } from "../../src/engine/format";
import { planRowsArb } from "../helpers/randomPlan";

const sampleRows = samplePlanRows();

function compute(rows: PlanRows, period: string, robustness = false) {
  const { plan, findings } = checkWorkbook(planRowsToGrids(rows), period);
  return { plan, findings, results: computePeriod(plan, period, { robustness }) };
}

/** A tiny plan whose figures are worked out by hand below. */
function tiny(): PlanRows {
  return {
    settings: [["Kỳ hiện tại", "2015-Q2"]],
    units: [
      ["A", "Đơn vị A", "Sở, ban, ngành", "Có"],
      ["B", "Đơn vị B", "Sở, ban, ngành", "Có"],
      ["C", "Đơn vị C", "Sở, ban, ngành", "Có"],
      ["D", "Huyện D", "UBND huyện, thành phố", "Có"],
    ],
    indicators: [
      // code, name, pillar, measure, direction, weight, annual, Q1..Q4, groups, coverage
      ["PCT", "Tỷ lệ", "Nhân lực", "%", null, 50, 0.4, null, 0.2, null, null, null, 0.6],
      [
        "DAYS",
        "Số ngày",
        "Ứng dụng nội bộ",
        "Số lượng",
        "Thấp hơn tốt hơn",
        30,
        3,
        null,
        null,
        null,
        null,
        null,
        null,
      ],
      [
        "WEB",
        "Website",
        "Dịch vụ công trực tuyến",
        "Có/Không",
        null,
        20,
        "Có",
        null,
        null,
        null,
        null,
        null,
        null,
      ],
    ],
    figureIndicators: ["PCT", "DAYS", "WEB"],
    figures: [
      ["A", "2015-Q2", 0.3, 2, 1],
      ["B", "2015-Q2", 0.1, 6, 1],
      ["C", "2015-Q2", null, 4, 0],
      ["D", "2015-Q2", 0.2, 3, 1],
      ["A", "2015-Q1", 0.1, 3, 1],
      ["B", "2015-Q1", 0.2, 3, 1],
      ["C", "2015-Q1", 0.2, 3, 1],
    ],
  };
}

describe("attainment, index and ranks on a plan worked out by hand", () => {
  const { results } = compute(tiny(), "2015-Q2");
  const att = (u: string, i: string) => results.attainment.find((a) => a.unit === u && a.indicator === i);
  const unit = (u: string) => results.ranking.find((r) => r.unit === u);

  it("uses the quarter's milestone as the target, caps for scoring, and bands the status", () => {
    expect(att("A", "PCT")).toMatchObject({
      target: 0.2,
      attainment: 1.4999999999999998,
      capped: 1,
      status: "met",
    });
    expect(att("B", "PCT")).toMatchObject({ attainment: 0.5, capped: 0.5, status: "notMet" });
    expect(att("C", "PCT")).toMatchObject({ actual: null, attainment: null, status: "noData" });
  });

  it("inverts lower-is-better and reads yes/no as 1/0", () => {
    expect(att("A", "DAYS")).toMatchObject({ target: 3, attainment: 1.5, capped: 1, status: "met" });
    expect(att("B", "DAYS")).toMatchObject({ attainment: 0.5, status: "notMet" });
    expect(att("C", "DAYS")?.attainment).toBeCloseTo(0.75, 12);
    expect(att("C", "WEB")).toMatchObject({ attainment: 0, status: "notMet" });
  });

  it("computes the weighted index, scores a missing figure 0 and ranks like RANK.EQ", () => {
    // A: (50·1 + 30·1 + 20·1)/100 = 100; B: (50·0.5 + 30·0.5 + 20·1)/100 = 60; C: (0 + 30·0.75 + 0)/100 = 22.5
    expect(unit("A")?.indexRounded).toBe(100);
    expect(unit("B")?.indexRounded).toBe(60);
    expect(unit("C")?.indexRounded).toBe(22.5);
    expect(unit("C")?.missingFigures).toBe(1);
    expect([unit("A")?.grade, unit("B")?.grade, unit("C")?.grade]).toEqual([
      "good",
      "AVERAGE".toLowerCase(),
      "weak",
    ]);
    expect([
      unit("A")?.rankInGroup,
      unit("B")?.rankInGroup,
      unit("C")?.rankInGroup,
      unit("D")?.rankInGroup,
    ]).toEqual([1, 2, 3, 1]);
    expect(unit("D")?.rankOverall).toBe(1);
    expect(unit("A")?.rankOverall).toBe(1);
  });

  it("compares with the previous quarter", () => {
    expect(results.previousPeriod).toBe("2015-Q1");
    // Q1: A PCT 0.1/0.4 → .25 → 50·.25+30+20 = 62.5; B: 50·.5+30+20 = 75; C: 75 → A is third.
    expect(unit("A")?.previous).toEqual({
      indexRounded: 62.5,
      rankInGroup: 3,
      rankOverall: 3,
      grade: "average",
    });
    expect(unit("A")?.rankChange).toBe(2);
    expect(unit("A")?.indexChange).toBe(37.5);
  });

  it("measures province coverage: the share of units meeting the target against the coverage target", () => {
    const p = results.province.find((x) => x.indicator === "PCT");
    // A and D meet 20%: 2 of 4 = 50% against 60% → 83.3% (near target)
    expect(p).toMatchObject({
      applicableUnits: 4,
      unitsWithData: 3,
      unitsMeeting: 2,
      shareMeeting: 0.5,
      coverageTarget: 0.6,
      status: "near",
    });
    expect(p?.attainment).toBeCloseTo(0.5 / 0.6, 12);
  });

  it("excludes missing figures and renormalises the weights under the exclude policy", () => {
    const rows = tiny();
    const { results: r } = compute(
      { ...rows, settings: [...rows.settings, ["Số liệu thiếu", "Loại trừ"]] },
      "2015-Q2",
    );
    // C: (30·0.75 + 20·0)/(30 + 20) = 45
    expect(r.ranking.find((x) => x.unit === "C")?.indexRounded).toBe(45);
  });

  it("supports the 0–1 and 1,000-point scales and geometric aggregation", () => {
    const rows = tiny();
    const one = compute(
      { ...rows, settings: [...rows.settings, ["Thang điểm", 1], ["Số chữ số thập phân", 4]] },
      "2015-Q2",
    ).results;
    expect(one.ranking.find((x) => x.unit === "B")?.indexRounded).toBe(0.6);
    expect(one.ranking.find((x) => x.unit === "B")?.grade).toBe("average");
    const geo = compute(
      { ...rows, settings: [...rows.settings, ["Cách tổng hợp", "Trung bình nhân"]] },
      "2015-Q2",
    ).results;
    // B: pillars 0.5 (w50), 0.5 (w30), 1 (w20): exp((50 ln .5 + 30 ln .5)/100) · 100
    expect(geo.ranking.find((x) => x.unit === "B")?.index).toBeCloseTo(
      100 * Math.exp((80 * Math.log(0.5)) / 100),
      10,
    );
    expect(geo.ranking.find((x) => x.unit === "C")?.index).toBe(0);
  });
});

describe("the bundled sample", () => {
  it("grades 2014 as the Lào Cai report: 9 of 31 units Tốt (29%), 12 Khá (39%)", () => {
    const { results, findings } = compute(sampleRows, "2014");
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
    const all = results.distribution.find((d) => d.group === null);
    expect(all?.total).toBe(31);
    expect(all?.counts.good).toBe(9);
    expect(all?.counts.fair).toBe(12);
    expect(Math.round((all?.shares.good ?? 0) * 100)).toBe(29);
    expect(Math.round((all?.shares.fair ?? 0) * 100)).toBe(39);
  });

  it("has an exact tie within a group that shares a rank and skips the next", () => {
    const { results } = compute(sampleRows, "2015-Q2");
    const snv = results.ranking.find((r) => r.unit === "SNV");
    const stp = results.ranking.find((r) => r.unit === "STP");
    expect(snv?.indexRounded).toBe(stp?.indexRounded);
    expect(snv?.rankInGroup).toBe(stp?.rankInGroup);
    const ranks = results.ranking.filter((r) => r.group === "department").map((r) => r.rankInGroup);
    expect(ranks).not.toContain((snv?.rankInGroup ?? 0) + 1);
  });

  it("gives reproducible rank intervals that contain the rank", () => {
    const a = compute(sampleRows, "2015-Q2", true).results;
    const b = compute(sampleRows, "2015-Q2", true).results;
    expect(a.ranking.map((r) => r.robustness)).toEqual(b.ranking.map((r) => r.robustness));
    for (const r of a.ranking) {
      expect(r.robustness).not.toBeNull();
      expect(r.robustness!.p5).toBeLessThanOrEqual(r.robustness!.median);
      expect(r.robustness!.median).toBeLessThanOrEqual(r.robustness!.p95);
    }
  });
});

describe("invariants on random plans", () => {
  it("ranks are exactly RANK.EQ within each group and overall", () => {
    fc.assert(
      fc.property(planRowsArb(), (rows) => {
        const { results } = compute(rows, "2015-Q1");
        const all = results.ranking.map((r) => r.indexRounded);
        for (const r of results.ranking) {
          expect(r.rankOverall).toBe(rankEq(r.indexRounded, all));
          const group = results.ranking.filter((x) => x.group === r.group).map((x) => x.indexRounded);
          expect(r.rankInGroup).toBe(rankEq(r.indexRounded, group));
        }
      }),
      { seed: 20151, numRuns: 60 },
    );
  });

  it("keeps the index within [0, scale]", () => {
    fc.assert(
      fc.property(planRowsArb(), (rows) => {
        for (const r of compute(rows, "2015-Q1").results.ranking) {
          expect(r.index).toBeGreaterThanOrEqual(0);
          expect(r.index).toBeLessThanOrEqual(100 + 1e-9);
        }
      }),
      { seed: 20152, numRuns: 60 },
    );
  });

  it("never lowers a unit's index when one of its higher-is-better figures rises (distance to target)", () => {
    fc.assert(
      fc.property(
        planRowsArb({ normalisation: "target", aggregation: "arithmetic" }),
        fc.nat(),
        (rows, pick) => {
          const before = compute(rows, "2015-Q1").results;
          const rowIdx = rows.units.length + (pick % rows.units.length); // a 2015-Q1 row
          const hi = rows.indicators
            .map((r, i) => (r[4] === "Cao hơn tốt hơn" && r[3] !== "Có/Không" ? i : -1))
            .filter((i) => i >= 0);
          if (!hi.length) return;
          const col = hi[pick % hi.length];
          const old = rows.figures[rowIdx][col + 2];
          if (typeof old !== "number") return;
          const raised = rows.indicators[col][3] === "%" ? Math.min(1, old + 0.05) : old + 1;
          const figures = rows.figures.map((r, i) =>
            i === rowIdx ? r.map((v, j) => (j === col + 2 ? raised : v)) : r,
          );
          const after = compute({ ...rows, figures }, "2015-Q1").results;
          const u = String(rows.figures[rowIdx][0]);
          const b = before.ranking.find((r) => r.unit === u)?.index ?? 0;
          const a = after.ranking.find((r) => r.unit === u)?.index ?? 0;
          expect(a).toBeGreaterThanOrEqual(b - 1e-9);
        },
      ),
      { seed: 20153, numRuns: 60 },
    );
  });

  it("competitionRanks equals rankEq and ROUND matches Excel's half-away-from-zero", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: 0, max: 30 }).map((x) => x / 4),
          { maxLength: 40 },
        ),
        (xs) => {
          expect(competitionRanks(xs)).toEqual(xs.map((x) => rankEq(x, xs)));
        },
      ),
      { seed: 20154, numRuns: 200 },
    );
    expect([
      excelRound(1.005, 2),
      excelRound(2.675, 2),
      excelRound(-2.5, 0),
      excelRound(72.345, 2),
      excelRound(0.1 + 0.2, 15),
    ]).toEqual([1.01, 2.68, -3, 72.35, 0.3]);
  });
});

describe("province attainment, one rule (issue 17)", () => {
  it("judges every indicator with a target on share meeting / coverage (blank = 100%), and counts nothing without one", async () => {
    const { samplePlanRows: rowsOf } = await import("../../src/engine/sample");
    const { planRowsToGrids: grids } = await import("../../src/engine/planRows");
    const { runPlan: runIt } = await import("../../src/engine/pipeline");
    const { statusOf } = await import("../../src/engine/attainment");
    const run = runIt(grids(rowsOf()), { period: "2015-Q2", lang: "vi", robustness: false });
    const province = run.results!.province;
    const byCode = new Map(province.map((p) => [p.indicator, p]));
    for (const p of province) {
      if (p.status === "noTarget") continue;
      const cov = p.coverageTarget ?? 1;
      expect(p.attainment).toBeCloseTo(p.shareMeeting! / cov, 12);
      expect(p.status).toBe(statusOf(p.attainment, true, run.plan.settings.nearTarget));
    }
    // DAOTAO has no target: no counts, no "0/31".
    expect(byCode.get("DAOTAO")).toEqual(
      expect.objectContaining({
        unitsMeeting: null,
        shareMeeting: null,
        attainment: null,
        status: "noTarget",
      }),
    );
    // VBDT (no coverage target: every unit) is judged on 27/31 meeting, not on its mean attainment of 146%;
    // WEBSITE (coverage 60%) on 22/31 against 60%.
    const vbdt = byCode.get("VBDT")!;
    expect(vbdt.coverageTarget).toBeNull();
    expect([vbdt.unitsMeeting, vbdt.applicableUnits, vbdt.status]).toEqual([27, 31, "near"]);
    expect(vbdt.meanAttainment).toBeGreaterThan(1);
    const web = byCode.get("WEBSITE")!;
    expect([web.unitsMeeting, web.coverageTarget, web.status]).toEqual([22, 0.6, "met"]);
    // The report (summary tab, .docx) says the same: no counts for DAOTAO, 100% for VBDT's blank Chỉ tiêu toàn tỉnh.
    const { buildReport } = await import("../../src/engine/report");
    const report = buildReport(run.plan, run.summary!, "vi");
    const table = report.body.find((b) => b.kind === "table" && b.table.columns[1].title === "Chỉ tiêu");
    if (table?.kind !== "table") throw new Error("no indicator table");
    const rowOf = (code: string) => {
      const name = run.plan.indicators.find((i) => i.code === code)!.name;
      return table.table.rows.find((r) => r[1].text === name)!;
    };
    expect(
      rowOf("DAOTAO")
        .slice(3, 6)
        .map((c) => c.text),
    ).toEqual(["", "", ""]);
    expect(rowOf("DAOTAO")[6].text).toBe("Không có chỉ tiêu");
    expect(
      rowOf("VBDT")
        .slice(3, 7)
        .map((c) => c.text),
    ).toEqual(["27", "87%", "100%", "Gần đạt"]);
    const { buildNarrative } = await import("../../src/engine/narrative");
    expect(buildNarrative(run.plan, run.summary!, "vi").province).toMatch(
      /Chưa đạt chỉ tiêu toàn tỉnh: .*\(87% đơn vị đạt, chỉ tiêu toàn tỉnh 100%\)/,
    );
  });
});

describe("ranking groups defined by the planner (issue 17)", () => {
  it("ranks units within any group named on Đơn vị, known groups first, and keeps the sample's groups", async () => {
    const { samplePlanRows: rowsOf } = await import("../../src/engine/sample");
    const { planRowsToGrids: grids } = await import("../../src/engine/planRows");
    const { runPlan: runIt } = await import("../../src/engine/pipeline");
    const rows = rowsOf();
    // Today's province: departments, xã/phường/đặc khu, and hospitals of its own naming.
    const renamed = {
      ...rows,
      units: rows.units.map((u, i) =>
        u[2] === "UBND huyện, thành phố"
          ? [u[0], u[1], i % 2 ? "Bệnh viện" : "UBND xã, phường, đặc khu", u[3]]
          : u,
      ),
      indicators: rows.indicators.map((r) =>
        r.map((v, j) =>
          j === 11 && typeof v === "string" ? v.replace("UBND huyện, thành phố", "UBND xã; Bệnh viện") : v,
        ),
      ),
    };
    const run = runIt(grids(renamed), { period: "2015-Q2", lang: "vi", robustness: false });
    expect(run.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(run.findings.filter((f) => f.code === "NO_UNIT_IN_GROUP" || f.code === "INVALID_ENUM")).toEqual(
      [],
    );
    const groups = run.results!.distribution.map((d) => d.group);
    expect(groups).toEqual(["department", "commune", "Bệnh viện", null]);
    for (const g of ["commune", "Bệnh viện"]) {
      const members = run.results!.ranking.filter((r) => r.group === g);
      expect(members.length).toBeGreaterThan(0);
      expect(Math.min(...members.map((m) => m.rankInGroup))).toBe(1);
    }
    const rankSheet = run.sheets.find((s) => s.kind === "ranking")!;
    const shown = rankSheet.blocks[3].cells.map((r) => r[2].value);
    expect(new Set(shown)).toEqual(new Set(["Sở, ban, ngành", "UBND xã, phường, đặc khu", "Bệnh viện"]));
    // The summary, the report (a heading, a table and a chart per group) and the narrative take every group.
    expect(run.summary!.groups.map((g) => g.group)).toEqual(["department", "commune", "Bệnh viện"]);
    const { buildReport } = await import("../../src/engine/report");
    const report = buildReport(run.plan, run.summary!, "vi");
    const headings = report.body.flatMap((b) => (b.kind === "heading" ? [b.text] : []));
    expect(headings).toEqual(
      expect.arrayContaining(["1. Sở, ban, ngành", "2. UBND xã, phường, đặc khu", "3. Bệnh viện"]),
    );
    const charts = report.body.flatMap((b) => (b.kind === "chart" ? [b.chart] : []));
    const hospitals = run.results!.ranking.filter((r) => r.group === "Bệnh viện");
    expect(
      charts.some((c) => c.categories.length === hospitals.length && c.title.includes("Bệnh viện")),
    ).toBe(true);
    const { buildNarrative } = await import("../../src/engine/narrative");
    const text = buildNarrative(run.plan, run.summary!, "en");
    expect(text.groups.map((g) => g.group)).toEqual(["department", "commune", "Bệnh viện"]);
    // The 2015 sample keeps its departments and districts.
    const sample = runIt(grids(rows), { period: "2015-Q2", lang: "vi", robustness: false });
    expect(sample.results!.distribution.map((d) => d.group)).toEqual(["department", "district", null]);
  });

  it('a group named literally "all" is a group like any other, apart from the province\'s total', async () => {
    const { samplePlanRows: rowsOf } = await import("../../src/engine/sample");
    const { planRowsToGrids: grids } = await import("../../src/engine/planRows");
    const { runPlan: runIt } = await import("../../src/engine/pipeline");
    const rows = rowsOf();
    const renamed = {
      ...rows,
      units: rows.units.map((u) => (u[2] === "UBND huyện, thành phố" ? [u[0], u[1], "all", u[3]] : u)),
      indicators: rows.indicators.map((r) =>
        r.map((v, j) => (j === 11 && typeof v === "string" ? v.replace("UBND huyện, thành phố", "all") : v)),
      ),
    };
    const run = runIt(grids(renamed), { period: "2015-Q2", lang: "en", robustness: false });
    expect(run.findings.filter((f) => f.severity === "error")).toEqual([]);
    const dist = run.results!.distribution;
    expect(dist.map((d) => d.group)).toEqual(["department", "all", null]);
    const units = run.results!.ranking.length;
    const named = run.results!.ranking.filter((r) => r.group === "all").length;
    expect(named).toBeGreaterThan(0);
    expect(named).toBeLessThan(units);
    expect(dist.map((d) => d.total)).toEqual([units - named, named, units]);
    // The summary's grade counts are the province's, not the group's.
    const counts = run.summary!.gradeCounts;
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(units);
  });
});
