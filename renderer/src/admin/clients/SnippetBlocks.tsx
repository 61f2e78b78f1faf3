// The configuration to paste into an app: one block per file or settings page, each with its own Copy button.
import { useTranslation } from 'react-i18next';
import { SnippetBlock } from '../../components/SnippetBlock';
import type { AdminResult } from '../adminClient';

type SnippetBlockText = AdminResult<'clients.create'>['snippets'][number];

/** `appName`: the template's app, or null for a blank client. */
export function SnippetBlocks({ blocks, appName }: { blocks: SnippetBlockText[]; appName: string | null }) {
  const { t } = useTranslation('consoleClients');
  return (
    <section aria-labelledby="snippet-heading" data-testid="client-snippet">
      <h2 id="snippet-heading">{appName ? t('snippets.headingApp', { app: appName }) : t('snippets.heading')}</h2>
      {blocks.length > 1 && <p className="muted small">{t('snippets.parts', { count: blocks.length })}</p>}
      {blocks.map((block, i) => (
        <SnippetBlock key={block.name} block={block} headingId={`snippet-${i}`} testId="client-snippet" />
      ))}
    </section>
  );
}
