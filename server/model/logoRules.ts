// What a logo file may be (the instance's and an app's): the server checks it (admin/logoImage.ts), the
// console checks it too before it sends one.

export const LOGO_TYPE_NAMES: Readonly<Record<string, string>> = { 'image/png': 'PNG', 'image/jpeg': 'JPEG', 'image/webp': 'WebP', 'image/svg+xml': 'SVG' };

export const LOGO_RULES = { types: Object.keys(LOGO_TYPE_NAMES), maxBytes: 64 * 1024 };
