import { z } from 'zod';

/** Long enough to resist guessing; capped before hashing so a huge password cannot tie up the CPU. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

export const adminEmailSchema = z.string().trim().toLowerCase().max(100).pipe(z.email('Please enter a valid email address.'));

export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`);

export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().max(100),
  // Any length up to the cap may be tried; a wrong one is simply wrong.
  password: z.string().min(1).max(PASSWORD_MAX),
});

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'Please enter your current password.').max(PASSWORD_MAX),
    newPassword: newPasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { message: 'The two new passwords differ.', path: ['confirmPassword'] });
