// A world calendar as the edit form holds it (strings, rows) and as the API takes it (numbers).
import { dateBody, dateValues, monthsOf } from './calendar.js';

const text = (v) => (v === undefined || v === null ? '' : String(v));

/** The form's values of a calendar (metadata.calendar of a world). */
export function calendarValues(cal = {}) {
  const current = cal.current_date || (cal.current_year !== undefined && cal.current_year !== null ? { year: cal.current_year } : null);
  return {
    current_date: dateValues(current),
    current_era: cal.current_era || '',
    year_name: cal.year_name || '',
    months: monthsOf(cal).map((m) => ({ name: m.name, days: text(m.days) })),
    weekdays: (cal.weekdays || []).join(', '),
    eras: (cal.eras || []).map((e) => ({ name: e.name || '', abbreviation: e.abbreviation || '', start_year: text(e.start_year), direction: e.direction || 'forward' })),
    leap: cal.leap ? { every: text(cal.leap.every), month: text(cal.leap.month), days: text(cal.leap.days || 1) } : null,
  };
}

const whole = (v) => (String(v).trim() === '' ? NaN : Math.trunc(Number(v)));

/** The calendar as the API takes it: what the form edits, the API checks the rest (400 invalid_calendar). */
export function calendarBody(values) {
  const body = {
    current_era: values.current_era.trim(),
    year_name: values.year_name.trim(),
    months: values.months.map((m) => ({ name: m.name.trim(), days: whole(m.days) })),
    weekdays: values.weekdays.split(',').map((w) => w.trim()).filter(Boolean),
    eras: values.eras.map((e) => ({ name: e.name.trim(), abbreviation: e.abbreviation.trim(), start_year: whole(e.start_year), direction: e.direction })),
    leap: values.leap ? { every: whole(values.leap.every), month: whole(values.leap.month), days: whole(values.leap.days) } : null,
  };
  const current = dateBody(values.current_date);
  if (current) body.current_date = current;
  return body;
}

/** What stops the calendar being saved, as sentences (the API says the rest). */
export function calendarProblems(values) {
  const problems = [];
  if (!values.months.length) problems.push('A calendar needs at least one month.');
  values.months.forEach((m, i) => {
    if (!m.name.trim()) problems.push(`Month ${i + 1} needs a name.`);
    const days = whole(m.days);
    if (!(days >= 1 && days <= 100)) problems.push(`Month ${i + 1} (${m.name.trim() || 'unnamed'}) needs 1 to 100 days.`);
  });
  values.eras.forEach((e, i) => {
    if (!e.name.trim()) problems.push(`Era ${i + 1} needs a name.`);
    if (!Number.isFinite(whole(e.start_year))) problems.push(`Era ${i + 1} (${e.name.trim() || 'unnamed'}) needs the year it starts.`);
  });
  if (values.leap && !(whole(values.leap.every) >= 1 && whole(values.leap.month) >= 1 && whole(values.leap.days) >= 1))
    problems.push('A leap rule needs how often (every N years), a month and how many days it adds.');
  return problems;
}

/** The API's calendar errors (details "metadata.calendar.months.2.days": "…") as sentences. */
export function calendarErrors(details = {}) {
  const out = [];
  for (const [key, value] of Object.entries(details)) {
    if (!key.startsWith('metadata.calendar') || typeof value !== 'string') continue;
    const path = key.replace(/^metadata\.calendar\.?/, '').split('.');
    const [part, index, field] = path;
    const named = { months: 'Month', eras: 'Era' }[part];
    const where = named && index !== undefined && /^\d+$/.test(index) ? `${named} ${Number(index) + 1}${field ? ` (${field.replace('_', ' ')})` : ''}` : part ? part.replace('_', ' ').replace('.', ' ') : 'Calendar';
    out.push(`${where[0].toUpperCase()}${where.slice(1)}: ${value}`);
  }
  for (const d of Array.isArray(details.dates) ? details.dates : []) out.push(`“${d.title}” is dated outside the new calendar${d.problem ? ` (${d.problem})` : ''}.`);
  return out;
}
