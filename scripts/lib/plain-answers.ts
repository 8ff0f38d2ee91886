/**
 * Answers in words for the two cases where Next.js sends a browser without JavaScript nothing readable:
 *  - a 5xx page: the app's error boundary (app/error.tsx) only renders in the browser, so the HTML is an
 *    empty shell that waits for scripts;
 *  - a form from an older build (a redeploy while the visitor was writing): its server action id is
 *    unknown, and Next.js answers a bare `409 text/plain` marked `x-nextjs-action-not-found: 1`.
 * Both keep their status; the second shows the visitor the comment they typed, and the way back.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

const SITE_NAME = process.env.SITE_NAME ?? 'Commentary';
/** What a no-JS form post may carry (next.config.mjs allows 300 kB); more is not kept for this page. */
const MAX_KEPT_BODY_BYTES = 310 * 1024;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
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

export function serverErrorPage(path: string): string {
  return page(
    'This page could not be loaded',
    `<h1>This page could not be loaded</h1>
<p>Something went wrong on our side. Please try again in a moment.</p>
<p><a href="${escapeHtml(path)}">Try again</a> · <a href="/">Home</a></p>`,
  );
}

export function staleFormPage(path: string, comment: string): string {
  const kept = comment
    ? `<p>Here is what you wrote, to copy into the fresh form:</p>
<p><textarea name="body" readonly rows="8" cols="60" aria-label="Your comment">${escapeHtml(comment)}</textarea></p>`
    : '';
  return page(
    'Your comment was not posted',
    `<h1>Your comment was not posted</h1>
<p role="alert">The site was updated while you were writing, so this form no longer works. Please open the article again and post your comment from there, or go back: your browser keeps what you typed.</p>
${kept}
<p><a href="${escapeHtml(path)}#respond">Open the article again</a></p>`,
  );
}

/** A navigation by a browser (not a client-side fetch of Next.js, which handles these itself). */
function isDocumentRequest(request: IncomingMessage): boolean {
  return !request.headers['next-action'] && !request.headers.rsc;
}

/** Keeps a copy of a no-JS form post's body as Next.js reads it, without changing how it reads it. */
function recordBody(request: IncomingMessage): () => Buffer {
  const chunks: Buffer[] = [];
  let size = 0;
  const push = request.push.bind(request);
  request.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (Buffer.isBuffer(chunk) && size + chunk.length <= MAX_KEPT_BODY_BYTES) {
      chunks.push(chunk);
      size += chunk.length;
    }
    return push(chunk, encoding);
  };
  return () => Buffer.concat(chunks);
}

async function commentText(request: IncomingMessage, body: Buffer): Promise<string> {
  try {
    const form = await new Response(new Uint8Array(body), { headers: { 'content-type': String(request.headers['content-type']) } }).formData();
    const text = form.get('body');
    return typeof text === 'string' ? text : '';
  } catch {
    return '';
  }
}

/**
 * Lets Next.js answer, and replaces the body of the answers above before anything is sent.
 * Their headers (security headers included) are kept, minus those that described the old body.
 */
export function answerInWords(request: IncomingMessage, response: ServerResponse): void {
  if (!isDocumentRequest(request)) return;
  const isFormPost = request.method === 'POST' && String(request.headers['content-type'] ?? '').startsWith('multipart/form-data');
  const recordedBody = isFormPost ? recordBody(request) : null;
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;

  const writeHead = response.writeHead;
  const write = response.write;
  const end = response.end;
  let replacement: (() => Promise<string> | string) | null = null;
  let status = 0;

  response.writeHead = function (this: ServerResponse, statusCode: number, ...rest: unknown[]) {
    const headers = rest.find((arg) => typeof arg === 'object' && arg !== null && !Array.isArray(arg)) as Record<string, unknown> | undefined;
    for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) this.setHeader(name, value as string);
    const type = String(this.getHeader('content-type') ?? '');
    if (statusCode >= 500 && (type.startsWith('text/html') || type === '')) {
      replacement = () => serverErrorPage(request.url ?? '/');
    } else if (recordedBody && this.getHeader('x-nextjs-action-not-found') === '1') {
      replacement = async () => staleFormPage(path, await commentText(request, recordedBody()));
    }
    if (!replacement) return writeHead.call(this, statusCode, ...(rest as []));
    status = statusCode;
    return this;
  } as typeof response.writeHead;

  // Node.js sends implicit headers from inside write() and end() and then the chunk: decide first.
  const decide = (res: ServerResponse) => {
    if (!res.headersSent && !replacement) res.writeHead(res.statusCode);
  };

  response.write = function (this: ServerResponse, ...args: unknown[]) {
    decide(this);
    if (replacement) return true;
    return write.apply(this, args as never);
  } as typeof response.write;

  response.end = function (this: ServerResponse, ...args: unknown[]) {
    decide(this);
    if (!replacement) return end.apply(this, args as never);
    const render = replacement;
    replacement = null;
    void Promise.resolve(render()).then((html) => {
      for (const name of ['content-length', 'content-encoding', 'transfer-encoding', 'etag', 'vary', 'x-nextjs-action-not-found']) this.removeHeader(name);
      writeHead.call(this, status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      (end as (this: ServerResponse, chunk: string) => ServerResponse).call(this, html);
    });
    return this;
  } as typeof response.end;
}
