import { useState } from 'react';

const KEY = 'worldsmith_reader';
export const FONT_SIZES = [15, 17, 19, 21, 24];
export const WIDTHS = [
  { value: 'narrow', label: 'Narrow', measure: '32rem' },
  { value: 'medium', label: 'Medium', measure: '40rem' },
  { value: 'wide', label: 'Wide', measure: '52rem' },
];
const DEFAULTS = { size: 1, width: 'medium' };

function read() {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) || '{}');
    return {
      size: Number.isInteger(stored.size) && stored.size >= 0 && stored.size < FONT_SIZES.length ? stored.size : DEFAULTS.size,
      width: WIDTHS.some((w) => w.value === stored.width) ? stored.width : DEFAULTS.width,
    };
  } catch {
    return DEFAULTS;
  }
}

/** The reader's font size (an index into FONT_SIZES) and line width, remembered on this device. */
export function useReaderSettings() {
  const [settings, setSettings] = useState(read);
  const update = (changes) =>
    setSettings((now) => {
      const next = { ...now, ...changes };
      try {
        localStorage.setItem(KEY, JSON.stringify(next));
      } catch {
        /* private mode: remembered for this visit only */
      }
      return next;
    });
  return { ...settings, fontSize: FONT_SIZES[settings.size], measure: WIDTHS.find((w) => w.value === settings.width).measure, update };
}
