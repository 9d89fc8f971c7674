import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layout's rules, checked on every import (ESLint's import-x zones say the same while
 * editing; this holds them in the test run): shared code → features → app, features do not
 * import each other (People may reuse Positions), and the browser app and the emulator
 * never import each other.
 */
const root = resolve(__dirname, '../..');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Every relative import of a file, as a path from the project root. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...text.matchAll(
      /(?:import|export)[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g,
    ),
  ].map((match) => relative(root, resolve(dirname(file), match[1] || match[2])));
}

const area = (path: string): string => {
  const parts = path.split('/');
  if (parts[0] === 'src' && parts[1] === 'features') return `features/${parts[2]}`;
  if (parts[0] === 'src') return ['app', 'main.tsx'].includes(parts[1]) ? 'app' : 'shared';
  return parts[0];
};

const edges = ['src', 'emulator'].flatMap((folder) =>
  sourceFiles(join(root, folder)).flatMap((file) =>
    importsOf(file).map((target) => ({ from: relative(root, file), to: target })),
  ),
);

describe('import boundaries', () => {
  it('finds the imports it checks', () => {
    expect(edges.length).toBeGreaterThan(100);
  });

  it('src/ and emulator/ never import each other', () => {
    const crossing = edges.filter(
      ({ from, to }) =>
        area(from) !== area(to) &&
        [area(from), area(to)].some((name) => name === 'emulator') &&
        to.startsWith('src') !== from.startsWith('src'),
    );
    expect(crossing).toEqual([]);
  });

  it('shared code imports no feature and no app code', () => {
    expect(
      edges.filter(
        ({ from, to }) =>
          area(from) === 'shared' && (area(to).startsWith('features/') || area(to) === 'app'),
      ),
    ).toEqual([]);
  });

  it('features import no app code, and no other feature except where eslint.config.js allows it', () => {
    const allowed = new Set([
      'features/people→features/positions',
      'features/organisation→features/positions',
      'features/organisation→features/people',
    ]);
    const wrong = edges.filter(({ from, to }) => {
      const [source, target] = [area(from), area(to)];
      if (!source.startsWith('features/')) return false;
      if (target === 'app') return true;
      return (
        target.startsWith('features/') && target !== source && !allowed.has(`${source}→${target}`)
      );
    });
    expect(wrong).toEqual([]);
  });
});
