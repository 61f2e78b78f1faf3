// Light, dark, or whatever the system says: a person's choice, remembered in a cookie that the server
// reads for the pages it renders and the UI for its own (not a secret).

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_COOKIE = 'gatehouse_theme';

export function themeFrom(cookieValue: string | null | undefined): Theme {
  return (THEMES as readonly string[]).includes(cookieValue ?? '') ? (cookieValue as Theme) : 'system';
}
