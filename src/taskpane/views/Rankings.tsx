/** Rankings: per ranking group, a compact list (rank, unit, index with grade, change) that fits a 270 px pane;
 *  a row opens to the rank range, the previous period and the pillar scores. */
import { useState } from "react";
import { Badge, Dropdown, Field, Option, Text } from "@fluentui/react-components";
import type { UnitReadiness } from "../../engine/results";
import type { RunResult } from "../../engine/pipeline";
import { gradeLabel, labels } from "../../engine/i18n/labels";
import { groupName } from "../../engine/outputs/style";
import { PILLARS, orderGroups } from "../../engine/format";
import { formatNumber, formatPercent, periodLabel, t, type Lang } from "../i18n";
import { Disclosure, SortHeader } from "./compactList";
import { nextSort, sortUnits, type SortKey, type SortState } from "./rankingOrder";
import { Facts } from "./Facts";

/** A known pillar in the pane's language; any other as the plan writes it. */
function pillarName(pillar: string, lang: Lang): string {
  const known = PILLARS.find((p) => p.vi === pillar || p.key === pillar);
  return known ? known[lang] : pillar;
}

const GRADE_COLOR = { good: "success", fair: "brand", average: "warning", weak: "danger" } as const;
type Group = UnitReadiness["group"];

/** A compact arrow for the eye and the words for screen readers. */
function Change({ r, lang }: { r: UnitReadiness; lang: Lang }) {
  const [mark, words] =
    r.rankChange === null
      ? ["–", t(lang, "newUnit")]
      : r.rankChange > 0
        ? [
            `▲${formatNumber(lang, r.rankChange, 0)}`,
            t(lang, "rankUp", { n: formatNumber(lang, r.rankChange, 0) }),
          ]
        : r.rankChange < 0
          ? [
              `▼${formatNumber(lang, -r.rankChange, 0)}`,
              t(lang, "rankDown", { n: formatNumber(lang, -r.rankChange, 0) }),
            ]
          : ["=", t(lang, "rankSame")];
  return (
    <span title={words}>
      <span aria-hidden="true">{mark}</span>
      <span className="visually-hidden">{words}</span>
    </span>
  );
}

function Detail({ r, run, lang }: { r: UnitReadiness; run: RunResult; lang: Lang }) {
  const L = labels(lang);
  const { indexDecimals, indexScale } = run.plan.settings;
  const num = (x: number) => formatNumber(lang, x, indexDecimals);
  const whole = (x: number) => formatNumber(lang, x, 0);
  const iv = r.robustness;
  const facts: [string, string][] = [
    [L.unitName, `${r.name} (${r.unit})`],
    [t(lang, "interval"), iv ? (iv.p5 === iv.p95 ? whole(iv.p5) : `${whole(iv.p5)}–${whole(iv.p95)}`) : "–"],
    [L.rankOverall, whole(r.rankOverall)],
    [L.previousIndex, r.previous ? num(r.previous.indexRounded) : "–"],
    [L.previousRank, r.previous ? whole(r.previous.rankInGroup) : "–"],
    ...Object.entries(r.pillarScores).map(([pillar, s]): [string, string] => [
      pillarName(pillar, lang),
      s === null ? "–" : num(s * indexScale),
    ]),
  ];
  if (r.missingFigures) facts.push([t(lang, "missingFigures"), whole(r.missingFigures)]);
  return <Facts items={facts} />;
}

export function Rankings({ lang, run }: { lang: Lang; run: RunResult | null }) {
  const [chosen, setChosen] = useState<Group | null>(null);
  const [sort, setSort] = useState<SortState<SortKey>>({ key: "rank", dir: "ascending" });
  const [open, setOpen] = useState<string | null>(null);
  const results = run?.results;
  if (!results) return <Text>{t(lang, "noResults")}</Text>;
  // Any group the planner named on Đơn vị, known groups first (the order of the sheets and the report).
  const present = orderGroups(results.ranking.map((r) => r.group));
  const group = chosen !== null && present.includes(chosen) ? chosen : present[0];
  const rows = sortUnits(
    results.ranking.filter((r) => r.group === group),
    sort,
  );
  const decimals = run.plan.settings.indexDecimals;
  const caption = t(lang, "rankingCaption", {
    group: groupName(group, lang),
    period: periodLabel(lang, results.period),
  });
  const header = (key: SortKey, label: string, short?: string) => (
    <SortHeader id={key} label={label} short={short} sort={sort} onSort={(k) => setSort(nextSort(sort, k))} />
  );

  return (
    <div className="stack">
      <Field label={t(lang, "group")}>
        <Dropdown
          value={groupName(group, lang)}
          selectedOptions={[group]}
          onOptionSelect={(_, d) => setChosen(d.optionValue as Group)}
        >
          {present.map((g) => (
            <Option key={g} value={g}>
              {groupName(g, lang)}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <table className="list ranking-list" aria-label={caption}>
        <colgroup>
          <col className="c-rank" />
          <col />
          <col className="c-index" />
          <col className="c-change" />
        </colgroup>
        <thead>
          <tr>
            {header("rank", t(lang, "rank"), "#")}
            {header("unit", t(lang, "unit"))}
            {header("index", t(lang, "index"))}
            {header("change", t(lang, "change"), "±")}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <Disclosure
              key={r.unit}
              id={`rank-${r.unit}`}
              open={open === r.unit}
              onToggle={() => setOpen(open === r.unit ? null : r.unit)}
              lead={<td className="num">{formatNumber(lang, r.rankInGroup, 0)}</td>}
              name={r.name}
              cells={
                <>
                  <td className="num">
                    <div className="index-grade">
                      <span>{formatNumber(lang, r.indexRounded, decimals)}</span>
                      <Badge size="small" color={GRADE_COLOR[r.grade]}>
                        {gradeLabel(r.grade, lang)}
                      </Badge>
                    </div>
                  </td>
                  <td className="num">
                    <Change r={r} lang={lang} />
                  </td>
                </>
              }
              detail={<Detail r={r} run={run} lang={lang} />}
              columns={4}
            />
          ))}
        </tbody>
      </table>
      <Text size={200}>
        {t(lang, "intervalNote", {
          spread: formatPercent(lang, run.plan.settings.robustnessSpread, 0),
          draws: formatNumber(lang, run.plan.settings.robustnessDraws, 0),
        })}
      </Text>
    </div>
  );
}
