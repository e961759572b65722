// The CodeMirror 6 setup of the Markdown editor: Markdown syntax shown softly, soft-wrapped lines,
// history, the format keys, `[[` completion. Colours come from the app's CSS variables (editor.css),
// so dark mode needs nothing here.
import { EditorState, Annotation, Compartment } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderExt } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { HighlightStyle, Language, LanguageSupport, defineLanguageFacet, languageDataProp, syntaxHighlighting } from '@codemirror/language';
import { GFM, parser as markdownParser } from '@lezer/markdown';
import { acceptCompletion, autocompletion } from '@codemirror/autocomplete';
import { tags } from '@lezer/highlight';
import { formatKeymap } from './commands.js';
import { mentionSource } from './mentionCompletion.js';
import { aiTargetField } from './editorAI.js';

/** Marks a change that came from outside (the value prop), so it is not reported back as typing. */
export const External = Annotation.define();

// Markdown straight from @lezer/markdown (what @codemirror/lang-markdown wraps), without the HTML,
// CSS and JavaScript parsers that package loads for embedded code: prose needs none of them, and
// they tripled the editor's download.
const markdownData = defineLanguageFacet({});
const markdownLanguage = new Language(markdownData, markdownParser.configure([GFM, { props: [languageDataProp.add({ Document: markdownData })] }]), [], 'markdown');
const markdown = () => new LanguageSupport(markdownLanguage);

const highlight = HighlightStyle.define([
  { tag: tags.heading, fontWeight: '700' },
  { tag: tags.heading1, fontSize: '1.3em' },
  { tag: tags.heading2, fontSize: '1.15em' },
  { tag: tags.strong, fontWeight: '700' },
  { tag: tags.emphasis, fontStyle: 'italic' },
  { tag: [tags.link, tags.url], class: 'md-tok-link' },
  { tag: [tags.processingInstruction, tags.contentSeparator, tags.meta], class: 'md-tok-mark' },
  { tag: tags.quote, class: 'md-tok-quote' },
  { tag: tags.monospace, class: 'md-tok-code' },
]);

/**
 * A new EditorState holding `doc`. `onText(text)` hears every change the writer makes;
 * `onUpdate(update)` every update of the view; `onAIKey()` Ctrl/Cmd+J (the AI menu);
 * `lookup(query)` feeds the `[[` completion; `attrs` is the Compartment holding the content's
 * attributes (label, description), `placeholder` the empty editor's hint.
 */
export function createEditorState({ doc, onText, onUpdate, onAIKey, lookup, attrs, attrValue, placeholder }) {
  return EditorState.create({
    doc,
    extensions: [
      history(),
      // Tab takes the highlighted name, as in the <textarea> completion; with no list open it leaves the editor
      keymap.of([{ key: 'Tab', run: acceptCompletion }, ...(onAIKey ? [{ key: 'Mod-j', run: onAIKey, preventDefault: true }] : []), ...formatKeymap, ...defaultKeymap, ...historyKeymap]),
      markdown(),
      syntaxHighlighting(highlight),
      EditorView.lineWrapping,
      aiTargetField,
      placeholder ? placeholderExt(placeholder) : [],
      attrs.of(EditorView.contentAttributes.of(attrValue)),
      EditorState.phrases.of({ Completions: 'Codex entries' }), // the popup's name, as the <textarea> completion's
      autocompletion({ override: [mentionSource(lookup)], icons: false, activateOnTypingDelay: 150 }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged && !update.transactions.some((tr) => tr.annotation(External))) onText(update.state.doc.toString());
        if (onUpdate) onUpdate(update);
      }),
    ],
  });
}

export { Compartment, EditorView };
