import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reviews, stories, worlds } from '../services/api.js';
import StoryReview from './StoryReview.jsx';
import { list, renderAt } from '../test/utils.jsx';

afterEach(() => vi.restoreAllMocks());

const story = { story_id: 's1', world_id: 'w1', title: 'The Gate' };

const proposal = (over) => ({
  proposal_id: over.name,
  kind: 'character',
  action: 'create',
  target: null,
  aliases: [],
  confidence: 0.9,
  confident: true,
  quote: '',
  count: 1,
  status: 'pending',
  outcome: null,
  ...over,
});

const PROPOSALS = [
  proposal({ proposal_id: 'p1', name: 'Mara Quell', quote: '“Wait,” Mara Quell said at the gate.', count: 3 }),
  proposal({ proposal_id: 'p2', name: 'Emberfall', kind: 'place', action: 'link', target: { kind: 'place', id: 'l1', name: 'Emberfall' }, quote: 'They rode to Emberfall at dusk.' }),
  proposal({ proposal_id: 'p3', name: 'Daven', action: 'alias', target: { kind: 'character', id: 'e1', name: 'Daven Voss' }, confidence: 0.6, confident: false, quote: 'Daven laughed.' }),
  proposal({ proposal_id: 'p4', name: 'Tell', confidence: 0.3, confident: false, quote: '“Tell no one,” Delphine said.' }),
  proposal({ proposal_id: 'p5', name: 'the Grey Company', kind: 'faction', quote: 'the Grey Company waited' }),
];

const review = (over = {}) => ({
  review_id: 'r1',
  story_id: 's1',
  world_id: 'w1',
  task_id: 't1',
  language: 'en',
  status: 'open',
  undone: false,
  proposals: PROPOSALS,
  counts: { pending: 5, accepted: 0, ignored: 0 },
  ...over,
});

const characters = [
  { entity_id: 'e1', name: 'Daven Voss', entity_type: 'character' },
  { entity_id: 'e2', name: 'Kharzul', entity_type: 'creature' },
];
const locations = [{ location_id: 'l1', name: 'Emberfall' }];

beforeEach(() => {
  vi.spyOn(worlds, 'characters').mockResolvedValue(list(characters));
  vi.spyOn(worlds, 'locations').mockResolvedValue(list(locations));
});

const row = (name) => screen.getByRole('listitem', { name });

// what GET /stories/s1/review answers: the review as the last decision or undo left it
let current;
const serve = (answer) => {
  current = answer;
  return answer;
};

async function showReview(data = review()) {
  serve(data);
  vi.spyOn(stories, 'review').mockImplementation(async () => current);
  const result = renderAt(<StoryReview story={story} />);
  await screen.findByRole('heading', { name: 'Names found in this story' });
  return result;
}

/** Resolve decisions with the review as it would stand afterwards. */
function answerDecisions(applied = {}, patch = (p) => p) {
  return vi.spyOn(reviews, 'decide').mockImplementation(async () =>
    serve({
      ...review({ status: 'decided', proposals: PROPOSALS.map(patch), counts: { pending: 0, accepted: 4, ignored: 1 } }),
      applied: { created: [], linked: [], aliased: [], ignored: [], ...applied },
    }),
  );
}

