"""The trigger lexicon: every row valid against the ontology, and each type firing on news text.

Row checks catch typos that would otherwise surface as an EventwireError at coding time or, worse,
as a silently dead row (a class name nobody defined, a mode the type does not have). The sentence
checks are written for these tests; they pin one ordinary phrasing per PLOVER type.
"""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from importlib import resources

import pytest

from eventwire.coding.lexicon import load_lexicon
from eventwire.coding.roles import ARGUMENT_NOUNS
from eventwire.coding.triggers import VERBAL_ATTACK_CLASSES
from eventwire.ontology import cameo_codes, contexts, plover_for_cameo, plover_types

DAY = date(2024, 9, 10)
ROLE_WORDS = frozenset(
    {"dobj", "dative", "clause_subject", "complement", "doer", "content_subject"}
)
CLAUSE_CLASS = "@to"  # the engine's pseudo-class: the verb governs a to-infinitive or "on"
NAMED_CLASS = "@complement"  # a stop reading: a verb of naming with any complement


def _rows(name: str) -> list[dict[str, str]]:
    path = resources.files("eventwire") / "data" / "lexicon" / name
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


ALL_ROWS = _rows("triggers.tsv")
# A stop reading (type "-") blocks a word's other readings for one class of objects:
# "rejected the allegation" is a denial, no PLOVER event.
STOPS = [row for row in ALL_ROWS if row["type"] == "-"]
TRIGGERS = [row for row in ALL_ROWS if row["type"] != "-"]
CLASSES = {row["class"]: row["words"] for row in _rows("classes.tsv")}


def _row_id(row: dict[str, str]) -> str:
    return f"{row['lemma']}/{row['pos']}/{row['type']}/{row['cameo']}"


# A signed deal, treaty or accord is an agreement reached between its parties (AGREE), as
# analysts count agreements, where the 2021 CAMEO->PLOVER table files CAMEO 057 under SUPPORT.
DELIBERATE_DEPARTURES = {"057": "AGREE"}


@pytest.mark.parametrize("row", TRIGGERS, ids=_row_id)
def test_row_is_valid(row):
    types = plover_types()
    assert row["type"] in types
    assert row["pos"] in {"VERB", "NOUN", "ADJ", "AUX"}
    assert row["cameo"] in cameo_codes()
    # The CAMEO code must describe the same PLOVER type, so CAMEO and PLOVER users agree,
    # except where eventwire departs from the 2021 mapping on purpose (see the lexicon README).
    expected = DELIBERATE_DEPARTURES.get(row["cameo"]) or plover_for_cameo(row["cameo"])[0]
    assert expected == row["type"]
    assert row["mode"] == "" or row["mode"] in types[row["type"]].modes
    assert all(c in contexts() for c in row["context"].split("|") if c)
    assert row["light"] == "" or row["light"] in CLASSES
    # One object class per row: the engine looks the name up whole.
    # "@pejoratives" (and the stop reading's "@complement") look at what a naming calls its
    # object rather than at the object itself.
    complement_class = row["object"].startswith("@") and row["object"][1:] in CLASSES
    assert (
        row["object"] in {"", CLAUSE_CLASS, NAMED_CLASS}
        or row["object"] in CLASSES
        or (complement_class)
    )
    roles = row["recipient"].lstrip("!").split("|")
    assert all(r in ROLE_WORDS or r.isalpha() for r in roles if r)


@pytest.mark.parametrize("row", TRIGGERS, ids=_row_id)
def test_row_shape_matches_part_of_speech(row):
    if row["pos"] == "NOUN":
        # Nouns fire through their light verbs; a two-word noun is modifier + head noun.
        assert row["lemma"].count(" ") <= 1
        assert row["light"] and not row["object"]
    elif row["pos"] in {"ADJ", "AUX"}:
        # Adjectives ("willing to", "found guilty") and modals ("must") are read by the engine
        # in their clause; they carry no constraints.
        assert not row["light"] and not row["object"]
    else:
        assert not row["light"]
        assert row["lemma"] == row["lemma"].strip() and row["lemma"].count(" ") <= 1


def test_no_duplicate_rows():
    keys = Counter(
        (r["lemma"], r["pos"], r["light"], r["object"], r["type"], r["cameo"]) for r in TRIGGERS
    )
    assert [k for k, n in keys.items() if n > 1] == []


def test_every_class_is_used_and_nonempty():
    used = {r["light"] for r in ALL_ROWS} | {r["object"].lstrip("@") for r in ALL_ROWS}
    used |= {ARGUMENT_NOUNS, *VERBAL_ATTACK_CLASSES}  # read by rules, not by a lexicon row
    assert all(words.strip("|") for words in CLASSES.values())
    assert set(CLASSES) - used == set()


