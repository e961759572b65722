import { describe, expect, it } from 'vitest';
import { appliedSummary, decisionOf, proposalSummary, quoteParts } from './review.js';

const marks = (quote, names) => quoteParts(quote, names).filter((p) => p.mark).map((p) => p.text);

describe('quoteParts', () => {
  it('marks whole names only, case-insensitively', () => {
    expect(marks('Anna walked to Rome; Annabel stayed.', ['Anna'])).toEqual(['Anna']);
    expect(marks('and the grey company rode', ['The Grey Company'])).toEqual(['the grey company']);
  });

  it('keeps Vietnamese tone marks significant and works on decomposed text', () => {
    expect(marks('Chùa Trấn Quốc, nơi Trần Thị Mai đến.', ['Trần Thị Mai', 'Trần'])).toEqual(['Trần Thị Mai']);
    const decomposed = 'Bà Trần Thị Mai đi qua cầu Long Biên.'.normalize('NFD');
    expect(marks(decomposed, ['cầu Long Biên'])).toEqual(['cầu Long Biên']);
    expect(quoteParts(decomposed, ['x']).map((p) => p.text).join('')).toBe('Bà Trần Thị Mai đi qua cầu Long Biên.');
  });

  it('marks the longest spelling first', () => {
    expect(marks('Daven Voss met Daven.', ['Daven', 'Daven Voss'])).toEqual(['Daven Voss', 'Daven']);
  });
});

describe('the words of a review', () => {
  it('says what each proposal is', () => {
    expect(proposalSummary({ action: 'create', kind: 'faction' })).toBe('New faction');
    expect(proposalSummary({ action: 'link', kind: 'place', target: { kind: 'place', name: 'Emberfall' } })).toBe('Matches existing place Emberfall');
    expect(proposalSummary({ action: 'alias', kind: 'character', target: { kind: 'character', name: 'Daven Voss' } })).toBe('Alias of Daven Voss?');
  });

  it('sends a rename or a kind only for a new name, and only when changed', () => {
    const p = { proposal_id: 'p1', action: 'create', name: 'Mara', kind: 'character' };
    expect(decisionOf(p, { action: 'accept', name: 'Mara', kind: 'character' })).toEqual({ proposal_id: 'p1', action: 'accept' });
    expect(decisionOf(p, { action: 'accept', name: 'Mara Quell', kind: 'creature' })).toEqual({ proposal_id: 'p1', action: 'accept', name: 'Mara Quell', kind: 'creature' });
    expect(decisionOf({ ...p, action: 'link' }, { action: 'accept', name: 'X' })).toEqual({ proposal_id: 'p1', action: 'accept' });
    expect(decisionOf(p, { action: 'merge', target_id: 'l1' })).toEqual({ proposal_id: 'p1', action: 'merge', target_id: 'l1' });
  });

  it('sums up what was applied', () => {
    expect(appliedSummary({ created: [], linked: [], aliased: [{ kind: 'character', id: 'e1', name: 'Daven Voss', alias: 'Daven' }], ignored: [] })).toBe(
      'Added the alias “Daven” to Daven Voss.',
    );
    expect(appliedSummary({})).toBe('Nothing changed.');
    const mara = { kind: 'character', id: 'e9', name: 'Mara' };
    const emberfall = { kind: 'place', id: 'l1', name: 'Emberfall' };
    expect(appliedSummary({ created: [mara], linked: [mara, emberfall], aliased: [], ignored: ['Tell'] })).toBe('Created Mara · linked Emberfall · ignored Tell.');
  });
});
