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
