import { describe, expect, it } from 'vitest';
import { searchTermForGraph } from '../../../src/features/people/api/people-queries';

describe('searchTermForGraph', () => {
  it('leaves a plain name as it is', () => {
    expect(searchTermForGraph('Lee Gu')).toBe('Lee Gu');
    expect(searchTermForGraph('gu')).toBe('gu');
  });

  it('trims and collapses whitespace of every kind', () => {
    expect(searchTermForGraph('  Megan \t\n  Bowen  ')).toBe('Megan Bowen');
  });

  it('replaces double quotes and backslashes with spaces', () => {
    expect(searchTermForGraph('"Megan"')).toBe('Megan');
    expect(searchTermForGraph('Megan"Bowen')).toBe('Megan Bowen');
    expect(searchTermForGraph('a\\b')).toBe('a b');
    expect(searchTermForGraph('x" OR "y')).toBe('x OR y');
  });

  it('keeps other punctuation, including single quotes', () => {
    expect(searchTermForGraph("O'Brien")).toBe("O'Brien");
    expect(searchTermForGraph('megan@contoso.com')).toBe('megan@contoso.com');
    expect(searchTermForGraph('Zoë Ünal')).toBe('Zoë Ünal');
  });

  it('gives an empty term for only quotes, backslashes or spaces', () => {
    expect(searchTermForGraph('')).toBe('');
    expect(searchTermForGraph('   ')).toBe('');
    expect(searchTermForGraph('"\\" "')).toBe('');
  });
});
