/**
 * The pages the edge (edge.ts) answers with itself, in words a browser without JavaScript can show:
 *  - a 5xx page: the app's error boundary (app/error.tsx) only renders in the browser, so Next.js's
 *    HTML is an empty shell that waits for scripts;
 *  - a form from an older build (a redeploy while the visitor was writing): its server action id is
 *    unknown, and Next.js answers a bare `409 text/plain`; this page shows the visitor the comment they
 *    typed, and the way back;
 *  - requests refused before Next.js sees them (bad request target, unreadable form, too large, cross-site).
 */
import { escapeUTF8 } from 'entities';
import { siteEnv } from '../../src/server/env';

const { SITE_NAME } = siteEnv;

export interface PlainAnswer {
  status: number;
  html: string;
}

/** Text made safe inside HTML text and quoted attributes (all five of & < > " '). */
const escapeHtml = escapeUTF8;

function answer(status: number, title: string, body: string): PlainAnswer {
  return { status, html: page(title, body) };
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)} · ${escapeHtml(SITE_NAME)}</title></head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export function serverErrorPage(path: string, status = 500): PlainAnswer {
  return answer(
    status,
    'This page could not be loaded',
    `<h1>This page could not be loaded</h1>
<p>Something went wrong on our side. Please try again in a moment.</p>
<p><a href="${escapeHtml(path)}">Try again</a> · <a href="/">Home</a></p>`,
  );
}

export function staleFormPage(path: string, comment: string): PlainAnswer {
  const kept = comment
    ? `<p>Here is what you wrote, to copy into the fresh form:</p>
<p><textarea name="body" readonly rows="8" cols="60" aria-label="Your comment">${escapeHtml(comment)}</textarea></p>`
    : '';
  return answer(
    409,
    'Your comment was not posted',
    `<h1>Your comment was not posted</h1>
<p role="alert">The site was updated while you were writing, so this form no longer works. Please open the article again and post your comment from there, or go back: your browser keeps what you typed.</p>
${kept}
<p><a href="${escapeHtml(path)}#respond">Open the article again</a></p>`,
  );
}

export function badRequestPage(): PlainAnswer {
  return answer(400, 'Bad request', '<h1>Bad request</h1>\n<p>This address cannot be read. Please check the link.</p>\n<p><a href="/">Home</a></p>');
}

export function notFoundPage(): PlainAnswer {
  return answer(404, 'Page not found', '<h1>Page not found</h1>\n<p>There is nothing at this address.</p>\n<p><a href="/">Home</a></p>');
}

export function badFormPage(): PlainAnswer {
  return answer(
    400,
    'The form could not be read',
    '<h1>The form could not be read</h1>\n<p role="alert">What your browser sent was incomplete. Please go back and send the form again: your browser keeps what you typed.</p>',
  );
}

export function tooLargePage(): PlainAnswer {
  return answer(413, 'Too large', '<h1>Too large</h1>\n<p role="alert">This form is too large to be sent. Please shorten it and try again.</p>');
}

export function crossSitePage(): PlainAnswer {
  return answer(
    403,
    'Not accepted',
    '<h1>Not accepted</h1>\n<p role="alert">Cross-site form submissions are not accepted. Please submit the form from this site.</p>',
  );
}
