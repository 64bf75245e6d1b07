// Waiting in the browser tests for what a user waits for: a count, a text, a value or an attribute
// becoming what it should, re-read until it does (Playwright's auto-retrying expect(locator) is part
// of @playwright/test, not of playwright-core, so these stand in for it). The patience is long because
// a shared, busy machine may be slow; a test that is right passes as soon as the page is, and none
// waits for a fixed time.
import type { Locator } from 'playwright-core';
import { expect } from 'vitest';

export const patience = { timeout: 60_000, interval: 100 };

/** Like expect(locator).toHaveCount(n). */
export async function expectCount(locator: Locator, n: number): Promise<void> {
  await expect.poll(() => locator.count(), patience).toBe(n);
}

/** Like expect(locator).toContainText(text): a string is contained, a pattern matches. */
export async function expectText(locator: Locator, text: string | RegExp): Promise<void> {
  const read = async () => (await locator.textContent({ timeout: 10_000 })) ?? '';
  if (typeof text === 'string') await expect.poll(read, patience).toContain(text);
  else await expect.poll(read, patience).toMatch(text);
}

/** Like expect(locator).toHaveValue(pattern). */
export async function expectValue(locator: Locator, text: RegExp): Promise<void> {
  await expect.poll(() => locator.inputValue({ timeout: 10_000 }), patience).toMatch(text);
}

/** Like expect(locator).toHaveAttribute(name, value): a string is equal, a pattern matches. */
export async function expectAttribute(locator: Locator, name: string, value: string | RegExp): Promise<void> {
  const read = async () => (await locator.getAttribute(name, { timeout: 10_000 })) ?? '';
  if (typeof value === 'string') await expect.poll(read, patience).toBe(value);
  else await expect.poll(read, patience).toMatch(value);
}
