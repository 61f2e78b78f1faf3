import { useTranslation } from 'react-i18next';
import { CopyButton } from './CopyButton';

interface SnippetBlockProps {
  /** What the text is ("Caddyfile"), and the text to paste. */
  block: { name: string; text: string };
  /** Names the text for assistive technology; unique on the page. */
  headingId: string;
  /** `<testId>-copy` on the button, `<testId>-block` on the text. */
  testId: string;
}

/** One block of configuration to paste, under its name, with a Copy button; the text scrolls sideways, never wraps. */
export function SnippetBlock({ block, headingId, testId }: SnippetBlockProps) {
  const { t } = useTranslation('common');
  return (
    <div className="snippet-block">
      <div className="snippet-head">
        <h3 id={headingId}>{block.name}</h3>
        <CopyButton text={block.text} label={t('copy.label', { what: block.name })} testId={`${testId}-copy`} />
      </div>
      <pre className="snippet" aria-labelledby={headingId} tabIndex={0}>
        <code data-testid={`${testId}-block`}>{block.text}</code>
      </pre>
    </div>
  );
}
