// The Markdown editor (CodeMirror) in e2e tests: its text is lines of a contenteditable, not an input's value.

/** The text of the CodeMirror editor at `locator` (its content element, the labelled textbox). */
export function editorText(locator) {
  return locator.evaluate((el) => Array.from(el.querySelectorAll(':scope > .cm-line')).map((line) => line.textContent).join('\n'));
}
