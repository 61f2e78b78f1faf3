// Why a back-channel logout delivery failed, in the page's language, from the code the server recorded
// (server/model/deliveryFailure.ts); entries older than the code, or an unforeseen error, keep the
// server's English reason. Used by the audit log and a client's deliveries panel.
import type { DeliveryFailure } from '../../../../server/model/deliveryFailure.ts';
import type { Translate } from './auditDetails.ts';

export function deliveryFailureText(t: Translate, failure: unknown, reason: string): string {
  const recorded = (typeof failure === 'object' && failure !== null ? failure : {}) as Partial<DeliveryFailure>;
  switch (recorded.code) {
    case 'answered': {
      const { status, statusText } = recorded as Extract<DeliveryFailure, { code: 'answered' }>;
      return statusText ? t('console:deliveryFailure.answeredWithText', { status, statusText }) : t('console:deliveryFailure.answered', { status });
    }
    case 'timeout':
      return t('console:deliveryFailure.timeout', { seconds: (recorded as Extract<DeliveryFailure, { code: 'timeout' }>).seconds });
    case 'unreachable':
      return t('console:deliveryFailure.unreachable', { cause: (recorded as Extract<DeliveryFailure, { code: 'unreachable' }>).cause });
    case 'stopped':
      return t('console:deliveryFailure.stopped');
    default:
      return reason;
  }
}
