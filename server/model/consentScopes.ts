// The standard scopes the consent screen describes in Gatehouse's own words. The interaction API answers
// with these English sentences; the UI shows its catalogue's for the same names (signIn consent.scopes.<scope>).

export const SCOPE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  openid: 'Know who you are (your account id)',
  profile: 'Your name, username and picture',
  email: 'Your email address',
  groups: 'The groups you belong to',
  offline_access: 'Stay signed in when you are away (refresh tokens)',
};
