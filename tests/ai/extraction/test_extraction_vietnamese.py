"""The offline extractor on Vietnamese prose: places by their cue words, people by titles,
sentence openers, Vietnamese stopwords only, and tone marks significant."""
from __future__ import annotations

from ai.extraction import find_names
from ai.gpt_client import Usage
from ai.offline import OfflineProvider

STORY = ("Mùa thu năm 1946, Hà Nội chìm trong sương. Bà Mai đi qua phố Hàng Bạc rồi lên cầu Long Biên. "
         "Trần Thị Mai nhìn về phía chùa Trấn Quốc. Bà Mai nói: \"Con về đi.\" "
         "Ngày xưa, An Tiêm bị đày ra đảo. Bụt hiện lên và bảo An Tiêm trồng dưa. "
         "An Tiêm sống ở làng Vũ Đại. Vua Hùng Vương thương An Tiêm. Hùng Vương cho đón chàng về.")


def names(text, known=()):
    return {n["name"]: n for n in find_names(text, known, "vi")}


def test_places_written_with_their_place_words_are_places():
    found = names(STORY)
    for place, alias in [("Hàng Bạc", "phố Hàng Bạc"), ("Vũ Đại", "làng Vũ Đại")]:
        assert found[place]["kind"] == "place" and alias in found[place]["aliases"], place
    assert found["Hà Nội"]["kind"] == "place"


def test_a_structure_or_natural_feature_keeps_its_place_word():
    found = names(STORY + " Núi Tản Viên cao. Thuyền qua Hồ Gươm.")
    for place in ("cầu Long Biên", "chùa Trấn Quốc", "Núi Tản Viên", "Hồ Gươm"):
        assert found[place]["kind"] == "place" and found[place]["aliases"] == [], place
    assert not {"Long Biên", "Trấn Quốc", "Tản Viên", "Gươm"} & set(found)
    district = names("Quận Long Biên rộng. Bà về Long Biên, rồi lên cầu Long Biên.")
    assert district["Long Biên"]["kind"] == "place" and district["cầu Long Biên"]["kind"] == "place"
    assert "cầu Long Biên" not in district["Long Biên"]["aliases"]


def test_a_known_name_after_a_lower_case_place_word_is_found():
    known = [{"name": "Hàng Bạc", "kind": "place", "aliases": []},
             {"name": "Long Biên", "kind": "place", "aliases": []}]
    found = names("Bà đi qua phố Hàng Bạc rồi lên cầu Long Biên.", known)
    assert set(found) == {"Hàng Bạc", "Long Biên"}
    assert found["Hàng Bạc"]["confidence"] == 0.95 and found["Long Biên"]["confidence"] == 0.95


def test_a_known_name_inside_a_longer_capitalised_name_is_not_found():
    known = [{"name": "Long Biên", "kind": "place", "aliases": []}]
    assert "Long Biên" not in names("Ông Long Biên Hùng đi chợ.", known)


def test_a_one_syllable_place_keeps_its_place_word():
    found = names("Thuyền xuôi sông Hồng. Người lái đò hát trên sông Hồng.")
    assert found["sông Hồng"]["kind"] == "place"


def test_a_season_or_opener_is_no_name():
    found = names(STORY)
    assert not {"Mùa", "Ngày", "Một"} & set(found)


def test_vietnamese_names_keep_words_english_would_drop():
    found = names(STORY)
    assert found["An Tiêm"]["kind"] == "character"
    assert found["Bụt"]["kind"] == "character"


def test_titles_are_prefixes_and_variants_merge():
    found = names(STORY)
    assert found["Hùng Vương"]["kind"] == "character"
    assert "Vua Hùng Vương" in found["Hùng Vương"]["aliases"]
    assert "Vua Hùng Vương" not in found


def test_honorific_alias_only_when_the_text_supports_it():
    known = [{"name": "Trần Thị Mai", "kind": "character", "aliases": []}]
    found = names(STORY, known)
    assert "bà mai" in [a.casefold() for a in found["Trần Thị Mai"]["aliases"]]
    assert "Mai" not in found
    alone = find_names("Bà Mai đi chợ. Bà Mai mua rau.", known, "vi")
    assert alone == []   # no "Trần Thị Mai" in the text: "bà Mai" may be someone else


