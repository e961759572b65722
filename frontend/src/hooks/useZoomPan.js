import { useCallback, useEffect, useRef, useState } from 'react';

const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
const DRAG = 5; // px a pointer moves before a press is a drag, not a click

/**
 * Pan and zoom of an SVG drawing: `view` {k, x, y} maps a point p of the drawing to
 * (p.x * k + x, p.y * k + y). Drag with a pointer to pan, pinch with two, the wheel zooms where it
 * points; `zoomIn`, `zoomOut`, `reset` for buttons; `onKeyDown` takes arrows, + / − and 0.
 * `attach` is the <svg>'s ref, `handlers` go on it too; `wasDrag()` tells a click that ended a drag.
 */
export function useZoomPan({ min = 0.4, max = 4 } = {}) {
  const [view, setView] = useState({ k: 1, x: 0, y: 0 });
  const [svg, setSvg] = useState(null);
  const pointers = useRef(new Map());
  const travel = useRef(0);

  const zoomAt = useCallback(
    (factor, cx, cy) =>
      setView((v) => {
        const k = clamp(v.k * factor, min, max);
        const f = k / v.k;
        return { k, x: cx - (cx - v.x) * f, y: cy - (cy - v.y) * f };
      }),
    [min, max],
  );

  // a point of the screen in the SVG's own units (its viewBox), for zooming where the pointer is
  const local = useCallback((e) => {
    const rect = svg.getBoundingClientRect();
    const box = svg.viewBox && svg.viewBox.baseVal;
    const scale = box && box.width && rect.width ? box.width / rect.width : 1;
    return { x: (e.clientX - rect.left) * scale, y: (e.clientY - rect.top) * scale, scale };
  }, [svg]);

  // the wheel needs a listener that may prevent the page's scroll (React's is passive)
  useEffect(() => {
    if (!svg) return undefined;
    const onWheel = (e) => {
      e.preventDefault();
      const p = local(e);
      zoomAt(Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015)), p.x, p.y);
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => svg.removeEventListener('wheel', onWheel);
  }, [svg, local, zoomAt]);

  const onPointerDown = (e) => {
    if (e.button !== undefined && e.button !== 0) return;
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.current.size === 1) travel.current = 0;
  };
  const onPointerMove = (e) => {
    const map = pointers.current;
    const before = map.get(e.pointerId);
    if (!before || !svg) return;
    const { scale } = local(e);
    if (map.size === 1) {
      const dx = e.clientX - before.x;
      const dy = e.clientY - before.y;
      travel.current += Math.hypot(dx, dy);
      // capture only once it is a drag: a captured press would take the click away from a node
      if (travel.current > DRAG && svg.setPointerCapture && !svg.hasPointerCapture?.(e.pointerId)) svg.setPointerCapture(e.pointerId);
      if (travel.current > DRAG) setView((v) => ({ ...v, x: v.x + dx * scale, y: v.y + dy * scale }));
    } else if (map.size === 2) {
      const [a, b] = [...map.entries()].map(([id, p]) => (id === e.pointerId ? { x: e.clientX, y: e.clientY } : p));
      const [a0, b0] = [...map.values()];
      const d0 = Math.hypot(a0.x - b0.x, a0.y - b0.y) || 1;
      const d1 = Math.hypot(a.x - b.x, a.y - b.y) || 1;
      const rect = svg.getBoundingClientRect();
      travel.current += DRAG + 1;
      zoomAt(d1 / d0, (((a.x + b.x) / 2) - rect.left) * scale, (((a.y + b.y) / 2) - rect.top) * scale);
    }
    map.set(e.pointerId, { x: e.clientX, y: e.clientY });
  };
  const onPointerUp = (e) => {
    pointers.current.delete(e.pointerId);
  };

  const centre = () => {
    const box = svg && svg.viewBox && svg.viewBox.baseVal;
    return box ? [box.width / 2, box.height / 2] : [0, 0];
  };
  const zoomIn = () => zoomAt(1.3, ...centre());
  const zoomOut = () => zoomAt(1 / 1.3, ...centre());
  const reset = () => setView({ k: 1, x: 0, y: 0 });
  const onKeyDown = (e) => {
    const step = 40;
    const pan = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] }[e.key];
    if (pan) setView((v) => ({ ...v, x: v.x + pan[0], y: v.y + pan[1] }));
    else if (e.key === '+' || e.key === '=') zoomIn();
    else if (e.key === '-' || e.key === '_') zoomOut();
    else if (e.key === '0') reset();
    else return;
    e.preventDefault();
  };

  return {
    view,
    attach: setSvg,
    handlers: { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: onPointerUp, onKeyDown },
    zoomIn,
    zoomOut,
    reset,
    wasDrag: () => travel.current > DRAG,
  };
}
