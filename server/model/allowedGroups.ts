// Who a client or a protected app lets in: with no allowed groups everyone, else members of any of them.

export function admitsGroups(record: { readonly allowedGroups: readonly string[] }, groupNames: readonly string[]): boolean {
  return record.allowedGroups.length === 0 || record.allowedGroups.some((group) => groupNames.includes(group));
}
