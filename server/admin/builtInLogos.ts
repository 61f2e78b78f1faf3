// The built-in logos of the templates' apps: each app's mark from simple-icons (CC0), white or black on
// a square in its brand colour. A template without a mark there (or one that is not an app) has none.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Template id → the simple-icons slug and its brand colour (simple-icons' hex for that slug). The desktop
 * app ships only these icons (build/electron-builder.yml; tests/unit/packaging.test.ts holds them together).
 */
export const BUILT_IN_LOGOS: Readonly<Record<string, { slug: string; hex: string }>> = {
  gitea: { slug: 'gitea', hex: '609926' },
  grafana: { slug: 'grafana', hex: 'F46800' },
  argocd: { slug: 'argo', hex: 'EF7B4D' },
  'argocd-cli': { slug: 'argo', hex: 'EF7B4D' },
  kubelogin: { slug: 'kubernetes', hex: '326CE5' },
  immich: { slug: 'immich', hex: '4250AF' },
  jellyfin: { slug: 'jellyfin', hex: '00A4DC' },
  audiobookshelf: { slug: 'audiobookshelf', hex: '82612C' },
  'home-assistant': { slug: 'homeassistant', hex: '18BCF2' },
  'proxmox-ve': { slug: 'proxmox', hex: 'E57000' },
  'synology-dsm': { slug: 'synology', hex: 'B5B5B6' },
  portainer: { slug: 'portainer', hex: '13BEF9' },
  minio: { slug: 'minio', hex: 'C72E49' },
  tailscale: { slug: 'tailscale', hex: '242424' },
  nextcloud: { slug: 'nextcloud', hex: '0082C9' },
  'paperless-ngx': { slug: 'paperlessngx', hex: '17541F' },
  vaultwarden: { slug: 'vaultwarden', hex: '000000' },
  outline: { slug: 'outline', hex: '000000' },
  mealie: { slug: 'mealie', hex: 'E58325' },
};

const requireFromHere = createRequire(import.meta.url);
const drawn = new Map<string, string>();

/** White on a dark colour, black on a light one (relative luminance, WCAG's formula). */
function markColour(hex: string): string {
  const [r, g, b] = [0, 2, 4].map((at) => {
    const c = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b! > 0.4 ? '#000000' : '#ffffff';
}

/** A template's built-in logo as an SVG document (read from simple-icons on first use), or undefined when it has none. */
export function builtInLogo(templateId: string): string | undefined {
  const source = BUILT_IN_LOGOS[templateId];
  if (!source) return undefined;
  let svg = drawn.get(source.slug);
  if (svg === undefined) {
    const icon = readFileSync(requireFromHere.resolve(`simple-icons/icons/${source.slug}.svg`), 'utf8');
    // The mark is one path of a 24×24 box; only its path data is taken (nothing else of the file reaches the page).
    const path = /<path d="([0-9A-Za-z.,\s-]+)"\s*\/>/.exec(icon)?.[1];
    if (!path) throw new Error(`simple-icons/icons/${source.slug}.svg has no single path.`);
    svg =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">' +
      `<rect width="24" height="24" rx="5" fill="#${source.hex}"/>` +
      `<path transform="translate(5 5) scale(0.5833)" fill="${markColour(source.hex)}" d="${path}"/></svg>`;
    drawn.set(source.slug, svg);
  }
  return svg;
}
