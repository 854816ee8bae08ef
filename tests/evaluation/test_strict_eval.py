"""The strict measures on hand-built gold and predictions, checked by hand and against the
independent `dyad_funnel.py` of ../shared (that check skips without ../shared)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from eventwire import ontology
from eventwire.evaluation import evaluate as ev
from eventwire.evaluation import strict_eval as se
from eventwire.models import Actor, Event, Span

TOOL = Path(__file__).resolve().parents[3] / "shared" / "tools" / "dyad_funnel.py"


def side(country: str | None, text: str = "x", start: int | None = None) -> Actor:
    end = None if start is None else start + len(text)
    return Actor(text=text, country=country, start=start, end=end)


def event(
    event_type: str,
    actor: Actor | None = None,
    recipient: Actor | None = None,
    confidence: float = 0.5,
    modality: str = "asserted",
    basis: dict[str, str] | None = None,
) -> Event:
    code = ontology.cameo_for_plover(event_type)
    return Event(
        id=f"{event_type}-{confidence}",
        doc_id="d",
        sentence_index=0,
        sentence="",
        event_type=event_type,
        cameo=code,
        quad_class=ontology.plover_type(event_type).quad_class,
        goldstein=ontology.cameo(code).goldstein,
        actor=actor,
        recipient=recipient,
        trigger=Span(text="x", start=0, end=1),
        confidence=confidence,
        modality=modality,
        basis=basis or {},
    )


def gold(rid: str, events: list[tuple], optional: list[tuple] = ()) -> ev.GoldRecord:
    def make(spec: tuple) -> ev.GoldEvent:
        code, source, target = spec
        return ev.GoldEvent(event_code=code, source=source, target=target)

    return ev.GoldRecord(
        id=rid,
        text="a passage",
        ontology="PLOVER",
        events=[make(e) for e in events],
        optional=[make(e) for e in optional],
    )


# Six passages that exercise every rule of the funnel, with predictions for each.
RECORDS = [
    # symmetric CONSULT, recipient given the other way round; a missed ACCUSE
    gold("p1", [("CONSULT", "USA", "RUS"), ("ACCUSE", "UKR", "RUS")]),
    # "+"-joined sources; an IGO under two spellings; an optional reading
    gold(
        "p2",
        [("SANCTION", "USA+GBR", "IRN"), ("REQUEST", "NATO", "RUS")],
        optional=[("THREATEN", "IRN", "USA")],
    ),  # fmt: skip
    # no event: anything predicted is a false alarm
    gold("p3", []),
    # an asymmetric type with sides swapped is wrong at the dyad level
    gold("p4", [("ASSAULT", "ISR", "PSE")]),
    # a gold event without a recipient
    gold("p5", [("PROTEST", "FRA", None)]),
    # the optional reading is the only match
    gold("p6", [("AID", "EURGOV", "UKR")], optional=[("SUPPORT", "DEU", "UKR")]),
]
PREDICTIONS = [
    [
        event("CONSULT", side("RUS"), side("USA"), 0.95),
        event("CONSULT", side("RUS"), side("USA"), 0.2),  # same key: counted once, best 0.95
    ],
    [
        event("SANCTION", side("GBR"), side("IRN"), 0.8),
        event("REQUEST", side("IGO"), side("RUS"), 0.6),
        event("THREATEN", side("IRN"), side("USA"), 0.75),  # optional: neither TP nor FP
    ],
    [event("ASSAULT", side("SYR"), side("TUR"), 0.4)],
    [event("ASSAULT", side("PSE"), side("ISR"), 0.85)],
    [event("PROTEST", side("FRA"), side("FRA"), 0.5)],
    [event("SUPPORT", side("DEU"), side("UKR"), 0.3), event("AID", side("EUR"), side("UKR"), 0.7)],
]


def funnel_of(records, predictions) -> dict[str, tuple[int, int, int]]:
    report = ev.score(records, predictions)
    return {k: (v.tp, v.fp, v.fn) for k, v in report.funnel.levels.items()}


def test_funnel_counts_by_hand():
    # type: gold keys per doc {CONSULT, ACCUSE} {SANCTION, REQUEST} {} {ASSAULT} {PROTEST} {AID};
    # predicted {CONSULT} {SANCTION, REQUEST, THREATEN=optional} {ASSAULT} {ASSAULT} {PROTEST}
    # {SUPPORT=optional, AID} -> tp 6, fp 1 (p3), fn 1 (ACCUSE)
    # type+actor: p1 (CONSULT,RUS) is not (CONSULT,USA): fp 1, fn 2; p2 (SANCTION,GBR) and
    # (REQUEST,IGO) match, (SANCTION,USA) missed; p3 fp; p4 (ASSAULT,PSE) fp + fn; p5 and p6
    # (AID,IGO) match -> tp 4, fp 3, fn 4
    # typed dyad: p1 sorted CONSULT matches, ACCUSE missed; p2 GBR->IRN and IGO->RUS match,
    # USA->IRN missed; p3 fp; p4 swapped: fp + fn; p5 FRA->FRA is not FRA->None: fp + fn;
    # p6 matches -> tp 4, fp 3, fn 4
    assert funnel_of(RECORDS, PREDICTIONS) == {
        "type": (6, 1, 1),
        "type+actor": (4, 3, 4),
        "typed dyad": (4, 3, 4),
    }


def test_negated_predictions_do_not_count():
    records = [gold("n", [("ASSAULT", "RUS", "UKR")])]
    predictions = [[event("ASSAULT", side("RUS"), side("UKR"), modality="denied")]]
    assert funnel_of(records, predictions)["type"] == (0, 0, 1)
    assert ev.score(records, predictions).not_events == 1


def test_prediction_keeps_its_own_type_not_the_folded_one():
    """A planned visit stays CONSULT in the funnel; the folded diagnostic calls it AGREE."""
    records = [gold("f", [("CONSULT", "USA", "CHN")])]
    planned = [[event("CONSULT", side("USA"), side("CHN"), modality="planned")]]
    report = ev.score(records, planned)
    assert report.funnel.levels["typed dyad"].f1 == 1.0
    assert report.types.per_type["AGREE"].fp == 1


def test_per_type_splits_the_dyad_level():
    per_type = ev.score(RECORDS, PREDICTIONS).funnel.per_type
    assert (per_type["ASSAULT"].tp, per_type["ASSAULT"].fp, per_type["ASSAULT"].fn) == (0, 2, 1)
    assert per_type["CONSULT"].f1 == 1.0


def test_dyad_errors_name_the_step_that_fails():
    errors = ev.score(RECORDS, PREDICTIONS).dyad_errors
    # missed: p1 ACCUSE (no such type), p2 USA->IRN and p4 ISR->PSE (other actor), p5 (other
    # recipient); wrong: p3 (type not in the passage), p4 (actor), p5 (recipient)
    assert errors == {"missed: actor": 2, "missed: recipient": 1, "missed: type": 1,
                      "wrong: actor": 1, "wrong: recipient": 1, "wrong: type": 1}  # fmt: skip
    unresolved = ev.score(
        [gold("u", [("AID", "USA", "UKR"), ("ACCUSE", "CHN", "USA")])],
        [[event("AID", side("USA"), None), event("ACCUSE", side(None), side("USA"))]],
    ).dyad_errors
    assert unresolved == {"missed: no actor": 1, "missed: no recipient": 1,
                          "wrong: no actor": 1, "wrong: no recipient": 1}  # fmt: skip


@pytest.mark.parametrize(
    ("code", "expected"),
    [("NATO", "IGO"), ("EURGOV", "IGO"), ("UNO", "IGO"), ("WBK", "IGO"), ("USAGOV", "USA"),
     ("NGO", "NGO"), ("---", None), ("", None), (None, None)],
)  # fmt: skip
def test_side_classes(code, expected):
    assert se.side_class(code) == expected


def test_an_organisation_found_by_the_resolver_is_an_igo_unless_it_is_a_state_body():
    assert se.actor_class(side("XYZ"), "org") == "IGO"  # a user's own organisation row
    assert se.actor_class(side("PSE"), "org") == "PSE"  # the Palestinian Authority
    assert se.actor_class(side("NGO"), "org") == "NGO"
    assert se.actor_class(side("XYZ"), "country") == "XYZ"
    assert se.actor_class(None, "none") is None


def test_calibration_dedups_keys_and_leaves_optional_ones_out():
    cal = ev.score(RECORDS, PREDICTIONS).calibration
    assert [c.basis for c in cal] == ["typed dyad"]
    by_bin = {(b.low, b.high): (b.events, b.correct) for b in cal[0].bins}
    # keys: p1 CONSULT 0.95 right; p2 SANCTION 0.8 right, REQUEST 0.6 right, THREATEN optional;
    # p3 0.4 wrong; p4 0.85 wrong; p5 0.5 wrong; p6 SUPPORT optional, AID 0.7 right
    assert by_bin == {
        (0.0, 0.3): (0, 0),
        (0.3, 0.5): (1, 0),
        (0.5, 0.7): (2, 1),
        (0.7, 0.9): (3, 2),
        (0.9, 1.0): (1, 1),
    }
    top = cal[0].bins[3]
    assert top.at_least_events == 4 and top.at_least_precision == pytest.approx(3 / 4)
    assert cal[0].bins[0].precision is None


def test_confidence_of_one_falls_in_the_last_bin():
    assert se.bins([(1.0, True)])[-1].events == 1


def _tool():
    if not TOOL.is_file():
        pytest.skip("../shared/tools/dyad_funnel.py is not present")
    spec = importlib.util.spec_from_file_location("dyad_funnel", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_funnel_agrees_with_the_independent_tool():
    """The tool's own key functions, fed the same gold and the predictions as `code` writes
    them (JSON), give the same counts at every level."""
    tool = _tool()
    expected = {}
    for level, name in enumerate(se.LEVELS):
        tp = fp = fn = 0
        for record, events in zip(RECORDS, PREDICTIONS, strict=True):
            row = json.loads(record.model_dump_json())
            req = tool.gold_keys(row["events"], level)
            opt = tool.gold_keys(row["optional"], level)
            got = set()
            for e in (json.loads(x.model_dump_json()) for x in events):
                actor, recipient = e.get("actor") or {}, e.get("recipient") or {}
                got.add(tool.key(e["event_type"], tool.country(actor.get("country")),
                                 tool.country(recipient.get("country")), level))  # fmt: skip
            tp, fn, fp = tp + len(got & req), fn + len(req - got), fp + len(got - req - opt)
        expected[name] = (tp, fp, fn)
    assert funnel_of(RECORDS, PREDICTIONS) == expected


# --------------------------------------------------------------------------- strict spans

TEXT = "Navy ships of Ruritania fired on a trawler from Freedonia near the cape."


def spans(*events: tuple[str, str | None, str | None], rid: str = "s") -> ev.GoldRecord:
    return ev.GoldRecord(
        id=rid,
        text=TEXT,
        ontology="PLOVER(15, YIELD merged)",
        events=[ev.GoldEvent(event_code=t, source_text=s, target_text=r) for t, s, r in events],
    )


def at(part: str) -> Actor:
    return side(None, part, TEXT.index(part))


def test_strict_needs_both_marked_sides():
    record = spans(("ASSAULT", "Navy ships of Ruritania", "a trawler from Freedonia"))
    actor_only = event("ASSAULT", at("Navy ships"), at("the cape"), 0.9)
    both = event("COERCE", at("Ruritania"), at("a trawler"), 0.6)
    report = ev.score([record], [[actor_only, both]])
    strict = report.strict
    # the only event anchored on both spans has the wrong type
    assert (strict.events, strict.accuracy, strict.anchoring) == (1, 0.0, 1.0)
    assert report.anchored.accuracy == 0.0  # lenient picks the same (best-anchored) event
    right = event("ASSAULT", at("Ruritania"), at("Freedonia"), 0.3)
    assert ev.score([record], [[actor_only, both, right]]).strict.accuracy == 1.0


def test_strict_checks_only_the_side_the_gold_marks():
    record = spans(("MOBILIZE", "Navy ships of Ruritania", None))
    report = ev.score([record], [[event("MOBILIZE", at("Navy ships"), None)]])
    assert report.strict.accuracy == 1.0


def test_strict_without_offsets_uses_the_words_of_the_phrase_only():
    record = spans(("ASSAULT", "Navy ships of Ruritania", "a trawler from Freedonia"))
    named = event("ASSAULT", Actor(text="it", name="Ruritania"), Actor(text="the trawler"))
    worded = event("ASSAULT", Actor(text="the navy ships"), Actor(text="trawler"))
    assert ev.score([record], [[named]]).strict.anchoring == 0.0
    assert ev.score([record], [[worded]]).strict.accuracy == 1.0


def test_strict_macro_f1_and_span_calibration():
    records = [
        spans(("ASSAULT", "Navy ships of Ruritania", "a trawler from Freedonia"), rid="1"),
        spans(("COERCE", "Navy ships of Ruritania", "a trawler from Freedonia"), rid="2"),
    ]
    predictions = [
        [
            event("ASSAULT", at("Navy ships"), at("a trawler"), 0.8),
            event("ACCUSE", None, None, 0.1),
        ],
        [event("ASSAULT", at("Navy ships"), at("a trawler"), 0.75)],
    ]
    report = ev.score(records, predictions)
    # ASSAULT: P 1/2 R 1/1 -> 2/3; COERCE: 0 -> macro 1/3
    assert report.strict.accuracy == 0.5
    assert report.strict.macro_f1 == pytest.approx(1 / 3)
    (cal,) = report.calibration
    assert cal.basis == "strict span"
    assert [(b.events, b.correct) for b in cal.bins] == [(1, 0), (0, 0), (0, 0), (2, 1), (0, 0)]


def test_penta_gold_says_why_it_has_no_strict_figures():
    record = ev.GoldRecord(text="t", ontology="PENTA", events=[ev.GoldEvent(event_code="4")])
    report = ev.score([record], [[event("ASSAULT")]])
    assert report.strict is None and report.funnel is None and report.calibration == []
    assert report.notes and "spans" in report.notes[0]
    assert report.penta.accuracy == 1.0


def test_optional_events_are_read_from_gold_lines(tmp_path):
    line = {"text": "t", "ontology": "PLOVER", "events": [],
            "optional": [{"event_code": "AID", "source": "USA", "target": "UKR"}]}  # fmt: skip
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    (record,) = ev.load_gold(path)
    assert record.optional[0].source == "USA"
    report = ev.score([record], [[event("AID", side("USA"), side("UKR"))]])
    assert report.funnel.levels["typed dyad"].fp == 0


class OneEventCoder:
    """Codes every text as one ASSAULT RUS -> UKR, to test the command without spaCy."""

    def __init__(self, include_withheld: bool = False) -> None:
        self.include_withheld = include_withheld

    def code_articles(self, articles):
        for article in articles:
            yield article, [event("ASSAULT", side("RUS"), side("UKR"), 0.8)]


def test_cli_prints_strict_figures_first_and_json_has_them(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from eventwire.cli import app

    path = tmp_path / "g.jsonl"
    path.write_text(gold("1", [("ASSAULT", "RUS", "UKR")]).model_dump_json() + "\n", "utf-8")
    monkeypatch.setattr(ev, "default_coder", OneEventCoder)
    result = CliRunner().invoke(app, ["eval", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["funnel"]["levels"]["typed dyad"]["f1"] == 1.0
    assert data["calibration"][0]["bins"][3]["correct"] == 1
    table = CliRunner().invoke(app, ["eval", str(path), "--all"])
    assert table.exit_code == 0, table.output
    out = table.stdout
    assert out.index("typed dyad") < out.index("calibration") < out.index("diagnostics")
