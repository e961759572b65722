"""The offline analysis is bounded: a deadline or a stop request ends it mid-way,
at most OFFLINE_MAX_CHARS are read, and its work grows linearly with the text.
No test measures time: clocks are fake and work is counted."""
from __future__ import annotations

import itertools
import random

import pytest

from ai import heuristics
from ai.budget import Budget, BudgetExceeded, JobStopped
from ai.extraction import text as prose
from ai.gpt_client import AIError, Usage
from ai.offline import MAX_NAMES, OFFLINE_MAX_CHARS, OfflineProvider

REAL_NORMALISE = prose.normalise

SYLLABLES = ["ka", "ro", "vel", "mi", "dar", "es", "lon", "thu", "ir", "nas", "or", "bel"]
PARAGRAPHS = [
    "{a} left the harbour of {p} at dawn. {b} followed with the maps, and {a} did not look back.",
    "In {p}, {a} met the old smith {b}. Nobody spoke of the price.",
    "Sáng hôm ấy, {a} rời bến {p}. {b} mang theo tấm bản đồ cũ.",
]


def story(chars: int, seed: int = 1) -> str:
    """Prose of about ``chars`` characters whose cast keeps growing with its length."""
    rng = random.Random(seed)
    pool = [a.title() + b + c + d for a, b, c, d in itertools.product(SYLLABLES, repeat=4)]
    rng.shuffle(pool)
    words = iter(pool)
    people, parts, length = [], [], 0
    while length < chars:
        people.append(f"{next(words)} {next(words)}")
        text = rng.choice(PARAGRAPHS).format(a=people[-1], b=rng.choice(people), p=next(words))
        parts.append(text)
        length += len(text) + 1
    return " ".join(parts)[:chars]


class FakeClock:
    """Advances by ``step`` seconds each time it is read."""

    def __init__(self, step: float = 1.0):
        self.now, self.step, self.reads = 0.0, step, 0

    def __call__(self) -> float:
        self.reads += 1
        self.now += self.step
        return self.now


def jobs(provider, text):
    """Each offline job that reads a text, as a call taking ``budget``."""
    return {
        "analyze_story": lambda **kw: provider.analyze_story("T", "adventure", text, [], [], Usage(), **kw),
        "analyze_world": lambda **kw: provider.analyze_world(text, "fantasy", Usage(), **kw),
        "extract_events": lambda **kw: provider.extract_events("T", text, [], [], Usage(), **kw),
    }


@pytest.mark.parametrize("job", ["analyze_story", "analyze_world", "extract_events"])
def test_a_past_deadline_raises_budget_exceeded(job):
    with pytest.raises(BudgetExceeded) as raised:
        jobs(OfflineProvider(), story(50_000))[job](budget=Budget(seconds=0))
    assert isinstance(raised.value, AIError)   # so the task runner records it as the task's error
    assert str(raised.value) == "The analysis took longer than its time budget (0 s)"


def test_the_deadline_is_honoured_inside_the_heuristic_loops():
    clock = FakeClock()
    budget = Budget(seconds=30, stride=1, clock=clock)   # read 1 at creation; passes at read 30
    with pytest.raises(BudgetExceeded, match=r"time budget \(30 s\)"):
        OfflineProvider().analyze_story("T", "adventure", story(50_000), [], [], Usage(), budget=budget)
    assert clock.reads == 31   # the loops kept looking, and stopped at the first look past the deadline


def test_should_stop_ends_analyze_story_on_a_200k_text():
    asked = []

    def should_stop() -> bool:
        asked.append(True)
        return len(asked) == 3

    with pytest.raises(JobStopped) as raised:
        OfflineProvider().analyze_story("T", "adventure", story(200_000), [], [], Usage(),
                                        budget=Budget(should_stop=should_stop, poll_interval=0))
    assert len(asked) == 3   # consulted while working; the first yes ended the job
    assert not isinstance(raised.value, AIError)   # a stop is not a failure of the job


def test_should_stop_is_asked_at_most_once_per_poll_interval():
    clock, asked = FakeClock(step=0.0), []
    budget = Budget(should_stop=lambda: asked.append(clock.now) or False, stride=1, poll_interval=0.05,
                    clock=clock)
    for _ in range(1000):
        budget.check()
    assert len(asked) == 1
    clock.now += 0.05
    budget.check()
    budget.check(force=True)   # before a model call: asks now, whatever the interval
    assert asked == [0.0, 0.05, 0.05]


def test_check_looks_at_the_clock_only_every_stride_calls():
    clock = FakeClock(step=0.0)
    budget = Budget(seconds=10, stride=100, clock=clock)
    for _ in range(1000):
        budget.check()
    assert clock.reads == 1 + 10   # creation, then every 100th check


def test_a_text_longer_than_the_cap_is_cut_and_the_answer_says_so():
    text = story(OFFLINE_MAX_CHARS + 5_000) + " Zorvath Quill sailed to Ythmoor." * 50
    answer = OfflineProvider().analyze_story("T", "adventure", text, [], [], Usage())
    names = {c["name"] for c in answer["characters"]} | {p["name"] for p in answer["locations"]}
    assert "Zorvath Quill" not in names and "Ythmoor" not in names   # only past the cap
    analysed = answer["truncated"]["analysed_chars"]
    assert answer["truncated"]["total_chars"] == len(text)
    assert OFFLINE_MAX_CHARS - 1000 < analysed <= OFFLINE_MAX_CHARS
    assert text[analysed] == " "   # cut at a space, so no word is halved
    assert f"first {analysed:,} of {len(text):,} characters" in answer["message"]
    events = OfflineProvider().extract_events("T", text, [], [], Usage())
    assert events["truncated"] == answer["truncated"]


