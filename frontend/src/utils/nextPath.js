// Where to go after signing in: a path of this site only (no other origin, no protocol-relative
// "//host", no "javascript:"), and never back to the login or sign-up page.
export function safeNext(value, origin = window.location.origin) {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  let url;
  try {
    url = new URL(value, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  if (/^\/(login|register)\/?$/.test(url.pathname)) return null;
  return url.pathname + url.search + url.hash;
}
