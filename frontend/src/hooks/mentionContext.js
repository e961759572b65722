import { createContext } from 'react';

/** What the mentions inside a MarkdownView need: its world and what each name resolved to (undefined while loading). */
export const MentionContext = createContext({ worldId: null, resolved: undefined });
