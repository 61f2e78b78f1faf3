// Why a back-channel logout delivery failed, as a code with what it names: the audit log keeps it beside
// the English reason, so the console words it in the page's language.
export type DeliveryFailure =
  | { code: 'answered'; status: number; statusText: string }
  | { code: 'timeout'; seconds: number }
  | { code: 'unreachable'; cause: string }
  | { code: 'stopped' }
  /** Anything else: only the reason's own words say what. */
  | { code: 'other' };
