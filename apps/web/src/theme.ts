import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/**
 * Mantine's default blue-6 and dimmed gray-6 do not reach 4.5:1 on white (WCAG 2.1 AA 1.4.3), so the
 * primary shade is 8 and dimmed text is gray-7.
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  focusRing: 'auto',
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#495057',
    '--mantine-color-placeholder': '#5c636a',
  },
  dark: {},
});
