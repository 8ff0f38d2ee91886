/**
 * An error whose message is written for the person using the form; anything else is logged and
 * replaced by a kind, generic message. With `field`, the message belongs beside that field.
 */
export class PublicError extends Error {
  readonly field?: string;

  constructor(message: string, options?: { field?: string }) {
    super(message);
    this.name = 'PublicError';
    this.field = options?.field;
  }
}

export const SAVE_FAILED_MESSAGE = 'Your comment could not be saved right now, please try again.';
