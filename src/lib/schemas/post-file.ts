import { z } from 'zod';

/** A post's address: lowercase words joined by single hyphens, as in `/posts/<slug>`. */
export const postSlugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slug: lowercase words joined by hyphens')
  .max(200);

/** Front matter of a post in content/posts/*.md. */
export const postFrontMatterSchema = z
  .object({
    title: z.string().trim().min(1).max(300),
    slug: z.string().trim().pipe(postSlugSchema),
    dateline: z.string().trim().min(1).max(200),
    source: z.string().trim().max(200).optional(),
    sourceUrl: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .optional(),
    excerpt: z.string().trim().max(600).optional(),
    // Omit to keep the post as a draft.
    publishedAt: z.coerce.date().nullish(),
    // Omit to follow the "comments open on new posts" setting.
    commentsOpen: z.boolean().optional(),
  })
  .strict();

export type PostFrontMatter = z.infer<typeof postFrontMatterSchema>;
