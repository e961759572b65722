import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import ThemeToggle from './ThemeToggle.jsx';
import { THEME_KEY, applyTheme, setTheme, storedTheme } from '../services/theme.js';

afterEach(() => document.documentElement.removeAttribute('data-theme'));

describe('ThemeToggle', () => {
  it('starts on System: no data-theme, so the style sheets follow the device', () => {
    render(<ThemeToggle />);
    expect(screen.getByLabelText('Colour theme')).toHaveValue('system');
    expect(document.documentElement).not.toHaveAttribute('data-theme');
  });

  it('sets data-theme on <html> and remembers the choice; System forgets it', () => {
    render(<ThemeToggle />);
    const select = screen.getByLabelText('Colour theme');
    fireEvent.change(select, { target: { value: 'dark' } });
    expect(document.documentElement).toHaveAttribute('data-theme', 'dark');
    expect(localStorage.getItem(THEME_KEY)).toBe('dark');
    fireEvent.change(select, { target: { value: 'light' } });
    expect(document.documentElement).toHaveAttribute('data-theme', 'light');
    expect(localStorage.getItem(THEME_KEY)).toBe('light');
    fireEvent.change(select, { target: { value: 'system' } });
    expect(document.documentElement).not.toHaveAttribute('data-theme');
    expect(localStorage.getItem(THEME_KEY)).toBeNull();
  });

  it('shows the remembered choice when it mounts again (a reload)', () => {
    localStorage.setItem(THEME_KEY, 'dark');
    render(<ThemeToggle />);
    expect(screen.getByLabelText('Colour theme')).toHaveValue('dark');
  });

  it('follows a choice made in another tab', () => {
    render(<ThemeToggle />);
    localStorage.setItem(THEME_KEY, 'light');
    act(() => {
      window.dispatchEvent(new StorageEvent('storage', { key: THEME_KEY, newValue: 'light' }));
    });
    expect(screen.getByLabelText('Colour theme')).toHaveValue('light');
    expect(document.documentElement).toHaveAttribute('data-theme', 'light');
  });
});

describe('theme storage', () => {
  it('ignores a stored value it does not know', () => {
    localStorage.setItem(THEME_KEY, 'sepia');
    expect(storedTheme()).toBe('system');
    expect(setTheme('sepia')).toBe('system');
    applyTheme('sepia');
    expect(document.documentElement).not.toHaveAttribute('data-theme');
  });
});
