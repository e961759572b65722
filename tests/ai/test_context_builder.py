"""The context builder: which canon goes with an AI job, fitted to a token budget, and its report."""
from __future__ import annotations

import json
import unicodedata

import pytest
from fake_openai import fake_token_count

from ai.tokens import EstimateCounter
from core.errors import NotFound
from core.models import Event, User
from services import access


@pytest.fixture
def config_overrides():
    return {"OPENAI_MODEL": "test-model"}   # no tiktoken encoding: the estimate, wherever tiktoken's cache is


class Canon:
    """A world built through the API, and the app's context builder."""

    def __init__(self, app, client, auth, make_world, **world_fields):
        self.client, self.store = client, app.extensions["worldsmith"].store
        self.builder = app.extensions["worldsmith"].context
        self.owner = auth.register()
        self.world = make_world(self.owner, **world_fields)
        self.base = f"/api/worlds/{self.world['world_id']}"

    def user(self, who=None) -> User:
        return User.from_dict(self.store.get(User.collection, (who or self.owner)["user_id"]))

    def entity(self, name, kind="character", **fields) -> str:
        answer = self.client.post(f"{self.base}/entities", headers=self.owner["headers"],
                                  json={"name": name, "entity_type": kind, **fields})
        assert answer.status_code == 201, answer.json
        return answer.json["entity_id"]

    def place(self, name, **fields) -> str:
        answer = self.client.post(f"{self.base}/locations", headers=self.owner["headers"], json={"name": name, **fields})
        assert answer.status_code == 201, answer.json
        return answer.json["location_id"]

    def relate(self, source, target, kind="sibling_of") -> str:
        answer = self.client.post(f"{self.base}/relations", headers=self.owner["headers"],
                                  json={"source_id": source, "target_id": target, "type": kind})
        assert answer.status_code == 201, answer.json
        return answer.json["relation_id"]

    def event(self, story, title, year, description="") -> str:
        event = Event(world_id=self.world["world_id"], story_id=story["story_id"], title=title,
                      description=description, date={"year": year}, origin="person")
        with self.store.unit_of_work():
            self.store.put(Event.collection, event.event_id, event.to_dict())
        return event.event_id

    def build(self, text, budget=2000, counter=None, user=None, exclude_story_id=None):
        builder = self.builder
        if counter is not None:
            builder = type(builder)(self.store, lambda model: counter, builder.config)
        world = access.load_world(self.store, self.world["world_id"])
        return builder.build(user if user is not None else self.user(), world, text, budget_tokens=budget,
                             model="test-model", exclude_story_id=exclude_story_id)


@pytest.fixture
def canon(app, client, auth, make_world):
    return Canon(app, client, auth, make_world, description="A world of storms and old oaths.")


def included(pack, kind=None):
    return {i["name"]: i for i in pack.report["included"] if kind is None or i["kind"] == kind}


def why(pack):
    return {i["name"]: i["why"] for i in pack.report["included"]}


class WordCounter:
    """One token per word or mark, like the fake server's tokenizer (a second, different counter)."""

    name = "words"

    def count(self, text):
        return fake_token_count(text)


# -- the budget -----------------------------------------------------------------------

HEROES = {"en": [f"Hero{n}" for n in range(1, 9)],
          "vi": ["Nguyễn Văn An", "Trần Thị Mai", "Lê Văn Hưu", "Phạm Ngũ Lão", "Đỗ Thị Hồng", "Bùi Thị Xuân",
                 "Thánh Gióng", "Lạc Long Quân"]}


def crowded(canon, language="en"):
    """A world where one text calls for a lot of canon, of lines of different sizes."""
    word = "dũng cảm " if language == "vi" else "brave "
    ids = [canon.entity(name, description=word * (n * 3), aliases=[f"H{n}"])
           for n, name in enumerate(HEROES[language], start=1)]
    for a, b in zip(ids, ids[1:]):
        canon.relate(a, b)
    story = canon.client.post("/api/stories", headers=canon.owner["headers"],
                              json={"world_id": canon.world["world_id"], "title": "Annals"}).json["story"]
    for year in range(5):
        canon.event(story, f"Battle {year}", 900 + year, ("Gươm khua " if language == "vi" else "Steel rang ") * year)
    return " ".join(f"{name} {'đánh giặc' if language == 'vi' else 'fought'}." for name in HEROES[language])


