// The Mantine theme: calm and professional (teal accents, neutral surfaces, readable tables).
// Runs in the renderer.
import { Badge, createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: { light: 7, dark: 5 },
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
  components: {
    // Sentence case reads calmer than Mantine's default capitals.
    // Badges never shrink into an ellipsis inside narrow table cells.
    Badge: Badge.extend({
      styles: {
        root: {
          textTransform: 'none',
          letterSpacing: 0,
          fontWeight: 600,
          fontSize: 'calc(0.75rem * var(--mantine-scale))',
          minWidth: 'max-content',
          paddingInline: 'calc(0.5rem * var(--mantine-scale))',
        },
      },
    }),
    Table: { defaultProps: { highlightOnHoverColor: 'teal.0' } },
  },
});
