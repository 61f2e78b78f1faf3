// A template's words in the console's language. They come from the server in English; the catalogue
// holds them by template id (consoleClients templates.<id>), and anything it lacks stays the server's
// English. Snippets, their headings and the notes after creating a client stay English (but for the
// local-only issuer warning, which ClientCreatedView shows in the console's language).
import type { TFunction } from 'i18next';
import type { ClientTemplate } from './TemplatePicker';

type TemplateInput = ClientTemplate['inputs'][number];

export function templateText(t: TFunction, template: ClientTemplate) {
  // Computed keys: a key a template lacks falls back to the server's English (defaultValue).
  const at = (key: string, english: string) => t(`consoleClients:templates.${template.id}.${key}`, { defaultValue: english });
  return {
    name: at('name', template.name),
    description: at('description', template.description),
    label: (input: TemplateInput) => at(`inputs.${input.name}.label`, input.label),
    help: (input: TemplateInput) => (input.help === undefined ? undefined : at(`inputs.${input.name}.help`, input.help)),
  };
}
