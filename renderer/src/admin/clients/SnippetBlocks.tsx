// The configuration to paste into an app: one block per file or settings page, each with its own Copy button.
import { CopyButton } from '../../components/CopyButton';
import type { AdminResult } from '../adminClient';

type SnippetBlock = AdminResult<'clients.create'>['snippets'][number];

export function SnippetBlocks({ blocks, appName }: { blocks: SnippetBlock[]; appName: string }) {
  return (
    <section aria-labelledby="snippet-heading" data-testid="client-snippet">
      <h2 id="snippet-heading">Configuration for {appName}</h2>
      {blocks.length > 1 && <p className="muted small">{blocks.length} parts: copy each one into its place.</p>}
      {blocks.map((block, i) => (
        <div key={block.name} className="snippet-block">
          <div className="snippet-head">
            <h3 id={`snippet-${i}`}>{block.name}</h3>
            <CopyButton text={block.text} label={`Copy ${block.name}`} testId="client-snippet-copy" />
          </div>
          <pre className="snippet" aria-labelledby={`snippet-${i}`} tabIndex={0}>
            <code data-testid="client-snippet-block">{block.text}</code>
          </pre>
        </div>
      ))}
    </section>
  );
}
