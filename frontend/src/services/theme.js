// The colour theme: "light", "dark" or "system" (follow the device). The choice is remembered in
// localStorage and shown as <html data-theme="light|dark">; "system" removes the attribute so the
// style sheets follow prefers-color-scheme (see styles/theme.css). index.html applies the stored
// choice before the first paint with the same key and values.

export const THEME_KEY = 'worldsmith_theme';
export const THEMES = ['system', 'light', 'dark'];

/** The stored choice; "system" when none (or storage is unavailable). */
export function storedTheme() {
  try {
    const value = localStorage.getItem(THEME_KEY);
    return THEMES.includes(value) ? value : 'system';
  } catch {
    return 'system';
  }
}

/** Show `choice` on the page (the <html> element's data-theme). */
export function applyTheme(choice, root = document.documentElement) {
  if (choice === 'light' || choice === 'dark') root.setAttribute('data-theme', choice);
  else root.removeAttribute('data-theme');
}

/** Remember `choice` and show it. */
export function setTheme(choice) {
  const value = THEMES.includes(choice) ? choice : 'system';
  try {
    if (value === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, value);
  } catch {
    /* private mode: the choice holds for this page only */
  }
  applyTheme(value);
  return value;
}
