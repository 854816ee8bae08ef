"""Compatibility, not equality: soft sides, places by containment, look-alikes kept apart."""

from __future__ import annotations

from datetime import date

from eventwire.corpus import dedup
from eventwire.corpus.dedup import Mention, merge_mentions
from eventwire.corpus.dedup.evidence import Side, clues, place_info, place_relation, side_relation

D = date(2025, 2, 11)
PUBLISHED = "the publication date: no date in its sentence"
KHARKIV = {
    "name": "Kharkiv",
    "country": "UKR",
    "geonameid": 706483,
    "precision": "city",
    "lat": 49.98,
    "lon": 36.25,
    "reason": "locative phrase 'Kharkiv' attached to the event",
}
ODESA = {
    "name": "Odesa",
    "country": "UKR",
    "geonameid": 698740,
    "precision": "city",
    "lat": 46.48,
    "lon": 30.73,
    "reason": "locative phrase 'Odesa' attached to the event",
}
UKRAINE = {"name": "Ukraine", "country": "UKR", "geonameid": 690791, "precision": "country",
           "reason": "locative phrase 'Ukraine' attached to the event"}  # fmt: skip


def report(article: str, sentence: str, **kw) -> Mention:
    base = {"id": f"{article}-m", "event_type": "ASSAULT", "quad_class": 4,
            "actor_country": "RUS", "actor_code": "RUS", "recipient_country": "UKR",
            "recipient_code": "UKR", "date": D, "date_precision": "day",
            "date_reason": PUBLISHED, "sentence": sentence,
            "source": f"Outlet {article}"}  # fmt: skip
    base.update(kw)
    return Mention(article_hash=article, **base)


def groups(*mentions: Mention) -> list[list[str]]:
    merged = merge_mentions(mentions)
    return sorted(sorted({m.article_hash for m in e.mentions}) for e in merged)


def test_a_missing_or_sector_only_side_joins_a_coded_one_on_evidence():
    coded = report("a", "Russian drones hit Kharkiv, killing four people.", location=KHARKIV)
    missing = report("b", "Drones struck Kharkiv overnight and four people died.",
                     recipient_country=None, recipient_code=None, location=KHARKIV)  # fmt: skip
    civilians = report("c", "Four residents of Kharkiv were killed by the drones.",
                       recipient_country=None, recipient_code="CVL",
                       recipient_sector="CVL")  # fmt: skip
    assert groups(coded, missing, civilians) == [["a", "b", "c"]]
    event = merge_mentions([coded, missing, civilians])[0]
    assert dedup.event_row(event)["recipient_code"] == "UKR"  # the best-resolved side is kept
    assert "recipient missing taken as UKR" in event.explanation
    assert "figures 4" in event.explanation and "place Kharkiv" in event.explanation


def test_a_soft_side_without_evidence_stays_apart():
    coded = report("a", "Russian drones hit Kharkiv.", location=KHARKIV)
    vague = report("b", "Attacks went on elsewhere.", recipient_country=None, recipient_code=None)
    assert groups(coded, vague) == [["a"], ["b"]]


def test_sides_compare_by_kind():
    police, army = Side(code="COP", sector="COP"), Side("RUS", "RUSMIL", "MIL")
    assert side_relation(police, Side("RUS", "RUSCOP", "COP")) == "soft"
    assert side_relation(police, army) is None  # police are not the army
    assert side_relation(Side(), army) == "soft"
    assert side_relation(Side("RUS", "RUS"), Side("UKR", "UKR")) is None
    assert side_relation(Side("EUR", "EUR"), Side("EUR", "EUR")) == "same"


def test_places_compare_by_containment_and_weak_places_never_split():
    kharkiv = place_info(KHARKIV, "Drones hit Kharkiv.")
    odesa = place_info(ODESA, "Drones hit Odesa.")
    country = place_info(UKRAINE, "Drones hit Ukraine.")
    assert place_relation(kharkiv, country) == "within"  # type: ignore[arg-type]
    assert place_relation(kharkiv, odesa) is None  # type: ignore[arg-type]
    dateline = {**ODESA, "reason": "the article's dateline"}
    spoken = place_info(ODESA, "The minister in Odesa said drones hit the city.")
    assert not place_info(dateline, "x").strong and not spoken.strong  # type: ignore[union-attr]
    a = report("a", "Drones hit the city.", location=KHARKIV)
    b = report("b", "Drones hit the city, officials said.", location=dateline)
    assert groups(a, b) == [["a", "b"]]  # a dateline elsewhere is no other place


