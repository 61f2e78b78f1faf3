// What a person reads about a browser (a sessions list, a new-browser alert): names Bowser knows, never
// text taken from the header.
import { describe, expect, it } from 'vitest';
import { browserKey, browserParts } from '../../server/auth/browserNames.ts';

const FIREFOX_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';

describe('browser names', () => {
  it('gives the browser and the system apart, and a key without versions', () => {
    expect(browserParts(FIREFOX_ON_WINDOWS)).toEqual({ browser: 'Firefox', system: 'Windows' });
    expect(browserKey(FIREFOX_ON_WINDOWS)).toBe('Firefox|Windows');
  });

  it('says unknown for no user agent or one Bowser does not know, whatever text it holds', () => {
    expect(browserParts(undefined)).toEqual({ browser: null, system: null });
    expect(browserParts('<script>alert(1)</script>/1.0 (Evil OS)')).toEqual({ browser: null, system: null });
    expect(browserKey('')).toBe('?|?');
  });
});
