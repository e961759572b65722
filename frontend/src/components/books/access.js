/** May `user` write in `world` (add books and chapters)? Its owner, a co-author (world.my_role) or an admin. */
export function canWrite(user, world) {
  if (!user || !world) return false;
  return user.role === 'admin' || world.owner_id === user.user_id || world.my_role === 'owner' || world.my_role === 'co_author';
}
