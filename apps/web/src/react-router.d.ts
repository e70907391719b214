// The app routes with <BrowserRouter> (declarative mode), where navigate() returns nothing; the
// `void | Promise<void>` of react-router's own type is for data routers. This is the augmentation
// react-router documents for declarative mode, so no-floating-promises sees the real return type.
import type { NavigateOptions, To } from 'react-router';

declare module 'react-router' {
  interface NavigateFunction {
    (to: To, options?: NavigateOptions): void;
    (delta: number): void;
  }
}
