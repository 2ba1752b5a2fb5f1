import type { CSSProperties } from 'react';

// Mantine's default error red and coloured alert titles are too pale for small text (WCAG AA): darker here.
export const READABLE_ERRORS = { '--mantine-color-error': 'var(--mantine-color-red-9)' } as CSSProperties;
export const READABLE_TITLE = { title: { color: 'var(--mantine-color-dark-9)' } };
