import { useState } from 'react';

/** Letter tiles' colours (styles.css `.app-logo-tone-<n>`), each dark enough for white letters in both themes. */
const TONES = 8;

/** The same name always gets the same colour. */
function toneOf(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return hash % TONES;
}

interface AppLogoProps {
  name: string;
  /** The app's logo (`/logos/...`), or null for a tile with the name's first letter. */
  logoUrl: string | null;
  size?: 'small' | 'medium' | 'large';
}

/**
 * An app's logo, shown only as a picture, or a letter tile when it has none (or it cannot be loaded, as in
 * the desktop window when its server is stopped). Decorative: the name is always written beside it.
 */
export function AppLogo({ name, logoUrl, size = 'medium' }: AppLogoProps) {
  const [failed, setFailed] = useState<string | null>(null);
  if (logoUrl && failed !== logoUrl)
    return <img className={`app-logo app-logo-${size}`} src={logoUrl} alt="" onError={() => setFailed(logoUrl)} data-testid="app-logo" />;
  const letter = Array.from(name.trim())[0]?.toLocaleUpperCase() ?? '?';
  return (
    <span className={`app-logo app-logo-${size} app-logo-letter app-logo-tone-${toneOf(name)}`} aria-hidden="true" data-testid="app-logo-letter">
      {letter}
    </span>
  );
}
