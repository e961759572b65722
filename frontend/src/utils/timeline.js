import { formatWorldDate } from './calendar.js';

/** The timeline's filters (GET /worlds/{wid}/events?entity_id=&location_id=&story_id=). */
export const TIMELINE_FILTERS = ['entity_id', 'location_id', 'story_id'];

/** An event's date when it says more than its year ("3 Frostfall 1024 TA"), else ''. */
export function eventDay(ev, calendar) {
  const date = ev && ev.date;
  if (!date || !date.month) return '';
  return ev.date_label || formatWorldDate(date, calendar);
}
