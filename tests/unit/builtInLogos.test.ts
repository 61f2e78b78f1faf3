// The templates' built-in logos: each names a template that exists and a simple-icons mark in its own
// brand colour, and what Gatehouse draws from it passes the checks an uploaded logo must pass.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_LOGOS, builtInLogo } from '../../server/admin/builtInLogos.ts';
import { findTemplate } from '../../server/admin/clientTemplates.ts';
import { logoSchema } from '../../server/admin/logoImage.ts';

const icons = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('simple-icons/icons.json'), 'utf8')) as {
  title: string;
  slug?: string;
  hex: string;
}[];
// simple-icons names a mark by its slug, or else by its title lower-cased with only letters and digits kept.
const hexOf = (slug: string) => icons.find((icon) => (icon.slug ?? icon.title.toLowerCase().replace(/[^a-z0-9]/g, '')) === slug)?.hex;

describe('built-in logos', () => {
  it.each(Object.entries(BUILT_IN_LOGOS))('%s: a template, drawn in simple-icons\u2019 colour for %o', (templateId, { slug, hex }) => {
    expect(findTemplate(templateId), templateId).toBeDefined();
    expect(hexOf(slug)).toBe(hex);
    const svg = builtInLogo(templateId)!;
    expect(svg).toContain(`fill="#${hex}"`);
    expect(logoSchema.safeParse(`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`).success).toBe(true);
  });

  it('has none for a template that is not one app', () => {
    expect(builtInLogo('generic')).toBeUndefined();
    expect(builtInLogo('robot')).toBeUndefined();
  });
});
