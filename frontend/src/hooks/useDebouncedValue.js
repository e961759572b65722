import { useEffect, useState } from 'react';

/** `value`, once it has stayed the same for `ms` (a request per pause in typing, not per key). */
export function useDebouncedValue(value, ms = 150) {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}