def test_tone_marks_are_significant():
    known = [{"name": "Trần Quốc", "kind": "character", "aliases": []},
             {"name": "Trần Thị Mai", "kind": "character", "aliases": []}]
    found = names("Sáng nay tôi lên chùa Trấn Quốc thắp hương.", known)
    assert "Trần Quốc" not in found and "Trần Thị Mai" not in found
    assert found["chùa Trấn Quốc"]["kind"] == "place"


def test_a_village_is_not_the_protagonist():
    text = ("Làng Vũ Đại ở gần phủ Lý. Làng Vũ Đại nghèo. Ở làng Vũ Đại, Chí Phèo say. "
            "Chí Phèo chửi. Chí Phèo về làng Vũ Đại.")
    answer = OfflineProvider().analyze_story("Chí Phèo", "drama", text, [], [], Usage())
    lead = [c["name"] for c in answer["characters"] if c["role"] == "protagonist"]
    assert lead == ["Chí Phèo"]
    assert "Vũ Đại" in [p["name"] for p in answer["locations"]]


def test_the_language_is_detected_when_not_given():
    found = {n["name"]: n for n in find_names("An Tiêm sống ở làng Vũ Đại. Bụt bảo An Tiêm.")}
    assert found["An Tiêm"]["kind"] == "character" and found["Vũ Đại"]["kind"] == "place"


def test_a_number_word_is_a_name_when_the_text_names_someone_so():
    found = names("Ngày xưa có một bác lực điền tên là Ba. Từ đấy công việc của bác Ba thêm bận rộn.")
    assert found["Ba"]["kind"] == "character" and found["Ba"]["count"] == 2


def test_a_lone_syllable_with_no_cue_is_no_name_however_often():
    found = names("Thuyền của Ô mã Nhi tới. Quân của Ô mã Nhi thua, Ô mã Nhi bị bắt.")
    assert not {"Ô", "Nhi"} & set(found)


def test_a_name_never_runs_across_a_line_break():
    found = names("Cám bảo chị: Chị Tấm ơi, chị Tấm\nĐầu chị lấm. Tấm nghe lời.")
    assert "Tấm Đầu" not in found and found["Tấm"]["kind"] == "character"


def test_a_spirit_is_named_with_tinh():
    found = names("Ngư tinh quấy biển. Lạc Long Quân đánh Ngư tinh. Gà tinh gáy.")
    assert found["Ngư tinh"]["kind"] == "character" and found["Gà tinh"]["kind"] == "character"
    assert not {"Ngư", "Gà"} & set(found)


def test_heaven_titles_and_eras_are_no_names():
    found = names("Đất Trời nghe thấy. Tiên Vương đã mất. Năm Quang Thái, Từ Thức nói với vợ.")
    assert not {"Đất Trời", "Trời", "Tiên Vương", "Quang Thái"} & set(found)
    assert found["Từ Thức"]["kind"] == "character"


def test_a_dynasty_named_only_after_nha_is_a_faction():
    assert names("Đời nhà Trần, giặc Nguyên sang.")["Trần"]["kind"] == "faction"


def test_an_office_written_half_capitalised_is_no_ones_name():
    found = names("Quan Thượng thư vào chầu. Ông Tổng đốc về tỉnh. Hôm sau Thượng thư Nguyễn Văn Tường vào.")
    assert not {"Thượng", "Tổng"} & set(found)
    assert found["Nguyễn Văn Tường"]["kind"] == "character"


def test_a_realm_and_chu_is_a_rulers_title_not_a_name():
    found = names("Hán-chủ sai sứ sang. Lê Hoàn nghe tin, Lê Hoàn bảo quân sĩ giữ thành Hoa Lư.")
    assert "Hán-chủ" not in found and "Hán" not in found
    assert found["Lê Hoàn"]["kind"] == "character"


def test_common_openers_ending_in_a_verb_are_no_people():
    found = names("Chờ cho trời sáng, họ lên đường. Cuộc sống ở làng Đông rất yên. Bụt hiện lên bên bờ ao.")
    assert not {"Chờ", "Cuộc"} & set(found)
    assert found["Bụt"]["kind"] == "character"