@pytest.mark.parametrize("language", ["en", "vi"])
@pytest.mark.parametrize("counter", [EstimateCounter(), WordCounter()], ids=["estimate", "words"])
@pytest.mark.parametrize("budget", [0, 1, 17, 40, 77, 150, 10_000])
def test_the_budget_is_respected_to_the_token(app, client, auth, make_world, counter, budget, language):
    canon = Canon(app, client, auth, make_world, language=language)
    text = crowded(canon, language)
    pack = canon.build(text, budget, counter)
    report = pack.report
    spent = sum(i["tokens"] for i in report["included"])
    assert spent <= budget and report["used_tokens"] == spent == counter.count(pack.text) <= budget
    assert report["budget_tokens"] == budget and report["tokenizer"] == counter.name
    lines = pack.text.splitlines(keepends=True)   # one line per included item, counted alone
    assert [counter.count(line) for line in lines] == [i["tokens"] for i in report["included"]]
    # greedy in rank order: each budget skip would not have fitted where it was offered
    offered = sorted([*report["included"], *[s for s in report["skipped"] if s["reason"] == "budget"]],
                     key=lambda item: item["rank"])
    assert [item["rank"] for item in offered] == list(range(1, len(offered) + 1)) and len(offered) == 8 + 7 + 5
    used = 0
    for item in offered:
        if "why" in item:
            used += item["tokens"]
        else:
            assert used + item["tokens"] > budget, item
    budget_skips = [s for s in report["skipped"] if s["reason"] == "budget"]
    if budget == 10_000:
        assert not budget_skips
    elif budget in (40, 77, 150):
        assert budget_skips and report["included"]   # a real cut, in the middle
    if budget == 0:
        assert report["included"] == [] and pack.text == ""


def test_a_budget_of_exactly_everything_takes_everything_and_one_less_does_not(canon):
    text = crowded(canon)
    counter = EstimateCounter()
    everything = canon.build(text, 10_000, counter).report["used_tokens"]
    assert not [s for s in canon.build(text, everything, counter).report["skipped"] if s["reason"] == "budget"]
    short = canon.build(text, everything - 1, counter).report
    assert short["used_tokens"] <= everything - 1
    assert [s for s in short["skipped"] if s["reason"] == "budget"]


# -- the report -----------------------------------------------------------------------

def test_report_says_why_each_line_went_in_and_why_others_did_not(canon, make_story):
    mara = canon.entity("Mara Vell", aliases=["the Red"], description="A sailor of Karsk.")
    orin = canon.entity("Orin Dask", description="A smith.")
    canon.entity("Seren Hale", description="Keeper of the lighthouse.")
    canon.place("Karsk", description="A port under the lighthouse.")
    canon.relate(mara, orin)
    for n in range(15):   # more lighthouses than search hits are offered
        canon.entity(f"Keeper {n}", kind="lore", description=f"Lighthouse lore number {n}.")
    story = make_story(canon.owner, canon.world, title="Log")
    canon.event(story, "The beacon fails", 990)
    text = "The Red climbed the lighthouse. [[Seren Hale]] waited. [[Nobody Known]] watched the lighthouse."
    pack = canon.build(text)
    reasons = why(pack)
    assert reasons["Mara Vell"] == "named" and reasons["Seren Hale"] == "mention"
    assert reasons["Mara Vell — sibling of — Orin Dask"] == "relation" and reasons["Orin Dask"] == "relation"
    assert reasons["The beacon fails"] == "recent_event"
    assert "search" in reasons.values()
    ranked = pack.report["included"]
    order = [i["why"] for i in ranked]
    assert order.index("mention") < order.index("named") < order.index("relation") < order.index("search") \
        < order.index("recent_event")
    skipped = pack.report["skipped"]
    assert {s["reason"] for s in skipped} == {"rank", "visibility"}
    assert all(s["kind"] == "entry" and s["id"] and s["name"] for s in skipped if s["reason"] == "rank")
    assert [s for s in skipped if s["reason"] == "visibility"] == [{"kind": "entry", "reason": "visibility",
                                                                    "count": 1}]
    assert "Nobody Known" not in json.dumps(pack.report, ensure_ascii=False)
    assert pack.text.startswith("Character: Seren Hale. Keeper of the lighthouse.\n")
    assert "Mara Vell — sibling of — Orin Dask\n" in pack.text
    assert "Event (990 TA): The beacon fails\n" in pack.text


