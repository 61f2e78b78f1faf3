import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Heading } from '../../components/Heading';
import { useResource } from '../../hooks/useResource';
import type { AdminResult } from '../adminClient';
import { useAdminClient } from '../AdminClientContext';
import { ResourceState } from '../ResourceState';
import { templateText } from './templateText';

export type ClientTemplate = AdminResult<'clients.templates'>[number];

/** Step 1 of a new client: a known app's template, or a blank client (null). */
interface TemplatePickerProps {
  onChoose: (template: ClientTemplate | null) => void;
  /** Coming back from step 2: the keyboard lands on this step's heading. */
  focusHeading: boolean;
}

export function TemplatePicker({ onChoose, focusHeading }: TemplatePickerProps) {
  const { t } = useTranslation('consoleClients');
  const client = useAdminClient();
  const templates = useResource('templates', () => client['clients.templates']({}));
  const [query, setQuery] = useState('');
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  // Found by its words as shown, or by the server's English ones (an app's name, "registry").
  const matches = (template: ClientTemplate) => {
    const text = templateText(t, template);
    const searched = `${text.name} ${text.description} ${template.name} ${template.description}`.toLowerCase();
    return words.every((word) => searched.includes(word));
  };

  return (
    <section aria-labelledby="template-heading">
      <Heading level={2} id="template-heading" focusOnMount={focusHeading}>
        {t('templatePicker.heading')}
      </Heading>
      <p className="muted">{t('templatePicker.intro')}</p>
      <div className="field search" role="search">
        <label htmlFor="template-search">{t('templatePicker.search')}</label>
        <input
          id="template-search"
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder={t('templatePicker.searchPlaceholder')}
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
                {words.length > 0 ? t('templatePicker.matches', { count: shown.length }) : ''}
              </p>
              <ul className="template-grid">
                <li>
                  <button type="button" className="template-card blank" onClick={() => onChoose(null)} data-testid="template-blank">
                    <strong>{t('templatePicker.blank')}</strong>
                    <span>{t('templatePicker.blankDescription')}</span>
                  </button>
                </li>
                {shown.map((template) => {
                  const text = templateText(t, template);
                  return (
                    <li key={template.id}>
                      <button type="button" className="template-card" onClick={() => onChoose(template)} data-testid={`template-${template.id}`}>
                        <strong>{text.name}</strong>
                        <span>{text.description}</span>
                      </button>
                    </li>
                  );
                })}
              </ul>
              {shown.length === 0 && <p className="empty">{t('templatePicker.noMatch', { query: query.trim() })}</p>}
            </>
          );
        }}
      </ResourceState>
    </section>
  );
}
