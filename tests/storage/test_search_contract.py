"""``DocumentStore.search``: the same contract on TinyDB (in-memory inverted index)
and PostgreSQL (tsvector + unaccent), so the backends cannot drift."""
from __future__ import annotations

import uuid

import pytest

from storage.base import search_terms


def put_story(store, title, content="", world="w1", **extra) -> str:
    story_id = str(uuid.uuid4())
    store.put("stories", story_id, {"story_id": story_id, "world_id": world, "owner_id": "u1",
                                    "visibility": "public", "title": title, "description": "",
                                    "content": content, **extra})
    return story_id


def put_entity(store, name, world="w1", **extra) -> str:
    entity_id = str(uuid.uuid4())
    store.put("entities", entity_id, {"entity_id": entity_id, "world_id": world, "name": name, **extra})
    return entity_id


def found(store, query, collection="stories", **kwargs) -> list[str]:
    return [doc_id for doc_id, _ in store.search(collection, query, **kwargs).hits]


def test_search_terms_fold_and_the_last_word_is_a_prefix_unless_the_query_ends():
    assert search_terms("Hàng Bạc") == (["hang", "bac"], True)
    assert search_terms("hang bac ") == (["hang", "bac"], False)
    assert search_terms("Đinh, ") == (["dinh"], False)
    assert search_terms("ha b") == (["ha", "b"], False)        # one letter is no prefix
    assert search_terms("ha noi ha") == (["ha", "noi"], False)  # the last word repeats an earlier one
    assert search_terms("  !! ") == ([], False)
    assert len(search_terms(" ".join(f"w{i}" for i in range(20))).words) == 8


def test_accents_and_case_are_folded_for_search(backend):
    store = backend.store
    hanoi = put_story(store, "Hà Nội", "Thủ đô ngàn năm văn hiến.")
    street = put_story(store, "Phố cổ", "Đi dạo phố Hàng Bạc lúc hoàng hôn.")
    dinh = put_story(store, "ĐINH BỘ LĨNH", "Vua dẹp loạn mười hai sứ quân.")
    assert found(store, "ha noi") == [hanoi]
    assert found(store, "HA NOI") == [hanoi]
    assert found(store, "hà nội") == [hanoi]
    assert found(store, "hang bac") == [street]
    assert found(store, "dinh bo linh") == [dinh]
    assert found(store, "đinh") == [dinh]
    assert found(store, "thu do") == [hanoi]
    assert found(store, "zanzibar") == []


def test_the_last_word_matches_as_a_prefix(backend):
    store = backend.store
    street = put_story(store, "Phố Hàng Bạc")
    other = put_story(store, "Hàng Đào")
    assert found(store, "hang ba") == [street, other]          # both hold "hang"; "ba..." ranks first
    assert found(store, "ba") == [street]
    assert found(store, "ba ") == []                            # a finished word: "ba" itself only
    assert found(store, "dao") == [other]


def test_english_words_punctuation_and_numbers(backend):
    store = backend.store
    tale = put_story(store, "The Lighthouse", "Mail keeper@lighthouse.org before 3.14 o'clock; don't wait!")
    assert found(store, "lighthouse") == [tale]
    assert found(store, "keeper") == [tale]
    assert found(store, "org") == [tale]
    assert found(store, "14") == [tale]
    assert found(store, "don t") == [tale]
    assert found(store, "LIGHTHOUSE.") == [tale]


def test_title_hits_rank_above_body_hits_and_more_words_first(backend):
    store = backend.store
    in_body = put_story(store, "A quiet harbour", "The dragon sleeps under the harbour.")
    in_title = put_story(store, "The Dragon", "Nothing else here.")
    both_words_body = put_story(store, "Notes", "A red dragon and a blue moon.")
    both_words_title = put_story(store, "Red Dragon", "Text.")
    assert found(store, "red dragon ") == [both_words_title, both_words_body, in_title, in_body]
    scores = [score for _, score in store.search("stories", "red dragon ").hits]
    assert scores == sorted(scores, reverse=True)
    # equal scores: newest first
    assert found(store, "dragon ") == [both_words_title, in_title, both_words_body, in_body]


def test_total_counts_every_match_and_limit_cuts_the_list(backend):
    store = backend.store
    ids = [put_story(store, f"Tale {n}", "salt " * (n + 1)) for n in range(5)]
    put_story(store, "Other", "pepper")
    result = store.search("stories", "salt", limit=2)
    assert result.total == 5
    assert [doc_id for doc_id, _ in result.hits] == [ids[4], ids[3]]   # more occurrences first
    assert store.search("stories", "salt", limit=0) == ([], 0, True)


