import { Fragment, useEffect, useId, useRef } from 'react';

/**
 * The search form above a list: a search box applied on submit, selects applied at once, and any
 * extra controls as `children`. `query` is the applied search; `selects` are
 * `{label, value, all, options: [{value, label}], onChange(value)}`.
 */
export default function FilterBar({ label, placeholder, query, onSearch, selects = [], children }) {
  const id = useId();
  const box = useRef(null);
  // the applied search lives in the URL: back, forward or a link can change it under the box
  useEffect(() => {
    box.current.value = query;
  }, [query]);

  return (
    <form
      className="filters"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        onSearch(box.current.value.trim());
      }}
    >
      <label className="sr-only" htmlFor={`${id}-q`}>
        {label}
      </label>
      <input ref={box} id={`${id}-q`} type="search" placeholder={placeholder} defaultValue={query} />
      {selects.map((s, i) => (
        <Fragment key={s.label}>
          <label className="sr-only" htmlFor={`${id}-${i}`}>
            {s.label}
          </label>
          <select id={`${id}-${i}`} value={s.value} onChange={(e) => s.onChange(e.target.value)}>
            <option value="">{s.all}</option>
            {s.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Fragment>
      ))}
      {children}
      <button type="submit" className="btn">
        Search
      </button>
    </form>
  );
}