def test_a_text_within_the_cap_is_read_whole():
    text = story(OFFLINE_MAX_CHARS - 2_000) + " Zorvath Quill sailed to Ythmoor." * 50
    assert len(text) <= OFFLINE_MAX_CHARS
    answer = OfflineProvider().analyze_story("T", "adventure", text, [], [], Usage())
    assert "Zorvath Quill" in {c["name"] for c in answer["characters"]}
    assert "truncated" not in answer


SHORT = ("Mara Vell left the harbour of Port Nel at dawn. She sailed to Karsk with her brother Tomas. "
         "In Karsk, Mara met the old smith Orin Dask. Orin gave Mara a blade forged in the Tower of Ash.")


def test_a_generous_budget_changes_nothing():
    provider = OfflineProvider()
    calls = {**jobs(provider, SHORT),
             "describe_world": lambda **kw: provider.describe_world("Karsk", "fantasy", ["salt"], ["Mara"],
                                                                    Usage(), **kw),
             "describe_story": lambda **kw: provider.describe_story("Salt", "mystery", SHORT, ["Mara"],
                                                                    Usage(), **kw)}
    for job, call in calls.items():
        budget = Budget(seconds=3600, should_stop=lambda: False)
        assert call(budget=budget) == call(), job
    analysis = calls["analyze_story"]()
    assert {c["name"] for c in analysis["characters"]} == {"Mara Vell", "Tomas", "Orin Dask"}
    assert "message" not in analysis and "truncated" not in analysis


def test_answers_stay_within_the_schemas_limits():
    """More names than an answer may hold, and a capitalised run far too long to be a name."""
    text = story(60_000) + " " + " ".join(w.title() for w in SYLLABLES * 30) + " walked home."
    found = heuristics.find_names(text)
    assert len(found.characters) > MAX_NAMES
    assert max(len(n) for n in found.characters + found.locations) <= heuristics.MAX_NAME_CHARS
    answer = OfflineProvider().analyze_story("T", "adventure", text, [], [], Usage())
    kept = [c["name"] for c in answer["characters"]]
    assert len(kept) == MAX_NAMES
    assert f"most mentioned of {len(found.characters)} characters" in answer["message"]
    assert kept == [n for n in found.characters if n in set(kept)]   # still in order of first mention
    least_kept = min(found.counts[n] for n in kept)
    assert all(found.counts[n] <= least_kept for n in found.characters if n not in set(kept))


class CountingBudget(Budget):
    def __init__(self):
        super().__init__()
        self.checks = 0

    def check(self, force: bool = False) -> None:
        self.checks += 1
        super().check(force)


def test_work_grows_linearly_with_the_text(monkeypatch):
    """Normalisations (the old per-name rescans re-normalised every name for every
    sentence) and budget checks (one per unit of work) for a text and one 4x as
    long, with 4x as many names: linear is about 4x, quadratic about 16x."""
    normalised = []

    def counting_normalise(text: str, accents: bool) -> str:
        normalised.append(text)
        return REAL_NORMALISE(text, accents)

    monkeypatch.setattr(prose, "normalise", counting_normalise)
    work = []
    for size in (20_000, 80_000):
        text, budget = story(size), CountingBudget()
        normalised.clear()
        provider = OfflineProvider()
        provider.analyze_story("T", "adventure", text, ["Mara Vell"], ["Karsk"], Usage(), budget=budget)
        provider.extract_events("T", text, ["Mara Vell"], ["Karsk"], Usage(), budget=budget)
        work.append((len(normalised), budget.checks))
    (small_keys, small_checks), (big_keys, big_checks) = work
    assert 3 < big_keys / small_keys < 5.5, work
    assert 3 < big_checks / small_checks < 5.5, work


@pytest.mark.parametrize("text, keys", [
    ("mara vell's blade", ["mara vell", "mara", "vell", "vell's", "ara", "mara vell's blade x"]),
    ("zoe ardent, zoe-ardent and zoe  ardent", ["zoe ardent", "zoe-ardent", "ardent", "zoe ardent,"]),
    ("'t hooft met st. ives at mt. doom.", ["'t hooft", "t hooft", "st. ives", "mt. doom.", "doom."]),
    ("what ... now ??? -", ["...", "???", "-", "what ...", ". now"]),
    ("x_y and _z met 3rd", ["x_y", "_z", "3rd", "x", "y"]),
    ("an an an anna", ["an an", "an anna", "anna", "an an an an"]),
])
def test_matcher_finds_what_mentions_finds(text, keys):
    expected = {k: pos for k in keys if (pos := heuristics.mentions(k, text)) >= 0}
    assert heuristics.Matcher(keys).first_positions(text) == expected


def test_matcher_agrees_with_mentions_on_random_text():
    rng = random.Random(5)
    pieces = ["mara", "vell", "mara vell", "nguyen", "văn", "an", "-", "'", "'s", ".", " ", " ", "x_y", "ô"]
    for _ in range(300):
        text = heuristics.name_key("".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))))
        keys = [heuristics.name_key("".join(rng.choice(pieces) for _ in range(rng.randint(1, 4))))
                for _ in range(6)]
        expected = {k: pos for k in keys if (pos := heuristics.mentions(k, text)) >= 0}
        assert heuristics.Matcher(keys).first_positions(text) == expected, (text, keys)
