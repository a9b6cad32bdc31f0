/** Settings: the pane's language, and the computation settings written back to the Cấu hình sheet. */
import { useEffect, useState } from "react";
import { Button, Dropdown, Field, Input, Option, Spinner } from "@fluentui/react-components";
import type { Plan } from "../../engine/model";
import { SETTINGS, type SettingsValues } from "../../engine/format";
import type { SettingsChange } from "../../engine/settingsEdit";
import { formatNumber, parseNumber, t, type Key, type Lang } from "../i18n";

type NumberKey = "gradeGood" | "gradeFair" | "gradeAverage" | "attainmentCap";
type EnumKey = "normalisation" | "missingPolicy";
const NUMBER_KEYS: readonly NumberKey[] = ["gradeGood", "gradeFair", "gradeAverage", "attainmentCap"];
const ENUM_KEYS: readonly EnumKey[] = ["normalisation", "missingPolicy"];

const enumValues = (key: EnumKey) => SETTINGS.find((d) => d.key === key)?.values ?? [];

export interface SettingsViewProps {
  lang: Lang;
  onLang: (l: Lang) => void;
  plan: Plan | null;
  busy: boolean;
  onSave: (change: SettingsChange) => void;
}

export function SettingsView({ lang, onLang, plan, busy, onSave }: SettingsViewProps) {
  const [texts, setTexts] = useState<Record<NumberKey, string>>({
    gradeGood: "",
    gradeFair: "",
    gradeAverage: "",
    attainmentCap: "",
  });
  const [enums, setEnums] = useState<Pick<SettingsValues, EnumKey> | null>(null);
  useEffect(() => {
    if (!plan) return;
    const s = plan.settings;
    const show = (x: number) => formatNumber(lang, x, Number.isInteger(x) ? 0 : 2);
    setTexts({
      gradeGood: show(s.gradeGood),
      gradeFair: show(s.gradeFair),
      gradeAverage: show(s.gradeAverage),
      attainmentCap: show(s.attainmentCap),
    });
    setEnums({ normalisation: s.normalisation, missingPolicy: s.missingPolicy });
  }, [plan, lang]);

  const numbers = Object.fromEntries(NUMBER_KEYS.map((k) => [k, parseNumber(lang, texts[k])])) as Record<
    NumberKey,
    number | null
  >;
  const problem = (k: NumberKey): Key | null => {
    const x = numbers[k];
    if (x === null) return "notANumber";
    if (k === "attainmentCap") return x < 1 ? "capRange" : null;
    const { gradeGood: g, gradeFair: f, gradeAverage: a } = numbers;
    return g !== null && f !== null && a !== null && !(g > f && f > a) ? "thresholdOrder" : null;
  };
  const invalid = NUMBER_KEYS.some((k) => problem(k) !== null);

  return (
    <div className="stack">
      <Field label={t(lang, "language")}>
        <Dropdown
          value={lang === "vi" ? "Tiếng Việt" : "English"}
          selectedOptions={[lang]}
          onOptionSelect={(_, d) => onLang(d.optionValue === "en" ? "en" : "vi")}
        >
          <Option value="vi" text="Tiếng Việt">
            <span lang="vi">Tiếng Việt</span>
          </Option>
          <Option value="en" text="English">
            <span lang="en">English</span>
          </Option>
        </Dropdown>
      </Field>
      {!plan || !enums ? (
        <Spinner size="small" label={t(lang, "loading")} />
      ) : (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            if (invalid) return;
            const change: SettingsChange = { ...enums };
            for (const k of NUMBER_KEYS) change[k] = numbers[k] as number;
            onSave(change);
          }}
        >
          {NUMBER_KEYS.map((k) => {
            const p = problem(k);
            return (
              <Field
                key={k}
                label={t(lang, k)}
                validationState={p ? "error" : "none"}
                validationMessage={p ? t(lang, p) : undefined}
              >
                <Input
                  inputMode="decimal"
                  value={texts[k]}
                  onChange={(_, d) => setTexts({ ...texts, [k]: d.value })}
                />
              </Field>
            );
          })}
          {ENUM_KEYS.map((k) => (
            <Field key={k} label={t(lang, k)}>
              <Dropdown
                value={enumValues(k).find((v) => v.key === enums[k])?.[lang] ?? ""}
                selectedOptions={[enums[k]]}
                onOptionSelect={(_, d) => setEnums({ ...enums, [k]: d.optionValue })}
              >
                {enumValues(k).map((v) => (
                  <Option key={v.key} value={v.key} text={v[lang]}>
                    {v[lang]}
                  </Option>
                ))}
              </Dropdown>
            </Field>
          ))}
          <Button type="submit" appearance="primary" disabled={busy || invalid}>
            {t(lang, "save")}
          </Button>
        </form>
      )}
    </div>
  );
}
