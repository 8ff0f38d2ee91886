/** An error whose message is written for the visitor; anything else is logged and replaced by a kind, generic message. */
export class PublicError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PublicError';
  }
}

export const SAVE_FAILED_MESSAGE = 'Your comment could not be saved right now, please try again.';
