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
export const newClaimRow = (name = '', value = ''): ClaimRow => ({ key: ++lastKey, name, value });

const readsAsJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

export function claimRows(claims: Record<string, unknown>): ClaimRow[] {
  return Object.entries(claims).map(([name, value]) => newClaimRow(name, typeof value === 'string' && !readsAsJson(value) ? value : JSON.stringify(value)));
}

/** The claims to send; rows left empty are dropped. */
export function claimsFromRows(rows: readonly ClaimRow[]): Record<string, JsonValue> {
  const claims: Record<string, JsonValue> = {};
  for (const row of rows) {
    const name = row.name.trim();
    if (name === '' && row.value.trim() === '') continue;
    claims[name] = readsAsJson(row.value) ? JSON.parse(row.value) : row.value;
  }
  return claims;
}
