import { expect, type Locator, type Page } from '@playwright/test';

export interface CommentValues {
  body?: string;
  name?: string;
  email?: string;
  website?: string;
  remember?: boolean;
}

export interface ArticlePageOptions {
  /** False for a context with JavaScript off: nothing to hydrate. */
  javaScript?: boolean;
  /** The "minimum fill time" setting: a form sent back sooner is filed as spam (a bot's tell). */
  minFillSeconds?: number;
}

/** An article page and its comment form, found the way a reader finds them: by role and label. */
export class ArticlePage {
  readonly form: Locator;
  readonly body: Locator;
  readonly name: Locator;
  readonly email: Locator;
  readonly website: Locator;
  readonly remember: Locator;
  readonly submit: Locator;
  readonly comments: Locator;
  /** The threads of the comment page shown: its top-level comments (li.comment also matches nested replies). */
  readonly threads: Locator;
  /** The form's heading: "Leave a comment", or "Leave a Reply to <name>" with a "Cancel reply" link. */
  readonly formHeading: Locator;
  readonly cancelReply: Locator;
  private readonly javaScript: boolean;
  private readonly minFillMs: number;
  /** When the page (and so the form, with its signed time stamp) last arrived. */
  private shownAt = Date.now();

  constructor(
    readonly page: Page,
    options: ArticlePageOptions = {},
  ) {
    this.javaScript = options.javaScript ?? true;
    this.minFillMs = (options.minFillSeconds ?? 3) * 1000;
    // Named by its heading, which says whom the reader is replying to, if anyone.
    this.form = page.getByRole('form', { name: /^Leave a (comment|Reply to )/ });
    this.formHeading = page.locator('#respond').getByRole('heading', { level: 2 });
    this.cancelReply = page.locator('#respond').getByRole('link', { name: 'Cancel reply', exact: true });
    this.body = this.form.getByRole('textbox', { name: 'Comment', exact: true });
    this.name = this.form.getByRole('textbox', { name: 'Name', exact: true });
    this.email = this.form.getByRole('textbox', { name: 'Email', exact: true });
    this.website = this.form.getByRole('textbox', { name: 'Website', exact: true });
    this.remember = this.form.getByRole('checkbox', { name: 'Save my name, email, and website in this browser for the next time I comment.' });
    this.submit = this.form.getByRole('button', { name: 'Post Comment' });
    // The comments section is a region named by its heading ("No comments yet", "2 comments on …").
    this.comments = page.getByRole('region', { name: /comment/i });
    this.threads = page.locator('ol.comment-list > li.comment');
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) this.shownAt = Date.now();
    });
  }

  async goto(path: string) {
    const response = await this.page.goto(path);
    this.shownAt = Date.now();
    if (this.javaScript) await this.hydrated();
    return response;
  }

  /**
   * Typing before React has hydrated the form would race it: wait until React owns the form, then a
   * frame and a task more, so its mount effects (the remembered author) have run too.
   */
  async hydrated(): Promise<void> {
    await this.page.waitForFunction(() => {
      const element = document.querySelector('#respond form') ?? document.querySelector('main');
      return !!element && Object.keys(element).some((key) => key.startsWith('__reactFiber$'));
    });
    await this.page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  }

  commentsHeading(name: string | RegExp): Locator {
    return this.page.getByRole('heading', { level: 2, name, exact: typeof name === 'string' });
  }

  /** The <li id="comment-N"> of one comment. */
  comment(id: number): Locator {
    return this.page.locator(`li#comment-${id}`);
  }

  /** A comment's "Reply" link (named "Reply to <name>" for screen readers). */
  replyLink(id: number): Locator {
    return this.comment(id).locator(`a.comment-reply-link[data-reply-to="${id}"]`);
  }

  async fill(values: CommentValues): Promise<void> {
    if (values.body !== undefined) await this.body.fill(values.body);
    if (values.name !== undefined) await this.name.fill(values.name);
    if (values.email !== undefined) await this.email.fill(values.email);
    if (values.website !== undefined) await this.website.fill(values.website);
    if (values.remember !== undefined) await this.remember.setChecked(values.remember);
  }

  /** Waits out the minimum fill time, as a person typing would have (plus a margin for the render); none when it is off. */
  async waitLikeAPerson(): Promise<void> {
    const wait = this.minFillMs > 0 ? this.shownAt + this.minFillMs + 1_000 - Date.now() : 0;
    if (wait > 0) await this.page.waitForTimeout(wait);
  }

  /** Fills the form, posts it like a person and waits for the redirect to the new comment; returns its id. */
  async submitComment(values: CommentValues): Promise<number> {
    const before = this.page.url();
    await this.fill(values);
    await this.waitLikeAPerson();
    await this.submit.click();
    await this.page.waitForURL((url) => url.href !== before && /#comment-\d+$/.test(url.href));
    return Number(/#comment-(\d+)$/.exec(this.page.url())?.[1]);
  }

  /** As submitComment, and the page it lands on shows the new comment. */
  async postComment(values: CommentValues): Promise<number> {
    const id = await this.submitComment(values);
    await expect(this.comment(id)).toBeVisible();
    return id;
  }
}
