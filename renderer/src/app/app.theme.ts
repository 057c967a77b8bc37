// The Mantine theme: calm and professional (teal accents, neutral surfaces, readable tables).
// Runs in the renderer.
import { Alert, Badge, type CSSVariablesResolver, Drawer, type MantineColorsTuple, Menu, Modal, createTheme } from '@mantine/core';

/**
 * Mantine's palettes with shades 6–9 darkened until text on them, and they as text on white or on
 * their own light shades, reach WCAG AA contrast (4.5:1; checked by axe-core in the end-to-end tests).
 * Shades 0–5 are Mantine's own.
 */
const colors = {
  red: ['#fff5f5', '#ffe3e3', '#ffc9c9', '#ffa8a8', '#ff8787', '#ff6b6b', '#c84242', '#c73333', '#bc2929', '#a92323'] as MantineColorsTuple,
  grape: ['#f8f0fc', '#f3d9fa', '#eebefa', '#e599f7', '#da77f2', '#cc5de8', '#a541bf', '#a53bbf', '#9935b1', '#832d99'] as MantineColorsTuple,
  violet: ['#f3f0ff', '#e5dbff', '#d0bfff', '#b197fc', '#9775fa', '#845ef7', '#774eed', '#7048e8', '#6741d9', '#5839b6'] as MantineColorsTuple,
  blue: ['#e7f5ff', '#d0ebff', '#a5d8ff', '#74c0fc', '#4dabf7', '#339af0', '#1c72bd', '#186eba', '#1665ad', '#155998'] as MantineColorsTuple,
  teal: ['#e6fcf5', '#c3fae8', '#96f2d7', '#63e6be', '#38d9a9', '#20c997', '#0d815e', '#097b59', '#077050', '#066448'] as MantineColorsTuple,
  green: ['#ebfbee', '#d3f9d8', '#b2f2bb', '#8ce99a', '#69db7c', '#51cf66', '#2b813a', '#267b35', '#217030', '#1f652d'] as MantineColorsTuple,
  yellow: ['#fff9db', '#fff3bf', '#ffec99', '#ffe066', '#ffd43b', '#fcc419', '#966a03', '#956100', '#905400', '#8a4700'] as MantineColorsTuple,
  orange: ['#fff4e6', '#ffe8cc', '#ffd8a8', '#ffc078', '#ffa94d', '#ff922b', '#b1580e', '#b44b05', '#a94109', '#9e350b'] as MantineColorsTuple,
};

export const theme = createTheme({
  colors,
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
    // The close button of every dialog, drawer and alert has a name a screen reader can say.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Sluiten' } } }),
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Sluiten' } } }),
    Alert: Alert.extend({ defaultProps: { closeButtonLabel: 'Sluiten' } }),
    // Without Mantine's initial-focus placeholder (a role="presentation" div with a tabindex inside
    // role="menu", which axe rightly calls a broken menu): opening a menu focuses its first item instead.
    Menu: Menu.extend({ defaultProps: { withInitialFocusPlaceholder: false } }),
  },
});

/** Dimmed text dark enough to read (Mantine's gray.6 gives 3.3:1 on white; this gives 6:1). */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#5c636a' },
  dark: {},
});
