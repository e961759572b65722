// A contrast audit in the page: every visible piece of text against the colour behind it (the
// backgrounds of its ancestors blended down to an opaque one), by the WCAG 2 formula. Text on a
// picture or a gradient, text of disabled controls and SVG labels are left out (no single colour
// behind them). Large text (24px, or 18.66px bold) needs 3:1, other text 4.5:1.

/** The failures on the page now: [{text, ratio, need, color, background, where}], worst first. */
export async function contrastProblems(page) {
  return page.evaluate(() => {
    const parse = (value) => {
      const m = /rgba?\(([^)]+)\)/.exec(value || '');
      if (!m) return null;
      const [r, g, b, a = 1] = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
      return { r, g, b, a };
    };
    const over = (top, under) => ({
      r: top.r * top.a + under.r * (1 - top.a),
      g: top.g * top.a + under.g * (1 - top.a),
      b: top.b * top.a + under.b * (1 - top.a),
      a: 1,
    });
    const lum = ({ r, g, b }) => {
      const ch = (v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
    };
    const ratio = (a, b) => {
      const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
      return (hi + 0.05) / (lo + 0.05);
    };
    /** The opaque colour behind `el`, or null when a picture or gradient is behind it. */
    const behind = (el) => {
      const layers = [];
      for (let node = el; node; node = node.parentElement) {
        const style = getComputedStyle(node);
        if (style.backgroundImage && style.backgroundImage !== 'none') return null;
        const bg = parse(style.backgroundColor);
        if (bg && bg.a > 0) {
          layers.push(bg);
          if (bg.a >= 1) break;
        }
      }
      const root = parse(getComputedStyle(document.documentElement).backgroundColor);
      let colour = root && root.a > 0 ? { ...root, a: 1 } : { r: 255, g: 255, b: 255, a: 1 };
      for (const layer of layers.reverse()) colour = over(layer, colour);
      return colour;
    };
    const seen = new Set();
    const problems = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const el = text.parentElement;
      if (!el || seen.has(el) || !text.textContent.trim()) continue;
      seen.add(el);
      if (el.closest('svg, script, style, noscript, option, [aria-hidden="true"], :disabled, [inert]')) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width < 2 || rect.height < 2) continue; // screen-reader-only text
      const style = getComputedStyle(el);
      if (style.visibility !== 'visible') continue;
      let faded = false;
      for (let node = el; node; node = node.parentElement) if (Number(getComputedStyle(node).opacity) < 1) faded = true;
      if (faded) continue; // disabled or animating
      const fg = parse(style.color);
      const bg = behind(el);
      if (!fg || !bg) continue;
      const colour = fg.a < 1 ? over(fg, bg) : fg;
      const size = parseFloat(style.fontSize);
      const bold = Number(style.fontWeight) >= 700;
      const need = size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5;
      const r = ratio(colour, bg);
      if (r + 0.005 < need) {
        const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
        problems.push({ text: text.textContent.trim().slice(0, 40), ratio: Math.round(r * 100) / 100, need, color: style.color, background: `rgb(${Math.round(bg.r)}, ${Math.round(bg.g)}, ${Math.round(bg.b)})`, where: `${el.tagName.toLowerCase()}${cls}` });
      }
    }
    return problems.sort((a, b) => a.ratio - b.ratio);
  });
}
