// A scripted stand-in for the user's browser on the authorize page: it reads the form the page
// really served and posts it, so a broken page breaks the tests that use it.
import type { ApproveResult } from './types';

function unescapeHtml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function readForm(html: string): { action: string; fields: URLSearchParams } {
  const form = /<form\b[^>]*\baction="([^"]*)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
  if (!form?.[1] || form[2] === undefined) throw new Error('The authorize page has no form');
  const fields = new URLSearchParams();
  for (const m of form[2].matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields.append(unescapeHtml(m[1] ?? ''), unescapeHtml(m[2] ?? ''));
  }
  return { action: unescapeHtml(form[1]), fields };
}

function visibleText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export async function decide(authorizeUrl: string, decision: 'allow' | 'deny'): Promise<ApproveResult> {
  const page = await fetch(authorizeUrl, { redirect: 'manual' });
  const pageHtml = await page.text();
  if (page.status !== 200) throw new Error(`The authorize page answered ${page.status}: ${visibleText(pageHtml)}`);
  const { action, fields } = readForm(pageHtml);
  fields.set('decision', decision);
  const res = await fetch(new URL(action, authorizeUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
    redirect: 'manual',
  });
  const html = await res.text();
  if (res.status === 302) {
    const location = res.headers.get('location') ?? undefined;
    const code = location ? (new URL(location).searchParams.get('code') ?? undefined) : undefined;
    return { location, code, html };
  }
  if (res.status !== 200) throw new Error(`The ${decision} button answered ${res.status}: ${visibleText(html)}`);
  const shown = /<code id="auth-code">([^<]*)<\/code>/.exec(html)?.[1];
  return { code: shown === undefined ? undefined : unescapeHtml(shown), html };
}
