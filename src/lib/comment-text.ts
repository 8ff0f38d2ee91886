/**
 * Splits a comment into paragraphs (blank lines) of lines (single line breaks), so it renders
 * as text with its shape kept and never as HTML.
 */
export function commentParagraphs(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n(?:[ \t]*\n)+/)
    .map((paragraph) => paragraph.split('\n').map((line) => line.trimEnd()))
    .filter((lines) => lines.some((line) => line.trim() !== ''));
}
