import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface FileSize {
  file: string;
  raw: number;
  gzip: number;
}

export interface SizeTotal {
  files: FileSize[];
  raw: number;
  gzip: number;
}

export interface BundleSizes {
  /** dist/index.html itself. */
  html: FileSize;
  /** Classic scripts the first page loads (the runtime configuration). */
  classicScripts: FileSize[];
  /** The entry module, every modulepreload, and the static import closure of the entry. */
  firstPageJs: SizeTotal;
  /** Stylesheets linked by index.html and their @imports (Fluent UI styles at run time, so often none). */
  firstPageCss: SizeTotal;
  /** Bytes of inline <style> in index.html (already counted in html). */
  inlineStyleBytes: number;
  allJs: SizeTotal;
  allCss: SizeTotal;
  /** Largest chunks of dist/assets, biggest first; `firstPage` says whether the first page loads it. */
  largest: (FileSize & { firstPage: boolean })[];
  /** Chunks the first page reaches by static import that index.html does not preload. */
  notPreloaded: string[];
}

const gzip = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;

function sizeOf(dist: string, file: string): FileSize {
  const bytes = readFileSync(join(dist, file));
  return { file, raw: bytes.length, gzip: gzip(bytes) };
}

function total(files: FileSize[]): SizeTotal {
  return {
    files,
    raw: files.reduce((sum, f) => sum + f.raw, 0),
    gzip: files.reduce((sum, f) => sum + f.gzip, 0),
  };
}

/** `/assets/x.js` (or `./x.js` relative to `from`) as a path inside dist, or undefined for other origins. */
function resolveInDist(reference: string, from = ''): string | undefined {
  if (
    /^[a-z]+:\/\//i.test(reference) ||
    reference.startsWith('//') ||
    reference.startsWith('data:')
  )
    return undefined;
  const path = reference.split(/[?#]/)[0];
  return path.startsWith('/')
    ? path.slice(1)
    : posix.normalize(posix.join(posix.dirname(from), path));
}

function attributes(tag: string): Partial<Record<string, string>> {
  const found: Partial<Record<string, string>> = {};
  // Unmatched alternatives are undefined at run time, whatever the type of the match says.
  for (const match of tag.matchAll(/([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    found[match[1].toLowerCase()] =
      (match.slice(2) as (string | undefined)[]).find((value) => value !== undefined) ?? '';
  }
  return found;
}

/** Static imports of a built module: `import ... from "./x.js"`, `import "./x.js"`, `export ... from "./x.js"`. Dynamic `import()` is left out. */
function staticImports(code: string): string[] {
  const found = new Set<string>();
  for (const match of code.matchAll(
    /(?:^|[;\s}])(?:import|export)\s*(?:[\w*${}\s,]+?\s*from\s*)?["']([^"']+\.m?js)["']/g,
  )) {
    found.add(match[1]);
  }
  return [...found];
}

/** Reads dist/: what the first page loads, and everything built, raw and gzip (level 9). */
export function measureBundle(dist: string): BundleSizes {
  const indexHtml = readFileSync(join(dist, 'index.html'), 'utf8');
  const tags = [...indexHtml.matchAll(/<(script|link)\b[^>]*>/gi)].map((match) => ({
    name: match[1].toLowerCase(),
    attrs: attributes(match[0]),
  }));

  const entries: string[] = [];
  const preloaded: string[] = [];
  const classic: string[] = [];
  const css: string[] = [];
  for (const { name, attrs } of tags) {
    if (name === 'script' && attrs.src) {
      const file = resolveInDist(attrs.src);
      if (!file || !existsSync(join(dist, file))) continue;
      (attrs.type === 'module' ? entries : classic).push(file);
    }
    if (name === 'link' && attrs.href) {
      const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/);
      const file = resolveInDist(attrs.href);
      if (!file || !existsSync(join(dist, file))) continue;
      if (rel.includes('modulepreload')) preloaded.push(file);
      if (rel.includes('stylesheet')) css.push(file);
    }
  }

  // Entries, preloads, and, to be safe, everything they import statically.
  const firstPage = new Set<string>();
  const queue = [...entries, ...preloaded];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (firstPage.has(file)) continue;
    firstPage.add(file);
    for (const reference of staticImports(readFileSync(join(dist, file), 'utf8'))) {
      const target = resolveInDist(reference, file);
      if (target && existsSync(join(dist, target)) && !firstPage.has(target)) queue.push(target);
    }
  }
  const notPreloaded = [...firstPage].filter(
    (file) => !entries.includes(file) && !preloaded.includes(file),
  );

  // Stylesheets and their @imports.
  const cssFiles = new Set<string>();
  const cssQueue = [...css];
  while (cssQueue.length > 0) {
    const file = cssQueue.shift()!;
    if (cssFiles.has(file)) continue;
    cssFiles.add(file);
    for (const match of readFileSync(join(dist, file), 'utf8').matchAll(
      /@import\s+(?:url\()?["']?([^"')\s;]+)/g,
    )) {
      const target = resolveInDist(match[1], file);
      if (target && existsSync(join(dist, target))) cssQueue.push(target);
    }
  }

  const assets = readdirSync(join(dist, 'assets')).map((file) => `assets/${file}`);
  const allJs = assets.filter((file) => /\.m?js$/.test(file)).map((file) => sizeOf(dist, file));
  const allCss = assets.filter((file) => file.endsWith('.css')).map((file) => sizeOf(dist, file));
  const bySize = (a: FileSize, b: FileSize) => b.raw - a.raw;

  return {
    html: sizeOf(dist, 'index.html'),
    classicScripts: classic.map((file) => sizeOf(dist, file)),
    firstPageJs: total([...firstPage].map((file) => sizeOf(dist, file)).sort(bySize)),
    firstPageCss: total([...cssFiles].map((file) => sizeOf(dist, file)).sort(bySize)),
    inlineStyleBytes: [...indexHtml.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].reduce(
      (sum, match) => sum + Buffer.byteLength(match[1]),
      0,
    ),
    allJs: total(allJs.sort(bySize)),
    allCss: total(allCss.sort(bySize)),
    largest: [...allJs, ...allCss]
      .sort(bySize)
      .slice(0, 8)
      .map((size) => ({ ...size, firstPage: firstPage.has(size.file) || cssFiles.has(size.file) })),
    notPreloaded,
  };
}
