// Every request the API client (api.js) sends, keyed by the client function that sends it:
// [method, path under /api, the query parameters it may carry]. api.js builds each request from
// its row and refuses any other query parameter; endpoints.test.js checks every row against the
// backend's OpenAPI spec (openapi.json) and that each function sends what its row says.
export const ENDPOINTS = {
  'auth.register': ['POST', '/auth/register'],
  'auth.login': ['POST', '/auth/login'],
  'auth.me': ['GET', '/auth/me'],
  'auth.changePassword': ['POST', '/auth/change-password'],
  'auth.updateMe': ['PATCH', '/auth/me'],
  'auth.setAvatar': ['PUT', '/auth/me/avatar'],
  'auth.removeAvatar': ['DELETE', '/auth/me/avatar'],
  'auth.changeEmail': ['POST', '/auth/change-email'],
  'auth.deletionPlan': ['GET', '/auth/me/deletion-plan'],
  'auth.deleteAccount': ['DELETE', '/auth/me'],

  'worlds.list': ['GET', '/worlds', ['q', 'world_type', 'mine', 'page', 'per_page']],
  'worlds.get': ['GET', '/worlds/{world_id}'],
  'worlds.create': ['POST', '/worlds'],
  'worlds.update': ['PATCH', '/worlds/{world_id}'],
  'worlds.remove': ['DELETE', '/worlds/{world_id}'],
  'worlds.stories': ['GET', '/worlds/{world_id}/stories', ['tag', 'per_page']],
  'worlds.characters': ['GET', '/worlds/{world_id}/characters', ['per_page']],
  'worlds.createEntity': ['POST', '/worlds/{world_id}/entities'],
  'worlds.updateEntity': ['PUT', '/worlds/{world_id}/entities/{entity_id}'],
  'worlds.deleteEntity': ['DELETE', '/worlds/{world_id}/entities/{entity_id}'],
  'worlds.locations': ['GET', '/worlds/{world_id}/locations', ['per_page']],
  'worlds.createLocation': ['POST', '/worlds/{world_id}/locations'],
  'worlds.updateLocation': ['PUT', '/worlds/{world_id}/locations/{location_id}'],
  'worlds.deleteLocation': ['DELETE', '/worlds/{world_id}/locations/{location_id}'],
  'worlds.share': ['POST', '/worlds/{world_id}/share'],
  'worlds.unshare': ['POST', '/worlds/{world_id}/unshare'],
  'worlds.autoLink': ['POST', '/worlds/{world_id}/auto-link-stories'],
  'worlds.relationships': ['GET', '/worlds/{world_id}/relationships'],
  'worlds.events': ['GET', '/worlds/{world_id}/events', ['entity_id', 'location_id', 'story_id']],
  'worlds.extractEvents': ['POST', '/worlds/{world_id}/events/extract', ['force']],
  'worlds.eventsPlan': ['GET', '/worlds/{world_id}/events/plan'],
  'worlds.ignoredNames': ['GET', '/worlds/{world_id}/ignored-names'],
  'worlds.unignoreName': ['DELETE', '/worlds/{world_id}/ignored-names/{key}'],
  'worlds.graph': ['GET', '/worlds/{world_id}/graph', ['mode', 'kinds', 'types', 'all_entries']],
  'worlds.locationTree': ['GET', '/worlds/{world_id}/locations/tree'],

  // the codex: every entry of a world (entities of each kind and locations)
  'entries.list': ['GET', '/worlds/{world_id}/entries', ['kind', 'tag', 'q', 'parent_id', 'sort', 'page', 'per_page']],
  'entries.get': ['GET', '/worlds/{world_id}/entries/{entry_id}'],
  'entries.mentions': ['GET', '/worlds/{world_id}/entries/{entry_id}/mentions', ['page', 'per_page']],
  'entries.familyTree': ['GET', '/worlds/{world_id}/entries/{entry_id}/family-tree', ['depth']],

  'fieldTemplates.list': ['GET', '/worlds/{world_id}/field-templates', ['kind', 'per_page']],
  'fieldTemplates.create': ['POST', '/worlds/{world_id}/field-templates'],
  'fieldTemplates.update': ['PATCH', '/worlds/{world_id}/field-templates/{template_id}'],
  'fieldTemplates.remove': ['DELETE', '/worlds/{world_id}/field-templates/{template_id}'],

  'relations.types': ['GET', '/worlds/{world_id}/relation-types'],
  'relations.setTypes': ['PUT', '/worlds/{world_id}/relation-types'],
  'relations.list': ['GET', '/worlds/{world_id}/relations', ['entry_id', 'type', 'page', 'per_page']],
  'relations.create': ['POST', '/worlds/{world_id}/relations'],
  'relations.update': ['PATCH', '/worlds/{world_id}/relations/{relation_id}'],
  'relations.remove': ['DELETE', '/worlds/{world_id}/relations/{relation_id}'],

  // the people of a world: members, invitations, profiles, what they did and the live stream of it
  'members.list': ['GET', '/worlds/{world_id}/members'],
  'members.setRole': ['PATCH', '/worlds/{world_id}/members/{user_id}'],
  'members.remove': ['DELETE', '/worlds/{world_id}/members/{user_id}'],
  'members.invite': ['POST', '/worlds/{world_id}/invitations'],
  'members.invitations': ['GET', '/worlds/{world_id}/invitations'],
  'members.revoke': ['DELETE', '/worlds/{world_id}/invitations/{invitation_id}'],
  'invitations.mine': ['GET', '/invitations'],
  'invitations.accept': ['POST', '/invitations/{invitation_id}/accept'],
  'invitations.decline': ['POST', '/invitations/{invitation_id}/decline'],
  'users.lookup': ['GET', '/users/lookup', ['username']],
  'users.profile': ['GET', '/users/by-name/{username}'],
  'users.avatar': ['GET', '/users/{user_id}/avatar'],
  'activity.world': ['GET', '/worlds/{world_id}/activity', ['limit', 'before', 'after']],
  'activity.recent': ['GET', '/activity', ['limit']],
  'live.ticket': ['POST', '/worlds/{world_id}/live/ticket'],

  'images.upload': ['POST', '/worlds/{world_id}/images'],
  'images.remove': ['DELETE', '/worlds/{world_id}/images/{image_id}'],
  'images.file': ['GET', '/images/{image_id}'],
  'images.thumbnail': ['GET', '/images/{image_id}/thumbnail'],

  'mentions.resolve': ['GET', '/worlds/{world_id}/mentions/resolve', ['names']],

  // books: chapters (stories) in order, and each reader's place in them
  'books.list': ['GET', '/worlds/{world_id}/books', ['page', 'per_page']],
  'books.create': ['POST', '/worlds/{world_id}/books'],
  'books.get': ['GET', '/books/{book_id}'],
  'books.update': ['PATCH', '/books/{book_id}'],
  'books.remove': ['DELETE', '/books/{book_id}'],
  'books.reorder': ['PUT', '/books/{book_id}/chapters'],
  'books.addChapter': ['POST', '/books/{book_id}/chapters'],
  'books.removeChapter': ['DELETE', '/books/{book_id}/chapters/{story_id}'],
  'books.position': ['GET', '/books/{book_id}/position'],
  'books.setPosition': ['PUT', '/books/{book_id}/position'],

  'stories.list': ['GET', '/stories', ['q', 'genre', 'world_id', 'tag', 'page', 'per_page']],
  'stories.get': ['GET', '/stories/{story_id}'],
  'stories.create': ['POST', '/stories'],
  'stories.update': ['PATCH', '/stories/{story_id}'],
  'stories.remove': ['DELETE', '/stories/{story_id}'],
  'stories.linkEntities': ['POST', '/stories/{story_id}/link-entities'],
  'stories.clearLinks': ['POST', '/stories/{story_id}/clear-links'],
  'stories.extractEvents': ['POST', '/stories/{story_id}/events/extract'],
  'stories.clearEventsCache': ['DELETE', '/stories/{story_id}/events/cache'],
  'stories.startAnalysis': ['POST', '/stories/{story_id}/analyses'],
  'stories.review': ['GET', '/stories/{story_id}/review'],

  'reviews.decide': ['POST', '/reviews/{review_id}/decisions'],
  'reviews.undo': ['POST', '/reviews/{review_id}/undo'],

  'events.update': ['PATCH', '/events/{event_id}'],
  'events.remove': ['DELETE', '/events/{event_id}'],
  'events.connect': ['POST', '/events/{event_id}/connections'],

  'gpt.generateDescription': ['POST', '/gpt/generate-description'],
  'gpt.analyze': ['POST', '/gpt/analyze'],
  'gpt.batchAnalyze': ['POST', '/gpt/batch-analyze-stories'],
  'gpt.result': ['GET', '/gpt/results/{task_id}'],
  'gpt.tasks': ['GET', '/gpt/tasks', ['per_page']],
  'gpt.cancel': ['DELETE', '/gpt/tasks/{task_id}'],
  // the task's text as it arrives (GET /gpt/results/{task_id}/stream) is read with fetch, not
  // through this table: components/editor/aiStream.js, checked against the spec in its test

  'writing.start': ['POST', '/worlds/{world_id}/writing'],

  'admin.users': ['GET', '/admin/users', ['search', 'role']],
  'admin.setRole': ['PUT', '/admin/users/{user_id}/role'],
  'admin.ban': ['POST', '/admin/users/{user_id}/ban'],
  'admin.roles': ['GET', '/admin/roles'],
  'admin.stats': ['GET', '/admin/stats'],
  'admin.health': ['GET', '/health'],

  'trash.list': ['GET', '/trash', ['page', 'per_page']],
  'trash.restore': ['POST', '/trash/{trash_id}/restore'],
  'trash.purge': ['DELETE', '/trash/{trash_id}'],

  'search.find': ['GET', '/search', ['q', 'world_id', 'types', 'kind', 'tag', 'page', 'per_page']],

  getStats: ['GET', '/stats'],

  // consistency checks of a story and what they found (issue 14)
  'checks.start': ['POST', '/stories/{story_id}/checks'],
  'findings.list': ['GET', '/stories/{story_id}/findings', ['status']],
  'findings.setStatus': ['PATCH', '/findings/{finding_id}'],
  // the AI's settings (admin), the models a world may use, and what AI jobs used
  'aiSettings.admin': ['GET', '/admin/ai'],
  'aiSettings.test': ['POST', '/admin/ai/test'],
  'aiSettings.models': ['GET', '/ai/models'],
  'usage.mine': ['GET', '/usage', ['days']],
};
