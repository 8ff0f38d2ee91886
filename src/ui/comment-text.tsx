import { commentParagraphs } from '@/lib/comment-text';

/** A comment's text as text: its paragraphs and line breaks kept, never parsed as HTML. */
export function CommentText({ text }: { text: string }) {
  return commentParagraphs(text).map((lines, i) => (
    <p key={i}>
      {lines.map((line, j) => (
        <span key={j}>
          {j > 0 && <br />}
          {line}
        </span>
      ))}
    </p>
  ));
}
