// The one function that decides what a client gets about a person: the rules the README states, case by case.
import { describe, expect, it } from 'vitest';
import type { AccountRecord } from '../../server/db/accountRecords.ts';
import { type ClaimPolicy, DEFAULT_CLAIM_POLICY } from '../../server/model/claimPolicy.ts';
import { type ClaimRequest, shapeClaims } from '../../server/oidc/shapeClaims.ts';

const RECORD: AccountRecord = {
  user: {
    id: 'u1',
    username: 'alice',
    email: 'alice.liddell@home.example',
    emailVerified: true,
    givenName: null,
    familyName: null,
    displayName: 'Alice',
    picture: null,
    isAdmin: false,
    disabled: false,
    source: 'console',
    language: null,
    createdAt: 0,
    updatedAt: 1_700_000_000_000,
  },
  groups: ['family', 'media'],
  claims: { quota: 10, team: 'blue' },
  pictureToken: null,
};

const ISSUER = 'https://auth.home.example';

const shape = (policy: Partial<ClaimPolicy>, request: Partial<ClaimRequest> = {}) =>
  shapeClaims({
    record: RECORD,
    issuer: ISSUER,
    policy: { ...DEFAULT_CLAIM_POLICY, ...policy },
    customScopes: [],
    scopes: ['openid'],
    use: 'userinfo',
    ...request,
  });

describe('shapeClaims', () => {
  it('gives the first matching rule, else otherwise, and leaves the claim out when that is null', () => {
    const mapping = (otherwise: string | null) => ({
      groupMappings: [
        {
          claim: 'role',
          rules: [
            { group: 'admins', value: 'admin' },
            { group: 'media', value: 'editor' },
            { group: 'family', value: 'member' },
          ],
          otherwise,
        },
      ],
    });
    expect(shape(mapping('viewer'))).toEqual({ sub: 'u1', role: 'editor' });
    expect(shape({ groupMappings: [{ claim: 'role', rules: [{ group: 'admins', value: 'admin' }], otherwise: 'viewer' }] })).toEqual({
      sub: 'u1',
      role: 'viewer',
    });
    // The app's own claim wins over a person's custom claim of that name, even when it leaves it out.
    expect(
      shape({ groupMappings: [{ claim: 'team', rules: [{ group: 'admins', value: 'red' }], otherwise: null }] }, { scopes: ['openid', 'profile'] }),
    ).not.toHaveProperty('team');
  });

  it('sends mapped and static claims only with openid', () => {
    const policy = { staticClaims: { org: 'home' }, groupMappings: [{ claim: 'role', rules: [{ group: 'family', value: 'member' }], otherwise: null }] };
    expect(shape(policy)).toEqual({ sub: 'u1', org: 'home', role: 'member' });
    expect(shape(policy, { scopes: ['profile'] })).not.toHaveProperty('org');
  });

  it('renames under the source scope only, and restricts each use to its list', () => {
    expect(shape({ renames: { groups: 'roles' } }, { scopes: ['openid', 'groups'] })).toEqual({ sub: 'u1', roles: ['family', 'media'] });
    expect(shape({ renames: { groups: 'roles' } }, { scopes: ['openid'] })).toEqual({ sub: 'u1' });
    const restricted = { idTokenClaims: ['email'], userinfoClaims: null };
    expect(shape(restricted, { scopes: ['openid', 'email', 'groups'], use: 'id_token' })).toEqual({ sub: 'u1', email: 'alice.liddell@home.example' });
    expect(shape(restricted, { scopes: ['openid', 'email', 'groups'] })).toMatchObject({ groups: ['family', 'media'], email_verified: true });
  });

  it('gives a renamed claim its new name whatever the scope order, never the person’s claim it displaces', () => {
    const record = { ...RECORD, claims: { ...RECORD.claims, department: 'sales' } };
    const policy = { renames: { email: 'department' } };
    for (const scopes of [
      ['openid', 'profile', 'email'],
      ['openid', 'email', 'profile'],
    ]) {
      expect(shape(policy, { record, scopes }), scopes.join(' ')).toMatchObject({ department: 'alice.liddell@home.example', team: 'blue' });
    }
    // Without the renamed claim's scope the name stays empty: the app reads it as the email, never as something else.
    expect(shape(policy, { record, scopes: ['openid', 'profile'] })).not.toHaveProperty('department');
    expect(shape(policy, { record, scopes: ['openid'], requested: ['department'] })).not.toHaveProperty('department');
  });

  it('takes preferred_username from the chosen source, and the username without an email', () => {
    const profile = (source: ClaimPolicy['preferredUsername'], record = RECORD) =>
      shapeClaims({
        record,
        issuer: ISSUER,
        policy: { ...DEFAULT_CLAIM_POLICY, preferredUsername: source },
        customScopes: [],
        scopes: ['openid', 'profile'],
        use: 'userinfo',
      }).preferred_username;
    expect(profile('username')).toBe('alice');
    expect(profile('email')).toBe('alice.liddell@home.example');
    expect(profile('email_local_part')).toBe('alice.liddell');
    expect(profile('email_local_part', { ...RECORD, user: { ...RECORD.user, email: null } })).toBe('alice');
  });

  it('gives the uploaded picture as its URL on the issuer under profile, else the picture address given, else none', () => {
    const uploaded = { ...RECORD, pictureToken: 'Xx0_Yy1-Zz2Aa3Bb4Cc5Dd' };
    expect(shape({}, { record: uploaded, scopes: ['openid', 'profile'] }).picture).toBe(`${ISSUER}/pictures/Xx0_Yy1-Zz2Aa3Bb4Cc5Dd`);
    expect(shape({}, { record: uploaded, scopes: ['openid', 'email'] })).not.toHaveProperty('picture');
    const given = { ...RECORD, user: { ...RECORD.user, picture: 'https://photos.home.example/alice.jpg' } };
    expect(shape({}, { record: { ...given, pictureToken: uploaded.pictureToken }, scopes: ['openid', 'profile'] }).picture).toBe(
      `${ISSUER}/pictures/Xx0_Yy1-Zz2Aa3Bb4Cc5Dd`,
    );
    expect(shape({}, { record: given, scopes: ['openid', 'profile'] }).picture).toBe('https://photos.home.example/alice.jpg');
    expect(shape({}, { scopes: ['openid', 'profile'] })).not.toHaveProperty('picture');
  });

  it('releases a custom scope’s claims, the claims parameter’s, and none the person refused', () => {
    const customScopes = [{ name: 'storage', claims: ['quota'] }];
    expect(shape({}, { customScopes, scopes: ['openid', 'storage'] })).toEqual({ sub: 'u1', quota: 10 });
    expect(shape({}, { scopes: ['openid'], requested: ['email'] })).toEqual({ sub: 'u1', email: 'alice.liddell@home.example' });
    expect(shape({}, { scopes: ['openid', 'email'], rejected: ['email_verified'] })).toEqual({ sub: 'u1', email: 'alice.liddell@home.example' });
  });
});