def test_fields_and_aliases_are_written_in_the_world_language(app, client, auth, make_world):
    canon = Canon(app, client, auth, make_world, name="Đại Việt", language="vi")
    answer = client.post(f"{canon.base}/field-templates", headers=canon.owner["headers"],
                         json={"kind": "character", "label": "Quê quán", "field_type": "text"})
    assert answer.status_code == 201, answer.json
    canon.entity("Trần Hưng Đạo", aliases=["Hưng Đạo Vương"], fields={answer.json["key"]: "Nam Định"},
                 description="Danh tướng nhà Trần.")
    pack = canon.build("Hưng Đạo Vương duyệt binh ở Vạn Kiếp.")
    assert why(pack) == {"Trần Hưng Đạo": "named"}
    assert pack.text == "Nhân vật: Trần Hưng Đạo (còn gọi là Hưng Đạo Vương) — Quê quán: Nam Định. " \
                        "Danh tướng nhà Trần.\n"


# -- only what the caller may see ---------------------------------------------------------

def test_an_entry_of_another_world_never_appears_even_when_named(canon, app, auth, make_world, client):
    stranger = auth.register()
    hidden = make_world(stranger, name="Hidden", visibility="private")
    for name, alias in (("Zoltan Krane", "the Grey Hand"), ("Vessaline", "Moonwarden")):
        answer = client.post(f"/api/worlds/{hidden['world_id']}/entities", headers=stranger["headers"],
                             json={"name": name, "aliases": [alias], "description": "secret lighthouse plans"})
        assert answer.status_code == 201
    canon.entity("Mara Vell", description="A sailor.")
    text = ("Mara Vell met Zoltan Krane and the Grey Hand. [[Zoltan Krane]] spoke of [[Vessaline]], "
            "the Moonwarden, and her secret lighthouse plans. Zoltan Krane laughed. Vessaline")
    pack = canon.build(text)
    shown = pack.text + json.dumps(pack.report, ensure_ascii=False)
    for secret in ("Zoltan", "Krane", "Grey Hand", "Vessaline", "Moonwarden", "secret"):
        assert secret not in shown
    assert set(why(pack)) == {"Mara Vell"}
    assert [s for s in pack.report["skipped"] if s["reason"] == "visibility"] == [
        {"kind": "entry", "reason": "visibility", "count": 2}]
    # and the hidden world itself: not for this caller, through the builder or the route
    world = access.load_world(canon.store, hidden["world_id"])
    with pytest.raises(NotFound):
        canon.builder.build(canon.user(), world, text, budget_tokens=500, model="test-model")
    answer = client.post(f"/api/worlds/{hidden['world_id']}/context", headers=canon.owner["headers"],
                         json={"text": text})
    assert answer.status_code == 404
    assert "Zoltan" not in answer.get_data(as_text=True)


def test_events_of_stories_the_caller_may_not_read_are_only_counted(app, client, auth, make_world, make_story):
    canon = Canon(app, client, auth, make_world, visibility="public")
    public = make_story(canon.owner, canon.world, title="Open", visibility="public")
    private = make_story(canon.owner, canon.world, title="Closed", visibility="private")
    canon.event(public, "The harbour opens", 950)
    canon.event(private, "The secret coronation", 960)
    reader = auth.register()
    pack = canon.build("Ships came in.", user=canon.user(reader))
    assert why(pack) == {"The harbour opens": "recent_event"}
    assert "coronation" not in pack.text + json.dumps(pack.report)
    assert {"kind": "event", "reason": "visibility", "count": 1} in pack.report["skipped"]
    owners = canon.build("Ships came in.")   # the owner reads both, latest first
    assert [i["name"] for i in owners.report["included"]] == ["The secret coronation", "The harbour opens"]


