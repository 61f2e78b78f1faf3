import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { SnippetBlock } from '../../components/SnippetBlock';
import { TextField } from '../../components/TextField';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { useResource } from '../../hooks/useResource';
import type { ProtectedApp } from '../../../../server/model/protectedApps.ts';
import type { AdminResult } from '../adminClient';
import { useAdminClient } from '../AdminClientContext';
import { formErrors } from '../formErrors';
import { PROXY_GUIDES, type ProxyGuide } from './proxyGuides';
import { TrustProxyWarning } from './TrustProxyWarning';

/** What to paste into the reverse proxy for this app, for the proxy the owner runs. */
export function ProxySetupPanel({ app }: { app: ProtectedApp }) {
  const { t } = useTranslation('consoleAccess');
  const admin = useAdminClient();
  const [proxy, setProxy] = useState<ProxyGuide['id']>('caddy');
  // Empty until typed in: Gatehouse then suggests the address itself (its own port on this computer).
  const [address, setAddress] = useState('');
  const asked = useDebouncedValue(address.trim(), 400);
  const snippets = useResource(`protected-app-snippets:${app.id}:${asked}`, () =>
    admin['protectedApps.snippets']({ id: app.id, ...(asked ? { gatehouseUrl: asked } : {}) }),
  );
  // A refused address keeps the last snippets on screen, with the refusal at the box.
  const [shown, setShown] = useState<AdminResult<'protectedApps.snippets'>>();
  const [suggested, setSuggested] = useState('');
  useEffect(() => {
    if (snippets.state.status !== 'ready') return;
    setShown(snippets.state.data);
    if (!asked) setSuggested(snippets.state.data.gatehouseUrl);
  }, [snippets.state]);
  const refused = snippets.state.status === 'failed' ? snippets.state.error : null;
  const errors = formErrors(refused, ['gatehouseUrl']);
  const guide = PROXY_GUIDES.find((candidate) => candidate.id === proxy)!;

  return (
    <section className="panel proxy-setup" aria-labelledby="proxy-setup-heading" data-testid="proxy-setup">
      <h2 id="proxy-setup-heading">{t('proxySetup.heading')}</h2>
      <p className="muted">{t('proxySetup.intro', { name: app.name })}</p>
      <TrustProxyWarning />
      <div className="admin-form">
        <TextField
          label={t('proxySetup.address')}
          type="url"
          value={address}
          onChange={(event) => setAddress(event.target.value)}
          placeholder={suggested}
          autoComplete="off"
          spellCheck={false}
          hint={t('proxySetup.addressHint')}
          {...errors.field('gatehouseUrl', t('proxySetup.addressField'))}
          data-testid="proxy-gatehouse-url"
        />
        <fieldset className="field choice-group">
          <legend>{t('proxySetup.proxy')}</legend>
          {PROXY_GUIDES.map((candidate) => (
            <label key={candidate.id}>
              <input
                type="radio"
                name={`proxy-${app.id}`}
                value={candidate.id}
                checked={proxy === candidate.id}
                onChange={() => setProxy(candidate.id)}
                data-testid={`proxy-choice-${candidate.id}`}
              />
              {candidate.label}
            </label>
          ))}
        </fieldset>
      </div>
      <p data-testid="proxy-where">{guide.where(app, t)}</p>
      {shown ? (
        guide.blocks(shown, t).map((block, i) => <SnippetBlock key={block.name} block={block} headingId={`proxy-snippet-${i}`} testId="proxy-snippet" />)
      ) : snippets.state.status === 'loading' ? (
        <Loading />
      ) : null}
      <ErrorAlert error={errors.alert} />
    </section>
  );
}
