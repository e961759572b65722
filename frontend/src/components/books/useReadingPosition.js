import { useEffect, useRef } from 'react';
import { books } from '../../services/api.js';

const SAVE_AFTER = 1500;

/** How far through `el` the window has scrolled, 0..1. */
export function progressThrough(el) {
  if (!el) return 0;
  const rect = el.getBoundingClientRect();
  const span = rect.height - window.innerHeight;
  if (span <= 0) return 1;
  return Math.min(1, Math.max(0, -rect.top / span));
}

/**
 * Remembers where the signed-in reader is in book `bookId`: chapter `storyId` when it opens, and
 * how far through `articleRef` they scrolled, 1.5 s after scrolling stops (and when they leave).
 */
export function useReadingPosition({ bookId, storyId, articleRef, enabled }) {
  const last = useRef(null);
  useEffect(() => {
    if (!enabled || !storyId) return undefined;
    let timer = null;
    const save = () => {
      clearTimeout(timer);
      timer = null;
      const progress = Math.round(progressThrough(articleRef.current) * 1000) / 1000;
      const key = `${storyId}:${progress}`;
      if (last.current === key) return;
      last.current = key;
      books.setPosition(bookId, storyId, progress).catch(() => {
        last.current = null; // tried again on the next scroll
      });
    };
    const onScroll = () => {
      clearTimeout(timer);
      timer = setTimeout(save, SAVE_AFTER);
    };
    timer = setTimeout(save, SAVE_AFTER); // the chapter opened: that is a place too
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('pagehide', save);
    return () => {
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('pagehide', save);
      if (timer) save();
    };
  }, [bookId, storyId, articleRef, enabled]);
}
