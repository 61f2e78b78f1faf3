// Client templates: for a known app, the redirect URIs and settings to register in Gatehouse and the
// config snippet to paste into the app. A § mark names the section of the relying-party reference
// (the team's notes on what each app needs) that a fact comes from.
import { DEVOPS_TEMPLATES } from './clientTemplates/devops.ts';
import { GATEWAY_TEMPLATES } from './clientTemplates/gateways.ts';
import { DEVICE_TEMPLATE, GENERIC_TEMPLATE, ROBOT_TEMPLATE } from './clientTemplates/generic.ts';
import { HOME_AND_MEDIA_TEMPLATES } from './clientTemplates/homeAndMedia.ts';
import { INFRASTRUCTURE_TEMPLATES } from './clientTemplates/infrastructure.ts';
import { PRODUCTIVITY_TEMPLATES } from './clientTemplates/productivity.ts';
import type { ClientTemplate } from './clientTemplates/types.ts';

export type { ClientTemplate, RenderValues, RenderedTemplate, TemplateInput } from './clientTemplates/types.ts';
export { renderTemplate } from './clientTemplates/renderTemplate.ts';

// The names are plain English words, so case-folded code points order them as a dictionary would;
// localeCompare would load the collation tables (several MB of the server's memory) at start.
const byName = (a: ClientTemplate, b: ClientTemplate) => {
  const [x, y] = [a.name.toLowerCase(), b.name.toLowerCase()];
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Known apps by name, then robots and scripts, devices, then the generic template for everything else. */
export const CLIENT_TEMPLATES: readonly ClientTemplate[] = [
  ...[...DEVOPS_TEMPLATES, ...GATEWAY_TEMPLATES, ...HOME_AND_MEDIA_TEMPLATES, ...INFRASTRUCTURE_TEMPLATES, ...PRODUCTIVITY_TEMPLATES].sort(byName),
  ROBOT_TEMPLATE,
  DEVICE_TEMPLATE,
  GENERIC_TEMPLATE,
];

export function findTemplate(id: string): ClientTemplate | undefined {
  return CLIENT_TEMPLATES.find((template) => template.id === id);
}
