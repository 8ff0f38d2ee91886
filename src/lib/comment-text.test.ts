import { describe, expect, it } from 'vitest';
import { commentParagraphs } from './comment-text';

describe('commentParagraphs', () => {
  it('keeps a one-line comment as one paragraph of one line', () => {
    expect(commentParagraphs('Nice article.')).toEqual([['Nice article.']]);
  });

  it('splits paragraphs at blank lines and lines at single line breaks', () => {
    expect(commentParagraphs('One\ntwo\n\nThree')).toEqual([['One', 'two'], ['Three']]);
  });

  it('treats several blank lines as one paragraph break', () => {
    expect(commentParagraphs('One\n\n\n\nTwo')).toEqual([['One'], ['Two']]);
  });

  it('counts a line of spaces or tabs as blank', () => {
    expect(commentParagraphs('One\n  \t\nTwo')).toEqual([['One'], ['Two']]);
  });

  it('reads Windows (CRLF) and old Mac (CR) line breaks like LF', () => {
    expect(commentParagraphs('One\r\ntwo\r\n\r\nThree\rfour')).toEqual([
      ['One', 'two'],
      ['Three', 'four'],
    ]);
  });

  it('drops trailing blanks of lines and blank paragraphs at either end', () => {
    expect(commentParagraphs('\n\nOne   \ntwo\t\n\n\n  \n')).toEqual([['One', 'two']]);
    expect(commentParagraphs('   \n\n')).toEqual([]);
    expect(commentParagraphs('')).toEqual([]);
  });

  it('keeps leading indentation and markup as plain text', () => {
    expect(commentParagraphs('  indented\n<script>x</script>')).toEqual([['  indented', '<script>x</script>']]);
  });

  it('never starts a paragraph with an empty line, whatever the blank lines hold', () => {
    expect(commentParagraphs('One\n\n  \nTwo')).toEqual([['One'], ['Two']]);
  });
});
