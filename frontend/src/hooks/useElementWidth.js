import { useEffect, useState } from 'react';

/**
 * Width of an element in CSS pixels, kept up to date with ResizeObserver.
 * The ref is a callback ref, so an element that mounts after the first render
 * (behind a loading state) is measured too.
 */
export function useElementWidth(fallback = 800) {
  const [element, setElement] = useState(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    if (!element) return undefined;
    const measure = () => {
      const w = Math.round(element.getBoundingClientRect().width);
      if (w > 0) setWidth(w);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const ro = new ResizeObserver(measure);
    ro.observe(element);
    return () => ro.disconnect();
  }, [element]);
  return [setElement, width];
}
