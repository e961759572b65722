"""Search over everything the caller may see."""
from interfaces.auth import current_user, optional_auth
from interfaces.pagination import PageQuery, page_response, paged
from interfaces.read_cache import ReadCache
from interfaces.resource import resource_blueprint
from interfaces.schemas.search import SearchQuery
from interfaces.schemas.search_out import SearchHitOut
from interfaces.validation import query


def create_search_blueprint(services):
    bp = resource_blueprint("search", __name__, services.store)
    reads = ReadCache(bp, services.store)  # the same search again, until the next commit

    @bp.get("/search")
    @optional_auth
    @reads.cached
    @query(SearchQuery)
    @paged(SearchHitOut, "One page of hits, best first, a bare array")
    def search(query: SearchQuery):
        """Stories (title and text), entries (names, aliases, descriptions, tags, field values),
        events and worlds the caller may see, best first.

        Accents, tone marks and case are folded ("ha noi" finds "Hà Nội"). Ranked by how
        many of the words a hit holds, then how many are in its title, then how often they
        occur; when no word matches, titles like the query (a typo), scored below 100.
        Deleted things are not found. Bounded cost: each word brings its newest 200 matches
        of each kind to be ranked, and at most 200 hits are reached over all pages;
        `X-Total-Count-Exact: false` when a word had more matches than that, or events of
        others' stories were not all checked.
        """
        page = PageQuery(page=query.page, per_page=query.per_page)
        found = services.search.search(current_user(), query.q, page.offset, page.per_page,
                                       world_id=query.world_id, types=query.type_list(),
                                       kind=query.kind, tag=query.tag)
        return page_response(found.items, found.total, page, found.complete)

    return bp