def test_the_excluded_story_gives_no_events_and_earlier_events_come_first(canon, make_story):
    early = make_story(canon.owner, canon.world, title="Early", date={"year": 900})
    late = make_story(canon.owner, canon.world, title="Late", date={"year": 980})
    canon.event(early, "The founding", 900)
    canon.event(late, "The flood", 980)
    canon.event(late, "The siege", 985)
    assert list(why(canon.build("Rain.", exclude_story_id=late["story_id"]))) == ["The founding"]
    assert list(why(canon.build("Rain."))) == ["The siege", "The flood", "The founding"]
    chapter = make_story(canon.owner, canon.world, title="Middle", date={"year": 950})
    assert list(why(canon.build("Rain.", exclude_story_id=chapter["story_id"]))) == ["The founding"]


# -- names, aliases, mentions, Vietnamese --------------------------------------------------

def test_aliases_titles_and_mentions_pull_the_right_entries(canon):
    mara = canon.entity("Mara Vell", aliases=["the Red"])
    canon.entity("Mara Quill")
    orin = canon.entity("Orin Dask", aliases=["Old Smith"])
    canon.place("Karsk", aliases=["the Salt Port"])
    canon.entity("Ilse")
    pack = canon.build("Captain Mara Vell left the Salt Port. [[Old Smith|the smith]] stayed behind.")
    reasons = why(pack)
    assert reasons["Mara Vell"] == "named" and reasons["Karsk"] == "named" and reasons["Orin Dask"] == "mention"
    assert "Mara Quill" not in reasons and "Ilse" not in reasons
    ids = {i["name"]: i["id"] for i in pack.report["included"]}
    assert (ids["Mara Vell"], ids["Orin Dask"]) == (mara, orin)
    assert why(canon.build("The Red sailed."))["Mara Vell"] == "named"
    # one word of a longer name is no mention of it: both Maras are only search hits
    assert why(canon.build("Mara sailed.")) == {"Mara Vell": "search", "Mara Quill": "search"}


@pytest.mark.parametrize("stored,written", [("NFC", "NFD"), ("NFD", "NFC"), ("NFD", "NFD")])
def test_vietnamese_names_match_composed_or_decomposed(app, client, auth, make_world, stored, written):
    canon = Canon(app, client, auth, make_world, name="Văn Lang", language="vi")
    canon.entity(unicodedata.normalize(stored, "Nguyễn Văn An"))
    canon.entity(unicodedata.normalize(stored, "Thánh Gióng"), aliases=[unicodedata.normalize(stored, "Phù Đổng")])
    canon.entity("Nguyên Văn An")   # another name: the tone marks differ
    text = unicodedata.normalize(written, "Nguyễn Văn An gặp [[Phù Đổng]] bên sông.")
    pack = canon.build(text)
    assert why(pack) == {"Thánh Gióng": "mention", "Nguyễn Văn An": "named"}   # names reported composed
    assert pack.text == unicodedata.normalize("NFC", pack.text)   # and the block is sent composed


# -- the route and the server's tokenizer -----------------------------------------------------

def test_preview_route_answers_the_report_and_block(canon, client, auth):
    canon.entity("Mara Vell", description="A sailor.")
    answer = client.post(f"{canon.base}/context", headers=canon.owner["headers"], json={"text": "Mara Vell sails."})
    assert answer.status_code == 200, answer.json
    body = answer.json
    assert set(body) == {"budget_tokens", "used_tokens", "tokenizer", "included", "skipped", "model", "text"}
    assert body["text"] == "Character: Mara Vell. A sailor.\n" and body["tokenizer"] == "estimate"
    assert body["budget_tokens"] == 2000 and body["model"] == "test-model"
    refused = client.post(f"{canon.base}/context", headers=canon.owner["headers"],
                          json={"text": "x", "model": "some-other-model"})
    assert refused.status_code == 400 and refused.json["code"] == "model_not_allowed"
