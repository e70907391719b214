import type { INestApplication } from '@nestjs/common';

/** Everything main.ts and the e2e tests share, so the tests boot the app as production does. */
export function configureApp(app: INestApplication): INestApplication {
  return app;
}
