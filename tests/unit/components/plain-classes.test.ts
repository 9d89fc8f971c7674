import { describe, expect, it } from 'vitest';
import { buttonClass, initialsOf } from '../../../src/components/plain-classes';

describe('initialsOf (the header avatar, as Fluent UI Avatar shows a name)', () => {
  it.each([
    ['Adele Vance', 'AV'],
    ['adele vance', 'AV'],
    ['Adele', 'A'],
    ['Megan  Bowen (Contractor)', 'MB'],
    ['Jean-Luc de la Tour', 'JT'],
    ['Ørjan Ødegård', 'ØØ'],
    ['', ''],
    ['  ', ''],
    ['123 456', ''],
  ])('%j → %j', (name, initials) => {
    expect(initialsOf(name)).toBe(initials);
  });
});

describe('buttonClass', () => {
  it('is the secondary look unless another appearance is asked for', () => {
    expect(buttonClass()).toBe('pe-button');
    expect(buttonClass('primary')).toBe('pe-button pe-button--primary');
    expect(buttonClass('subtle')).toBe('pe-button pe-button--subtle');
  });
});
