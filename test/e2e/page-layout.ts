// Layout checks a district officer would notice, measured in the real browser: nothing wider than its
// card, no sideways scroll, and the page's height. Screenshots go to ZL_SHOTS when set.
import type { Page } from 'playwright-core';

/** Elements whose right edge passes their card's right edge (by more than 1 px), with the amount. */
export async function overflowingCards(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const card of document.querySelectorAll<HTMLElement>('.card')) {
      const edge = card.getBoundingClientRect().right;
      for (const el of card.querySelectorAll<HTMLElement>('*')) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.height > 0 && r.right > edge + 1 && getComputedStyle(el).position !== 'absolute') {
          out.push(
            `${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} +${Math.round(r.right - edge)}px in ${card.dataset.testid ?? card.tagName}`
          );
          break;
        }
      }
    }
    return out;
  });
}

export const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
export const pageHeight = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight);

export async function shot(page: Page, name: string) {
  const dir = process.env.ZL_SHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}
