// Server state: every query key of the app, the request cached under it, and what a change invalidates.
// Keys nest so that one prefix covers a family: worlds.detail(id) is the world and every list inside it.
import { QueryClient, infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { activity, admin, aiSettings, books, findings, entries, fieldTemplates, getStats, gpt, images, invitations, members, mentions, relations, search, stories, trash, usage, users, worlds } from './api.js';

/** A story without a review answers 404: that is "no review yet", not an error. */
const reviewOf = (storyId) =>
  stories.review(storyId).catch((err) => {
    if (err && err.status === 404) return null;
    throw err;
  });

// The lists inside a world are read whole (the API's maximum page), so every view shares one cache entry.
const ALL = { per_page: 200 };

export const queryKeys = {
  stats: () => ['stats'],
  worlds: {
    lists: () => ['worlds', 'list'],
    list: (params) => ['worlds', 'list', params],
    detail: (worldId) => ['worlds', 'detail', worldId],
    stories: (worldId) => ['worlds', 'detail', worldId, 'stories'],
    characters: (worldId) => ['worlds', 'detail', worldId, 'characters'],
    locations: (worldId) => ['worlds', 'detail', worldId, 'locations'],
    events: (worldId) => ['worlds', 'detail', worldId, 'events'],
    relationships: (worldId) => ['worlds', 'detail', worldId, 'relationships'],
    ignoredNames: (worldId) => ['worlds', 'detail', worldId, 'ignored-names'],
    // the codex: one prefix for every list and page of entries, so a change to one entry refreshes them all
    entries: (worldId) => ['worlds', 'detail', worldId, 'entries'],
    entryList: (worldId, params) => ['worlds', 'detail', worldId, 'entries', 'list', params],
    entry: (worldId, entryId) => ['worlds', 'detail', worldId, 'entries', 'detail', entryId],
    // what [[Name]] points at changes with the entries (a new one, a rename)
    resolvedMentions: (worldId, names) => ['worlds', 'detail', worldId, 'entries', 'resolve', names],
    locationTree: (worldId) => ['worlds', 'detail', worldId, 'locations', 'tree'],
    fieldTemplates: (worldId, kind) => ['worlds', 'detail', worldId, 'field-templates', kind],
    relationTypes: (worldId) => ['worlds', 'detail', worldId, 'relation-types'],
    relations: (worldId, params) => ['worlds', 'detail', worldId, 'relations', params],
    graph: (worldId, params) => ['worlds', 'detail', worldId, 'graph', params],
    members: (worldId) => ['worlds', 'detail', worldId, 'members'],
    invitations: (worldId) => ['worlds', 'detail', worldId, 'invitations'],
    activity: (worldId) => ['worlds', 'detail', worldId, 'activity'],
    books: (worldId) => ['worlds', 'detail', worldId, 'books'],
  },
  books: {
    all: () => ['books'],
    detail: (bookId) => ['books', 'detail', bookId],
    position: (bookId) => ['books', 'detail', bookId, 'position'],
  },
  // invitations addressed to me (the nav badge and the inbox)
  invitations: () => ['invitations'],
  activity: {
    all: () => ['activity'],
    recent: (params) => ['activity', params],
  },
  profiles: (username) => ['profiles', username],
  // an avatar's object URL, per user and avatar address (a new upload is a new address)
  avatars: (userId, url) => ['avatars', userId, url],
  search: {
    all: () => ['search'],
    results: (params) => ['search', params],
  },
  // an image never changes under its id
  images: (imageId, variant) => ['images', imageId, variant],
  stories: {
    all: () => ['stories'],
    list: (params) => ['stories', 'list', params],
    detail: (storyId) => ['stories', 'detail', storyId],
    review: (storyId) => ['stories', 'detail', storyId, 'review'],
    allFindings: (storyId) => ['stories', 'detail', storyId, 'findings'],
    findings: (storyId, status) => ['stories', 'detail', storyId, 'findings', status],
  },
  // the AI's configuration and what it cost
  ai: {
    admin: () => ['admin', 'ai'],
    models: () => ['ai', 'models'],
    usage: (days) => ['ai', 'usage', days],
  },
  gpt: {
    tasks: (params) => ['gpt', 'tasks', params],
  },
  trash: {
    all: () => ['trash'],
    list: (params) => ['trash', 'list', params],
  },
  admin: {
    all: () => ['admin'],
    stats: () => ['admin', 'stats'],
    health: () => ['admin', 'health'],
    roles: () => ['admin', 'roles'],
    users: (params) => ['admin', 'users', params],
  },
};

export const queries = {
  stats: () => queryOptions({ queryKey: queryKeys.stats(), queryFn: () => getStats() }),
  worlds: (params) => queryOptions({ queryKey: queryKeys.worlds.list(params), queryFn: () => worlds.list(params) }),
  world: (worldId) => queryOptions({ queryKey: queryKeys.worlds.detail(worldId), queryFn: () => worlds.get(worldId) }),
  worldStories: (worldId) =>
    queryOptions({ queryKey: queryKeys.worlds.stories(worldId), queryFn: () => worlds.stories(worldId, ALL) }),
  /** The world's stories with `tag` (under the stories key: whatever refreshes those refreshes these). */
  taggedStories: (worldId, tag) =>
    queryOptions({ queryKey: [...queryKeys.worlds.stories(worldId), { tag }], queryFn: () => worlds.stories(worldId, { ...ALL, tag }) }),
  characters: (worldId) =>
    queryOptions({ queryKey: queryKeys.worlds.characters(worldId), queryFn: () => worlds.characters(worldId, ALL) }),
  locations: (worldId) =>
    queryOptions({ queryKey: queryKeys.worlds.locations(worldId), queryFn: () => worlds.locations(worldId, ALL) }),
  events: (worldId) => queryOptions({ queryKey: queryKeys.worlds.events(worldId), queryFn: () => worlds.events(worldId) }),
  /** The timeline of events with one character, place or story: `{entity_id, location_id, story_id}`. */
  filteredEvents: (worldId, filters) =>
    queryOptions({ queryKey: [...queryKeys.worlds.events(worldId), 'filtered', filters], queryFn: () => worlds.events(worldId, filters) }),
  // under the events key, so whatever refreshes the timeline refreshes the plan too
  eventsPlan: (worldId) =>
    queryOptions({ queryKey: [...queryKeys.worlds.events(worldId), 'plan'], queryFn: () => worlds.eventsPlan(worldId) }),
  relationships: (worldId) =>
    queryOptions({ queryKey: queryKeys.worlds.relationships(worldId), queryFn: () => worlds.relationships(worldId) }),
  stories: (params) => queryOptions({ queryKey: queryKeys.stories.list(params), queryFn: () => stories.list(params) }),
  story: (storyId) => queryOptions({ queryKey: queryKeys.stories.detail(storyId), queryFn: () => stories.get(storyId) }),
  /** The story's latest review of found names, or null when it has none. */
  review: (storyId) => queryOptions({ queryKey: queryKeys.stories.review(storyId), queryFn: () => reviewOf(storyId) }),
  /** A page of the codex: `{kind, tag, q, sort, page, per_page}` (`q`: names and aliases starting so). */
  entries: (worldId, params) =>
    queryOptions({ queryKey: queryKeys.worlds.entryList(worldId, params), queryFn: () => entries.list(worldId, params) }),
  /** What `[[Name]]` mentions point at: {name: {kind, id, name} | null}; `names` sorted, so one text asks once. */
  resolvedMentions: (worldId, names) =>
    queryOptions({ queryKey: queryKeys.worlds.resolvedMentions(worldId, names), queryFn: () => mentions.resolve(worldId, names) }),
  search: (params) => queryOptions({ queryKey: queryKeys.search.results(params), queryFn: () => search.find(params) }),
  ignoredNames: (worldId) =>
    queryOptions({ queryKey: queryKeys.worlds.ignoredNames(worldId), queryFn: () => worlds.ignoredNames(worldId) }),
  entry: (worldId, entryId) => queryOptions({ queryKey: queryKeys.worlds.entry(worldId, entryId), queryFn: () => entries.get(worldId, entryId) }),
  mentions: (worldId, entryId) =>
    queryOptions({ queryKey: [...queryKeys.worlds.entry(worldId, entryId), 'mentions'], queryFn: () => entries.mentions(worldId, entryId, { per_page: 50 }) }),
  familyTree: (worldId, entryId, depth = 3) =>
    queryOptions({
      queryKey: [...queryKeys.worlds.entry(worldId, entryId), 'family-tree', depth],
      queryFn: () => entries.familyTree(worldId, entryId, depth),
    }),
  locationTree: (worldId) => queryOptions({ queryKey: queryKeys.worlds.locationTree(worldId), queryFn: () => worlds.locationTree(worldId) }),
  /** The templates of one kind (`kind` empty: every kind). */
  fieldTemplates: (worldId, kind = '') =>
    queryOptions({ queryKey: queryKeys.worlds.fieldTemplates(worldId, kind), queryFn: () => fieldTemplates.list(worldId, kind) }),
  relationTypes: (worldId) => queryOptions({ queryKey: queryKeys.worlds.relationTypes(worldId), queryFn: () => relations.types(worldId) }),
  /** The relations of one entry (`{entry_id}`), read whole. */
  relations: (worldId, params) =>
    queryOptions({ queryKey: queryKeys.worlds.relations(worldId, params), queryFn: () => relations.list(worldId, { per_page: 200, ...params }) }),
  graph: (worldId, params) => queryOptions({ queryKey: queryKeys.worlds.graph(worldId, params), queryFn: () => worlds.graph(worldId, params) }),
  /** An image (or its thumbnail) as an object URL for <img src>: read with the session's token, revoked when dropped from the cache. */
  image: (imageId, variant = 'full') =>
    queryOptions({
      queryKey: queryKeys.images(imageId, variant),
      queryFn: async () => URL.createObjectURL(await (variant === 'thumbnail' ? images.thumbnail(imageId) : images.file(imageId))),
      staleTime: Infinity,
    }),
  worldBooks: (worldId) => queryOptions({ queryKey: queryKeys.worlds.books(worldId), queryFn: () => books.list(worldId, { per_page: 100 }) }),
  book: (bookId) => queryOptions({ queryKey: queryKeys.books.detail(bookId), queryFn: () => books.get(bookId) }),
  bookPosition: (bookId) => queryOptions({ queryKey: queryKeys.books.position(bookId), queryFn: () => books.position(bookId) }),
  tasks: (params) => queryOptions({ queryKey: queryKeys.gpt.tasks(params), queryFn: () => gpt.tasks(params) }),
  trash: (params) => queryOptions({ queryKey: queryKeys.trash.list(params), queryFn: () => trash.list(params) }),
  adminStats: () => queryOptions({ queryKey: queryKeys.admin.stats(), queryFn: () => admin.stats() }),
  adminHealth: () => queryOptions({ queryKey: queryKeys.admin.health(), queryFn: () => admin.health() }),
  adminRoles: () => queryOptions({ queryKey: queryKeys.admin.roles(), queryFn: () => admin.roles() }),
  members: (worldId) => queryOptions({ queryKey: queryKeys.worlds.members(worldId), queryFn: () => members.list(worldId) }),
  worldInvitations: (worldId) => queryOptions({ queryKey: queryKeys.worlds.invitations(worldId), queryFn: () => members.invitations(worldId) }),
  myInvitations: () => queryOptions({ queryKey: queryKeys.invitations(), queryFn: () => invitations.mine() }),
  /** The world's activity, newest first, a page at a time (`next_before` continues it). */
  worldActivity: (worldId, limit = 30) =>
    infiniteQueryOptions({
      queryKey: queryKeys.worlds.activity(worldId),
      queryFn: ({ pageParam }) => activity.world(worldId, { limit, before: pageParam }),
      initialPageParam: undefined,
      getNextPageParam: (last) => last.next_before ?? undefined,
    }),
  recentActivity: (params = { limit: 15 }) =>
    queryOptions({ queryKey: queryKeys.activity.recent(params), queryFn: () => activity.recent(params) }),
  profile: (username) => queryOptions({ queryKey: queryKeys.profiles(username), queryFn: () => users.profile(username) }),
  /** Who has exactly this username: {user: member card} (404: nobody). */
  userLookup: (username) => queryOptions({ queryKey: ['users', 'lookup', username], queryFn: () => users.lookup(username), staleTime: 60000 }),
  /** A user's avatar as an object URL for <img src> (revoked when dropped from the cache). */
  avatar: (userId, url) =>
    queryOptions({
      queryKey: queryKeys.avatars(userId, url),
      queryFn: async () => URL.createObjectURL(await users.avatar(userId)),
      staleTime: Infinity,
    }),
  adminUsers: (params) => queryOptions({ queryKey: queryKeys.admin.users(params), queryFn: () => admin.users(params) }),
  /** A story's findings of `status` (open, dismissed, fixed or all). */
  findings: (storyId, status = 'open') =>
    queryOptions({ queryKey: queryKeys.stories.findings(storyId, status), queryFn: () => findings.list(storyId, status) }),
  aiAdmin: () => queryOptions({ queryKey: queryKeys.ai.admin(), queryFn: () => aiSettings.admin() }),
  aiModels: () => queryOptions({ queryKey: queryKeys.ai.models(), queryFn: () => aiSettings.models(), staleTime: 5 * 60_000 }),
  aiUsage: (days = 30) => queryOptions({ queryKey: queryKeys.ai.usage(days), queryFn: () => usage.mine(days) }),
};

/**
 * A world or anything in it changed (its cast, a story, links, an AI job's results): refetch the
 * world and everything in it, and the lists and counts that show it. Inactive queries are only
 * marked stale, so this costs a request per query on screen.
 */
export function worldChanged(queryClient, worldId) {
  return Promise.all(
    [queryKeys.worlds.detail(worldId), queryKeys.worlds.lists(), queryKeys.stories.all(), queryKeys.books.all(), queryKeys.search.all(), queryKeys.stats()].map((queryKey) =>
      queryClient.invalidateQueries({ queryKey }),
    ),
  );
}

/** A book changed and the API answered with it: show that answer, refresh its world's list of books. */
export function bookChanged(queryClient, book) {
  queryClient.setQueryData(queryKeys.books.detail(book.book_id), book);
  return queryClient.invalidateQueries({ queryKey: queryKeys.worlds.books(book.world_id) });
}

/** A story changed and the API answered with it: show that answer, then refresh its world's views. */
export function storyChanged(queryClient, story) {
  queryClient.setQueryData(queryKeys.stories.detail(story.story_id), story);
  return worldChanged(queryClient, story.world_id);
}

/** Something moved to the trash (the caller refreshes what showed it): the trash list changed. */
export function trashed(queryClient) {
  return queryClient.invalidateQueries({ queryKey: queryKeys.trash.all() });
}

/**
 * Something came back from the trash (the answer of POST /trash/{id}/restore): its world and
 * everything in it, the lists and counts that show it, and the trash.
 */
export function restored(queryClient, answer) {
  return Promise.all([trashed(queryClient), worldChanged(queryClient, answer.world_id)]);
}

// A 4xx answer (not found, not allowed, invalid) stays the same on a retry; a lost connection or a 5xx may not.
const retry = (failures, error) => failures < 2 && !(error && error.status >= 400 && error.status < 500);

const BLOB_KEYS = ['images', 'avatars'];

export function createQueryClient() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry } } });
  // an image's object URL holds its bytes until revoked: free them with the cache entry
  queryClient.getQueryCache().subscribe((event) => {
    const { query } = event;
    if (event.type === 'removed' && BLOB_KEYS.includes(query.queryKey[0]) && typeof query.state.data === 'string') URL.revokeObjectURL(query.state.data);
  });
  return queryClient;
}
