import type { Page } from '@playwright/test';

/**
 * What must never reach a bank's staff on screen: a user id, a record id, JSON, a field key, an
 * enum's code, a JavaScript accident; in the Chinese UI, an English word the services or the
 * contracts speak. Returns each finding with the text around it.
 */
export interface RawText {
  rule: string;
  found: string;
}

/** Codes of the contracts' enums (products, statuses, outcomes, segments, lead sources and states). */
const ENUM_CODES = [
  'consumer',
  'business',
  'farmer',
  'draft',
  'pending_approval',
  'approved',
  'rejected',
  'pass',
  'refer',
  'refuse',
  'prospect',
  'listed',
  'existing',
  'merchant',
  'visit',
  'campaign',
  'referral',
  'following',
  'converted',
];

/** English the services and contracts speak, never to be shown inside the Chinese UI. */
const ENGLISH_IN_CHINESE = [
  'by',
  'not found',
  'customer',
  'required',
  'invalid',
  'error',
  'failed',
  'unavailable',
  'forbidden',
  'permission denied',
  'ok',
  'true',
  'false',
  'must be',
];

export async function rawTextOn(page: Page, locale: 'zh-CN' | 'en-US'): Promise<RawText[]> {
  // visible text of the page, without what is deliberately shown as code (`<code>`)
  const text = await page.evaluate(() => {
    const root = document.body.cloneNode(true) as HTMLElement;
    for (const el of root.querySelectorAll('code, script, style, [hidden]')) el.remove();
    // innerText of a detached clone has no layout: read textContent with line breaks per block
    return [...root.querySelectorAll('*')]
      .filter((el) => el.children.length === 0 || [...el.childNodes].some((n) => n.nodeType === 3))
      .map((el) =>
        [...el.childNodes]
          .filter((n) => n.nodeType === 3)
          .map((n) => n.textContent ?? '')
          .join(''),
      )
      .filter((s) => s.trim())
      .join('\n');
  });
  const rules: [string, RegExp][] = [
    ['user id', /\bu-[a-z0-9][a-z0-9-]*\b/g],
    ['record id (uuid)', /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi],
    ['JSON', /[{}]|"\w+"\s*:/g],
    ['field key (camelCase)', /\b[a-z]+(?:[A-Z][a-z0-9]+)+\b/g],
    ['JavaScript accident', /\b(?:undefined|NaN|null)\b|\[object Object\]/g],
    ['enum code in brackets', new RegExp(`\\((?:${ENUM_CODES.join('|')})\\)`, 'g')],
    ['snake_case code', /\b[a-z]+_[a-z_]+\b/g],
  ];
  if (locale === 'zh-CN') {
    rules.push(['enum code', new RegExp(`\\b(?:${ENUM_CODES.join('|')})\\b`, 'gi')]);
    rules.push(['English in the Chinese UI', new RegExp(`\\b(?:${ENGLISH_IN_CHINESE.join('|')})\\b`, 'gi')]);
  }
  const found: RawText[] = [];
  for (const [rule, pattern] of rules) {
    for (const m of text.matchAll(pattern)) {
      const at = m.index ?? 0;
      found.push({
        rule,
        found: text.slice(Math.max(0, at - 20), at + m[0].length + 20).replace(/\s+/g, ' '),
      });
    }
  }
  return found;
}
