// What the owner is told about their instance, by how much it matters: a problem breaks something now,
// a warning is a risk to fix, a notice is for their information and can be dismissed.
export type NoticeSeverity = 'problem' | 'warning' | 'notice';

export interface OwnerNotice {
  /** Stable for the same finding, so a dismissed notice stays dismissed. */
  id: string;
  severity: NoticeSeverity;
  /** A sentence saying what was found and what to do. */
  message: string;
  /** What the sentence names (an issuer, a reason), so the console can word it in its own language by the id's code. */
  values?: Readonly<Record<string, string>>;
  /** The files a sentence lists with their modes (data_directory_modes), for the same reason. */
  files?: readonly LooseFile[];
}

/** A file other users of the computer can read, and its mode in octal ("644"). */
export interface LooseFile {
  path: string;
  mode: string;
}
