// What the owner is told about their instance, by how much it matters: a problem breaks something now,
// a warning is a risk to fix, a notice is for their information and can be dismissed.
export type NoticeSeverity = 'problem' | 'warning' | 'notice';

export interface OwnerNotice {
  /** Stable for the same finding, so a dismissed notice stays dismissed. */
  id: string;
  severity: NoticeSeverity;
  /** A sentence saying what was found and what to do. */
  message: string;
}