def test_context_words_map_to_valid_contexts():
    for row in _rows("contexts.tsv"):
        assert row["context"] in contexts(), row


@pytest.mark.parametrize("row", STOPS, ids=_row_id)
def test_stop_readings_name_an_object_class_and_nothing_else(row):
    assert row["pos"] == "VERB" and (row["object"] in CLASSES or row["object"] == NAMED_CLASS)
    assert not (row["cameo"] or row["mode"] or row["light"] or row["context"])
    assert any(r["lemma"] == row["lemma"] and r["pos"] == "VERB" for r in TRIGGERS)


def test_stop_reading_blocks_a_denial(coder):
    events = coder.code_text("The ministry denied the allegation that it had armed the rebels.")
    assert not [e for e in events if e.event_type == "REJECT"]
    events = coder.code_text("The ministry rejected the proposal from Cairo.")
    assert [e for e in events if e.event_type == "REJECT"]


def test_dismissing_an_accusation_rejects_the_accuser(coder):
    text = (
        "Kenya accused Uganda of arming the rebels. "
        "Uganda's foreign ministry dismissed the allegation as baseless."
    )
    rejections = [e for e in coder.code_text(text) if e.event_type == "REJECT"]
    assert [(e.actor.country, e.recipient.country) for e in rejections] == [("UGA", "KEN")]


def test_every_type_has_verbs_and_nouns():
    by_type: dict[str, set[str]] = {}
    for row in TRIGGERS:
        by_type.setdefault(row["type"], set()).add(row["pos"])
    assert set(by_type) == set(plover_types())
    assert all({"VERB", "NOUN"} <= pos for pos in by_type.values())


def test_lexicon_loads_with_constrained_readings_first():
    lexicon = load_lexicon()
    for entries in lexicon.entries.values():
        ranks = [(not e.particle, not e.object_class) for e in entries]
        assert ranks == sorted(ranks)


SENTENCES = [
    ("AGREE", "Iran pledged to cooperate with the International Atomic Energy Agency."),
    ("CONSULT", "The Japanese prime minister held talks with the Indian prime minister."),
    ("AGREE", "Egypt and Israel signed a peace treaty."),
    ("CONCEDE", "The government of Peru accepted the demands of the striking miners."),
    ("COOPERATE", "France shared intelligence with Morocco."),
    ("AID", "Norway sent humanitarian aid to Sudan."),
    ("RETREAT", "Venezuela released 30 political prisoners."),
    ("CONCEDE", "The Colombian rebels declared a unilateral ceasefire."),
    ("RETREAT", "The Colombian rebels observed the ceasefire."),
    ("REQUEST", "Germany urged Turkey to free the detained journalists."),
    ("ACCUSE", "Australia summoned the Chinese ambassador over the incident."),
    ("REJECT", "North Korea rejected the South Korean proposal."),
    ("THREATEN", "Iran threatened Israel with retaliation."),
    ("PROTEST", "Angry farmers staged a protest against the Indian government."),
    ("SANCTION", "The United States suspended military aid to Egypt."),
    ("SANCTION", "Canada expelled two Russian diplomats."),
    ("MOBILIZE", "Russia deployed troops to the border with Ukraine."),
    ("COERCE", "Police in Belarus arrested dozens of opposition activists."),
    ("ASSAULT", "Israeli jets bombed targets in Lebanon."),
]


@pytest.mark.parametrize(("event_type", "text"), SENTENCES)
def test_sentence_yields_type(coder, event_type, text):
    events = coder.code_text(text, DAY)
    found = [(e.event_type, e.rule) for e in events]
    assert any(e.event_type == event_type for e in events), found


@pytest.mark.parametrize(
    ("text", "expected", "wrong"),
    [
        # The object decides the reading of an ambiguous verb.
        ("Britain cut aid to Malawi.", "SANCTION", "RETREAT"),
        ("Britain cut tariffs on Malawi.", "RETREAT", "SANCTION"),
        ("The army halted its offensive against the rebels.", "RETREAT", "ASSAULT"),
        ("Turkey suspended talks with Greece.", "SANCTION", "CONSULT"),
        ("Ghana released the captured fishermen.", "RETREAT", "COERCE"),
    ],
)
def test_object_class_chooses_reading(coder, text, expected, wrong):
    types = {e.event_type for e in coder.code_text(text, DAY)}
    assert expected in types and wrong not in types, types


def test_topic_noun_alone_is_not_an_event(coder):
    events = coder.code_text("Ministers discussed the weather and the football results.", DAY)
    assert [e.event_type for e in events if e.event_type != "CONSULT"] == []
