// Which addresses written in a writer's Markdown become links or images.

/**
 * `url` if it is http(s), mailto or relative (no scheme before the first / ? #), else '' (no link):
 * javascript:, data:, vbscript: and any other scheme are dropped, however they are cased or padded.
 */
export function safeUrl(url) {
  const value = String(url ?? '').trim();
  const colon = value.indexOf(':');
  const path = value.search(/[/?#]/);
  if (colon === -1 || (path !== -1 && colon > path)) return value;
  return /^(https?|mailto):/i.test(value) ? value : '';
}

/** A path inside this app ("/worlds/…"), which a link opens without leaving the page. */
export const isAppPath = (url) => /^\/(?!\/)/.test(url) && !/^\/api\//.test(url);

/** An image is drawn only from this site (an uploaded image): one from elsewhere would tell that site who reads. */
export const isSameSiteImage = (url) => /^\/(?!\/)/.test(url);
