import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES } from '../../../server/model/languages';
import { THEMES, type Theme } from '../../../server/model/themes';
import { chooseLanguage, chooseTheme, initialTheme } from '../i18n/preferences';

/** The language and theme choices, at the foot of every page and in the console's header. */
export function PreferencePickers() {
  const { t, i18n } = useTranslation('common');
  const [theme, setTheme] = useState<Theme>(initialTheme);
  return (
    <div className="preference-pickers" data-testid="preference-pickers">
      <label className="preference">
        <span>{t('preferences.language')}</span>
        <select
          value={i18n.resolvedLanguage}
          data-testid="language-picker"
          onChange={(event) => {
            if (isLanguage(event.target.value)) void chooseLanguage(event.target.value);
          }}
        >
          {LANGUAGES.map((language) => (
            <option key={language} value={language} lang={language}>
              {LANGUAGE_NAMES[language]}
            </option>
          ))}
        </select>
      </label>
      <label className="preference">
        <span>{t('preferences.theme')}</span>
        <select
          value={theme}
          data-testid="theme-picker"
          onChange={(event) => {
            const chosen = event.target.value as Theme;
            setTheme(chosen);
            chooseTheme(chosen);
          }}
        >
          {THEMES.map((choice) => (
            <option key={choice} value={choice}>
              {t(`preferences.themes.${choice}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
