import { createTheme, type CSSVariablesResolver } from '@mantine/core';
import classes from './theme.module.css';

/** One calm theme: system fonts (no downloads, CSP allows none), indigo accents, soft radii. */
export const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 7: white on indigo.7 is 4.98:1 (indigo.6, Mantine's default, is 4.32:1, under WCAG AA's 4.5:1); links use it too.
  primaryShade: { light: 7, dark: 8 },
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif',
  headings: { fontWeight: '650' },
  cursorType: 'pointer',
  components: {
    Button: { defaultProps: { radius: 'md' } },
    Table: { defaultProps: { verticalSpacing: 'sm' } },
    Modal: { defaultProps: { radius: 'md' } },
    Badge: { classNames: { root: classes.badge } },
    // A table that scrolls sideways must be reachable by keyboard (WCAG 2.1.1; axe: scrollable-region-focusable).
    TableScrollContainer: { defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } } },
  },
});

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
/** Contrast ratio of two #rrggbb colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m) as [number, number];
  return (x + 0.05) / (y + 0.05);
}
/** `hex` darkened step by step (towards black) until it reaches `min`:1 against every background given. */
function darkEnough(hex: string, backgrounds: string[], min = 4.6): string {
  let out = hex;
  for (let k = 0; k < 1 && backgrounds.some((bg) => contrast(out, bg) < min); k += 0.02) {
    out = `#${[1, 3, 5].map((i) => Math.round(parseInt(hex.slice(i, i + 2), 16) * (1 - k)).toString(16).padStart(2, '0')).join('')}`;
  }
  return out;
}

/**
 * Contrast for WCAG 2.1 AA (4.5:1 for text), checked by axe in e2e/foundation/a11y.spec.ts. Secondary ("dimmed")
 * text is #5f6870 (5.67:1 on white, 5.1:1 on gray.1) instead of gray.6 (3.32:1), placeholders #687078; for every
 * palette colour, text in that colour (`c="red"`) and light badges and buttons take shade 9 darkened until it reads
 * on its light background (shade 1–2) and on white, and filled buttons and badges the first shade from 6 that carries
 * white text (Mantine's palettes stop short for green, orange, lime, yellow).
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => {
  const light: Record<string, string> = {
    '--mantine-color-dimmed': '#5f6870',
    '--mantine-color-placeholder': '#687078',
    '--mantine-color-error': 'var(--mantine-color-red-8)',
  };
  for (const [color, shades] of Object.entries(t.colors)) {
    if (color === 'dark' || shades.length < 10) continue;
    const strong = darkEnough(shades[9]!, [shades[1]!, shades[2]!, '#ffffff']);
    light[`--mantine-color-${color}-light-color`] = strong;
    light[`--mantine-color-${color}-text`] = strong;
    light[`--mantine-color-${color}-outline`] = strong;
    if (color === t.primaryColor) continue;
    const filled = [6, 7, 8, 9].map((i) => shades[i]!).find((h) => contrast('#ffffff', h) >= 4.6) ?? darkEnough(shades[9]!, ['#ffffff']);
    light[`--mantine-color-${color}-filled`] = filled;
    light[`--mantine-color-${color}-filled-hover`] = darkEnough(filled, ['#ffffff'], contrast('#ffffff', filled) + 0.8);
  }
  return { variables: {}, light, dark: {} };
};
