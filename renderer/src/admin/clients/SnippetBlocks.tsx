// The configuration to paste into an app: one block per file or settings page, each with its own Copy button.
import { SnippetBlock } from '../../components/SnippetBlock';
import type { AdminResult } from '../adminClient';

type SnippetBlockText = AdminResult<'clients.create'>['snippets'][number];

export function SnippetBlocks({ blocks, appName }: { blocks: SnippetBlockText[]; appName: string }) {
  return (
    <section aria-labelledby="snippet-heading" data-testid="client-snippet">
      <h2 id="snippet-heading">Configuration for {appName}</h2>
      {blocks.length > 1 && <p className="muted small">{blocks.length} parts: copy each one into its place.</p>}
      {blocks.map((block, i) => (
        <SnippetBlock key={block.name} block={block} headingId={`snippet-${i}`} testId="client-snippet" />
      ))}
    </section>
  );
}
