import { useEffect, useState } from 'react';
import { THEME_KEY, setTheme, storedTheme } from '../services/theme.js';

const LABELS = { system: 'System', light: 'Light', dark: 'Dark' };

/** Light / Dark / System: the colour theme, remembered on this device. */
export default function ThemeToggle() {
  const [choice, setChoice] = useState(storedTheme);

  // another tab changed the theme: follow it
  useEffect(() => {
    const onStorage = (e) => {
      if (e.key === THEME_KEY || e.key === null) setChoice(setTheme(storedTheme()));
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  return (
    <span className="theme-toggle">
      <span aria-hidden="true" className="theme-toggle-icon">{choice === 'dark' ? '☾' : choice === 'light' ? '☀' : '◐'}</span>
      <select aria-label="Colour theme" title="Colour theme" value={choice} onChange={(e) => setChoice(setTheme(e.target.value))}>
        {Object.entries(LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </span>
  );
}
