import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OtherDeviceLookup } from '../api/types';
import { ApprovalRequest, type Decision } from '../components/approve/ApprovalRequest';
import { ApproveCodeEntry } from '../components/approve/ApproveCodeEntry';
import { Layout } from '../components/Layout';
import { useDocumentTitle } from '../hooks/useDocumentTitle';

type Step = { kind: 'code'; initialCode: string } | { kind: 'request'; code: string; request: OtherDeviceLookup } | { kind: 'decided'; decision: Decision };

/**
 * /approve: where a person approves, on a device with their passkey (or signed in), a sign-in waiting on
 * another device: the code (or its QR code), what asks, then the answer.
 */
export function ApprovePage() {
  const { t } = useTranslation('signIn');
  const [step, setStep] = useState<Step>(() => ({ kind: 'code', initialCode: new URLSearchParams(window.location.search).get('code') ?? '' }));
  useDocumentTitle(
    step.kind === 'decided' ? (step.decision === 'approved' ? t('approve.titles.approved') : t('approve.titles.denied')) : t('approve.titles.approve'),
  );

  return (
    <Layout>
      {step.kind === 'code' && <ApproveCodeEntry initialCode={step.initialCode} onFound={(code, request) => setStep({ kind: 'request', code, request })} />}
      {step.kind === 'request' && (
        <ApprovalRequest
          code={step.code}
          request={step.request}
          onDecided={(decision) => setStep({ kind: 'decided', decision })}
          onOtherCode={() => setStep({ kind: 'code', initialCode: '' })}
        />
      )}
      {step.kind === 'decided' && <Decided decision={step.decision} />}
    </Layout>
  );
}

function Decided({ decision }: { decision: Decision }) {
  const { t } = useTranslation('signIn');
  return decision === 'approved' ? (
    <>
      <h1>{t('approve.titles.approved')}</h1>
      <p className="success" role="status" data-testid="approve-outcome">
        {t('approve.approvedLead')}
      </p>
    </>
  ) : (
    <>
      <h1>{t('approve.titles.denied')}</h1>
      <p className="notice" role="status" data-testid="approve-outcome">
        {t('approve.deniedLead')}
      </p>
    </>
  );
}
