import { useContext } from 'react';
import { AuthContext } from './authContext.js';

export function useAuth() {
  return useContext(AuthContext);
}

/** May this user change the given world/story? Owners and admins may. */
export function canEdit(user, resource) {
  if (!user || !resource) return false;
  return user.role === 'admin' || resource.owner_id === user.user_id;
}

/**
 * The user's role in a world: 'owner' | 'co_author' | 'reader' | null. The API says it (`my_role`);
 * older answers without it are read from the owner and member lists.
 */
export function worldRole(user, world) {
  if (!user || !world) return null;
  if (world.my_role !== undefined) return world.my_role || null;
  if (world.owner_id === user.user_id) return 'owner';
  if ((world.co_authors || []).includes(user.user_id)) return 'co_author';
  if ((world.shared_with || []).includes(user.user_id)) return 'reader';
  return null;
}

/** May this user change the world's content (stories, entries, relations, events)? Owners, co-authors and admins may. */
export function canWrite(user, world) {
  if (!user || !world) return false;
  return user.role === 'admin' || ['owner', 'co_author'].includes(worldRole(user, world));
}
