"""The offline provider's writing tools: each streams word by word, in English and
Vietnamese, says plainly what it can and cannot do, and is deterministic."""
from __future__ import annotations

import time
import unicodedata

import pytest
from ai_helpers import wait_task

from ai.budget import Budget, JobStopped
from ai.offline import OfflineProvider
from ai.offline_writing import NOTICE, tidy
from core.vocabulary import WRITING_TOOLS

TEXT = {
    "en": ("Mara Vell sailed to Karsk at dawn. The sea was grey and the wind was cold. In Karsk, Orin Dask "
           "forged a blade for Mara Vell. Mara Vell took the blade to the harbour. Gulls cried over the harbour. "
           "At dusk Mara Vell and Orin Dask left Karsk together."),
    "vi": ("Nguyễn Văn An về làng Phù Đổng vào buổi sáng. Trời mưa nhẹ và gió lạnh. Ở làng Phù Đổng, Nguyễn Văn "
           "An nghe kể chuyện Thánh Gióng. Thánh Gióng cưỡi ngựa sắt đánh giặc. Nguyễn Văn An nhớ mãi câu chuyện ấy. "
           "Chiều tối, Nguyễn Văn An rời làng Phù Đổng."),
}
ENTRY = {
    "en": {"name": "Mara Vell", "kind": "character", "aliases": ["Mara"], "description": "",
           "fields": [{"label": "Eye colour", "value": "blue"}],
           "relations": [{"label": "sibling of", "name": "Orin Dask"}]},
    "vi": {"name": "Nguyễn Văn An", "kind": "character", "aliases": ["An"], "description": "",
           "fields": [{"label": "Quê quán", "value": "Phù Đổng"}],
           "relations": [{"label": "em của", "name": "Thánh Gióng"}]},
}


def write(tool, language, provider=None, **inputs):
    pieces = []
    answer = (provider or OfflineProvider()).write(tool, selection=inputs.pop("selection", TEXT[language]),
                                                   language=language, on_delta=pieces.append,
                                                   entry=ENTRY[language], **inputs)
    return answer, pieces


@pytest.mark.parametrize("language", ["en", "vi"])
@pytest.mark.parametrize("tool", WRITING_TOOLS)
def test_every_tool_streams_its_text_word_by_word(tool, language):
    answer, pieces = write(tool, language)
    assert "".join(pieces) == answer["text"]
    assert answer["tool"] == tool and answer["model"] == "offline" and answer["language"] == language
    assert NOTICE[language] in answer["notice"]
    if tool in ("continue", "expand"):        # no invented prose: nothing, and why
        assert answer["text"] == "" and pieces == []
        assert ("AI provider" if language == "en" else "nhà cung cấp AI") in answer["notice"].split(".")[0]
    else:
        assert answer["text"] and len(pieces) == len(answer["text"].split())
    assert write(tool, language)[0] == answer   # deterministic


def test_what_each_tool_writes():
    assert write("summarise", "en")[0]["text"].startswith("Mara Vell sailed to Karsk at dawn.")
    assert len(write("summarise", "en")[0]["text"]) < len(TEXT["en"]) / 2
    titles = write("titles", "en")[0]
    assert titles["titles"][:2] == ["Mara Vell", "The Tale of Mara Vell"]
    assert any(" and " in title for title in titles["titles"])
    assert titles["text"] == "\n".join(titles["titles"]) and len(titles["titles"]) <= 5
    assert write("titles", "vi")[0]["titles"][0] == "Nguyễn Văn An"
    described = write("describe_entry", "en")[0]["text"]
    assert described == ("Mara Vell is a character of this world. Also known as Mara. Eye colour: blue. "
                         "Mara Vell is sibling of Orin Dask.")
    assert write("describe_entry", "vi")[0]["text"].startswith("Nguyễn Văn An là một nhân vật trong thế giới này.")


def test_rephrase_tidies_english():
    messy = 'Mara  said ,"we go now..."  and the the sea was calm .She didn\'t care. "Go," she said.'
    assert tidy(messy, "en") == "Mara said, “we go now…” and the sea was calm. She didn’t care. “Go,” she said."
    assert tidy("She had had enough.", "en") == "She had had enough."   # a doubled word that is English


