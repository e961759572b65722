import { useSearchParams } from 'react-router-dom';

/**
 * A list page's filters in the address: `[params, update]`. `update({key: value})` sets (or, for
 * an empty value, removes) each key; any change but a page change goes back to the first page.
 */
export function useListParams() {
  const [params, setParams] = useSearchParams();
  const update = (patch) => {
    const next = new URLSearchParams(params);
    Object.entries(patch).forEach(([k, v]) => (v ? next.set(k, v) : next.delete(k)));
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };
  return [params, update];
}
