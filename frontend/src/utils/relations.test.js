import { describe, expect, it } from 'vitest';
import { attitudeLabel, relationChoices, relationFrom, typeIndex } from './relations.js';

const types = [
  { key: 'parent_of', label: 'parent of', inverse_label: 'child of', mutual: false },
  { key: 'sibling_of', label: 'sibling of', inverse_label: 'sibling of', mutual: true },
];

describe('relations seen from one entry', () => {
  it('reads the label from the source and the inverse label from the target', () => {
    const r = { source_id: 'ayla', target_id: 'mira', type: 'parent_of', mutual: false };
    expect(relationFrom(r, 'ayla', typeIndex(types))).toMatchObject({ outgoing: true, otherId: 'mira', label: 'parent of' });
    expect(relationFrom(r, 'mira', typeIndex(types))).toMatchObject({ outgoing: false, otherId: 'ayla', label: 'child of' });
    const s = { source_id: 'mira', target_id: 'tam', type: 'sibling_of', mutual: true };
    expect(relationFrom(s, 'tam', typeIndex(types)).label).toBe('sibling of');
    expect(relationFrom({ ...s, type: 'gone' }, 'tam', {}).label).toBe('gone');
  });

  it('offers both directions of a directed type and one of a mutual one', () => {
    expect(relationChoices(types).map((c) => c.label)).toEqual(['parent of', 'child of', 'sibling of']);
    expect(relationChoices(types)[1]).toMatchObject({ key: 'parent_of', outgoing: false });
  });

  it('words an attitude', () => {
    expect(attitudeLabel(-3)).toBe('−3 hostile');
    expect(attitudeLabel(2)).toBe('+2 friendly');
    expect(attitudeLabel(0)).toBe('0 neutral');
  });
});
