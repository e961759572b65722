"""A world's members (owner, co-authors, readers): list, change a role, remove, leave;
and finding a person by their exact username."""
from flask import jsonify

from interfaces.auth import current_user, optional_auth, token_required
from interfaces.limits import rate_limit
from interfaces.resource import resource_blueprint
from interfaces.schemas.members import (LookupQuery, MemberChangedOut, MemberRemovedOut, MembersOut, RoleBody,
                                        UserLookupOut)
from interfaces.validation import body, errors, query, responds
from services import access
from services.member_service import member_card


def create_members_blueprint(services):
    store, members = services.store, services.members
    bp = resource_blueprint("members", __name__, store)

    @bp.get("/worlds/<world_id>/members")
    @optional_auth
    @responds(200, "The world's members", schema=MembersOut)
    def list_members(world_id):
        """The world's owner, co-authors and readers with their names and avatars (members and
        admins; anyone else 404)."""
        user = current_user()
        world = access.visible_world(store, user, world_id)
        return jsonify(success=True, members=members.list(world, user))

    @bp.patch("/worlds/<world_id>/members/<user_id>")
    @token_required
    @errors(409)
    @body(RoleBody)
    @responds(200, "The member in their new role", schema=MemberChangedOut)
    def change_role(world_id, user_id, body: RoleBody):
        """Make a member a co-author or a reader (owner). 404 `member_not_found` for a non-member;
        409 `owner_role` for the owner."""
        world = access.editable_world(store, current_user(), world_id)
        return jsonify(success=True, member=members.change_role(world, user_id, body.role))

    @bp.delete("/worlds/<world_id>/members/<user_id>")
    @token_required
    @errors(409)
    @responds(200, "Removed", schema=MemberRemovedOut)
    def remove_member(world_id, user_id):
        """Remove a member (owner), or leave the world (a member removing themself).
        The owner cannot leave (409 `owner_cannot_leave`)."""
        user = current_user()
        world = access.visible_world(store, user, world_id)
        members.remove(world, user, user_id)
        return jsonify(success=True, world_id=world_id, user_id=user_id)

    @bp.get("/users/lookup")
    @rate_limit("lookup")
    @token_required
    @errors(404)
    @query(LookupQuery)
    @responds(200, "The person", schema=UserLookupOut)
    def lookup_user(query: LookupQuery):
        """The account with exactly this username (ignoring case, as at login); 404
        `user_not_found` otherwise. No partial matches and no email lookup. Rate limited per user."""
        return jsonify(success=True, user=member_card(members.lookup(query.username)))

    return bp
