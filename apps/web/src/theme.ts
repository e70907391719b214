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
  // Text on the "light" variants (Alert, Badge, light buttons) in shades dark enough for 4.5:1 on
  // their tinted backgrounds, hovered or not.
  light: {
    '--mantine-color-dimmed': '#495057',
    '--mantine-color-placeholder': '#5c636a',
    // Field errors (red 6 by default) read 4.5:1 on white and on the grey of a filled input.
    '--mantine-color-error': '#c92a2a',
    '--mantine-color-blue-light-color': '#0b4a85',
    '--mantine-color-red-light-color': '#9b1c1c',
    '--mantine-color-green-light-color': '#1b5e20',
    '--mantine-color-yellow-light-color': '#6b4100',
    '--mantine-color-gray-light-color': '#343a40',
    '--mantine-color-teal-light-color': '#0b5345',
    '--mantine-color-orange-light-color': '#7a3300',
  },
  dark: {},
});
