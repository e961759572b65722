import { useEffect } from 'react';

/** Sets the document title, e.g. "Eldoria · Worldsmith". */
export function useTitle(title) {
  useEffect(() => {
    document.title = title ? `${title} · Worldsmith` : 'Worldsmith';
  }, [title]);
}
