'use client';

/** Shown instead of a stack trace when a page cannot be rendered, e.g. while the database is down. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <h1>This page could not be loaded</h1>
      <p>Something went wrong on our side. Please try again in a moment.</p>
      <button type="button" onClick={() => reset()}>
        Try again
      </button>
    </>
  );
}
