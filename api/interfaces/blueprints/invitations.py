"""Invitations to a world: the owner invites by username or email, lists and revokes
pending ones; the invitee sees theirs, accepts or declines."""
from flask import jsonify

from interfaces.auth import current_user, token_required
from interfaces.resource import resource_blueprint
from interfaces.schemas.members import (InvitationAcceptedOut, InvitationBody, InvitationEnvelopeOut,
                                        InvitationsOut)
from interfaces.validation import body, errors, responds
from services import access


def create_invitations_blueprint(services):
    store, invitations = services.store, services.invitations
    bp = resource_blueprint("invitations", __name__, store)

    @bp.post("/worlds/<world_id>/invitations")
    @token_required
    @errors(409)
    @body(InvitationBody)
    @responds(201, "Invitation made", schema=InvitationEnvelopeOut)
    def invite(world_id, body: InvitationBody):
        """Invite someone to the world as a co-author or a reader (owner).

        By username: exact match ignoring case, else 404 `user_not_found`; 409
        `already_member` or `invitation_pending`. By email address: the answer is the
        same whether or not an account has that email (the account that has it sees
        the invitation); 409 `invitation_pending` for a repeat. Expires after
        `INVITATION_DAYS` days; 409 `members_full` past the limits of a world.
        """
        user = current_user()
        world = access.editable_world(store, user, world_id)
        made = invitations.invite(world, user, body.invitee, body.role)
        return jsonify(success=True, invitation=invitations.present(made)), 201

    @bp.get("/worlds/<world_id>/invitations")
    @token_required
    @responds(200, "Pending invitations, newest first", schema=InvitationsOut)
    def world_invitations(world_id):
        """The world's pending invitations that have not expired (owner)."""
        world = access.editable_world(store, current_user(), world_id)
        return jsonify(success=True, invitations=invitations.present_many(invitations.pending_of_world(world)))

    @bp.delete("/worlds/<world_id>/invitations/<invitation_id>")
    @token_required
    @errors(409)
    @responds(200, "The revoked invitation", schema=InvitationEnvelopeOut)
    def revoke(world_id, invitation_id):
        """Revoke a pending invitation (owner); 409 when it was answered or has expired."""
        world = access.editable_world(store, current_user(), world_id)
        return jsonify(success=True, invitation=invitations.present(invitations.revoke(world, invitation_id)))

    @bp.get("/invitations")
    @token_required
    @responds(200, "Your pending invitations, newest first", schema=InvitationsOut)
    def inbox():
        """Invitations to you (by username, or to your account's email) still pending and unexpired."""
        found = invitations.inbox(current_user())
        return jsonify(success=True, invitations=invitations.present_many(found))

    @bp.post("/invitations/<invitation_id>/accept")
    @token_required
    @errors(409)
    @responds(200, "Joined", schema=InvitationAcceptedOut)
    def accept(invitation_id):
        """Join the world in the invited role. Someone else's invitation: 404; one no longer
        pending: 409 (`invitation_expired`, `invitation_closed`)."""
        accepted = invitations.accept(current_user(), invitation_id)
        return jsonify(success=True, world_id=accepted.world_id, role=accepted.role)

    @bp.post("/invitations/<invitation_id>/decline")
    @token_required
    @errors(409)
    @responds(200, "Declined", schema=InvitationEnvelopeOut)
    def decline(invitation_id):
        """Decline an invitation. Someone else's invitation: 404; one no longer pending: 409."""
        declined = invitations.decline(current_user(), invitation_id)
        return jsonify(success=True, invitation=invitations.present(declined))

    return bp
