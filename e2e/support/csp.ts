import type { Page } from '@playwright/test';

export interface Violation {
  page: string;
  directive: string;
  source: string;
}

/**
 * Records every CSP violation the page reports (the `securitypolicyviolation` event: what the
 * console and Lighthouse's best-practices audit show), across navigations of this page.
 */
export async function recordCspViolations(page: Page): Promise<Violation[]> {
  const found: Violation[] = [];
  await page.exposeFunction('__zyCspViolation', (v: Violation) => void found.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __zyCspViolation?: (v: unknown) => void }).__zyCspViolation;
      report?.({
        page: location.pathname,
        directive: e.effectiveDirective,
        source: `${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
      });
    });
  });
  return found;
}
