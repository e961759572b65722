from core.names import name_key
from generators.starter_cast import starter_cast


def test_same_seed_same_cast_and_names_fit_the_world_type():
    assert starter_cast("fantasy", "seed-1") == starter_cast("fantasy", "seed-1")
    assert starter_cast("fantasy", "seed-1") != starter_cast("fantasy", "seed-2")
    modern = starter_cast("modern", "x")
    assert any(loc["name"].endswith((" Street", " Park", " Heights", " Café", " Station", " Market",
                                     " Bridge", " Hall")) for loc in modern["locations"])


def test_names_avoid_those_already_taken():
    first = starter_cast("sci-fi", "s")
    taken = {n["name"].casefold() for n in first["characters"] + first["locations"]}
    second = starter_cast("sci-fi", "s", taken=set(taken))
    names = {n["name"].casefold() for n in second["characters"] + second["locations"]}
    assert not names & taken


def test_name_key_ignores_case_accents_and_spacing():
    assert name_key("  Zoë   ARDENT ") == name_key("zoe ardent")
    assert name_key("Høldfast") == name_key("holdfast")
    assert name_key("Ana") != name_key("Anna")
