// Where the caret of a textarea is drawn, so a popup can open under the word being typed: a hidden
// copy of the textarea with the same box and font, filled with the text up to the caret, measures it.

const COPIED = [
  'boxSizing', 'width', 'height', 'overflowX', 'overflowY', 'borderTopWidth', 'borderRightWidth', 'borderBottomWidth',
  'borderLeftWidth', 'borderStyle', 'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft', 'fontStyle', 'fontVariant',
  'fontWeight', 'fontStretch', 'fontSize', 'lineHeight', 'fontFamily', 'textAlign', 'textTransform', 'textIndent',
  'letterSpacing', 'wordSpacing', 'tabSize', 'whiteSpace', 'wordBreak', 'overflowWrap',
];

/** `{top, left, height}` of the caret at `position` in `textarea`, in pixels from its top-left corner (scroll taken off). */
export function caretCoordinates(textarea, position) {
  const doc = textarea.ownerDocument;
  const style = doc.defaultView.getComputedStyle(textarea);
  const mirror = doc.createElement('div');
  COPIED.forEach((prop) => {
    mirror.style[prop] = style[prop];
  });
  Object.assign(mirror.style, { position: 'absolute', visibility: 'hidden', top: '0', left: '-9999px', whiteSpace: 'pre-wrap', overflowWrap: 'break-word', overflow: 'hidden' });
  mirror.textContent = textarea.value.slice(0, position);
  const marker = doc.createElement('span');
  marker.textContent = textarea.value.slice(position) || '.';
  mirror.appendChild(marker);
  doc.body.appendChild(mirror);
  const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5 || 20;
  const coords = {
    top: marker.offsetTop + (parseFloat(style.borderTopWidth) || 0) - textarea.scrollTop,
    left: marker.offsetLeft + (parseFloat(style.borderLeftWidth) || 0) - textarea.scrollLeft,
    height: lineHeight,
  };
  doc.body.removeChild(mirror);
  return coords;
}
