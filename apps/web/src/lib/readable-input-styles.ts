// Mantine's error red (#fa5252) is 3.3:1 on white; text must reach 4.5:1 (WCAG 1.4.3).
export const READABLE_INPUT_STYLES = {
  input: { color: 'var(--mantine-color-text)' },
  error: { color: 'var(--mantine-color-red-9)' },
};
