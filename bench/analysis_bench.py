"""Offline analysis time against text length: linear means a flat µs/char.

Builds stories of growing length from English and Vietnamese paragraphs whose
cast keeps growing (names made from syllables, so a longer text also has
more distinct names, which is what made the old per-name scans quadratic),
then times ``OfflineProvider.analyze_story`` and ``extract_events`` on each
(best of ``--repeat`` runs). Prints seconds, µs per character and how many
names were found; no target is enforced here.

    .venv/bin/python bench/analysis_bench.py
    .venv/bin/python bench/analysis_bench.py --sizes 10000 50000 200000 --repeat 3
"""
from __future__ import annotations

import argparse
import itertools
import os
import random
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "api"))

from ai.gpt_client import Usage  # noqa: E402
from ai.offline import OFFLINE_MAX_CHARS, OfflineProvider  # noqa: E402

ONSETS = ["B", "D", "K", "L", "M", "N", "R", "S", "T", "V", "Z", "Th", "Br", "Gr", "El", "Or", "Ash"]
NUCLEI = ["a", "e", "i", "o", "u", "ae", "ei", "ou"]
CODAS = ["n", "r", "s", "l", "th", "rk", "nd", "ss", "v", "x"]
HO = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
DEM = ["Văn", "Thị", "Minh", "Quốc", "Thanh", "Hữu", "Ngọc", "Đức"]
TEN = ["An", "Bình", "Châu", "Dũng", "Giang", "Hải", "Khoa", "Linh", "Mai", "Nam", "Phúc", "Quân",
       "Sơn", "Tâm", "Trung", "Vy", "Yến", "Thảo"]
PLACE_KINDS = ["Forest", "Harbour", "Tower", "Vale", "Keep", "Marsh", "Gate", "Abbey"]

ENGLISH = [
    "{a} left the harbour of {p} before dawn, and {b} followed with the maps. The wind was cold. "
    "Nobody on the quay asked where they were going, and {a} did not say.",
    "In {p}, {a} met the old smith {b}. {b} had forged blades for three kings. \"Ask {c} about "
    "the price,\" said {b}, and went back to the fire.",
    "They rode through the {q} for two days. {c} kept watch at night while {a} slept. On the third "
    "morning they reached {p}, where {b} was waiting at the gate.",
    "{b}'s letter was short: {a} must come to {q} alone. {c} read it twice, then burned it. "
    "Outside, rain fell on the roofs of {p}.",
]
VIETNAMESE = [
    "Sáng hôm ấy, {a} rời bến {p} khi trời còn tối. {b} mang theo tấm bản đồ cũ. "
    "Không ai hỏi họ đi đâu, và {a} cũng không nói.",
    "Ở {p}, {a} gặp ông thợ rèn {b}. {b} đã rèn kiếm cho ba đời vua. "
    "\"Hãy hỏi {c} về cái giá,\" {b} nói rồi quay lại bên lò lửa.",
    "Họ đi qua {q} suốt hai ngày. Ban đêm {c} canh gác trong khi {a} ngủ. "
    "Đến sáng thứ ba, họ tới {p}, nơi {b} đang đợi ở cổng thành.",
    "Lá thư của {b} rất ngắn: {a} phải một mình đến {q}. {c} đọc hai lần rồi đốt đi. "
    "Bên ngoài, mưa rơi trên những mái nhà ở {p}.",
]


def names(rng: random.Random):
    """An endless supply of distinct people and places, in English and Vietnamese styles."""
    seen = set()
    while True:
        word = lambda: rng.choice(ONSETS) + rng.choice(NUCLEI) + rng.choice(CODAS)  # noqa: E731
        person = (f"{word()} {word()}" if rng.random() < 0.6
                  else f"{rng.choice(HO)} {rng.choice(DEM)} {rng.choice(TEN)}")
        place = word() if rng.random() < 0.5 else f"{word()} {rng.choice(PLACE_KINDS)}"
        if person not in seen and place not in seen:
            seen.update((person, place))
            yield person, place


def story(chars: int, seed: int = 7) -> str:
    """About ``chars`` characters of prose; every paragraph brings in new names and reuses old ones."""
    rng, supply = random.Random(seed), names(random.Random(seed))
    people, places, paragraphs, length = [], [], [], 0
    while length < chars:
        person, place = next(supply)
        people.append(person)
        places.append(place)
        template = rng.choice(ENGLISH if rng.random() < 0.6 else VIETNAMESE)
        text = template.format(a=person, b=rng.choice(people), c=rng.choice(people[-50:]),
                               p=place, q=rng.choice(places))
        paragraphs.append(text)
        length += len(text) + 2
    return "\n\n".join(paragraphs)[:chars]


def best_of(repeat: int, call) -> tuple[float, dict]:
    times, answer = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        answer = call()
        times.append(time.perf_counter() - start)
    return min(times), answer


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 200_000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (the best is shown)")
    args = parser.parse_args(argv)
    provider = OfflineProvider()
    known = list(itertools.islice(names(random.Random(7)), 30))   # the story's first cast is known
    known_people, known_places = [p for p, _ in known], [q for _, q in known]
    print(f"OFFLINE_MAX_CHARS={OFFLINE_MAX_CHARS:,}")
    print(f"{'chars':>8} {'layout':<10} {'job':<15} {'seconds':>8} {'µs/char':>8}  found")
    for size in args.sizes:
        # one paragraph too: a text with no breaks is where per-sentence slicing turns quadratic
        for layout, text in (("paragraphs", story(size)), ("one block", story(size).replace("\n\n", " "))):
            seconds, answer = best_of(args.repeat, lambda: provider.analyze_story(
                "Bench", "adventure", text, known_people, known_places, Usage()))
            print(f"{len(text):>8} {layout:<10} {'analyze_story':<15} {seconds:>8.3f} "
                  f"{seconds / len(text) * 1e6:>8.2f}  {len(answer['characters'])} characters, "
                  f"{len(answer['locations'])} locations" + (f" ({answer['message']})" if "message" in answer else ""))
            seconds, answer = best_of(args.repeat, lambda: provider.extract_events(
                "Bench", text, known_people, known_places, Usage()))
            print(f"{len(text):>8} {layout:<10} {'extract_events':<15} {seconds:>8.3f} "
                  f"{seconds / len(text) * 1e6:>8.2f}  {len(answer['events'])} events")
    return 0


if __name__ == "__main__":
    sys.exit(main())
