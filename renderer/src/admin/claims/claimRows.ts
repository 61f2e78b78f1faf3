// Custom claims as the editor shows them: one row per claim, the value as text. Text that reads as JSON
// (42, true, ["a","b"], {"k":1}, "quoted") is that JSON value; anything else is a string.

export interface ClaimRow {
  /** Keeps a row's inputs while rows above it are removed. */
  key: number;
  name: string;
  value: string;
}

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

let lastKey = 0;
/** A key for a new row of any editor: unique for the page's life. */
export const nextRowKey = () => ++lastKey;
export const newClaimRow = (name = '', value = ''): ClaimRow => ({ key: nextRowKey(), name, value });

const readsAsJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** A claim value as the editor shows it. */
export const claimValueText = (value: unknown): string => (typeof value === 'string' && !readsAsJson(value) ? value : JSON.stringify(value));

/** The value typed text stands for: its JSON value, or else the text itself. */
export const claimValueOf = (text: string): JsonValue => (readsAsJson(text) ? JSON.parse(text) : text);

export function claimRows(claims: Record<string, unknown>): ClaimRow[] {
  return Object.entries(claims).map(([name, value]) => newClaimRow(name, claimValueText(value)));
}

/** The claims to send; rows left empty are dropped. */
export function claimsFromRows(rows: readonly ClaimRow[]): Record<string, JsonValue> {
  const claims: Record<string, JsonValue> = {};
  for (const row of rows) {
    const name = row.name.trim();
    if (name === '' && row.value.trim() === '') continue;
    claims[name] = claimValueOf(row.value);
  }
  return claims;
}
