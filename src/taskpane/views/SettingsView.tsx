/** Settings: the pane's language, and every computation setting of the Cấu hình sheet with a one-line
 *  explanation and its allowed values, written back to the sheet. */
import { Button, Dropdown, Field, Input, Option, Spinner } from "@fluentui/react-components";
import type { Plan } from "../../engine/model";
import { SETTINGS, type SettingDef, type SettingsValues } from "../../engine/format";
import type { SettingsChange } from "../../engine/settingsEdit";
import { inputSheetName, t, type Key, type Lang } from "../i18n";
import { planSheetNames } from "../../engine/findings";
import { shownValue, typedValue, type SettingsDraft, type Texts } from "./settingsText";

/** The allowed values, in a few words: from the setting's type, or its list of values. */
function allowed(def: SettingDef, lang: Lang): string {
  if (def.values) return def.values.map((v) => v[lang]).join(" · ");
  const special: Partial<Record<keyof SettingsValues, Key>> = {
    indexScale: "allowedScale",
    indexDecimals: "allowedDecimals",
    robustnessDraws: "allowedDraws",
    attainmentCap: "allowedCap",
    nearTarget: "allowedNear",
    gradeGood: "allowedThresholds",
    gradeFair: "allowedThresholds",
    gradeAverage: "allowedThresholds",
  };
  const key = special[def.key];
  if (key) return t(lang, key);
  return t(lang, `allowed_${def.type}` as Key);
}

export interface SettingsViewProps {
  lang: Lang;
  onLang: (l: Lang) => void;
  plan: Plan | null;
  busy: boolean;
  /** Values typed and not saved (in `lang`: the pane converts it with the language). */
  draft: SettingsDraft;
  onDraft: (d: SettingsDraft) => void;
  onSave: (change: SettingsChange) => void;
}

export function SettingsView({ lang, onLang, plan, busy, draft, onDraft, onSave }: SettingsViewProps) {
  // The sheet's values, with what the planner typed over them.
  const texts: Texts | null = plan
    ? (Object.fromEntries(
        SETTINGS.map((d) => [d.key, draft.texts[d.key] ?? shownValue(d, plan.settings[d.key], lang)]),
      ) as unknown as Texts)
    : null;
  const setTexts = (next: Partial<Texts>) => onDraft({ lang, texts: { ...draft.texts, ...next } });

  const header = (
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
  );
  if (!plan || !texts)
    return (
      <div className="stack">
        {header}
        <Spinner size="small" label={t(lang, "loading")} />
      </div>
    );

  const values = Object.fromEntries(
    SETTINGS.map((d) => [d.key, typedValue(d, texts[d.key], lang)]),
  ) as Record<keyof SettingsValues, string | number | null>;
  const problem = (def: SettingDef): Key | null => {
    const x = values[def.key];
    if (x === null) return def.type === "period" ? "notAPeriod" : "notAllowed";
    const { gradeGood: g, gradeFair: f, gradeAverage: a } = values;
    if (
      (def.key === "gradeGood" || def.key === "gradeFair" || def.key === "gradeAverage") &&
      typeof g === "number" &&
      typeof f === "number" &&
      typeof a === "number" &&
      !(g > f && f > a)
    )
      return "thresholdOrder";
    return null;
  };
  const invalid = SETTINGS.some((d) => problem(d) !== null);
  const name = (d: SettingDef) => (lang === "vi" ? d.label : d.labelEn);

  return (
    <div className="stack">
      {header}
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (invalid) return;
          onSave(Object.fromEntries(SETTINGS.map((d) => [d.key, values[d.key]])) as SettingsChange);
        }}
      >
        {SETTINGS.map((d) => {
          const p = problem(d);
          const hint = `${lang === "vi" ? d.description : d.descriptionEn} ${t(lang, "allowedValues", {
            values: allowed(d, lang),
          })}`;
          return (
            <Field
              key={d.key}
              label={d.type === "percent" ? `${name(d)} (%)` : name(d)}
              hint={hint}
              validationState={p ? "error" : "none"}
              validationMessage={p ? t(lang, p) : undefined}
            >
              {d.type === "enum" ? (
                <Dropdown
                  value={d.values?.find((v) => v.key === texts[d.key])?.[lang] ?? ""}
                  selectedOptions={[texts[d.key]]}
                  onOptionSelect={(_, o) => setTexts({ [d.key]: o.optionValue ?? "" })}
                >
                  {(d.values ?? []).map((v) => (
                    <Option key={v.key} value={v.key} text={v[lang]}>
                      {v[lang]}
                    </Option>
                  ))}
                </Dropdown>
              ) : (
                <Input
                  inputMode={d.type === "text" || d.type === "period" ? "text" : "decimal"}
                  value={texts[d.key]}
                  onChange={(_, v) => setTexts({ [d.key]: v.value })}
                />
              )}
            </Field>
          );
        })}
        <Button type="submit" appearance="primary" disabled={busy || invalid}>
          {t(lang, "save", {
            sheet: plan ? planSheetNames(plan, lang).settings : inputSheetName("settings", lang),
          })}
        </Button>
      </form>
    </div>
  );
}
