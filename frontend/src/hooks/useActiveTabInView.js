import { useEffect, useRef } from 'react';

/**
 * A ref for a tab strip that scrolls sideways (phones): whenever `activeKey` changes, or the strip
 * appears (`ready`), the selected tab is scrolled into the middle of the strip, so the writer sees
 * where they are. Only the strip scrolls, never the page.
 */
export function useActiveTabInView(activeKey, ready = true) {
  const ref = useRef(null);
  useEffect(() => {
    const strip = ref.current;
    const tab = strip && strip.querySelector('[aria-selected="true"]');
    if (!tab || strip.scrollWidth <= strip.clientWidth) return;
    const left = tab.getBoundingClientRect().left - strip.getBoundingClientRect().left + strip.scrollLeft;
    const fits = left >= strip.scrollLeft && left + tab.offsetWidth <= strip.scrollLeft + strip.clientWidth;
    if (fits) return;
    const target = Math.max(0, left - (strip.clientWidth - tab.offsetWidth) / 2);
    if (typeof strip.scrollTo === 'function') strip.scrollTo({ left: target });
    else strip.scrollLeft = target;
  }, [activeKey, ready]);
  return ref;
}
