// Custom field values between an entry (`fields`: key -> value, typed by the world's templates) and
// the inputs of its edit form (text the writer types: strings, and {year, month, day} strings for
// a date). Unlisted values (no template: it was deleted) are kept as they are, never edited.

/** A stored value as the input of the form (its type read from the value itself). */
export function toInput(value) {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join('\n');
  if (typeof value === 'object') {
    const s = (v) => (v === null || v === undefined ? '' : String(v));
    return { year: s(value.year), month: s(value.month), day: s(value.day) };
  }
  return String(value);
}

const blankDate = (d) => !d || typeof d !== 'object' || String(d.year ?? '').trim() === '';

/** Is an input empty (nothing to store)? */
export function isBlank(input, type) {
  if (type === 'date') return blankDate(input);
  return typeof input !== 'string' || input.trim() === '';
}

/**
 * The value to store from an input of `type`; undefined when blank. Throws an Error naming the
 * problem when the input is not of its type (a number that is not one, a day without a month).
 */
export function fromInput(input, type) {
  if (isBlank(input, type)) return undefined;
  if (type === 'number') {
    const n = Number(String(input).trim().replace(',', '.'));
    if (!Number.isFinite(n)) throw new Error('must be a number');
    return n;
  }
  if (type === 'date') {
    const year = Number(input.year);
    if (!Number.isInteger(year)) throw new Error('needs a whole year');
    const date = { year };
    if (input.month) date.month = Number(input.month);
    if (input.day) {
      if (!input.month) throw new Error('needs a month for its day');
      date.day = Number(input.day);
    }
    return date;
  }
  if (type === 'list')
    return String(input)
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
  return String(input).trim();
}

/** The form's inputs for an entry's `fields` (templated keys only; missing ones blank). */
export function fieldInputs(fields, templates) {
  const out = {};
  for (const t of templates) out[t.key] = toInput(fields ? fields[t.key] : undefined);
  return out;
}

/**
 * The `fields` of a write, as the API merges them: each templated value that changed (converted
 * by type), `null` for one cleared; values not named (unlisted ones among them) stay as they are.
 * Returns {fields, errors: {key: message}}; `fields` is empty when nothing changed.
 */
export function fieldsToSave(inputs, templates, original = {}) {
  const fields = {};
  const errors = {};
  const before = original || {};
  for (const t of templates) {
    try {
      let value = fromInput(inputs[t.key], t.field_type);
      if (Array.isArray(value) && value.length === 0) value = undefined;
      const had = before[t.key] !== undefined && before[t.key] !== null;
      if (value === undefined) {
        if (had) fields[t.key] = null;
      } else if (!had || JSON.stringify(value) !== JSON.stringify(before[t.key])) fields[t.key] = value;
    } catch (err) {
      errors[t.key] = `${t.label} ${err.message}.`;
    }
  }
  return { fields, errors };
}

/** Values of `fields` whose key no template of the kind names ("unlisted fields"). */
export function unlistedFields(fields, templates) {
  const templated = new Set(templates.map((t) => t.key));
  return Object.entries(fields || {}).filter(([key]) => !templated.has(key));
}

/** Templates in the order the world set ("order", then label). */
export function sortTemplates(templates) {
  return [...(templates || [])].sort((a, b) => (a.order ?? 0) - (b.order ?? 0) || String(a.label).localeCompare(String(b.label)));
}
