import { describe, expect, it } from 'vitest';
import type { Shape } from '../../../emulator/model/shape';
import { workPositionWritable } from '../../../emulator/model/work-position';
import {
  graphPathOf,
  POSITION_FIELDS,
  type PositionField,
} from '../../../src/features/positions/utils/position-fields';

/** The emulator's shape of a Graph property path, e.g. `detail.company.webUrl`. */
function emulatorShape(path: string): Shape {
  let shape: Shape = workPositionWritable;
  for (const name of path.split('.')) {
    if (shape.kind !== 'complex') throw new Error(`${path}: ${name} is inside a non-complex value`);
    const member = shape.members[name] as Shape | undefined;
    if (!member) throw new Error(`${path}: the emulator has no member ${name}`);
    shape = member;
  }
  return shape;
}

const named = (field: PositionField) => [`${field.label} (${graphPathOf(field)})`, field] as const;

describe('the field table and the emulator (what Graph accepts)', () => {
  it.each(POSITION_FIELDS.map(named))('%s is a property the emulator knows', (_, field) => {
    expect(() => emulatorShape(graphPathOf(field))).not.toThrow();
  });

  it.each(POSITION_FIELDS.filter((field) => 'maxLength' in field).map(named))(
    '%s has the emulator’s length limit',
    (_, field) => {
      const shape = emulatorShape(graphPathOf(field));
      const text = shape.kind === 'collection' ? shape.of : shape;
      expect(text.kind).toBe('string');
      expect('maxLength' in field && field.maxLength).toBe(text.kind === 'string' && text.max);
    },
  );

  it('allows as many categories as the emulator', () => {
    const field = POSITION_FIELDS.find((candidate) => candidate.kind === 'categories');
    const shape = emulatorShape('categories');
    expect(shape.kind).toBe('collection');
    expect(field?.kind === 'categories' && field.maxItems).toBe(
      shape.kind === 'collection' && shape.maxItems,
    );
  });

  it.each(POSITION_FIELDS.filter((field) => field.kind === 'choice').map(named))(
    '%s offers only values the emulator accepts',
    (_, field) => {
      const shape = emulatorShape(graphPathOf(field));
      // allowedAudiences is a flags enumeration: any member, or several joined by commas.
      expect(['enum', 'flags']).toContain(shape.kind);
      const values = field.kind === 'choice' ? field.options.map((option) => option.value) : [];
      const accepted = shape.kind === 'enum' || shape.kind === 'flags' ? shape.values : [];
      expect(values.filter((value) => !accepted.includes(value))).toEqual([]);
    },
  );

  it.each(POSITION_FIELDS.filter((field) => field.kind === 'monthYear').map(named))(
    '%s is a date',
    (_, field) => {
      expect(emulatorShape(graphPathOf(field)).kind).toBe('date');
    },
  );
});
