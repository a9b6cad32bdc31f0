/** Rankings: per ranking group, rank, unit, index, grade, change since the previous period and rank interval. */
import { useState } from "react";
import {
  Badge,
  Dropdown,
  Field,
  Option,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import type { RankingGroup } from "../../engine/model";
import type { UnitReadiness } from "../../engine/results";
import type { RunResult } from "../../engine/pipeline";
import { gradeLabel } from "../../engine/i18n/labels";
import { groupName } from "../../engine/outputs/style";
import { formatNumber, formatPercent, periodLabel, t, type Lang } from "../i18n";

const GRADE_COLOR = { good: "success", fair: "brand", average: "warning", weak: "danger" } as const;
const GROUPS: readonly RankingGroup[] = ["department", "district", "commune"];
type SortKey = "rank" | "unit" | "index" | "change";
const SORTS: Record<SortKey, (a: UnitReadiness, b: UnitReadiness) => number> = {
  rank: (a, b) => a.rankInGroup - b.rankInGroup || a.name.localeCompare(b.name, "vi"),
  unit: (a, b) => a.name.localeCompare(b.name, "vi"),
  index: (a, b) => a.indexRounded - b.indexRounded,
  change: (a, b) => (a.rankChange ?? -Infinity) - (b.rankChange ?? -Infinity),
};

/** A compact arrow for the eye and the words for screen readers. */
function Change({ r, lang }: { r: UnitReadiness; lang: Lang }) {
  const [mark, words] =
    r.rankChange === null
      ? ["–", t(lang, "newUnit")]
      : r.rankChange > 0
        ? [`▲${r.rankChange}`, t(lang, "rankUp", { n: r.rankChange })]
        : r.rankChange < 0
          ? [`▼${-r.rankChange}`, t(lang, "rankDown", { n: -r.rankChange })]
          : ["=", t(lang, "rankSame")];
  return (
    <span title={words}>
      <span aria-hidden="true">{mark}</span>
      <span className="visually-hidden">{words}</span>
    </span>
  );
}

export function Rankings({ lang, run }: { lang: Lang; run: RunResult | null }) {
  const [chosen, setChosen] = useState<RankingGroup | null>(null);
  const [sort, setSort] = useState<{ key: SortKey; dir: "ascending" | "descending" }>({
    key: "rank",
    dir: "ascending",
  });
  const results = run?.results;
  if (!results) return <Text>{t(lang, "noResults")}</Text>;
  const present = GROUPS.filter((g) => results.ranking.some((r) => r.group === g));
  const group = chosen && present.includes(chosen) ? chosen : present[0];
  const sign = sort.dir === "ascending" ? 1 : -1;
  const rows = results.ranking.filter((r) => r.group === group).sort((a, b) => sign * SORTS[sort.key](a, b));
  const decimals = run.plan.settings.indexDecimals;
  const header = (key: SortKey, label: string) => (
    <TableHeaderCell
      sortDirection={sort.key === key ? sort.dir : undefined}
      onClick={() =>
        setSort({ key, dir: sort.key === key && sort.dir === "ascending" ? "descending" : "ascending" })
      }
    >
      {label}
    </TableHeaderCell>
  );
  const caption = t(lang, "rankingCaption", {
    group: groupName(group, lang),
    period: periodLabel(lang, results.period),
  });

  return (
    <div className="stack">
      <Field label={t(lang, "group")}>
        <Dropdown
          value={groupName(group, lang)}
          selectedOptions={[group]}
          onOptionSelect={(_, d) => setChosen(d.optionValue as RankingGroup)}
        >
          {present.map((g) => (
            <Option key={g} value={g}>
              {groupName(g, lang)}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Table
        size="small"
        sortable
        aria-label={caption}
        className="data-table"
        style={{ tableLayout: "auto" }}
      >
        <TableHeader>
          <TableRow>
            {header("rank", t(lang, "rank"))}
            {header("unit", t(lang, "unit"))}
            {header("index", t(lang, "index"))}
            <TableHeaderCell>{t(lang, "grade")}</TableHeaderCell>
            {header("change", t(lang, "change"))}
            <TableHeaderCell>{t(lang, "interval")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.unit}>
              <TableCell>{r.rankInGroup}</TableCell>
              <TableCell>{r.name}</TableCell>
              <TableCell className="num">{formatNumber(lang, r.indexRounded, decimals)}</TableCell>
              <TableCell>
                <Badge color={GRADE_COLOR[r.grade]}>{gradeLabel(r.grade, lang)}</Badge>
              </TableCell>
              <TableCell>
                <Change r={r} lang={lang} />
              </TableCell>
              <TableCell>
                {r.robustness
                  ? r.robustness.p5 === r.robustness.p95
                    ? r.robustness.p5
                    : `${r.robustness.p5}–${r.robustness.p95}`
                  : ""}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Text size={200}>
        {t(lang, "intervalNote", {
          spread: formatPercent(lang, run.plan.settings.robustnessSpread, 0),
          draws: formatNumber(lang, run.plan.settings.robustnessDraws, 0),
        })}
      </Text>
    </div>
  );
}
