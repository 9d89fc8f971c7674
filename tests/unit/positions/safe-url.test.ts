import { describe, expect, it } from 'vitest';
import { safeWebUrl } from '../../../src/features/positions/utils/safe-url';

describe('safeWebUrl', () => {
  it.each([
    ['https://contoso.com', 'https://contoso.com/'],
    ['http://contoso.com', 'http://contoso.com/'],
    ['HTTPS://Contoso.COM/Jobs?q=1#top', 'https://contoso.com/Jobs?q=1#top'],
    ['https://contoso.com:8443/a/b', 'https://contoso.com:8443/a/b'],
    ['  https://contoso.com/careers  ', 'https://contoso.com/careers'],
    ['https://[::1]/', 'https://[::1]/'],
  ])('accepts %j as %j', (input, href) => {
    expect(safeWebUrl(input)).toBe(href);
  });

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    '\tjavascript:alert(1)',
    'java\nscript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'vbscript:msgbox(1)',
    'ftp://example.com/file',
    'mailto:someone@example.com',
    'file:///etc/passwd',
    '/relative/path',
    '//contoso.com/protocol-relative',
    'contoso.com',
    'https://',
    'http://',
    '',
    '   ',
  ])('rejects %j', (input) => {
    expect(safeWebUrl(input)).toBeUndefined();
  });

  it('rejects null and undefined', () => {
    expect(safeWebUrl(null)).toBeUndefined();
    expect(safeWebUrl(undefined)).toBeUndefined();
  });
});
