// A person's fields as the user form edits them (text boxes hold strings), and back as the API's input.
import type { AdminInput, AdminResult } from '../adminClient';
import { type ClaimRow, claimRows, claimsFromRows } from '../claims/claimRows';

export interface UserFormValues {
  username: string;
  displayName: string;
  givenName: string;
  familyName: string;
  email: string;
  emailVerified: boolean;
  isAdmin: boolean;
  groups: string[];
  claims: ClaimRow[];
}

export function userFormValues(user?: AdminResult<'users.get'>): UserFormValues {
  return {
    username: user?.username ?? '',
    // The display name as entered: empty when there is none and apps see the fallback name.
    displayName: user?.displayName ?? '',
    givenName: user?.givenName ?? '',
    familyName: user?.familyName ?? '',
    email: user?.email ?? '',
    // Gatehouse never checks an address itself, so a new one is unverified until the admin says otherwise.
    emailVerified: user?.emailVerified ?? false,
    isAdmin: user?.isAdmin ?? false,
    groups: user?.groups ?? [],
    claims: claimRows(user?.claims ?? {}),
  };
}

const orNull = (text: string) => text.trim() || null;

export function userInput(values: UserFormValues): AdminInput<'users.create'> {
  const email = orNull(values.email);
  return {
    username: values.username.trim(),
    displayName: orNull(values.displayName),
    givenName: orNull(values.givenName),
    familyName: orNull(values.familyName),
    email,
    emailVerified: email !== null && values.emailVerified,
    isAdmin: values.isAdmin,
    groups: values.groups,
    claims: claimsFromRows(values.claims),
  };
}
