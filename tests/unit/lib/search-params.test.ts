import { describe, expect, it } from 'vitest';
import { parseSearch, stringifySearch } from '../../../src/lib/search-params';

describe("the address's query, as plain text", () => {
  it('reads every value as the text it is: no numbers, booleans or JSON', () => {
    expect(parseSearch('?q=lee')).toEqual({ q: 'lee' });
    expect(parseSearch('?q=123&flag=true&json=%7B%7D')).toEqual({
      q: '123',
      flag: 'true',
      json: '{}',
    });
    expect(parseSearch('q=Lee%20Gu')).toEqual({ q: 'Lee Gu' });
    expect(parseSearch('?q=O%27Brien&q=second')).toEqual({ q: "O'Brien" });
    expect(parseSearch('')).toEqual({});
  });

  it('writes text as it is, leaves out what is not text, and nothing at all for no values', () => {
    expect(stringifySearch({ q: 'Lee Gu' })).toBe('?q=Lee+Gu');
    expect(stringifySearch({ q: '123' })).toBe('?q=123');
    expect(stringifySearch({ q: undefined })).toBe('');
    expect(stringifySearch({})).toBe('');
  });

  it('round-trips any text', () => {
    for (const text of ['lee', '"quoted"', '[1]', 'a&b=c', 'Zoë Ünal', '  spaced  ', '%'])
      expect(parseSearch(stringifySearch({ q: text }))).toEqual({ q: text });
  });
});
