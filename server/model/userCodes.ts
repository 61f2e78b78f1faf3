// The short codes a person reads on one screen and types on another: a device's sign-in code (the
// device flow, drawn by oidc-provider from its 'base-20' charset) and another device's approval code.

/** oidc-provider's base-20 letters: no vowels, so no words, and no look-alikes. */
export const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';
/** How a code is shown: each `*` one letter. */
export const USER_CODE_MASK = '****-****';
export const USER_CODE_LENGTH = [...USER_CODE_MASK].filter((c) => c === '*').length;

/** The code as typed: case, spaces and dashes ignored. Undefined when it cannot be a code at all. */
export function normalizeUserCode(typed: unknown): string | undefined {
  if (typeof typed !== 'string') return undefined;
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  return code.length === USER_CODE_LENGTH && [...code].every((c) => USER_CODE_ALPHABET.includes(c)) ? code : undefined;
}

/** A normalized code the way it is shown, e.g. BCDF-GHJK. */
export function displayUserCode(normalized: string): string {
  const chars = [...normalized];
  return [...USER_CODE_MASK].map((c) => (c === '*' ? (chars.shift() ?? '') : c)).join('');
}
