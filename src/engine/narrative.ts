/** The report's drafted text: a paragraph for the province and one per group, data caveats, recommendations. */
import type { Period, Plan, RankingGroup } from "./model";
import type { Grade, UnitReadiness } from "./results";
import type { GroupSummary, QuarterlySummary } from "./summary";
import { GRADES } from "./ranking";
import { formatPeriod, periodFromKey } from "./periods";
import { departmentOf, gradeLabel, labels, type Labels, type Lang } from "./i18n/labels";
import { formatNumber, formatPercent, formatSigned } from "./i18n/numbers";
import { groupName } from "./outputs/style";
import { fillTemplate } from "./text";
import { effectiveCoverage } from "./attainment";

export interface Narrative {
  /** The province paragraph: grades and their change, targets met, targets behind. */
  readonly province: string;
  readonly groups: readonly { readonly group: RankingGroup; readonly text: string }[];
  /** Data-quality caveats. */
  readonly quality: string;
  /** "Nhận xét, kiến nghị": drafted points for the planner to edit. */
  readonly recommendations: readonly string[];
}

function nextPeriod(p: Period): Period {
  if (p.quarter === null) return { year: p.year + 1, quarter: null };
  return p.quarter === 4
    ? { year: p.year + 1, quarter: 1 }
    : { year: p.year, quarter: (p.quarter + 1) as 2 | 3 | 4 };
}

const label = (key: string | null, lang: Lang) => {
  const p = key ? periodFromKey(key) : null;
  return p ? formatPeriod(p, lang) : (key ?? "");
};

/** Builds the drafted narrative of a summary in a language; every number is written the language's way. */
export function buildNarrative(plan: Plan, s: QuarterlySummary, lang: Lang): Narrative {
  const L = labels(lang);
  const f = (t: string, params: Record<string, string | number>) => fillTemplate(t, params);
  const dec = plan.settings.indexDecimals;
  const num = (x: number) => formatNumber(x, dec, lang);
  const signed = (x: number) => formatSigned(x, dec, lang);
  const pct = (x: number) => formatPercent(x, lang);
  const period = label(s.period, lang);
  const prev = s.previousPeriod ? label(s.previousPeriod, lang) : null;
  const p = periodFromKey(s.period);
  const next = p ? formatPeriod(nextPeriod(p), lang) : period;
  const indicatorName = (code: string) => plan.indicators.find((i) => i.code === code)?.name ?? code;
  const list = (items: readonly string[]) => items.join("; ");

  const gradeSentence = (
    counts: Readonly<Record<Grade, number>>,
    prevCounts: Readonly<Record<Grade, number>> | null,
    total: number,
  ) =>
    GRADES.filter((g, i) => i === 0 || counts[g] > 0)
      .map((g, i) => {
        const base = f(L.gradeCount, {
          count: counts[g],
          total,
          share: pct(total ? counts[g] / total : 0),
          grade: gradeLabel(g, lang),
        });
        if (i > 0 || !prevCounts || !prev) return base;
        const d = counts[g] - prevCounts[g];
        return `${base}, ${f(d > 0 ? L.changeUp : d < 0 ? L.changeDown : L.changeSame, { n: Math.abs(d), period: prev })}`;
      })
      .join("; ");

  const province = [
    `${f(L.nUnitsRanked, { period, n: s.unitsRanked })}; ${gradeSentence(s.gradeCounts, s.previousGradeCounts, s.unitsRanked)}.`,
    s.targetsMetShare !== null
      ? f(L.targetsMetSentence, { share: formatPercent(s.targetsMetShare, lang, 1) })
      : "",
    s.indicators.some((i) => i.status !== "noTarget")
      ? s.behindTargets.length
        ? f(L.behindTargets, {
            list: list(
              s.behindTargets.map((b) =>
                f(L.behindItem, {
                  name: indicatorName(b.indicator),
                  share: pct(b.shareMeeting ?? 0),
                  target: pct(effectiveCoverage(b)),
                }),
              ),
            ),
          })
        : L.allTargetsMet
      : "",
  ]
    .filter(Boolean)
    .join(" ");

  const nameValue = (u: UnitReadiness) => f(L.nameValue, { name: u.name, value: num(u.indexRounded) });
  const move = (u: UnitReadiness) =>
    f(L.moveItem, {
      name: u.name,
      change: signed(u.indexChange ?? 0),
      from: u.previous?.rankInGroup ?? "",
      to: u.rankInGroup,
    });
  const groupText = (g: GroupSummary) => {
    const total = g.ranking.length;
    const lead =
      f(L.groupLead, { group: groupName(g.group, lang), n: total, mean: num(g.meanIndex ?? 0) }) +
      (prev && g.previousMeanIndex !== null
        ? f(L.groupPrevMean, { period: prev, mean: num(g.previousMeanIndex) })
        : "");
    return [
      `${lead}; ${gradeSentence(g.counts, g.previousCounts, total)}.`,
      f(L.leaders, { list: list(g.top.map(nameValue)) }),
      g.bottom.length ? f(L.laggards, { list: list(g.bottom.map(nameValue)) }) : "",
      g.rises.length ? f(L.rises, { list: list(g.rises.map(move)) }) : "",
      g.falls.length ? f(L.falls, { list: list(g.falls.map(move)) }) : "",
    ]
      .filter(Boolean)
      .join(" ");
  };

  const policy = plan.settings.missingPolicy === "exclude" ? L.policyExclude : L.policyZero;
  const quality = f(L.quality, {
    missing: s.missingFigures
      ? f(L.qualityMissing, { n: s.missingFigures, units: s.unitsWithMissing, policy })
      : L.qualityComplete,
    errors: s.findings.error,
    warnings: s.findings.warning,
    see: s.findings.error + s.findings.warning ? L.qualitySee : "",
  });

  return {
    province,
    groups: s.groups.map((g) => ({ group: g.group, text: groupText(g) })),
    quality,
    recommendations: recommendations(
      s,
      L,
      lang,
      next,
      departmentOf(L, p?.year ?? plan.settings.year).name,
      indicatorName,
      signed,
    ),
  };
}

function recommendations(
  s: QuarterlySummary,
  L: Labels,
  lang: Lang,
  next: string,
  department: string,
  indicatorName: (code: string) => string,
  signed: (x: number) => string,
): string[] {
  const out: string[] = [];
  const low: Grade[] = ["average", "weak"];
  const lagging = s.groups.flatMap((g) => g.ranking.filter((u) => low.includes(u.grade)));
  if (lagging.length) {
    const present = low.filter((g) => lagging.some((u) => u.grade === g));
    out.push(
      fillTemplate(L.recWeak, {
        grades: present.map((g) => gradeLabel(g, lang)).join(L.gradeOr),
        list: lagging.map((u) => u.name).join(", "),
        next,
      }),
    );
  }
  if (s.behindTargets.length)
    out.push(
      fillTemplate(L.recBehind, { list: s.behindTargets.map((b) => indicatorName(b.indicator)).join("; ") }),
    );
  const falls = s.groups.flatMap((g) => g.falls);
  if (falls.length)
    out.push(
      fillTemplate(L.recFalls, {
        list: falls.map((u) => `${u.name} ${signed(u.indexChange ?? 0)}`).join(", "),
      }),
    );
  if (s.missingFigures) out.push(fillTemplate(L.recMissing, { units: s.unitsWithMissing }));
  out.push(fillTemplate(L.recFollow, { department, next }));
  return out;
}
