import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ChunkSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BundleSizes {
  /** What index.html loads before anything else: the entry script and its module preloads. */
  firstPage: { js: ChunkSize[]; css: ChunkSize[] };
  all: { js: ChunkSize[]; css: ChunkSize[] };
}

const sum = (chunks: ChunkSize[], key: 'bytes' | 'gzipBytes') => chunks.reduce((total, chunk) => total + chunk[key], 0);
export const totalBytes = (chunks: ChunkSize[]) => sum(chunks, 'bytes');
export const totalGzipBytes = (chunks: ChunkSize[]) => sum(chunks, 'gzipBytes');

function measure(distDir: string, file: string): ChunkSize {
  const content = readFileSync(join(distDir, file));
  return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}

/** Sizes of a Vite build in `distDir`, first page (from index.html) and in total. */
export function bundleSizes(distDir = 'dist'): BundleSizes {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const referenced = (pattern: RegExp) => [...html.matchAll(pattern)].map((match) => match[1].replace(/^\//, ''));
  const firstJs = referenced(/<(?:script type="module"[^>]*src|link rel="modulepreload"[^>]*href)="([^"]+\.js)"/g);
  const firstCss = referenced(/<link rel="stylesheet"[^>]*href="([^"]+\.css)"/g);
  const assets = readdirSync(join(distDir, 'assets'));
  return {
    firstPage: { js: firstJs.map((file) => measure(distDir, file)), css: firstCss.map((file) => measure(distDir, file)) },
    all: {
      js: assets.filter((file) => file.endsWith('.js')).map((file) => measure(distDir, `assets/${file}`)),
      css: assets.filter((file) => file.endsWith('.css')).map((file) => measure(distDir, `assets/${file}`)),
    },
  };
}
