import { describe, expect, it } from 'vitest';
import { peopleSearchSchema } from '../../../src/features/people/people-search';

const read = (search: unknown) => peopleSearchSchema.parse(search);

describe("People's search in the address", () => {
  it('keeps the term, trimmed', () => {
    expect(read({ q: 'lee' })).toEqual({ q: 'lee' });
    expect(read({ q: '  Lee Gu ' })).toEqual({ q: 'Lee Gu' });
  });

  it('means no search when there is none, or only spaces', () => {
    expect(read({})).toEqual({ q: undefined });
    expect(read({ q: '' })).toEqual({ q: undefined });
    expect(read({ q: '   ' })).toEqual({ q: undefined });
  });

  it('falls back to no search for anything that is not text, instead of failing the page', () => {
    expect(read({ q: ['a', 'b'] })).toEqual({ q: undefined });
    expect(read({ q: 42 })).toEqual({ q: undefined });
  });

  it('drops other values', () => {
    expect(read({ q: 'lee', state: 'x' })).toEqual({ q: 'lee' });
  });
});
