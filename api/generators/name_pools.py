"""English name material per world type for procedural casts (Vietnamese: ``name_pools_vi``)."""

POOLS = {
    "fantasy": {
        "given": ["Aldric", "Brenna", "Caelum", "Dagny", "Eryndor", "Fiora", "Garrick", "Halvard",
                  "Isolde", "Joran", "Kestrel", "Lyra", "Maelis", "Nerys", "Orrin", "Perrin",
                  "Quenna", "Rowan", "Sable", "Theron", "Ulric", "Vesna", "Wren", "Yseult"],
        "family": ["Ashdown", "Blackthorn", "Cinderfell", "Duskmere", "Emberlane", "Frostholm",
                   "Greywater", "Hollowmere", "Ironwood", "Stormvale", "Thornbury", "Wolfsbane"],
        "place_first": ["Raven", "Silver", "Thorn", "Mist", "Stone", "Amber", "Winter", "Elder"],
        "place_last": ["hold", "mere", "fall", "crest", "wood", "haven", "spire", "ford"],
        "place_kinds": ["keep", "village", "forest", "citadel", "harbour", "ruined fortress"],
        "roles": ["hero", "mentor", "rival", "trickster", "guardian", "exile"],
    },
    "sci-fi": {
        "given": ["Ada", "Bex", "Cyrus", "Dax", "Echo", "Fen", "Io", "Juno", "Kai", "Lux",
                  "Mira", "Nova", "Orion", "Pax", "Quill", "Rhea", "Soren", "Tess", "Vega", "Zane"],
        "family": ["Achebe", "Borealis", "Castellan", "Drexler", "Halloran", "Ishikawa",
                   "Kovacs", "Maru", "Okafor", "Reyes", "Sato", "Voss"],
        "place_first": ["Helix", "Kepler", "Nadir", "Orbital", "Tycho", "Vanta", "Zenith", "Cygnus"],
        "place_last": [" Station", " Prime", " Outpost", " Array", " Colony", " Drift", " Reach", " Yard"],
        "place_kinds": ["station", "colony", "starport", "research outpost", "moon base", "freighter"],
        "roles": ["captain", "engineer", "pilot", "smuggler", "scientist", "android"],
    },
    "modern": {
        "given": ["Alex", "Bianca", "Carlos", "Dana", "Elliot", "Farah", "Grace", "Hugo", "Imani",
                  "Jonah", "Keiko", "Liam", "Maya", "Noah", "Olivia", "Priya", "Sam", "Tara"],
        "family": ["Baker", "Chen", "Delgado", "Evans", "Fischer", "Garcia", "Hughes", "Kim",
                   "Lopez", "Morgan", "Novak", "Patel"],
        "place_first": ["Harbor", "Maple", "River", "Union", "Cedar", "Lake", "North", "Oak"],
        "place_last": [" Street", " Park", " Heights", " Café", " Station", " Market", " Bridge", " Hall"],
        "place_kinds": ["neighbourhood", "café", "office", "park", "apartment", "station"],
        "roles": ["detective", "journalist", "student", "doctor", "artist", "entrepreneur"],
    },
    "historical": {
        "given": ["Agnes", "Bartholomew", "Catherine", "Edmund", "Eleanor", "Geoffrey", "Hildegard",
                  "Isabella", "Jean", "Leopold", "Margarethe", "Nicolas", "Oswald", "Philippa"],
        "family": ["de Vere", "Fairfax", "Grenville", "Howard", "Lancaster", "Montague",
                   "Neville", "Percy", "Russell", "Stafford", "Tudor", "Willoughby"],
        "place_first": ["King's", "Abbey", "Market", "Castle", "Bishop's", "Mill", "Guild", "Port"],
        "place_last": [" Cross", " Lane", " Green", " Wharf", " Hill", " Gate", " Square", " Row"],
        "place_kinds": ["abbey", "market town", "castle", "port", "manor", "guildhall"],
        "roles": ["merchant", "knight", "scholar", "courtier", "soldier", "artisan"],
    },
}


TRAITS = ["stubborn", "ambitious", "secretive", "loyal", "resourceful", "weary", "idealistic", "restless"]
CHARACTER_LINES = ["{given} has a debt to repay and little time to do it.",
                   "{given} keeps a secret that could change everything.",
                   "{given} is searching for someone who vanished years ago.",
                   "{given} trusts few people and is trusted by fewer.",
                   "{given} wants to set right an old wrong."]
PLACE_LINES = ["Travellers speak of it in lowered voices.",
               "Many paths of the story cross here.",
               "Its people are slow to trust strangers.",
               "It keeps memories that no one likes to mention."]


def pool(world_type: str) -> dict:
    return POOLS.get(world_type, POOLS["fantasy"])
