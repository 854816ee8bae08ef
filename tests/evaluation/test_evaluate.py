"""Scoring maths on hand-built gold and fake coder output, plus one run of the real coder."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from eventwire import ontology
from eventwire.errors import InputError
from eventwire.evaluation import evaluate as ev
from eventwire.models import Actor, Article, Event, Span

ZSP = Path(__file__).resolve().parents[3] / "shared" / "gold" / "zsp_plv_train.jsonl"


def event(
    event_type: str,
    actor: tuple[str, int, int, str | None] | None = None,
    recipient: tuple[str, int, int, str | None] | None = None,
    confidence: float = 0.5,
    modality: str = "asserted",
) -> Event:
    """A predicted event with consistent CAMEO fields, as the coder would emit it."""
    code = ontology.cameo_for_plover(event_type)
    cam = ontology.cameo(code)

    def who(spec: tuple[str, int, int, str | None] | None) -> Actor | None:
        if spec is None:
            return None
        text, start, end, country = spec
        return Actor(text=text, start=start, end=end, country=country)

    return Event(
        id=f"{event_type}-{confidence}",
        doc_id="d",
        sentence_index=0,
        sentence="",
        event_type=event_type,
        cameo=code,
        quad_class=ontology.plover_type(event_type).quad_class,
        goldstein=cam.goldstein,
        actor=who(actor),
        recipient=who(recipient),
        trigger=Span(text="x", start=0, end=1),
        confidence=confidence,
        modality=modality,
    )


def plover(text: str, *events: tuple[str, str, str], rid: str = "r") -> ev.GoldRecord:
    return ev.GoldRecord(
        id=rid,
        text=text,
        ontology="PLOVER(15, YIELD merged)",
        events=[ev.GoldEvent(event_code=t, source_text=s, target_text=r) for t, s, r in events],
    )


def where(text: str, part: str) -> tuple[str, int, int]:
    start = text.index(part)
    return part, start, start + len(part)


SENT_A = "The mayor of Lakeside praised the volunteers after the flood."
SENT_B = "Border guards detained two fishermen near the harbour."
SENT_C = "Farmers blocked the motorway to demand lower fuel taxes."


def test_type_scores_micro_per_document_multisets():
    records = [
        plover(SENT_A, ("SUPPORT", "The mayor of Lakeside", "the volunteers")),
        plover(SENT_B, ("COERCE", "Border guards", "two fishermen")),
        plover(SENT_C, ("PROTEST", "Farmers", "the motorway")),
    ]
    predictions = [
        [event("SUPPORT")],
        [event("COERCE"), event("ASSAULT")],
        [],
    ]
    report = ev.score(records, predictions)
    micro = report.types.micro
    assert (micro.tp, micro.fp, micro.fn) == (2, 1, 1)
    assert micro.precision == pytest.approx(2 / 3)
    assert micro.recall == pytest.approx(2 / 3)
    assert report.types.per_type["PROTEST"].recall == 0.0
    assert report.types.per_type["ASSAULT"].fp == 1
    assert report.confusion["PROTEST"] == {"NONE": 1}
    assert report.confusion["NONE"] == {"ASSAULT": 1}
    kinds = {(e["kind"], e["gold"], e["predicted"]) for e in report.top_errors}
    assert kinds == {("missed", "PROTEST", "NONE"), ("false_alarm", "NONE", "ASSAULT")}


def test_concede_and_retreat_count_as_yield_when_gold_merges_them():
    text = "The militia freed three hostages on Sunday."
    records = [plover(text, ("YIELD", "The militia", "three hostages"))]
    report = ev.score(records, [[event("RETREAT")]])
    assert report.types.micro.f1 == 1.0
    assert report.confusion == {"YIELD": {"YIELD": 1}}


def test_negated_predictions_are_not_events():
    text = "The army did not shell the town."
    records = [plover(text, ("ASSAULT", "The army", "the town"))]
    report = ev.score(records, [[event("ASSAULT", modality="negated")]])
    assert report.types.micro.tp == 0
    assert report.predicted_events == 0


def test_wrong_type_is_one_error_not_two():
    records = [plover(SENT_B, ("COERCE", "Border guards", "two fishermen"))]
    report = ev.score(records, [[event("ASSAULT")]])
    assert report.confusion == {"COERCE": {"ASSAULT": 1}}
    assert [c.kind for c in report.cases] == ["wrong_type"]


def test_anchoring_tiers_and_choice_of_event():
    text = SENT_B
    guards, fishermen = where(text, "Border guards"), where(text, "two fishermen")
    harbour = where(text, "the harbour")
    records = [
        plover(text, ("COERCE", "Border guards", "two fishermen"), rid="both"),
        plover(text, ("COERCE", "Border guards", "two fishermen"), rid="actor"),
        plover(text, ("COERCE", "Border guards", "two fishermen"), rid="recipient"),
        plover(text, ("COERCE", "Border guards", "two fishermen"), rid="none"),
    ]
    predictions = [
        # the better-anchored event wins even though it is less confident
        [
            event("ASSAULT", (*guards, None), confidence=0.9),
            event("COERCE", (*guards, None), (*fishermen, None), confidence=0.4),
        ],
        [event("COERCE", (*guards, None), (*harbour, None))],
        [event("ASSAULT", None, (*fishermen, None))],
        [event("COERCE", (*harbour, None))],
    ]
    report = ev.score(records, predictions)
    a = report.anchored
    assert a.tier_counts == {"actor+recipient": 1, "actor": 1, "recipient": 1, "none": 1}
    assert a.tiers["none"] == 0.25
    assert a.accuracy == 0.5  # both and actor are COERCE; recipient gives ASSAULT; none
    # Only COERCE is a gold label: P = 2/2, R = 2/4.
    assert a.macro_f1 == pytest.approx(2 * 1.0 * 0.5 / 1.5)


def test_anchoring_falls_back_to_shared_words_without_offsets():
    text = SENT_A
    records = [plover(text, ("SUPPORT", "The mayor of Lakeside", "the volunteers"))]
    pred = event("SUPPORT")
    pred.actor = Actor(text="mayor")
    pred.recipient = Actor(text="volunteers")
    tier, chosen = ev.anchor(records[0], records[0].events[0], [pred])
    assert tier == "actor+recipient" and chosen is pred


def test_macro_f1_counts_none_as_error():
    pairs = [("AID", "AID"), ("AID", "NONE"), ("ACCUSE", "AID")]
    # AID: P 1/2, R 1/2 -> 0.5; ACCUSE: 0 -> macro 0.25
    assert ev.macro_f1(pairs, ["ACCUSE", "AID"]) == pytest.approx(0.25)


def test_cameo_gold_maps_to_plover_and_scores_dyads():
    text = "Ruritania sent grain to Freedonia while Freedonia criticised Ruritania."
    record = ev.GoldRecord(
        id="c1",
        text=text,
        ontology="CAMEO",
        date="20200105",
        events=[
            ev.GoldEvent(source="RURGOV", target="FRE", event_code="0233"),  # appeal -> REQUEST
            ev.GoldEvent(source="FRE", target="RUR", event_code="111"),  # ACCUSE
            ev.GoldEvent(source="FRE", target="RUR", event_code="903"),  # not CAMEO
            ev.GoldEvent(source="FRE", target="RUR", event_code="010"),  # statement: no type
        ],
    )
    preds = [
        event("ACCUSE", ("Freedonia", 39, 48, "FRE"), ("Ruritania", 60, 69, "RUR")),
        event("REQUEST", ("Ruritania", 0, 9, "RUR"), ("Freedonia", 24, 33, "GBR")),
    ]
    report = ev.score([record], [preds])
    assert report.types.micro.f1 == 1.0
    assert report.unmapped_gold_codes == {"903": 1, "010": 1}
    assert (report.dyads.micro.tp, report.dyads.micro.fp, report.dyads.micro.fn) == (1, 1, 1)
    assert report.anchored is None


def test_penta_class_follows_phoenix():
    assert [ontology.penta_class(c) for c in ("010", "020", "036", "057", "0874")] == [
        0,
        0,
        1,
        1,
        2,
    ]
    assert [ontology.penta_class(c) for c in ("112", "163", "145", "173", "190")] == [3, 3, 4, 4, 4]


def test_penta_accuracy_and_confusion():
    def penta(label: str) -> ev.GoldRecord:
        return ev.GoldRecord(text="t", ontology="PENTA", events=[ev.GoldEvent(event_code=label)])

    # PentaClass puts sanctions (CAMEO 16) in verbal conflict, 3: a gold 4 is then an error
    records = [penta("0"), penta("4"), penta("1"), penta("4")]
    predictions = [
        [],
        [event("ACCUSE", confidence=0.2), event("ASSAULT", confidence=0.9)],
        [event("ASSAULT", modality="negated"), event("SUPPORT")],
        [event("SANCTION")],
    ]
    report = ev.score(records, predictions)
    assert report.penta.records == 4
    assert report.penta.accuracy == 0.75
    assert report.penta.confusion[4][3] == 1
    assert sum(map(sum, report.penta.confusion)) == 4
    assert report.types is None
    assert [c.kind for c in report.cases] == ["wrong_type"]


class FakeCoder:
    """Codes every text as one AGREE event, to test the plumbing without spaCy."""

    def __init__(self) -> None:
        self.batches = 0

    def code_articles(self, articles):
        self.batches += 1
        for article in articles:
            assert isinstance(article, Article)
            yield article, [event("AGREE")]


def _write(path: Path, records: list[ev.GoldRecord]) -> Path:
    path.write_text("".join(r.model_dump_json() + "\n" for r in records), encoding="utf-8")
    return path


def test_evaluate_file_with_injected_coder_and_errors_file(tmp_path):
    gold = _write(
        tmp_path / "gold.jsonl",
        [
            plover(SENT_A, ("AGREE", "The mayor of Lakeside", "the volunteers"), rid="1"),
            plover(SENT_B, ("COERCE", "Border guards", "two fishermen"), rid="2"),
            plover(SENT_C, ("PROTEST", "Farmers", "the motorway"), rid="3"),
        ],
    )
    coder = FakeCoder()
    report = ev.evaluate_file(gold, coder=coder, limit=2)
    assert coder.batches == 1 and report.records == 2
    assert report.types.micro.tp == 1 and report.types.micro.fp == 1
    out = tmp_path / "errors.jsonl"
    assert ev.write_errors(out, report) == 1
    case = json.loads(out.read_text(encoding="utf-8"))
    assert case["kind"] == "wrong_type" and case["text"] == SENT_B
    assert case["predicted"][0]["event_type"] == "AGREE"
    assert "cases" not in json.loads(report.model_dump_json())


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "does not exist"),
        ("", "no records"),
        ("{not json\n", ":1:"),
        ('{"id": "x"}\n', ":1:"),
    ],
)
def test_bad_gold_files_raise_input_error(tmp_path, content, message):
    path = tmp_path / "gold.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        ev.load_gold(path)


def test_cli_json_output(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from eventwire.cli import app

    gold = _write(tmp_path / "gold.jsonl", [plover(SENT_A, ("AGREE", "The mayor", "x"))])
    monkeypatch.setattr(ev, "default_coder", FakeCoder)
    result = CliRunner().invoke(app, ["eval", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["types"]["micro"]["f1"] == 1.0
    table = CliRunner().invoke(app, ["eval", str(gold)])
    assert table.exit_code == 0 and "event types" in table.stdout


def test_real_coder_on_zsp_sample():
    if not ZSP.is_file():
        pytest.skip("shared gold data not available")
    coder_module = pytest.importorskip("eventwire.coding.coder", exc_type=ImportError)
    report = ev.evaluate_file(ZSP, coder=coder_module.Coder(), limit=30)
    assert report.records == 30
    assert report.records_by_kind == {"plover": 30}
    assert report.types.records == 30
    micro = report.types.micro
    assert micro.tp + micro.fn == report.anchored.events == report.gold_events
    assert micro.tp + micro.fp == report.predicted_events
    assert sum(report.anchored.tier_counts.values()) == report.anchored.events
    assert math.isclose(sum(report.anchored.tiers.values()), 1.0)
    for value in (micro.precision, micro.recall, micro.f1, report.anchored.accuracy,
                  report.anchored.macro_f1):  # fmt: skip
        assert 0.0 <= value <= 1.0
