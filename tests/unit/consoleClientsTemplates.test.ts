// The console shows the client templates' words from its catalogue (consoleClients templates.<id>), in the
// person's language, falling back to the server's English. The English there must be the server's own, so a
// template whose words change on the server cannot keep showing the old ones; and every template is there.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT_TEMPLATES } from '../../server/admin/clientTemplates.ts';
import { localIssuerWarning } from '../../server/model/localIssuer.ts';

interface TemplateWords {
  name?: string;
  description: string;
  inputs?: Record<string, { label: string; help?: string }>;
}

const english = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../server/model/locales/en/consoleClients.json'), 'utf8')) as {
  templates: Record<string, TemplateWords>;
  localIssuerWarning: string;
};

describe("the console's words for client templates", () => {
  it('are the English of every template, its inputs and nothing else', () => {
    expect(Object.keys(english.templates).sort()).toEqual(CLIENT_TEMPLATES.map((template) => template.id).sort());
    for (const template of CLIENT_TEMPLATES) {
      const words = english.templates[template.id]!;
      expect(words.description, template.id).toBe(template.description);
      // A name of only product names needs no key; one with words has the server's.
      if (words.name !== undefined) expect(words.name, template.id).toBe(template.name);
      const inputs = Object.fromEntries(template.inputs.map((input) => [input.name, { label: input.label, ...(input.help ? { help: input.help } : {}) }]));
      expect(words.inputs ?? {}, template.id).toEqual(inputs);
    }
  });

  it("say the model's warning about a local-only issuer", () => {
    const issuer = 'http://localhost:9000';
    expect(english.localIssuerWarning.replace('{{issuer}}', issuer)).toBe(localIssuerWarning(issuer));
  });
});