def test_filters_keep_only_documents_passing_one_clause(backend):
    store = backend.store
    a = put_story(store, "Salt road", world="w1", visibility="public")
    b = put_story(store, "Salt sea", world="w2", visibility="private", owner_id="u2")
    c = put_story(store, "Salt mine", world="w3", visibility="public", tags=["mines", "old"])
    assert set(found(store, "salt", any_of=[{"world_id": ["w1", "w2"]}])) == {a, b}
    assert found(store, "salt", any_of=[{"world_id": "w2"}]) == [b]
    assert set(found(store, "salt", any_of=[{"world_id": ["w2", "w3"], "visibility": "public"},
                                           {"owner_id": "u2"}])) == {b, c}
    assert found(store, "salt", any_of=[{"tags": "old"}]) == [c]            # a list, not indexed
    assert found(store, "salt", any_of=[{"world_id": []}]) == []
    assert store.search("stories", "salt", any_of=[]) == ([], 0, True)
    assert store.search("stories", "salt", any_of=[{"world_id": "w1"}]).total == 1
    with pytest.raises(ValueError):
        store.search("stories", "salt", any_of=[{"doc') OR 1=1 --": "x"}])


def test_list_fields_filter_by_containment(backend):
    store = backend.store
    shared = str(uuid.uuid4())
    store.put("worlds", shared, {"world_id": shared, "owner_id": "u1", "visibility": "private",
                                 "shared_with": ["u7"], "name": "Eldoria", "description": ""})
    alone = str(uuid.uuid4())
    store.put("worlds", alone, {"world_id": alone, "owner_id": "u1", "visibility": "private",
                                "shared_with": [], "name": "Eldoria Minor", "description": ""})
    assert found(store, "eldoria", "worlds", any_of=[{"shared_with": "u7"}]) == [shared]
    assert set(found(store, "eldoria", "worlds", any_of=[{"shared_with": "u7"}, {"owner_id": "u1"}])) \
        == {shared, alone}


def test_entries_are_found_by_aliases_tags_and_custom_field_values(backend):
    store = backend.store
    hero = put_entity(store, "Trần Hưng Đạo", aliases=["Hưng Đạo Vương"], description="General.",
                      tags=["tướng"], fields={"birthplace": "Nam Định", "born": 1228, "titles": ["Quốc công"]})
    assert found(store, "hung dao vuong", "entities") == [hero]
    assert found(store, "tuong", "entities") == [hero]
    assert found(store, "nam dinh", "entities") == [hero]
    assert found(store, "1228", "entities") == [hero]
    assert found(store, "quoc cong", "entities") == [hero]
    # an alias is a name: it ranks as a title hit
    plain = put_entity(store, "Someone", description="Served Hưng Đạo.")
    assert found(store, "hung dao", "entities") == [hero, plain]


def test_updates_are_reindexed_and_deletes_dropped(backend):
    store = backend.store
    story = put_story(store, "Old title", "old words")
    doc = store.get("stories", story)
    store.put("stories", story, {**doc, "title": "New title", "content": "fresh words"})
    assert found(store, "old") == []
    assert found(store, "fresh") == [story]
    store.put("stories", story, {**store.get("stories", story), "visibility": "private"})  # text unchanged
    assert found(store, "fresh") == [story]
    store.delete("stories", story)
    assert found(store, "fresh") == []
    store.put("stories", story, doc)                          # a restore puts it back
    assert found(store, "old") == [story]


def test_a_unit_that_rolls_back_leaves_the_index_alone(backend):
    store = backend.store
    story = put_story(store, "Kept", "anchor")
    with pytest.raises(RuntimeError):
        with store.unit_of_work():
            store.put("stories", story, {**store.get("stories", story), "content": "changed"})
            put_story(store, "Lost", "anchor")
            raise RuntimeError("boom")
    assert found(store, "anchor") == [story]
    assert found(store, "changed") == []


def test_the_index_survives_reopening(backend):
    store = backend.store
    story = put_story(store, "Hàng Bạc", "phố cổ")
    gone = put_story(store, "Hàng Đào", "phố cổ")
    store.delete("stories", gone)
    store = backend.reopen()
    assert found(store, "pho co") == [story]
    assert found(store, "hang") == [story]


