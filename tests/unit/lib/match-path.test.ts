import { describe, expect, it } from 'vitest';
import { matchPath } from '../../../src/lib/match-path';

describe('matchPath', () => {
  it('matches a literal pattern with no params', () => {
    expect(matchPath('/people', '/people')).toEqual({});
    expect(matchPath('/', '/')).toEqual({});
  });

  it('captures named params', () => {
    expect(matchPath('/people/:userId', '/people/abc-123')).toEqual({ userId: 'abc-123' });
    expect(matchPath('/people/:userId/positions/:positionId', '/people/u1/positions/p9')).toEqual({
      userId: 'u1',
      positionId: 'p9',
    });
  });

  it('decodes params', () => {
    expect(matchPath('/people/:userId', '/people/megan%40contoso.com')).toEqual({
      userId: 'megan@contoso.com',
    });
    expect(matchPath('/people/:userId', '/people/Lee%20Gu')).toEqual({ userId: 'Lee Gu' });
    expect(matchPath('/people/:userId', '/people/a%2Fb')).toEqual({ userId: 'a/b' });
    expect(matchPath('/people/:userId', '/people/%E2%9C%93')).toEqual({ userId: '✓' });
  });

  it('gives null for malformed percent-encoding', () => {
    expect(matchPath('/people/:userId', '/people/%')).toBeNull();
    expect(matchPath('/people/:userId', '/people/%E0%A4%A')).toBeNull();
    expect(matchPath('/people/:userId', '/people/%ZZ')).toBeNull();
  });

  it('gives null when the number of segments differs', () => {
    expect(matchPath('/people/:userId', '/people')).toBeNull();
    expect(matchPath('/people/:userId', '/people/u1/positions')).toBeNull();
    expect(matchPath('/people', '/')).toBeNull();
  });

  it('gives null when a literal segment differs (case-sensitive)', () => {
    expect(matchPath('/people/:userId', '/persons/u1')).toBeNull();
    expect(matchPath('/people/:userId', '/People/u1')).toBeNull();
    expect(matchPath('/people/:userId/positions', '/people/u1/position')).toBeNull();
  });

  it('ignores leading, trailing and repeated slashes', () => {
    expect(matchPath('/people/:userId', '/people/u1/')).toEqual({ userId: 'u1' });
    expect(matchPath('people/:userId', '/people/u1')).toEqual({ userId: 'u1' });
    expect(matchPath('/people/:userId', '//people//u1')).toEqual({ userId: 'u1' });
  });

  it('does not decode literal segments', () => {
    expect(matchPath('/people', '/peop%6Ce')).toBeNull();
  });
});
