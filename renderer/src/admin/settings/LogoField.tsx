import { type ChangeEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldFrame, type FieldMessageProps } from '../../components/FieldFrame';
import { GatehouseMark } from '../../components/Layout';

const TYPE_NAMES: Record<string, string> = { 'image/png': 'PNG', 'image/jpeg': 'JPEG', 'image/webp': 'WebP', 'image/svg+xml': 'SVG' };

const readAsDataUrl = (file: File, unreadable: string) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error(unreadable));
    reader.readAsDataURL(file);
  });

interface LogoFieldProps extends FieldMessageProps {
  /** A data: URL, or null for Gatehouse's own mark. */
  logo: string | null;
  /** Whether `logo` is what is saved. */
  saved: boolean;
  /** The server's rules, checked here before anything is sent. */
  rules: { types: readonly string[]; maxBytes: number };
  disabled: boolean;
  onChange: (logo: string | null) => void;
}

/** Choose, preview, replace or remove the instance's logo; saved with the rest of the settings. */
export function LogoField({ logo, saved, rules, disabled, onChange, error, errorPath }: LogoFieldProps) {
  const { t } = useTranslation('console');
  const [problem, setProblem] = useState<string>();
  const input = useRef<HTMLInputElement>(null);
  const names = rules.types.map((type) => TYPE_NAMES[type] ?? type);
  const kinds = names.length > 1 ? t('settings.logo.either', { list: names.slice(0, -1).join(', '), last: names.at(-1) }) : names.join('');
  const limit = t('settings.logo.kilobytes', { size: Math.floor(rules.maxBytes / 1024) });

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Choosing the same file again (after fixing it) is a change too.
    event.target.value = '';
    if (!file) return;
    if (!rules.types.includes(file.type)) return setProblem(t('settings.logo.wrongType', { file: file.name, kinds }));
    if (file.size > rules.maxBytes)
      return setProblem(t('settings.logo.tooLarge', { file: file.name, size: t('settings.logo.kilobytes', { size: Math.ceil(file.size / 1024) }), limit }));
    try {
      onChange(await readAsDataUrl(file, t('settings.logo.unreadable', { file: file.name })));
      setProblem(undefined);
    } catch (caught) {
      setProblem((caught as Error).message);
    }
  };

  const remove = () => {
    setProblem(undefined);
    onChange(null);
    // The button goes away with the logo: keep the keyboard in the field.
    input.current?.focus();
  };

  const state = logo ? (saved ? t('settings.logo.current') : t('settings.logo.new')) : saved ? t('settings.logo.none') : t('settings.logo.removed');

  return (
    <FieldFrame
      label={t('settings.logo.label')}
      optional
      hint={t('settings.logo.hint', { kinds, limit })}
      error={problem ?? error}
      errorPath={problem ? 'logo' : errorPath}
    >
      {(control) => (
        <div className="logo-field">
          <div className="logo-preview" data-testid="settings-logo-preview">
            {logo ? <img src={logo} alt={t('settings.logo.preview')} /> : <GatehouseMark />}
          </div>
          <div className="logo-controls">
            <p className="logo-state" role="status" data-testid="settings-logo-state">
              {state}
            </p>
            <input
              ref={input}
              type="file"
              accept={rules.types.join(',')}
              disabled={disabled}
              onChange={(event) => void choose(event)}
              data-testid="settings-logo-file"
              {...control}
            />
            {logo && (
              <button type="button" className="button secondary small" disabled={disabled} onClick={remove} data-testid="settings-logo-remove">
                {t('settings.logo.remove')}
              </button>
            )}
          </div>
        </div>
      )}
    </FieldFrame>
  );
}