def test_rephrase_tidies_vietnamese_keeping_reduplication_and_composing_tone_marks():
    messy = unicodedata.normalize("NFD", 'Nguyễn Văn An đi  từ từ ,"về nhà" ...Trời   xanh xanh .')
    tidied = tidy(messy, "vi")
    assert tidied == "Nguyễn Văn An đi từ từ, “về nhà”… Trời xanh xanh."
    assert unicodedata.is_normalized("NFC", tidied)


def test_the_stream_is_paced_and_stops_when_told():
    provider = OfflineProvider(stream_delay=0.02)
    started = time.monotonic()
    answer, pieces = write("rephrase", "en", provider)
    assert time.monotonic() - started >= 0.02 * (len(pieces) - 1) * 0.9
    arrived = []
    with pytest.raises(JobStopped):
        provider.write("rephrase", selection=TEXT["en"], language="en", on_delta=arrived.append,
                       budget=Budget(should_stop=lambda: len(arrived) >= 3))
    assert 3 <= len(arrived) < len(pieces)


# -- through the app (no AI provider configured: offline) -----------------------------------

@pytest.mark.parametrize("language", ["en", "vi"])
def test_offline_writing_jobs(client, auth, make_world, make_story, ai, language):
    owner = auth.register()
    world = make_world(owner, name="Làng Gióng" if language == "vi" else "Karsk", language=language)
    story = make_story(owner, world, content=TEXT[language])
    entry = client.post(f"/api/worlds/{world['world_id']}/entities", headers=owner["headers"],
                        json={"name": ENTRY[language]["name"], "aliases": ENTRY[language]["aliases"]}).json
    bodies = {"rephrase": {"selection": "Trời  mưa ." if language == "vi" else "It  rained ."},
              "titles": {"story_id": story["story_id"]}, "describe_entry": {"entry_id": entry["entity_id"]},
              "continue": {"before": TEXT[language]}}
    for tool, body in bodies.items():
        started = client.post(f"/api/worlds/{world['world_id']}/writing", json={"tool": tool, **body},
                              headers=owner["headers"])
        assert started.status_code == 202, started.json
        task = wait_task(client, owner, started.json["task_id"])
        assert task["status"] == "completed" and task["type"] == "writing", task
        result = task["result"]
        assert result["language"] == language and NOTICE[language] in result["notice"]
        assert task["partial"] == result["text"]
        assert task["provider"] == "offline"
    assert result["text"] == ""   # continue, last


def test_describe_entry_reads_the_entrys_fields_and_relations(client, auth, make_world, ai):
    owner = auth.register()
    world = make_world(owner, name="Karsk", language="en")
    wid = world["world_id"]
    client.post(f"/api/worlds/{wid}/field-templates", headers=owner["headers"],
                json={"kind": "character", "label": "Eye colour", "field_type": "text"})
    mara = client.post(f"/api/worlds/{wid}/entities", headers=owner["headers"],
                       json={"name": "Mara Vell", "aliases": ["Mara"], "fields": {"eye_colour": "blue"}}).json
    orin = client.post(f"/api/worlds/{wid}/entities", headers=owner["headers"], json={"name": "Orin Dask"}).json
    parent = client.post(f"/api/worlds/{wid}/entities", headers=owner["headers"], json={"name": "Ilse Vell"}).json
    for source, target, kind in ((mara, orin, "sibling_of"), (parent, mara, "parent_of")):
        made = client.post(f"/api/worlds/{wid}/relations", headers=owner["headers"],
                           json={"source_id": source["entity_id"], "target_id": target["entity_id"], "type": kind})
        assert made.status_code == 201, made.json
    started = client.post(f"/api/worlds/{wid}/writing", headers=owner["headers"],
                          json={"tool": "describe_entry", "entry_id": mara["entity_id"]})
    task = wait_task(client, owner, started.json["task_id"])
    assert task["result"]["text"] == ("Mara Vell is a character of this world. Also known as Mara. Eye colour: blue. "
                                      "Mara Vell is sibling of Orin Dask and child of Ilse Vell."), task