describe('StoryReview', () => {
  it('shows nothing while the story has no review (404)', async () => {
    const get = vi.spyOn(stories, 'review').mockRejectedValue(Object.assign(new Error('Not found'), { isApiError: true, status: 404 }));
    const { container } = renderAt(<StoryReview story={story} />);
    await waitFor(() => expect(get).toHaveBeenCalledWith('s1'));
    expect(container).toBeEmptyDOMElement();
  });

  it('shows one row per proposal: name, kind, what is proposed, confidence and the quote with the name marked', async () => {
    await showReview();
    const mara = row('Mara Quell');
    expect(within(mara).getByText('character')).toBeInTheDocument();
    expect(within(mara).getByText('New character')).toBeInTheDocument();
    expect(within(mara).getByText(/named 3 times/)).toBeInTheDocument();
    expect(within(mara).getByText('Sure')).toBeInTheDocument();
    expect(within(mara).getByText('Mara Quell', { selector: 'mark' })).toBeInTheDocument();
    expect(within(row('Emberfall')).getByText('Matches existing place Emberfall')).toBeInTheDocument();
    expect(within(row('Emberfall')).getByRole('button', { name: 'Keep link' })).toBeInTheDocument();
    expect(within(row('Daven')).getByText('Alias of Daven Voss?')).toBeInTheDocument();
    expect(within(row('Daven')).getByText('Likely')).toBeInTheDocument();
    expect(within(row('Daven')).getByRole('button', { name: 'Add as alias' })).toBeInTheDocument();
    expect(within(row('Tell')).getByText('Unsure')).toBeInTheDocument();
    expect(within(row('the Grey Company')).getByText('New faction')).toBeInTheDocument();
    // only a new name can be renamed or change kind
    expect(within(row('Emberfall')).queryByRole('button', { name: 'Rename' })).toBeNull();
    expect(within(row('Daven')).queryByLabelText('Kind')).toBeNull();
    expect(screen.getByRole('button', { name: 'Accept all confident (3)' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Apply 0 choices' })).toBeDisabled();
  });

  it('sends each choice with its body: keep, rename, change kind, merge, add as alias, ignore', async () => {
    await showReview();
    const decide = answerDecisions({ created: [{ kind: 'character', id: 'e9', name: 'Mara' }], ignored: ['Tell'] });
    // rename + change kind of a new name
    fireEvent.change(within(row('Mara Quell')).getByLabelText('Kind'), { target: { value: 'creature' } });
    expect(within(row('Mara Quell')).getByText('New creature')).toBeInTheDocument();
    fireEvent.click(within(row('Mara Quell')).getByRole('button', { name: 'Rename' }));
    fireEvent.change(within(row('Mara Quell')).getByLabelText('New name for “Mara Quell”'), { target: { value: 'Mara' } });
    fireEvent.click(within(row('Mara Quell')).getByRole('button', { name: 'Keep as creature' }));
    expect(within(row('Mara Quell')).getByText('Will create creature “Mara”')).toBeInTheDocument();
    // keep a link
    fireEvent.click(within(row('Emberfall')).getByRole('button', { name: 'Keep link' }));
    // add as alias
    fireEvent.click(within(row('Daven')).getByRole('button', { name: 'Add as alias' }));
    expect(within(row('Daven')).getByText('Will add “Daven” as an alias of Daven Voss')).toBeInTheDocument();
    // ignore
    fireEvent.click(within(row('Tell')).getByRole('button', { name: 'Ignore' }));
    // merge a new name into an existing entry of another kind
    fireEvent.click(within(row('the Grey Company')).getByRole('button', { name: 'Merge into…' }));
    const picker = within(row('the Grey Company')).getByLabelText('Merge “the Grey Company” into');
    expect([...picker.querySelectorAll('optgroup')].map((g) => g.label)).toEqual(['Characters', 'Places']);
    expect(within(picker).getByRole('option', { name: 'Kharzul (creature)' })).toBeInTheDocument();
    fireEvent.change(picker, { target: { value: 'l1' } });
    fireEvent.click(within(row('the Grey Company')).getByRole('button', { name: 'Merge' }));
    expect(within(row('the Grey Company')).getByText('Will merge “the Grey Company” into Emberfall')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Apply 5 choices' }));
    await waitFor(() => expect(decide).toHaveBeenCalled());
    expect(decide).toHaveBeenCalledWith('r1', {
      decisions: [
        { proposal_id: 'p1', action: 'accept', name: 'Mara', kind: 'creature' },
        { proposal_id: 'p2', action: 'accept' },
        { proposal_id: 'p3', action: 'accept' },
        { proposal_id: 'p4', action: 'ignore' },
        { proposal_id: 'p5', action: 'merge', target_id: 'l1' },
      ],
      accept_confident: false,
    });
    expect(await screen.findByText('Created Mara · ignored Tell.')).toHaveFocus();
  });

  it('a staged choice can be changed before it is applied', async () => {
    await showReview();
    fireEvent.click(within(row('Tell')).getByRole('button', { name: 'Ignore' }));
    expect(screen.getByRole('button', { name: 'Apply 1 choice' })).toBeEnabled();
    // keyboard focus follows: to "Change", then back to the choices
    expect(within(row('Tell')).getByRole('button', { name: 'Change the choice for Tell' })).toHaveFocus();
    fireEvent.click(within(row('Tell')).getByRole('button', { name: 'Change the choice for Tell' }));
    expect(within(row('Tell')).getByRole('button', { name: 'Ignore' })).toBeInTheDocument();
    expect(within(row('Tell')).getByRole('button', { name: 'Keep' })).toHaveFocus();
    // Escape leaves an inline form
    fireEvent.click(within(row('Tell')).getByRole('button', { name: 'Rename' }));
    fireEvent.keyDown(within(row('Tell')).getByLabelText('New name for “Tell”'), { key: 'Escape' });
    expect(within(row('Tell')).queryByLabelText('New name for “Tell”')).toBeNull();
    expect(within(row('Tell')).getByRole('button', { name: 'Keep' })).toHaveFocus();
    expect(screen.getByRole('button', { name: 'Apply 0 choices' })).toBeDisabled();
  });

  it('"Accept all confident" sends accept_confident with the choices made, then refreshes the world and shows outcomes', async () => {
    await showReview();
    await waitFor(() => expect(worlds.characters).toHaveBeenCalledTimes(1));
    const outcome = {
      p1: { kind: 'character', id: 'e9', name: 'Mara Quell', created: true },
      p2: { kind: 'place', id: 'l1', name: 'Emberfall', created: false },
    };
    const decide = answerDecisions({ created: [outcome.p1], linked: [outcome.p2], ignored: ['the Grey Company'] }, (p) =>
      p.proposal_id === 'p5' ? { ...p, status: 'ignored' } : outcome[p.proposal_id] ? { ...p, status: 'accepted', outcome: outcome[p.proposal_id] } : p,
    );
    // a confident name the writer chose to ignore is not accepted with the others: its choice goes along
    fireEvent.click(within(row('the Grey Company')).getByRole('button', { name: 'Ignore' }));
    expect(screen.getByText('Also applies your 1 choice.')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Accept all confident (2)' }));
    await waitFor(() => expect(decide).toHaveBeenCalledWith('r1', { decisions: [{ proposal_id: 'p5', action: 'ignore' }], accept_confident: true }));
    expect(await screen.findByText('Created Mara Quell · linked Emberfall · ignored the Grey Company.')).toBeInTheDocument();
    expect(within(row('Mara Quell')).getByText('Created character Mara Quell')).toBeInTheDocument();
    expect(within(row('Emberfall')).getByText('Linked to place Emberfall')).toBeInTheDocument();
    expect(within(row('the Grey Company')).getByText(/Ignored: “the Grey Company” will not be proposed again/)).toBeInTheDocument();
    // the unsure ones are still to decide
    expect(within(row('Tell')).getByRole('button', { name: 'Ignore' })).toBeInTheDocument();
    // the world's characters and places are read again (the merge picker shows them)
    await waitFor(() => expect(worlds.characters).toHaveBeenCalledTimes(2));
    expect(worlds.locations).toHaveBeenCalledTimes(2);
    expect(screen.getByRole('button', { name: 'Undo this review' })).toBeInTheDocument();
  });

  it('shows a merged and an aliased outcome in words', async () => {
    await showReview(
      review({
        status: 'decided',
        counts: { pending: 0, accepted: 2, ignored: 0 },
        proposals: [
          proposal({ proposal_id: 'p1', name: 'Grey Company', status: 'accepted', outcome: { kind: 'faction', id: 'e3', name: 'The Grey Company', created: false } }),
          proposal({ proposal_id: 'p2', name: 'Daven', action: 'alias', target: { kind: 'character', id: 'e1', name: 'Daven Voss' }, status: 'accepted', outcome: { kind: 'character', id: 'e1', name: 'Daven Voss', created: false } }),
        ],
      }),
    );
    // a decided review opens folded: a summary, the names on demand
    expect(screen.getByText(/2 names · 2 kept/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Show the names' }));
    expect(within(row('Grey Company')).getByText('Merged into faction The Grey Company')).toBeInTheDocument();
    expect(within(row('Daven')).getByText('Added as an alias of Daven Voss')).toBeInTheDocument();
  });

  it('undoes the review and refreshes the world', async () => {
    const decided = review({ status: 'decided', counts: { pending: 0, accepted: 1, ignored: 0 } });
    await showReview(decided);
    await waitFor(() => expect(worlds.locations).toHaveBeenCalledTimes(1));
    const undo = vi.spyOn(reviews, 'undo').mockImplementation(async () => serve({ ...decided, undone: true }));
    fireEvent.click(screen.getByRole('button', { name: 'Undo this review' }));
    await waitFor(() => expect(undo).toHaveBeenCalledWith('r1'));
    expect(await screen.findByText(/Undone: entries this review created are in the trash/)).toBeInTheDocument();
    expect(screen.getByText('This review was undone: the world is as it was before it.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Undo this review' })).toBeNull();
    await waitFor(() => expect(worlds.locations).toHaveBeenCalledTimes(2));
    expect(worlds.characters).toHaveBeenCalledTimes(2);
  });

  it('says so when nothing new was found', async () => {
    await showReview(review({ proposals: [], counts: { pending: 0, accepted: 0, ignored: 0 } }));
    expect(screen.getByText(/No new names: everything this story names is already in the world/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Accept all confident/ })).toBeNull();
  });

  it('marks Vietnamese names in their quote with tone marks kept, in a section marked as Vietnamese', async () => {
    await showReview(
      review({
        language: 'vi',
        proposals: [
          proposal({ proposal_id: 'v1', name: 'Trần Thị Mai', aliases: ['bà Mai'], quote: 'Bà Trần Thị Mai đi qua cầu Long Biên; bà Mai không dừng ở chùa Trấn Quốc.' }),
          proposal({ proposal_id: 'v2', name: 'cầu Long Biên', kind: 'place', quote: 'Bà Trần Thị Mai đi qua cầu Long Biên.' }),
        ],
      }),
    );
    expect(screen.getByRole('region', { name: 'Names found in this story' })).toHaveAttribute('lang', 'vi');
    const mai = row('Trần Thị Mai');
    expect([...mai.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Trần Thị Mai', 'bà Mai']);
    expect(within(mai).getByText('Also written: bà Mai')).toBeInTheDocument();
    expect(within(row('cầu Long Biên')).getByText('New place')).toBeInTheDocument();
    expect([...row('cầu Long Biên').querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['cầu Long Biên']);
  });

  it('stacks its rows when it is narrow (a phone)', async () => {
    const rect = vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({ width: 360, height: 600, top: 0, left: 0, right: 360, bottom: 600 });
    await showReview();
    // measured after the first paint, so the narrow layout arrives one render later
    await waitFor(() => expect(screen.getByRole('region', { name: 'Names found in this story' })).toHaveClass('review-narrow'));
    rect.mockRestore();
  });

  it('is wide on a desktop', async () => {
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({ width: 1000, height: 600, top: 0, left: 0, right: 1000, bottom: 600 });
    await showReview();
    expect(screen.getByRole('region', { name: 'Names found in this story' })).not.toHaveClass('review-narrow');
  });

  it('lists the ignored names of the world and stops ignoring one', async () => {
    await showReview();
    vi.spyOn(worlds, 'ignoredNames').mockResolvedValue([{ name: 'Tell', key: 'tell', created_at: '2026-01-01' }]);
    const unignore = vi.spyOn(worlds, 'unignoreName').mockResolvedValue({ message: 'ok', key: 'tell' });
    fireEvent.click(screen.getByRole('button', { name: 'Ignored names in this world' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Stop ignoring Tell' }));
    await waitFor(() => expect(unignore).toHaveBeenCalledWith('w1', 'tell'));
  });
});
