import { type ChangeEvent, useRef, useState } from 'react';
import { FieldFrame, type FieldMessageProps } from '../../components/FieldFrame';
import { GatehouseMark } from '../../components/Layout';

const TYPE_NAMES: Record<string, string> = { 'image/png': 'PNG', 'image/jpeg': 'JPEG', 'image/webp': 'WebP', 'image/svg+xml': 'SVG' };

const either = (names: string[]) => (names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names.join(''));

const readAsDataUrl = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error(`${file.name} could not be read.`));
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
  const [problem, setProblem] = useState<string>();
  const input = useRef<HTMLInputElement>(null);
  const kinds = either(rules.types.map((type) => TYPE_NAMES[type] ?? type));
  const limit = `${Math.floor(rules.maxBytes / 1024)} KB`;

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Choosing the same file again (after fixing it) is a change too.
    event.target.value = '';
    if (!file) return;
    if (!rules.types.includes(file.type)) return setProblem(`${file.name} is not a ${kinds} image. Choose a file of one of those types.`);
    if (file.size > rules.maxBytes)
      return setProblem(`${file.name} is ${Math.ceil(file.size / 1024)} KB; a logo can be at most ${limit}. Choose a smaller file.`);
    try {
      onChange(await readAsDataUrl(file));
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

  const state = logo
    ? saved
      ? 'The current logo.'
      : 'The new logo: save the settings to use it.'
    : saved
      ? 'No logo: the pages show Gatehouse’s mark.'
      : 'The logo will be removed when you save the settings.';

  return (
    <FieldFrame
      label="Logo"
      optional
      hint={`${kinds}, at most ${limit}. Shown beside the name on the sign-in, account and start pages.`}
      error={problem ?? error}
      errorPath={problem ? 'logo' : errorPath}
    >
      {(control) => (
        <div className="logo-field">
          <div className="logo-preview" data-testid="settings-logo-preview">
            {logo ? <img src={logo} alt="Logo preview" /> : <GatehouseMark />}
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
                Remove logo
              </button>
            )}
          </div>
        </div>
      )}
    </FieldFrame>
  );
}