def test_look_alikes_are_kept_apart_by_what_differs():
    town = [report("a", "A missile hit the port.", location=KHARKIV),
            report("b", "A missile hit the port.", location=ODESA)]  # fmt: skip
    figures = [report("c", "Germany sent 20 tanks."), report("d", "Germany sent 6 howitzers.")]
    days = [
        report("e", "Shelling on Monday.", date_reason="'on Monday'"),
        report("f", "Shelling on Tuesday.", date=date(2025, 2, 12), date_reason="'on Tuesday'"),
    ]
    people = [report("g", "Talks.", event_type="CONSULT", recipient_name="Wang Yi"),
              report("h", "Talks.", event_type="CONSULT", recipient_name="Han Zheng")]  # fmt: skip
    for pair in (town, figures, days, people):
        assert len(groups(*pair)) == 2, pair[0].sentence
    assert groups(*days[:1], report("i", "Shelling again.", date=date(2025, 2, 12))) == [["e", "i"]]


def test_a_plan_and_its_fulfilment_join_but_a_denial_does_not():
    plan = report("a", "Japan will give $50 million to Sudan.", event_type="AID", quad_class=2,
                  modality="planned", actor_country="JPN", actor_code="JPN",
                  recipient_country="SDN", recipient_code="SDN")  # fmt: skip
    done = report("b", "Japan gave $50 million in aid to Sudan.", event_type="AID", quad_class=2,
                  actor_country="JPN", actor_code="JPN", recipient_country="SDN",
                  recipient_code="SDN", date=date(2025, 2, 12))  # fmt: skip
    earlier = report("c", "Japan gave aid to Sudan.", event_type="AID", quad_class=2,
                     actor_country="JPN", actor_code="JPN", recipient_country="SDN",
                     recipient_code="SDN", date=date(2025, 2, 10))  # fmt: skip
    denied = report("d", "Japan did not give aid to Sudan.", event_type="AID", modality="denied",
                    actor_country="JPN", actor_code="JPN", recipient_country="SDN",
                    recipient_code="SDN")  # fmt: skip
    assert groups(plan, done) == [["a", "b"]]
    assert (
        "planned on 2025-02-11, reported done on 2025-02-12"
        in merge_mentions([plan, done])[0].explanation
    )
    assert len(groups(plan, earlier)) == 2  # done before it was planned: another act
    assert len(groups(done, denied)) == 2


def test_two_types_of_one_quad_class_join_only_on_hard_evidence():
    sanction = report("a", "The EU sanctioned seven firms over drones in Minsk.", location=KHARKIV,
                      event_type="SANCTION")  # fmt: skip
    coerce = report("b", "The bloc listed seven firms over drone sales in Minsk.", location=KHARKIV,
                    event_type="COERCE")  # fmt: skip
    assert groups(sanction, coerce) == [["a", "b"]]
    assert "types COERCE and SANCTION joined" in merge_mentions([sanction, coerce])[0].explanation
    vague = report("c", "The bloc took measures.", event_type="COERCE")
    assert len(groups(sanction, vague)) == 2
    other_quad = report("d", "The EU sanctioned seven firms over drones in Minsk.",
                        location=KHARKIV, event_type="THREATEN", quad_class=3)  # fmt: skip
    assert len(groups(sanction, other_quad)) == 2


def test_one_act_named_twice_in_an_article_is_one_mention_group():
    lead = report("a", "Russia struck Kharkiv.", id="a-1", location=KHARKIV)
    again = report("a", "Residents of Kharkiv were hit.", id="a-2", recipient_code="UKRCVL",
                   recipient_sector="CVL")  # fmt: skip
    event = merge_mentions([again, lead])[0]
    assert len(event.mentions) == 2
    assert "the same act as a-1 in its article" in event.reasons[("a", "a-2")]


def test_clues_leave_out_dates_titles_and_countries():
    found = clues("On 3 March 2025, Ukrainian President Volodymyr Zelensky asked Berlin for "
                  "two Patriot systems worth $1.5 billion.")  # fmt: skip
    assert found.numbers == {"2", "1.5e+09"}
    assert {"volodymyr", "zelensky", "patriot", "berlin"} <= found.names
    assert not {"ukrainian", "president", "march"} & found.names


def test_a_missing_side_named_in_its_own_sentence_is_evidence():
    """Beside a report of Pakistan's troops moving against India, a vaguer one on the same day
    whose sentence names India joins it; one naming only the actor stays apart."""
    coded = report("a", "Pakistan moved two armoured brigades to the border, officials said.",
                   event_type="MOBILIZE", actor_country="PAK", actor_code="PAK",
                   recipient_country="IND", recipient_code="IND")  # fmt: skip
    naming = report("b", "India said Pakistan had massed armour near the frontier.",
                    event_type="MOBILIZE", actor_country="PAK", actor_code="PAK",
                    recipient_country=None, recipient_code=None)  # fmt: skip
    silent = report("c", "Pakistani armour was seen on the move near the frontier.",
                    event_type="MOBILIZE", actor_country="PAK", actor_code="PAK",
                    recipient_country=None, recipient_code=None)  # fmt: skip
    assert groups(coded, naming) == [["a", "b"]]
    assert (
        "recipient IND named in the vaguer report" in merge_mentions([coded, naming])[0].explanation
    )
    assert groups(coded, silent) == [["a"], ["c"]]
    assert clues("Officials in the U.S. and Taiwan spoke.").countries == {"USA", "TWN"}
