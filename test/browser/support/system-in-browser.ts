import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newContext, newPhoneContext, watchPage, type PageProblems } from './browser';
import { startSystem, type RunningSystem } from './system';

/** The system a browser spec works against, and pages on it whose faults fail the test. */
export interface SystemInBrowser {
  /** Where the system answers: started for the spec file, or `KVALITET_BROWSER_BASE_URL` when set. */
  readonly baseUrl: string;
  /**
   * A fresh, signed-out page in a context of its own (a phone-size touch screen with `phone`); its
   * console errors fail the test that opened it.
   */
  newPage(options?: { phone?: boolean }): Promise<Page>;
}

/**
 * Registers the spec file's hooks: the whole system as `npm start` runs it (or the given base url) and
 * one browser before all tests; after each test, every page it opened must have logged no error; the
 * browser and the system are closed after all.
 */
export function useSystemInBrowser(): SystemInBrowser {
  let system: RunningSystem | null = null;
  let browser: Browser | null = null;
  let baseUrl = '';
  const opened: { context: BrowserContext; problems: PageProblems }[] = [];

  beforeAll(async () => {
    if (process.env.KVALITET_BROWSER_BASE_URL) baseUrl = process.env.KVALITET_BROWSER_BASE_URL;
    else {
      // A copy of the built app of one's own keeps a run apart from others rebuilding apps/web/dist.
      const webDist = process.env.KVALITET_BROWSER_WEB_DIST;
      system = await startSystem(webDist ? { WEB_DIST_DIR: webDist } : {});
      baseUrl = system.baseUrl;
    }
    browser = await launchBrowser();
  }, 480_000);
  afterEach(async () => {
    const errors = opened.flatMap((page) => page.problems.errors);
    await Promise.all(opened.splice(0).map((page) => page.context.close()));
    expect(errors).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await system?.close();
  });

  return {
    get baseUrl() {
      return baseUrl;
    },
    async newPage(options: { phone?: boolean } = {}) {
      if (browser === null) throw new Error('the browser is not started (useSystemInBrowser in a describe)');
      const context = options.phone
        ? await newPhoneContext(browser, baseUrl)
        : await newContext(browser, baseUrl);
      const page = await context.newPage();
      opened.push({ context, problems: watchPage(page) });
      return page;
    },
  };
}
