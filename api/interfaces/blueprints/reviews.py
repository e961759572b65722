"""Reviews: analyse a story into proposals, then decide what each becomes.

The analysis changes nothing in the world: it records proposals (a new
character, creature, faction or place; an existing entry; an alias of one).
Only what the writer accepts is created or linked, all in one unit of work,
and a review can be undone in one step.
"""
from flask import jsonify

from core.errors import NotFound
from interfaces.auth import current_user, token_required
from interfaces.blueprints.gpt import accepted, started
from interfaces.limits import rate_limit
from interfaces.resource import resource_blueprint
from interfaces.schemas.reviews import DecisionsBody, IgnoredNameOut, ReviewDecidedOut, ReviewOut, UnignoredOut
from interfaces.validation import body, errors, responds
from services import access


def create_reviews_blueprint(services):
    store, ai, reviews = services.store, services.ai, services.reviews
    bp = resource_blueprint("reviews", __name__, store)

    def editable_review(review_id: str):
        """The review and its world, if the caller may change its story (else 404/403 as for it)."""
        user = current_user()
        review = reviews.get(review_id)
        try:
            if review.story_id:
                _, world = access.editable_story(store, user, review.story_id)
            else:
                world = access.writable_world(store, user, review.world_id)
        except NotFound:   # one answer for a review you may not see and one that does not exist
            raise NotFound("Review not found") from None
        return user, review, world

    @bp.post("/stories/<story_id>/analyses")
    @rate_limit("ai")
    @token_required
    @started
    def start_analysis(story_id):
        """Analyse a story: find the names it mentions and propose what each is (owner or co-author).

        Result: `{review_id, story_id, proposals, message}`; the proposals are at
        `GET /api/stories/{story_id}/review`. Nothing in the world changes.
        """
        user = current_user()
        story, _ = access.editable_story(store, user, story_id)
        return accepted(ai.start(user, "story_review", story_id=story.story_id))

    @bp.get("/stories/<story_id>/review")
    @token_required
    @responds(200, "The story's latest review", schema=ReviewOut)
    def latest_review(story_id):
        """The latest analysis of the story and the decisions taken on it (owner or co-author); 404 if none."""
        story, _ = access.editable_story(store, current_user(), story_id)
        return jsonify(reviews.present(reviews.latest(story)))

    @bp.post("/reviews/<review_id>/decisions")
    @token_required
    @errors(409)
    @body(DecisionsBody)
    @responds(200, "The review and what the decisions changed", schema=ReviewDecidedOut)
    def decide(review_id, body: DecisionsBody):
        """Decide proposals: accept (rename, change kind), merge into an entry, or ignore.

        All the decisions apply together or none does (400 names the bad one;
        409 when one is already decided or the review was undone). Never creates
        a second entry for a name or alias any entry of the world has.
        """
        user, review, world = editable_review(review_id)
        decisions = [d.model_dump(exclude_none=True) for d in body.decisions]
        return jsonify(reviews.decide(user, review, world, decisions, body.accept_confident))

    @bp.post("/reviews/<review_id>/undo")
    @token_required
    @errors(409)
    @responds(200, "The review, undone", schema=ReviewOut)
    def undo(review_id):
        """Undo what the review (or a batch analysis) changed: created entries go to the
        trash, added aliases and links are removed, ignored names are ignored no more."""
        user, review, world = editable_review(review_id)
        return jsonify(reviews.undo(user, review, world))

    @bp.get("/worlds/<world_id>/ignored-names")
    @token_required
    @responds(200, "The names the world's analyses ignore", schema=list[IgnoredNameOut])
    def ignored_names(world_id):
        """Names a writer told the analysis to ignore in this world (owner or co-author)."""
        return jsonify(reviews.ignored(access.writable_world(store, current_user(), world_id)))

    @bp.delete("/worlds/<world_id>/ignored-names/<key>")
    @token_required
    @responds(200, "The name may be proposed again", schema=UnignoredOut)
    def unignore(world_id, key):
        """Stop ignoring a name (owner or co-author)."""
        reviews.unignore(access.writable_world(store, current_user(), world_id), key)
        return jsonify(message="The name is no longer ignored", key=key)

    return bp