def test_collections_without_search_fields_find_nothing(backend):
    store = backend.store
    store.put("users", "u1", {"user_id": "u1", "username": "salt", "email": "s@x.org"})
    assert store.search("users", "salt") == ([], 0, True)
    with pytest.raises(ValueError):
        store.search("nowhere", "salt")


def test_common_words_bring_only_their_newest_matches_but_candidates_score_on_every_word(backend, monkeypatch):
    monkeypatch.setattr("storage.search_index.TERM_CANDIDATES", 3)
    monkeypatch.setattr("storage.postgres_search.TERM_CANDIDATES", 3)
    monkeypatch.setattr("storage.postgres_store.TERM_CANDIDATES", 3)
    store = backend.store
    oldest = put_story(store, "The Dragon", "the end")
    newer = [put_story(store, f"Tale {n}", "the sea") for n in range(5)]
    result = store.search("stories", "the dragon ")
    assert result.hits[0][0] == oldest            # brought by "dragon", scored on "the" too
    assert result.hits[0][1] > 220
    assert [doc_id for doc_id, _ in result.hits[1:]] == newer[::-1][:3]
    assert (result.total, result.exact) == (4, False)
    assert store.search("stories", "dragon ").exact is True


def test_search_many_answers_each_request_and_get_many_reads_at_once(backend):
    store = backend.store
    story = put_story(store, "Salt road")
    entity = put_entity(store, "Salt Queen")
    answers = store.search_many("salt", [("stories", None, 10), ("entities", [{"world_id": "w9"}], 10),
                                         ("entities", None, 10), ("users", None, 10), ("stories", [], 10)])
    assert [[doc_id for doc_id, _ in a.hits] for a in answers] == [[story], [], [entity], [], []]
    assert [a.total for a in answers] == [1, 0, 1, 0, 0]
    assert store.get_many("stories", [story, "missing"]) == {story: store.get("stories", story)}
    assert store.get_many("stories", []) == {}


def _without_search():
    from core.models import REGISTRY
    return {name: type(model.__name__, (model,), {"search_fields": (), "search_titles": ()})
            for name, model in REGISTRY.items()}


def test_tinydb_indexes_documents_written_before_search_existed(tmp_path):
    from core.models import REGISTRY
    from storage.tinydb_store import TinyDBStore
    path = str(tmp_path / "old.json")
    old = TinyDBStore(path, _without_search())
    story = put_story(old, "Hàng Bạc", "phố cổ")
    assert old.search("stories", "hang bac") == ([], 0, True)
    old.close()
    store = TinyDBStore(path, REGISTRY)
    try:
        assert found(store, "hang bac") == [story]
    finally:
        store.close()


@pytest.mark.postgres
def test_postgres_adds_its_search_columns_to_an_existing_database_on_start_up():
    """The schema fingerprint changed: the first start with search fields adds the
    generated columns and indexes, filled for the rows already there."""
    from core.models import REGISTRY
    from pg_schema import fresh_schema
    from storage.postgres_store import PostgresStore
    with fresh_schema() as url:
        old = PostgresStore(url, _without_search(), pool_size=2)
        story = put_story(old, "Hàng Bạc", "phố cổ")
        with old._pool.connection() as conn:
            columns = {r[0] for r in conn.execute("SELECT column_name FROM information_schema.columns "
                                                  "WHERE table_name = 'ws_stories' AND table_schema = current_schema()")}
        assert "s_vec" not in columns
        old.close()
        store = PostgresStore(url, REGISTRY, pool_size=2)
        try:
            assert found(store, "hang bac") == [story]
        finally:
            store.close()


def test_similar_titles_catch_typos_when_no_word_matches(backend):
    store = backend.store
    hero = put_entity(store, "Trần Hưng Đạo", description="General.")
    put_entity(store, "Lý Thường Kiệt")
    elsewhere = put_entity(store, "Trần Hưng Đạt", world="w2")
    result = store.similar("entities", "tran hung dai")
    assert [doc_id for doc_id, _ in result.hits][:1] in ([hero], [elsewhere])
    assert {doc_id for doc_id, _ in result.hits} == {hero, elsewhere}
    assert all(0.6 <= score <= 1 for _, score in result.hits)
    assert [doc_id for doc_id, _ in store.similar("entities", "tran hung dai", any_of=[{"world_id": "w1"}]).hits] \
        == [hero]
    assert store.similar("entities", "general").hits == []       # a description is no title
    assert store.similar("entities", "zzzz qqqq").hits == []
    store.delete("entities", hero)
    assert {doc_id for doc_id, _ in store.similar("entities", "tran hung dai").hits} == {elsewhere}
