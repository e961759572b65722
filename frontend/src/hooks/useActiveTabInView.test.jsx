import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useActiveTabInView } from './useActiveTabInView.js';

function Strip({ active }) {
  const ref = useActiveTabInView(active);
  return (
    <div role="tablist" ref={ref}>
      {['a', 'b', 'c', 'd'].map((key) => (
        <button key={key} type="button" role="tab" aria-selected={key === active} data-key={key}>
          {key}
        </button>
      ))}
    </div>
  );
}

// jsdom has no layout: give the strip and each tab a size and a place (tabs 100px wide, strip 150px)
function layout(strip) {
  Object.defineProperty(strip, 'clientWidth', { value: 150, configurable: true });
  Object.defineProperty(strip, 'scrollWidth', { value: 400, configurable: true });
  strip.getBoundingClientRect = () => ({ left: 0 });
  strip.querySelectorAll('[role=tab]').forEach((tab, i) => {
    Object.defineProperty(tab, 'offsetWidth', { value: 100, configurable: true });
    tab.getBoundingClientRect = () => ({ left: i * 100 - strip.scrollLeft });
  });
  strip.scrollTo = ({ left }) => {
    strip.scrollLeft = left;
  };
}

describe('useActiveTabInView', () => {
  it('scrolls the strip so a selected tab out of view is in the middle', () => {
    const { container, rerender } = render(<Strip active="a" />);
    const strip = container.querySelector('[role=tablist]');
    layout(strip);
    rerender(<Strip active="d" />);
    expect(strip.scrollLeft).toBe(300 - 25);
    rerender(<Strip active="c" />); // partly out of view (200..300 in 275..425): moves back
    expect(strip.scrollLeft).toBe(175);
    rerender(<Strip active="c" />);
    expect(strip.scrollLeft).toBe(175);
  });

  it('leaves the strip alone when the selected tab is in view', () => {
    const { container, rerender } = render(<Strip active="b" />);
    const strip = container.querySelector('[role=tablist]');
    layout(strip);
    strip.scrollLeft = 100;
    rerender(<Strip active="b" />);
    rerender(<Strip active="a" />); // 0..100, out of view at 100: scrolled back to 0
    expect(strip.scrollLeft).toBe(0);
  });
});
