// Every word the UI shows goes through i18next (react-i18next's useTranslation in components). Only the
// chosen language's catalogue is loaded, beside English, which fills any gap (the catalogue test keeps
// the languages complete, so the fallback is a safety net, not a feature).
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, type Language } from '../../../server/model/languages';
import { NAMESPACES, SERVER_NAMESPACES } from '../../../server/model/locales/namespaces';

/** The server renders its pages, mail and error sentences itself. */
const UI_NAMESPACES = NAMESPACES.filter((namespace) => !(SERVER_NAMESPACES as readonly string[]).includes(namespace));

type Bundle = Record<string, unknown>;
const files = import.meta.glob<Bundle>(['../../../server/model/locales/*/*.json', '!**/{pages,mail,errors}.json'], { import: 'default' });

async function loadLanguage(language: Language): Promise<void> {
  if (i18next.hasResourceBundle(language, 'common')) return;
  await Promise.all(
    UI_NAMESPACES.map(async (namespace) => {
      const load = files[`../../../server/model/locales/${language}/${namespace}.json`];
      i18next.addResourceBundle(language, namespace, load ? await load() : {}, true, true);
    }),
  );
}

export async function startI18n(language: Language): Promise<void> {
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    ns: UI_NAMESPACES,
    defaultNS: 'common',
    resources: {},
    // React escapes what it renders.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  await Promise.all([loadLanguage(DEFAULT_LANGUAGE), loadLanguage(language)]);
  await i18next.changeLanguage(language);
}

export async function switchLanguage(language: Language): Promise<void> {
  await loadLanguage(language);
  await i18next.changeLanguage(language);
}
