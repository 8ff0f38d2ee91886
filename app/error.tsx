'use client';

import { unstable_isUnrecognizedActionError as isUnrecognizedActionError } from 'next/navigation';
import { restoreSentComments } from '@/lib/comment-draft';

/**
 * Shown instead of a stack trace when a page cannot be rendered, e.g. while the database is down
 * (without JavaScript, scripts/server.ts sends the same words). A comment that was being sent when
 * the error struck goes back into the form (src/lib/comment-draft.ts).
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  // The site was redeployed while the page was open: its forms point at actions the new build lacks,
  // and only a fresh page has the new ones.
  const redeployed = isUnrecognizedActionError(error);
  function tryAgain() {
    restoreSentComments();
    if (redeployed) window.location.reload();
    else reset();
  }
  return (
    <>
      <h1>{redeployed ? 'This page was updated' : 'This page could not be loaded'}</h1>
      <p>
        {redeployed
          ? 'The site was updated while you were writing, so your comment was not sent. Reload the page: your text is kept.'
          : 'Something went wrong on our side. Please try again in a moment.'}
      </p>
      <button type="button" onClick={tryAgain}>
        {redeployed ? 'Reload the page' : 'Try again'}
      </button>
    </>
  );
}
