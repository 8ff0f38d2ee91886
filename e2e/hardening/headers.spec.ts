import { expect, test } from '@playwright/test';

const ARTICLE = '/posts/russia-warns-japan-western-policies-peace-treaty';

test.describe('security headers', () => {
  for (const path of ['/', ARTICLE, '/admin/login', '/no-such-page', '/api/health']) {
    test(`${path} carries the hardening headers`, async ({ request }) => {
      const response = await request.get(path, { maxRedirects: 0 });
      const headers = response.headers();
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(headers['x-frame-options']).toBe('DENY');
      // HSTS means nothing over plain http (browsers ignore it there): sent only when the proxy in
      // front says the request came over https (the suite's server trusts it, TRUST_PROXY=1).
      expect(headers['strict-transport-security']).toBeUndefined();
      const overHttps = await request.get(path, { maxRedirects: 0, headers: { 'X-Forwarded-Proto': 'https' } });
      expect(overHttps.headers()['strict-transport-security']).toContain('max-age=');
    });
  }

  test('pages have a nonce-based CSP without unsafe-inline scripts, and every script carries the nonce', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto(ARTICLE);
    const csp = response!.headers()['content-security-policy']!;
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src'))!;
    expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1];
    const scripts = await page.locator('script').evaluateAll((els) => els.map((el) => (el as HTMLScriptElement).nonce));
    expect(scripts.length).toBeGreaterThan(0);
    for (const scriptNonce of scripts) expect(scriptNonce).toBe(nonce);
    // The page still hydrates under the policy: client-side validation answers without a round trip.
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await expect(page.getByText('Please type your comment.')).toBeVisible();
    expect(violations).toEqual([]);
  });

  test('markup injected into the page cannot run inline handlers', async ({ page }) => {
    await page.goto(ARTICLE);
    // What an injection would look like: an event-handler attribute. Without 'unsafe-inline' the browser refuses it.
    const ran = await page.evaluate(async () => {
      const holder = document.createElement('div');
      holder.innerHTML = '<img src="data:," onload="window.__injected = true" onerror="window.__injected = true">';
      document.body.append(holder);
      await new Promise((r) => setTimeout(r, 300));
      return Boolean((window as unknown as { __injected?: boolean }).__injected);
    });
    expect(ran).toBe(false);
  });
});

test.describe('caching', () => {
  test('admin pages are never stored by shared caches', async ({ request }) => {
    for (const path of ['/admin/login', '/admin/comments', '/admin/settings']) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.headers()['cache-control'], path).toContain('no-store');
      expect(response.headers()['cache-control'], path).toContain('private');
    }
  });

  test('public pages are briefly cacheable by shared caches, but not for visitors with a session or held comment', async ({ request }) => {
    const anonymous = await request.get(ARTICLE);
    expect(anonymous.headers()['cache-control']).toMatch(/public.*s-maxage=\d+/);
    const withPending = await request.get(ARTICLE, { headers: { cookie: 'pending_comments=1.x' } });
    expect(withPending.headers()['cache-control']).not.toContain('public');
    const withSession = await request.get(ARTICLE, { headers: { cookie: 'next-auth.session-token=abc' } });
    expect(withSession.headers()['cache-control']).not.toContain('public');
    const rsc = await request.get(ARTICLE, { headers: { RSC: '1' } });
    expect(rsc.headers()['cache-control'] ?? '').not.toContain('public');
  });
});

test.describe('cross-site posts', () => {
  const form = { body: 'cross-site attempt', authorName: 'Mallory', authorEmail: 'mallory@example.com' };

  for (const [name, origin] of [
    ['another site', 'https://evil.example'],
    ['an opaque origin (null)', 'null'],
  ] as const) {
    test(`a POST from ${name} is refused before any action runs`, async ({ request }) => {
      const response = await request.post(ARTICLE, { headers: { Origin: origin }, multipart: form, maxRedirects: 0 });
      expect(response.status()).toBe(403);
      expect(await response.text()).toContain('Cross-site form submissions are not accepted');
    });
  }

  test('a POST without any Origin is refused', async ({ request }) => {
    const response = await request.fetch(ARTICLE, { method: 'POST', multipart: form, headers: { Origin: '' }, maxRedirects: 0 });
    expect(response.status()).toBe(403);
  });
});
