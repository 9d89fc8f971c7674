/**
 * A tiny description of Graph's types, enough to validate request bodies strictly and
 * to give every stored complex value its full shape (absent members as null).
 */
export type Shape =
  | { kind: 'string'; max: number; nullable: boolean }
  | { kind: 'boolean'; nullable: boolean }
  | { kind: 'int32'; nullable: boolean }
  | { kind: 'double'; nullable: boolean }
  | { kind: 'date'; nullable: boolean }
  | { kind: 'enum'; typeName: string; values: readonly string[]; nullable: boolean }
  | { kind: 'flags'; typeName: string; values: readonly string[]; nullable: boolean }
  | { kind: 'complex'; typeName: string; members: Record<string, Shape>; nullable: boolean }
  | { kind: 'collection'; of: Shape; maxItems: number };

export interface Problem {
  /** Dotted path of the property, e.g. `detail.company.webUrl`. */
  target: string;
  message: string;
}

export const str = (max: number): Shape => ({ kind: 'string', max, nullable: true });
export const bool = (nullable = true): Shape => ({ kind: 'boolean', nullable });
export const int32 = (): Shape => ({ kind: 'int32', nullable: true });
export const double = (): Shape => ({ kind: 'double', nullable: true });
export const date = (): Shape => ({ kind: 'date', nullable: true });
export const enumOf = (typeName: string, values: readonly string[], nullable = true): Shape => ({
  kind: 'enum',
  typeName,
  values,
  nullable,
});
/**
 * An enumeration with `IsFlags="true"` in Graph's metadata: one member, or several joined
 * by commas (`"organization,federatedOrganizations"`), as OData writes flags values.
 */
export const flagsOf = (typeName: string, values: readonly string[], nullable = true): Shape => ({
  kind: 'flags',
  typeName,
  values,
  nullable,
});
export const complex = (
  typeName: string,
  members: Record<string, Shape>,
  nullable = true,
): Shape => ({ kind: 'complex', typeName, members, nullable });
export const collection = (of: Shape, maxItems: number): Shape => ({
  kind: 'collection',
  of,
  maxItems,
});

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` naming a real day, from 0001-01-01 (the "no value" sentinel real tenants hold) on. */
export function isEdmDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1) return false;
  // Not Date.UTC: it reads years 0 to 99 as 1900 to 1999.
  const parsed = new Date(0);
  parsed.setUTCFullYear(year, month - 1, day);
  return (
    parsed.getUTCFullYear() === year &&
    parsed.getUTCMonth() === month - 1 &&
    parsed.getUTCDate() === day
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean')
    return `the ${typeof value} ${String(value)}`;
  return `a value of type ${typeof value}`;
}

/** Known member names joined by commas, each once: OData's form of a flags value. */
function isFlagsValue(value: string, members: readonly string[]): boolean {
  const names = value.split(',');
  return names.every((name) => members.includes(name)) && new Set(names).size === names.length;
}

/** Checks `value` against `shape`, appending every problem found. */
export function checkValue(
  shape: Shape,
  value: unknown,
  target: string,
  problems: Problem[],
): void {
  if (value === null) {
    if (shape.kind === 'collection')
      problems.push({
        target,
        message: `Property '${target}' is a collection and cannot be null; send [] to empty it.`,
      });
    else if (!shape.nullable)
      problems.push({ target, message: `Property '${target}' cannot be null.` });
    return;
  }
  switch (shape.kind) {
    case 'string':
      if (typeof value !== 'string')
        problems.push({
          target,
          message: `Property '${target}' must be a string, not ${describe(value)}.`,
        });
      else if (value.length > shape.max)
        problems.push({
          target,
          message: `Property '${target}' is ${value.length} characters long; the limit is ${shape.max}.`,
        });
      return;
    case 'boolean':
      if (typeof value !== 'boolean')
        problems.push({
          target,
          message: `Property '${target}' must be a Boolean (true or false), not ${describe(value)}.`,
        });
      return;
    case 'int32':
      if (
        typeof value !== 'number' ||
        !Number.isInteger(value) ||
        value < -(2 ** 31) ||
        value >= 2 ** 31
      ) {
        problems.push({
          target,
          message: `Property '${target}' must be a 32-bit integer, not ${describe(value)}.`,
        });
      }
      return;
    case 'double':
      if (typeof value !== 'number' || !Number.isFinite(value))
        problems.push({
          target,
          message: `Property '${target}' must be a number, not ${describe(value)}.`,
        });
      return;
    case 'date':
      if (typeof value !== 'string' || !isEdmDate(value)) {
        problems.push({
          target,
          message: `Property '${target}' must be a date in the form YYYY-MM-DD, not ${describe(value)}.`,
        });
      }
      return;
    case 'enum':
      if (typeof value !== 'string' || !shape.values.includes(value)) {
        problems.push({
          target,
          message: `Property '${target}' must be one of ${shape.values.join(', ')} (${shape.typeName}), not ${describe(value)}.`,
        });
      }
      return;
    case 'flags':
      if (typeof value !== 'string' || !isFlagsValue(value, shape.values)) {
        problems.push({
          target,
          message: `Property '${target}' must be one of ${shape.values.join(', ')}, or several of them joined by commas without spaces (${shape.typeName}, a flags enumeration), not ${describe(value)}.`,
        });
      }
      return;
    case 'collection':
      if (!Array.isArray(value)) {
        problems.push({
          target,
          message: `Property '${target}' must be an array, not ${describe(value)}.`,
        });
        return;
      }
      if (value.length > shape.maxItems)
        problems.push({
          target,
          message: `Property '${target}' has ${value.length} items; the limit is ${shape.maxItems}.`,
        });
      value.forEach((item, index) => {
        if (item === null)
          problems.push({
            target: `${target}[${index}]`,
            message: `Item ${index} of '${target}' cannot be null.`,
          });
        else checkValue(shape.of, item, `${target}[${index}]`, problems);
      });
      return;
    case 'complex':
      if (typeof value !== 'object' || Array.isArray(value)) {
        problems.push({
          target,
          message: `Property '${target}' must be an object of type ${shape.typeName}, not ${describe(value)}.`,
        });
        return;
      }
      checkMembers(shape, value as Record<string, unknown>, `${target}.`, problems);
  }
}

/** Checks the members of an object of a complex type: no unknown ones, each of the right shape. */
export function checkMembers(
  shape: Extract<Shape, { kind: 'complex' }>,
  value: Record<string, unknown>,
  prefix: string,
  problems: Problem[],
): void {
  for (const [name, member] of Object.entries(value)) {
    if (name === '@odata.type') continue;
    const memberShape = Object.hasOwn(shape.members, name) ? shape.members[name] : undefined;
    if (!memberShape) {
      problems.push({
        target: `${prefix}${name}`,
        message: `Property '${prefix}${name}' does not exist on type ${shape.typeName}.`,
      });
      continue;
    }
    checkValue(memberShape, member, `${prefix}${name}`, problems);
  }
}

/**
 * Gives a valid value its full shape: every member of every complex value present, absent
 * ones null. A collection never given is null too, as Graph returns it (Microsoft's
 * examples for creating and listing positions show `"categories": null`).
 */
export function complete(shape: Shape, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (shape.kind === 'collection')
    return (value as unknown[]).map((item) => complete(shape.of, item));
  if (shape.kind !== 'complex') return value;
  const source = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(shape.members).map(([name, member]) => [name, complete(member, source[name])]),
  );
}
