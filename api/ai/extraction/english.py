"""English rules: which capitalised runs are names, and what their context says they name.

A run of capitalised words is a name once its leading stopwords and titles are
taken off ("However Oren" -> "Oren", "Captain Mara Vell" -> "Mara Vell"). A
single word capitalised only because it starts a sentence or a quote ("Tell",
"Put") is no name unless a cue says so here (a speech verb after it: `Delphine
said`) or it is written mid-sentence elsewhere. Cues vote for a kind: place
words and "the city of X", "from X to Y", motion verbs with to/into, and
in/at/near for places; titles, speech verbs and possessives for people; group
words ("the Grey Company", "the Council", "Order of X") for factions.
"""
from __future__ import annotations

import re
from typing import Iterator

from ai.budget import Budget
from ai.extraction.english_words import (
    CONNECTORS, CONTAINERS, EVENT_WORDS, GAZETTEER, GENERIC_WORDS, GIVEN_NAMES, GROUP_WORDS, KIN_WORDS,
    LOOK_VERBS, MOTION_VERBS, OBJECT_VERBS, PERSON_VERBS, PLACE_NOUNS, PLACE_PREFIXES, PLACE_PREPS, PLACE_WORDS,
    SPEECH_VERBS, STOPWORDS, TITLE_WORDS)
from ai.extraction.mention import STRONG, WEAK, Mention, share_list_kind
from ai.extraction.text import MAX_NAME_CHARS, Word, capitalised_runs, is_initial, joined, words

QUOTES = set('"“”')
MODALS = {"could", "would", "will", "shall", "should", "must", "might", "can", "cannot", "may"}
POSSESSIVE = re.compile(r"['’]s?$")
VERB_ENDING = re.compile(r"..(ed|ly|ing)$")   # "Visited Paramore": an opener, not part of the name


def mentions(sentence_list: list[str], lowercase: set[str], budget: Budget) -> Iterator[Mention]:
    """Every capitalised run of the text that may be a name, with its cues."""
    for index, sentence in enumerate(sentence_list):
        tokens = words(sentence)
        previous, previous_end = None, 0
        for i, j in capitalised_runs(sentence, tokens, CONNECTORS, budget):
            mention = _read(sentence, index, tokens, i, j, lowercase)
            if mention:
                gap = sentence[previous_end:tokens[i].start]
                share_list_kind(previous, mention, gap, sentence[tokens[j - 1].end:tokens[j - 1].end + 8])
                if previous is not None and gap.strip() == "and" and not previous.votes \
                        and mention.votes["character"] and not mention.votes["place"]:
                    previous.vote("character", WEAK)   # "Mira Thornwood and Oren walked"
                if previous is not None:
                    yield previous
                previous, previous_end = mention, tokens[j - 1].end
        if previous is not None:
            yield previous


def _read(sentence: str, index: int, tokens: list[Word], i: int, j: int, lowercase: set[str]) -> Mention | None:
    run = [t.text for t in tokens[i:j]]
    possessive = bool(POSSESSIVE.search(run[-1]))
    run[-1] = POSSESSIVE.sub("", run[-1])
    initial = is_initial(sentence, tokens, i)
    start, titles, had_the, of_title = _leading_words(run, initial, lowercase)
    if of_title:
        titles = []   # "the King of Bohemia": the title is someone else's, the name a place's
    end = len(run)
    while end > start and run[end - 1].casefold() in CONNECTORS:
        end -= 1
    name_words = run[start:end]
    if not name_words:
        return None
    container = len(name_words) > 2 and name_words[0].casefold() in CONTAINERS and name_words[1] == "of"
    if container:   # "the City of London" -> London
        name_words = [w for w in name_words[2:] if w.casefold() != "the"] or name_words
    name = " ".join(name_words)
    lowered = [w.casefold() for w in name_words]
    if len(name) > MAX_NAME_CHARS or len(name) < 2 or lowered[-1] in EVENT_WORDS or (len(lowered) == 1 and (
            lowered[0] in TITLE_WORDS or (lowered[0] in GENERIC_WORDS and not had_the))):
        return None
    k = i + start   # the name's first token
    had_the = had_the or (k > 0 and tokens[k - 1].lower == "the")
    before = tokens[k - 1].lower if k > 0 else ""
    before2 = tokens[k - 2].lower if k > 1 else ""
    if before == "the":   # "in the Tower of Ash": the word that matters is before the article
        before, before2 = before2, tokens[k - 3].lower if k > 2 else ""
    after = tokens[i + len(run)].lower if i + len(run) < len(tokens) else ""
    after_joined = bool(after) and joined(sentence, tokens[i + len(run) - 1], tokens[i + len(run)])
    mention = Mention(name, index, tokens[k].start,
                      form=" ".join(titles + name_words) if titles else name)
    if of_title or container:
        mention.vote("place", STRONG)
    _vote_place(mention, lowered, before, before2, after, possessive, sentence, tokens, k)
    _vote_person(mention, titles, before, before2, after, possessive, sentence, tokens, k)
    spoken_to = _vocative(sentence, tokens[k].start, tokens[i + len(run) - 1].end)
    if spoken_to or (after in MODALS and after_joined):
        mention.vote("character", WEAK)   # `"I assure you, Watson, ..."`, "Toto could"
    _vote_faction(mention, lowered, had_the)
    if len(name_words) == 1 and start == 0 and initial:
        if name_words[0].casefold() in lowercase and not mention.cued:
            return None   # "Put", "Have": written in lower case elsewhere
        person_verb = after in PERSON_VERBS and after_joined
        mention.initial_only = not (mention.cued or person_verb)
        if person_verb:
            mention.vote("character", WEAK)
    return mention


