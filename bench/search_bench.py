"""Search benchmark: query latency, index build time, write overhead and index memory.

    .venv/bin/python bench/search_bench.py            # 10k stories of ~1,000 words on TinyDB,
                                                      # 100k entries on PostgreSQL
    .venv/bin/python bench/search_bench.py --quick    # 1k stories, 10k entries
    .venv/bin/python bench/search_bench.py --only tinydb

The text is generated, deterministically: prose of English and Vietnamese words
(Zipf-distributed over a common core and a long tail of made-up words), with
the world's characters and places named in it. Queries are timed through
``SearchService.search`` (visibility filter, ranking, snippets: everything but
HTTP), first page of 20, for an anonymous caller, a writer owning two worlds
and an admin; p50/p95 per query class and over all. Goal: p95 <= 50 ms.

* Index build: TinyDB builds its index when it opens the file (timed, with the
  open time without any search fields for comparison); PostgreSQL adds the
  generated columns and GIN indexes to existing rows when a store with the new
  schema first starts (the upgrade an existing database goes through).
* Write overhead: one save (a unit of work replacing a document with new text,
  journal fsync or COMMIT included), with and without search fields.
* Memory (TinyDB): the postings arrays, their dict and the vocabulary.
PostgreSQL runs in a fresh schema of DATABASE_TEST_URL, dropped at the end.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [os.path.join(ROOT, "api"), os.path.join(ROOT, "tests")]

from core.models import REGISTRY, Entity, Location, Story, User, World  # noqa: E402
from generators.name_pools import POOLS  # noqa: E402
from generators.name_pools_vi import FAMILY, GIVEN, MIDDLE  # noqa: E402
from services.search_service import SearchService  # noqa: E402

EN = ("the of and to a in was he it that his she for on her with as had at by not but from they "
      "this be were all one which you would there their an we when or so if no them up out into "
      "over then about what some could its time only more now like than old sea storm king queen "
      "dragon river mountain city night light fire stone ship road forest gate tower harbour blood "
      "sword crown winter summer rain wind shadow silver golden ancient village market bridge "
      "temple prince soldier merchant priest daughter son mother father brother sister letter war "
      "peace promise secret journey home dark bright cold quiet long small great broken hidden").split()
VI = ("và của là có một những người trong không được đã cho với này các như để khi thì lại ra "
      "nhưng cũng từ đến rằng đi về nói làm biết năm ngày đêm nước nhà sông núi biển làng phố chợ "
      "vua quan lính thuyền mưa gió trăng lửa đá đường cầu chùa đền thành trời đất mẹ cha anh chị "
      "em con già trẻ xưa nay sáng tối xa gần buồn vui thương nhớ hát kể chuyện lời hứa bí mật "
      "Hà Nội Huế Sài Gòn Hàng Bạc Hàng Đào Bạch Đằng Thăng Long Hồ Gươm sen tre lúa gạo bánh").split()
ONSETS = ["b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "k", "l", "m", "n", "p", "r", "s",
          "st", "t", "th", "tr", "v", "w", "z", "ng", "nh", "kh", "ph", "qu", "đ"]
VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "ă", "â", "ê", "ô", "ơ", "ư", "à", "á", "ả",
          "ã", "ạ", "è", "é", "ì", "í", "ò", "ó", "ỏ", "ọ", "ù", "ú", "ụ", "ừ", "ứ", "ồ", "ố", "ệ"]
CODAS = ["", "", "n", "ng", "m", "t", "c", "nh", "ch", "l", "r", "s", "th", "rd", "x"]
TAIL_WORDS = 40_000
PAGE = 20


# -- generated data ----------------------------------------------------------------------

class Prose:
    """Deterministic Zipf-distributed prose over a common core and a made-up tail."""

    def __init__(self, seed: int = 12):
        self.rng = random.Random(seed)
        tail = {self._made_up() for _ in range(TAIL_WORDS)}
        self.words = EN + VI + sorted(tail - set(EN) - set(VI))
        weights = [1.0 / (rank + 2.7) for rank in range(len(self.words))]
        self.cumulative = [sum(weights[:1])]
        for w in weights[1:]:
            self.cumulative.append(self.cumulative[-1] + w)

    def _made_up(self) -> str:
        rng = self.rng
        return "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)
                       for _ in range(rng.choice((1, 1, 2, 2, 3))))

    def text(self, words: int, names: list[str]) -> str:
        picked = self.rng.choices(self.words, cum_weights=self.cumulative, k=words)
        for i in range(0, words, self.rng.randint(25, 60)):
            picked[i] = self.rng.choice(names)
        sentences, i = [], 0
        while i < len(picked):
            n = self.rng.randint(8, 20)
            chunk = picked[i:i + n]
            sentences.append(chunk[0].capitalize() + " " + " ".join(chunk[1:]) + ".")
            i += n
        return " ".join(sentences)

    def name(self) -> str:
        rng = self.rng
        if rng.random() < 0.5:
            sex = rng.choice(("male", "female"))
            return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE[sex])} {rng.choice(GIVEN[sex])}"
        pool = POOLS[rng.choice(sorted(POOLS))]
        return f"{rng.choice(pool['given'])} {rng.choice(pool['family'])}"


def make_worlds(prose: Prose, count: int, owners: int) -> list[World]:
    rng = prose.rng
    return [World(name=f"{rng.choice(EN).title()} {rng.choice(VI).title()} {n}", owner_id=f"owner-{n % owners}",
                  visibility="public" if n % 2 == 0 else "private",
                  description=prose.text(40, ["Hà Nội"])) for n in range(count)]


def story_docs(prose: Prose, worlds: list[World], count: int, words: int):
    rng = prose.rng
    casts = {w.world_id: [prose.name() for _ in range(12)] for w in worlds}
    for n in range(count):
        world = worlds[n % len(worlds)]
        names = casts[world.world_id]
        story = Story(world_id=world.world_id, owner_id=world.owner_id, title=f"{rng.choice(names)} and the "
                      f"{rng.choice(EN)} {rng.choice(VI)}", visibility="public" if rng.random() < 0.7 else "private",
                      description=prose.text(30, names), content=prose.text(words, names),
                      tags=[rng.choice(EN)])
        yield story.story_id, story.to_dict()


def entry_docs(prose: Prose, worlds: list[World], count: int):
    rng = prose.rng
    for n in range(count):
        world = worlds[n % len(worlds)]
        name = prose.name() if n % 5 else f"{rng.choice(('phố', 'làng', 'chùa', 'Fort', 'Port'))} {prose.name()}"
        common = dict(world_id=world.world_id, name=f"{name} {n}", description=prose.text(rng.randint(20, 60), [name]),
                      aliases=[name.split()[-1]], tags=[rng.choice(EN), rng.choice(VI)],
                      fields={"title": rng.choice(VI), "born": rng.randint(900, 1500)})
        if n % 5:
            entity = Entity(entity_type=rng.choice(("character", "creature", "faction", "item")), **common)
            yield Entity.collection, entity.entity_id, entity.to_dict()
        else:
            location = Location(location_type="city", **common)
            yield Location.collection, location.location_id, location.to_dict()


def without_search(registry):
    """The registry with no search fields (the store as it was before search)."""
    return {name: type(model.__name__, (model,), {"search_fields": (), "search_titles": ()})
            for name, model in registry.items()}


# -- measuring -----------------------------------------------------------------------------

def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def queries(prose: Prose, docs: list[dict], title_field: str, count: int) -> list[tuple[str, str]]:
    """(class, query) pairs: names typed without tone marks, common and rarer words, prefixes."""
    from core.text import fold
    rng = random.Random(7)
    mid = prose.words[300:3000]
    tail = prose.words[3000:]
    made = []
    for i in range(count):
        kind = ("name", "common", "mid", "rare", "prefix", "vietnamese")[i % 6]
        if kind == "name":
            q = fold(" ".join(rng.choice(docs)[title_field].split()[:2]))
        elif kind == "common":
            q = f"{rng.choice(EN[40:])} {rng.choice(EN[40:])}"
        elif kind == "mid":
            q = f"{rng.choice(mid)} {rng.choice(mid)} "
        elif kind == "rare":
            q = rng.choice(tail) + " "
        elif kind == "prefix":
            q = f"{rng.choice(EN[40:])} {fold(rng.choice(mid))[:3]}"
        else:
            q = fold(f"{rng.choice(VI)} {rng.choice(VI)}")
        made.append((kind, q))
    return made


def time_queries(service: SearchService, callers: dict, made: list[tuple[str, str]]) -> dict:
    by_class: dict[str, list[float]] = {}
    for label, user in callers.items():
        for q in (q for _, q in made[:10]):   # warm-up
            service.search(user, q, 0, PAGE)
        for kind, q in made:
            started = time.perf_counter()
            service.search(user, q, 0, PAGE)
            elapsed = (time.perf_counter() - started) * 1000
            by_class.setdefault(kind, []).append(elapsed)
            by_class.setdefault(f"caller:{label}", []).append(elapsed)
            by_class.setdefault("all", []).append(elapsed)
    return by_class


def report(title: str, by_class: dict) -> None:
    print(f"\n{title}: search latency (ms, first page of {PAGE}, through SearchService)")
    print(f"  {'class':<22}{'n':>6}{'p50':>9}{'p95':>9}{'max':>9}")
    for kind, values in by_class.items():
        print(f"  {kind:<22}{len(values):>6}{statistics.median(values):>9.1f}{percentile(values, 95):>9.1f}"
              f"{max(values):>9.1f}")


def time_saves(store, collection: str, ids: list[str], prose: Prose, words: int, names: list[str],
               edit: bool = False) -> list[float]:
    """ms per save: the text rewritten with ``words`` new words, or (``edit``) a sentence added."""
    spent = []
    for doc_id in ids:
        doc = store.get(collection, doc_id)
        field = "content" if collection == Story.collection else "description"
        doc[field] = doc[field] + " " + prose.text(15, names) if edit else prose.text(words, names)
        started = time.perf_counter()
        with store.unit_of_work():
            store.put(collection, doc_id, doc)
        spent.append((time.perf_counter() - started) * 1000)
    return spent


def saves_line(what: str, without: list[float], with_index: list[float]) -> None:
    print(f"  save, {what}: without index p50 {statistics.median(without):.2f} ms "
          f"(p95 {percentile(without, 95):.2f}), with index p50 {statistics.median(with_index):.2f} ms "
          f"(p95 {percentile(with_index, 95):.2f})")


def callers_for(worlds: list[World]) -> dict:
    writer = User(username="writer", email="w@example.com", password_hash="x", user_id=worlds[1].owner_id)
    admin = User(username="admin", email="a@example.com", password_hash="x", role="admin")
    return {"anonymous": None, "writer": writer, "admin": admin}


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


# -- the two backends -------------------------------------------------------------------------

def bench_tinydb(stories: int, words: int, query_count: int, saves: int) -> None:
    from storage.tinydb_store import TinyDBStore
    prose = Prose()
    worlds = make_worlds(prose, max(4, stories // 50), owners=max(2, stories // 100))
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "bench.json")
        started = time.perf_counter()
        store = TinyDBStore(path, without_search(REGISTRY))
        store.put_many(World.collection, [(w.world_id, w.to_dict()) for w in worlds])
        batch, sample = [], []
        for doc_id, doc in story_docs(prose, worlds, stories, words):
            batch.append((doc_id, doc))
            if len(sample) < 400:
                sample.append(doc)
            if len(batch) == 500:
                store.put_many(Story.collection, batch)
                batch = []
        if batch:
            store.put_many(Story.collection, batch)
        store.close()
        size = os.path.getsize(path) / 2**20
        print(f"TinyDB: {stories} stories of ~{words} words in {len(worlds)} worlds, file {size:.0f} MB, "
              f"generated and written in {time.perf_counter() - started:.0f} s")

        started = time.perf_counter()
        plain = TinyDBStore(path, without_search(REGISTRY))
        plain_open = time.perf_counter() - started
        names = [prose.name() for _ in range(5)]
        update_ids = [d["story_id"] for d in sample[:saves]]
        plain_saves = time_saves(plain, Story.collection, update_ids, prose, words, names)
        plain_edits = time_saves(plain, Story.collection, update_ids, prose, words, names, edit=True)
        plain.close()
        del plain

        rss_before = rss_mb()
        started = time.perf_counter()
        store = TinyDBStore(path, REGISTRY)
        opened = time.perf_counter() - started
        rss_after = rss_mb()
        index = store._search[Story.collection]
        vocabulary = store._vocabulary
        postings = sum(len(a) for a in index.postings.values())
        memory = index.memory_bytes() + sum(sys.getsizeof(w) for w in vocabulary._words) \
            + sys.getsizeof(vocabulary._words) + sys.getsizeof(vocabulary._sorted or [])
        print(f"  open without search fields: {plain_open:.1f} s; with: {opened:.1f} s, of which the "
              f"search index build {store.search_build_seconds:.1f} s "
              f"({store.search_build_seconds / stories * 1000:.2f} ms per story)")
        from core.text import _CHUNK_CACHE
        chunks = sys.getsizeof(_CHUNK_CACHE) + sum(sys.getsizeof(k) + sys.getsizeof(v) for k, v in _CHUNK_CACHE.items())
        print(f"  index: {len(vocabulary):,} words, {postings:,} postings, {memory / 2**20:.0f} MB "
              f"({memory / max(1, postings):.1f} B per posting, title trigrams included), plus the folding "
              f"cache of text chunks {chunks / 2**20:.0f} MB; process RSS {rss_after:.0f} MB "
              f"(+{rss_after - rss_before:.0f} MB for the open, documents included)")
        made = queries(prose, sample, "title", query_count)
        report(f"TinyDB, {stories} stories", time_queries(SearchService(store), callers_for(worlds), made))
        searched_saves = time_saves(store, Story.collection, update_ids, prose, words, names)
        searched_edits = time_saves(store, Story.collection, update_ids, prose, words, names, edit=True)
        saves_line("a story's ~1000-word text rewritten", plain_saves, searched_saves)
        saves_line("a sentence added to a story", plain_edits, searched_edits)
        doc = store.get(Story.collection, update_ids[0])
        seq = store._indexes[Story.collection].seq_of[update_ids[0]]
        new = {**doc, "content": prose.text(words, names)}
        started = time.perf_counter()
        for _ in range(20):
            index.replace(seq, doc, new)
            doc, new = new, doc
        print(f"  the index update alone (remove old words, add new): "
              f"{(time.perf_counter() - started) / 20 * 1000:.2f} ms per save")
        store.close()


def bench_postgres(entries: int, query_count: int, saves: int) -> None:
    from pg_schema import fresh_schema
    from storage.postgres_store import PostgresStore
    prose = Prose(seed=34)
    worlds = make_worlds(prose, max(4, entries // 100), owners=max(2, entries // 1000))
    with fresh_schema() as url:
        started = time.perf_counter()
        store = PostgresStore(url, without_search(REGISTRY), pool_size=4)
        store.put_many(World.collection, [(w.world_id, w.to_dict()) for w in worlds])
        batches: dict[str, list] = {Entity.collection: [], Location.collection: []}
        sample = []
        for collection, doc_id, doc in entry_docs(prose, worlds, entries):
            batches[collection].append((doc_id, doc))
            if collection == Entity.collection and len(sample) < 400:
                sample.append(doc)
            if len(batches[collection]) == 5000:
                store.put_many(collection, batches[collection])
                batches[collection] = []
        for collection, batch in batches.items():
            store.put_many(collection, batch)
        print(f"\nPostgreSQL: {entries} entries in {len(worlds)} worlds, generated and loaded "
              f"in {time.perf_counter() - started:.0f} s")
        update_ids = [d["entity_id"] for d in sample[:saves]]
        names = [prose.name() for _ in range(5)]
        plain_saves = time_saves(store, Entity.collection, update_ids, prose, 40, names)
        store.close()

        started = time.perf_counter()
        store = PostgresStore(url, REGISTRY, pool_size=4)   # the schema upgrade builds the index
        print(f"  index build (generated tsvector + folded title columns, GIN and trigram indexes, "
              f"on the existing rows at start-up): {time.perf_counter() - started:.1f} s")
        with store._pool.connection() as conn:
            conn.execute("VACUUM ANALYZE")
            size = conn.execute("SELECT pg_size_pretty(sum(pg_relation_size(indexrelid))) FROM pg_index i "
                                "JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname LIKE '%s_vec_gin' "
                                "OR c.relname LIKE '%s_title_trgm'").fetchone()[0]
        print(f"  search indexes on disk: {size}")
        made = queries(prose, sample, "name", query_count)
        report(f"PostgreSQL, {entries} entries", time_queries(SearchService(store), callers_for(worlds), made))
        searched_saves = time_saves(store, Entity.collection, update_ids, prose, 40, names)
        saves_line("an entry's description rewritten (COMMIT included)", plain_saves, searched_saves)
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="1k stories, 10k entries")
    parser.add_argument("--only", choices=("tinydb", "postgres"))
    parser.add_argument("--queries", type=int, default=300, help="queries per caller")
    parser.add_argument("--saves", type=int, default=100)
    args = parser.parse_args()
    stories, entries = (1_000, 10_000) if args.quick else (10_000, 100_000)
    if args.only in (None, "tinydb"):
        bench_tinydb(stories, 1_000, args.queries, args.saves)
    if args.only in (None, "postgres"):
        bench_postgres(entries, args.queries, args.saves)


if __name__ == "__main__":
    main()
