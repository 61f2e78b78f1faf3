import { useState } from 'react';
import { Heading } from '../../components/Heading';
import { useResource } from '../../hooks/useResource';
import type { AdminResult } from '../adminClient';
import { useAdminClient } from '../AdminClientContext';
import { ResourceState } from '../ResourceState';

export type ClientTemplate = AdminResult<'clients.templates'>[number];

/** Step 1 of a new client: a known app's template, or a blank client (null). */
interface TemplatePickerProps {
  onChoose: (template: ClientTemplate | null) => void;
  /** Coming back from step 2: the keyboard lands on this step's heading. */
  focusHeading: boolean;
}

export function TemplatePicker({ onChoose, focusHeading }: TemplatePickerProps) {
  const client = useAdminClient();
  const templates = useResource('templates', () => client['clients.templates']({}));
  const [query, setQuery] = useState('');
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (template: ClientTemplate) => words.every((word) => `${template.name} ${template.description}`.toLowerCase().includes(word));

  return (
    <section aria-labelledby="template-heading">
      <Heading level={2} id="template-heading" focusOnMount={focusHeading}>
        Which app is it?
      </Heading>
      <p className="muted">A template fills in the redirect URIs and settings the app needs, and writes the configuration to paste into it.</p>
      <div className="field search" role="search">
        <label htmlFor="template-search">Search apps</label>
        <input
          id="template-search"
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder="e.g. Immich, Grafana, registry"
          autoComplete="off"
          data-testid="template-search"
        />
      </div>
      <ResourceState {...templates}>
        {(list) => {
          const shown = list.filter(matches);
          return (
            <>
              <p className="visually-hidden" role="status">
                {words.length > 0 ? `${shown.length} templates match.` : ''}
              </p>
              <ul className="template-grid">
                <li>
                  <button type="button" className="template-card blank" onClick={() => onChoose(null)} data-testid="template-blank">
                    <strong>Blank client</strong>
                    <span>Enter the redirect URIs and settings yourself.</span>
                  </button>
                </li>
                {shown.map((template) => (
                  <li key={template.id}>
                    <button type="button" className="template-card" onClick={() => onChoose(template)} data-testid={`template-${template.id}`}>
                      <strong>{template.name}</strong>
                      <span>{template.description}</span>
                    </button>
                  </li>
                ))}
              </ul>
              {shown.length === 0 && <p className="empty">No template matches “{query.trim()}”. Try the generic template or a blank client.</p>}
            </>
          );
        }}
      </ResourceState>
    </section>
  );
}
