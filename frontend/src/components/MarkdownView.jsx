import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import Markdown from 'react-markdown';
import remarkBreaks from 'remark-breaks';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import { queries } from '../services/queries.js';
import { MentionContext } from '../hooks/mentionContext.js';
import { mentionNames } from '../utils/mentions.js';
import { isAppPath, isSameSiteImage, safeUrl } from '../utils/safeUrl.js';
import rehypeMentions from '../utils/rehypeMentions.js';
import Mention from './Mention.jsx';

// Markdown to React elements, never to an HTML string: raw HTML in the text is dropped (skipHtml),
// the GitHub sanitizer schema cleans what Markdown makes (links only http(s), mailto or relative),
// and mentions are added after it. A line break in the text is a line break (verse, dialogue).
const SCHEMA = { ...defaultSchema, protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'], src: ['http', 'https'] } };
const REMARK = [remarkBreaks];
const REHYPE = [[rehypeSanitize, SCHEMA], rehypeMentions];

function MarkdownLink({ href = '', children, title }) {
  if (!href) return <span className="markdown-dead-link">{children}</span>;
  if (isAppPath(href))
    return (
      <Link to={href} title={title}>
        {children}
      </Link>
    );
  return (
    <a href={href} title={title} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}

function MarkdownImage({ src = '', alt = '', title }) {
  if (src && isSameSiteImage(src)) return <img src={src} alt={alt} title={title} loading="lazy" />;
  if (!src) return alt ? <span>{alt}</span> : null;
  return <MarkdownLink href={src}>{alt || 'image'}</MarkdownLink>;
}

function Span({ node, children, ...props }) {
  const name = node && node.properties && node.properties.dataMention;
  if (typeof name === 'string')
    return (
      <Mention name={name} shown={node.properties.dataShown}>
        {children}
      </Mention>
    );
  return <span {...props}>{children}</span>;
}

// code shows what was typed: its [[…]] are no mentions to resolve
const withoutCode = (text) => String(text || '').replace(/(```|~~~)[\s\S]*?\1|`[^`\n]*`/g, '');

const COMPONENTS = { a: MarkdownLink, img: MarkdownImage, span: Span };

/**
 * A writer's text (a story, a description) drawn as Markdown, safely: no HTML of theirs runs,
 * links are http(s), mailto or this app's, and `[[Name]]` / `[[Name|shown]]` link to the entries of
 * world `worldId` (resolved in one request per text).
 */
export default function MarkdownView({ text, worldId, className = '' }) {
  const names = useMemo(() => (worldId ? mentionNames(withoutCode(text)) : []), [text, worldId]);
  const { data } = useQuery({ ...queries.resolvedMentions(worldId, names), enabled: !!worldId && names.length > 0 });
  if (!text) return null;
  const resolved = names.length === 0 ? {} : data;
  return (
    <MentionContext.Provider value={{ worldId: worldId || null, resolved }}>
      <div className={`markdown ${className}`}>
        <Markdown remarkPlugins={REMARK} rehypePlugins={REHYPE} components={COMPONENTS} urlTransform={safeUrl} skipHtml>
          {text}
        </Markdown>
      </div>
    </MentionContext.Provider>
  );
}