def keep(candidate) -> bool:
    """A new person name with no cue for a person at all, seen once, is too likely a common
    or book word ("Study", "Charing Cross") unless it is, or starts with, a given name."""
    if candidate.known or candidate.kind != "character" or candidate.votes["character"] or candidate.cued:
        return True
    words = candidate.name.split()
    return candidate.count > 1 or words[0].casefold() in GIVEN_NAMES


def _vocative(sentence: str, start: int, end: int) -> bool:
    """A name set off by commas (or opening a quote) in dialogue: someone spoken to."""
    if not QUOTES & set(sentence):
        return False
    lead, rest = sentence[:start].rstrip(), sentence[end:].lstrip()
    return (lead.endswith(",") or lead[-1:] in QUOTES) and rest[:1] in (",", "!", "?")


def _leading_words(run: list[str], initial: bool, lowercase: set[str]) -> tuple[int, list[str], bool, bool]:
    """Where the name starts in a run, past stopwords, titles, "the" and a capitalised opener;
    with the titles, whether "the" was there and whether "of" followed a title."""
    start, titles, had_the, of_title = 0, [], False, False
    ends_generic = run[-1].casefold() in GENERIC_WORDS
    while start < len(run):
        word = run[start].casefold().rstrip(".")
        if word in TITLE_WORDS and start < len(run) - 1:
            titles.append(run[start])
        elif word == "the":
            had_the = True
        elif word == "of" and titles:
            of_title = True
        elif not (word in STOPWORDS or word in CONNECTORS or (initial and start == 0 and len(run) > 1 and (
                (word in lowercase and not ends_generic) or VERB_ENDING.search(word)))):
            break
        start += 1
    return start, titles, had_the, of_title


def _vote_place(mention: Mention, lowered: list[str], before: str, before2: str, after: str,
                possessive: bool, sentence: str, tokens: list[Word], k: int) -> None:
    if lowered[-1] in PLACE_WORDS or (len(lowered) > 1 and lowered[0] in PLACE_PREFIXES) \
            or (len(lowered) > 2 and lowered[0] in PLACE_WORDS and lowered[1] == "of") \
            or " ".join(lowered) in GAZETTEER:
        mention.vote("place", STRONG)
    if possessive:
        return
    if before == "of" and before2 in PLACE_NOUNS:
        mention.vote("place", STRONG)   # "the city of Varn"
    elif before in ("to", "from", "into", "towards", "toward") and before2 in MOTION_VERBS:
        mention.vote("place", STRONG)   # "walked to Rome"
    elif before == "from" and after == "to":
        mention.vote("place", STRONG)   # "from Karsk to ..."
    elif before == "to" and re.search(r"\bfrom\s+[A-Z]", sentence[:mention.position]):
        mention.vote("place", STRONG)   # "... to Ith"
    elif before == "of" and k > 1 and sentence[tokens[k - 2].end:tokens[k - 1].start].strip() == ",":
        mention.vote("place", STRONG)   # "Ezekiah Hopkins, of Lebanon"
    elif before in PLACE_PREPS and not (before == "at" and before2 in LOOK_VERBS):
        mention.vote("place", WEAK)
    elif before in ("from", "to", "for") and len(lowered) == 1 and before2 not in SPEECH_VERBS | OBJECT_VERBS:
        mention.vote("place", WEAK)   # "from Fareham", "on to Kilburn", "starting for Eyford"


def _vote_person(mention: Mention, titles: list[str], before: str, before2: str, after: str,
                 possessive: bool, sentence: str, tokens: list[Word], k: int) -> None:
    if titles:
        mention.vote("character", STRONG)
    if after in SPEECH_VERBS:
        mention.vote("character", STRONG)   # `"Tell no one," Delphine said`
    elif before in SPEECH_VERBS and k > 1 and re.search(r"[,!?]\W*$", sentence[:tokens[k - 1].start]):
        mention.vote("character", STRONG)   # `"…," said Delphine`
    if possessive:
        mention.vote("character", WEAK)
    if before in OBJECT_VERBS | KIN_WORDS or (before2 in OBJECT_VERBS and before in ("to", "with")):
        mention.vote("character", WEAK)
    if after in PERSON_VERBS and after not in SPEECH_VERBS:
        mention.vote("character", WEAK)


def _vote_faction(mention: Mention, lowered: list[str], had_the: bool) -> None:
    if lowered[-1] in GROUP_WORDS and (had_the or len(lowered) > 1):
        mention.vote("faction", STRONG + 1)   # outweighs a place cue: "in the Council"
    elif len(lowered) > 2 and lowered[0] in GROUP_WORDS and lowered[1] == "of":
        mention.vote("faction", STRONG + 1)   # "the Order of the Rose"
