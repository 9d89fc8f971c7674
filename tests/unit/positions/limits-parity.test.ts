import { describe, expect, it } from 'vitest';
import { workPositionWritable } from '../../../emulator/model/work-position';
import type { Shape } from '../../../emulator/model/shape';
import { POSITION_LIMITS } from '../../../src/features/positions/utils/position-limits';

type Complex = Extract<Shape, { kind: 'complex' }>;

function complexMember(shape: Complex, name: string): Complex {
  const member = shape.members[name] as Shape | undefined;
  if (member?.kind !== 'complex')
    throw new Error(`${shape.typeName}.${name} is not a complex type`);
  return member;
}

function stringMax(shape: Complex, name: string): number {
  const member = shape.members[name] as Shape | undefined;
  if (member?.kind !== 'string') throw new Error(`${shape.typeName}.${name} is not a string`);
  return member.max;
}

const detail = complexMember(workPositionWritable, 'detail');
const company = complexMember(detail, 'company');
const address = complexMember(company, 'address');
const categories = workPositionWritable.members.categories;

/** What the emulator enforces, under the names POSITION_LIMITS uses. */
const emulatorLimits: Record<keyof typeof POSITION_LIMITS, () => number> = {
  jobTitle: () => stringMax(detail, 'jobTitle'),
  description: () => stringMax(detail, 'description'),
  summary: () => stringMax(detail, 'summary'),
  companyName: () => stringMax(company, 'displayName'),
  department: () => stringMax(company, 'department'),
  officeLocation: () => stringMax(company, 'officeLocation'),
  pronunciation: () => stringMax(company, 'pronunciation'),
  webUrl: () => stringMax(company, 'webUrl'),
  street: () => stringMax(address, 'street'),
  city: () => stringMax(address, 'city'),
  state: () => stringMax(address, 'state'),
  postalCode: () => stringMax(address, 'postalCode'),
  countryOrRegion: () => stringMax(address, 'countryOrRegion'),
  postOfficeBox: () => stringMax(address, 'postOfficeBox'),
  category: () => {
    if (categories.kind !== 'collection' || categories.of.kind !== 'string')
      throw new Error('categories is not a collection of strings');
    return categories.of.max;
  },
  categoryCount: () => {
    if (categories.kind !== 'collection') throw new Error('categories is not a collection');
    return categories.maxItems;
  },
};

describe('POSITION_LIMITS and the emulator', () => {
  it('names a counterpart for every limit', () => {
    expect(Object.keys(emulatorLimits).sort()).toEqual(Object.keys(POSITION_LIMITS).sort());
  });

  it.each(Object.keys(POSITION_LIMITS) as (keyof typeof POSITION_LIMITS)[])(
    '%s agrees with the emulator',
    (name) => {
      expect(POSITION_LIMITS[name]).toBe(emulatorLimits[name]());
    },
  );

  it('covers every form-editable string member the emulator limits', () => {
    const formStrings = {
      detail: ['jobTitle', 'description', 'summary'],
      company: ['displayName', 'department', 'officeLocation', 'pronunciation', 'webUrl'],
      address: ['street', 'city', 'state', 'postalCode', 'countryOrRegion', 'postOfficeBox'],
    };
    for (const name of formStrings.detail)
      expect((detail.members[name] as Shape | undefined)?.kind, name).toBe('string');
    for (const name of formStrings.company)
      expect((company.members[name] as Shape | undefined)?.kind, name).toBe('string');
    for (const name of formStrings.address)
      expect((address.members[name] as Shape | undefined)?.kind, name).toBe('string');
  });
});
