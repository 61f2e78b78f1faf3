import { useState } from 'react';
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
  const [step, setStep] = useState<Step>(() => ({ kind: 'code', initialCode: new URLSearchParams(window.location.search).get('code') ?? '' }));
  useDocumentTitle(step.kind === 'decided' ? (step.decision === 'approved' ? 'Approved' : 'Denied') : 'Approve a sign-in');

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
  return decision === 'approved' ? (
    <>
      <h1>Approved</h1>
      <p className="success" role="status" data-testid="approve-outcome">
        The other device continues by itself. You can close this page.
      </p>
    </>
  ) : (
    <>
      <h1>Denied</h1>
      <p className="notice" role="status" data-testid="approve-outcome">
        Nobody was signed in, and the code can't be used again. If you didn't start this sign-in, you need to do nothing more.
      </p>
    </>
  );
}
