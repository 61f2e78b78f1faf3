// What an update changed, for its audit event: each changed field with its value before and after,
// or only that it changed where the log must not hold the value (a logo, a secret).
export type FieldChange = { field: string; from: unknown; to: unknown } | { field: string; changed: true };

export function fieldChanges(before: object, after: object, fields: Iterable<string>, hidden: readonly string[] = []): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of new Set(fields)) {
    const from = (before as Record<string, unknown>)[field] ?? null;
    const to = (after as Record<string, unknown>)[field] ?? null;
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    changes.push(hidden.includes(field) ? { field, changed: true } : { field, from, to });
  }
  return changes;
}
