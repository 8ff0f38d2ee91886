/**
 * Text as people meant it, stored safely: well-formed UTF-16 (lone surrogates become U+FFFD), Unicode
 * NFC, and no NUL or other control characters (PostgreSQL rejects NUL; the rest hide text or break logs).
 */
const CONTROL_EXCEPT_NEWLINES_AND_TABS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// Bidi embeddings/overrides/isolates and zero-width characters: in a name they fake or hide text.
const INVISIBLE_IN_NAMES = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\u00AD]/g;

export function cleanText(value: string): string {
  return value.toWellFormed().normalize('NFC').replace(CONTROL_EXCEPT_NEWLINES_AND_TABS, '').replace(/\r\n?/g, '\n');
}

export function cleanName(value: string): string {
  return cleanText(value).replace(INVISIBLE_IN_NAMES, '').replace(/\s+/g, ' ');
}
