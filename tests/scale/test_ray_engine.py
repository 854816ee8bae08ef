"""A local two-CPU Ray cluster reads every input kind the local path reads and codes exactly the
events the local path codes, with the same sentence counts."""

from __future__ import annotations

import pytest

from eventwire.errors import InputError
from eventwire.evaluation.synthetic_news import generate_articles, write_jsonl
from eventwire.models import ErrorRecord
from eventwire.web.testing import EXAMPLES

ray = pytest.importorskip("ray")
ray_engine = pytest.importorskip("eventwire.scale.ray_engine")


@pytest.fixture(scope="module")
def cluster():
    """Ray starts slowly, so one local cluster serves the whole module."""
    ray_engine.connect(num_cpus=2)
    yield
    ray.shutdown()


def _local(coder, articles):
    """The local coder's whole reading (withheld events too: ingest stores them apart)."""
    return {a.doc_id(): [e.model_dump() for e in ev] for a, ev in coder.code_articles(articles)}


def _from_shards(folder):
    coded = [c for c in ray_engine.read_shards(folder) if not isinstance(c, ErrorRecord)]
    return {c.article.doc_id(): [e.model_dump() for e in c.events] for c in coded}


def test_a_generated_corpus_gives_the_local_events(cluster, coder, tmp_path):
    generated = list(generate_articles(10, seed=11))
    write_jsonl(generated, tmp_path / "articles.jsonl")
    run = ray_engine.run([str(tmp_path / "articles.jsonl")], tmp_path / "out", workers=2,
                         batch_size=3)  # fmt: skip
    expected = _local(coder, [g.article for g in generated])
    assert run.articles == 10 and run.events == sum(map(len, expected.values())) > 0
    assert run.sentences > 10 * 5
    assert _from_shards(run.shards) == expected


def test_a_mixed_folder_is_read_whole_with_its_sentences(cluster, coder, tmp_path):
    """examples/ holds txt, md, html and one JSONL of two records: nine articles in all (one
    in French, which both paths read and neither codes)."""
    from eventwire.text.sources import expand

    run = ray_engine.run([str(EXAMPLES)], tmp_path / "out", workers=2, batch_size=2)
    articles = [item.record for item in expand([str(EXAMPLES)])]
    assert run.articles == len(articles) == 9
    assert run.sentences > 40 and run.errors == 0
    assert _from_shards(run.shards) == _local(coder, articles)


def test_ray_ingest_stores_what_the_local_ingest_stores(cluster, tmp_path):
    from eventwire.corpus.ingest import ingest
    from eventwire.corpus.query import query

    local = ingest([str(EXAMPLES)], db=tmp_path / "local.duckdb")
    on_ray = ray_engine.ingest([str(EXAMPLES)], db=tmp_path / "ray.duckdb", workers=2)
    assert (on_ray.read, on_ray.stored, on_ray.sentences) == (9, 8, local.sentences)
    assert on_ray.totals == local.totals
    columns = ["id", "event_type", "actor_code", "recipient_code", "date", "num_mentions"]
    expected = query(tmp_path / "local.duckdb")[columns]
    assert query(tmp_path / "ray.duckdb")[columns].equals(expected)
    again = ray_engine.ingest([str(EXAMPLES)], db=tmp_path / "ray.duckdb", workers=2)
    assert again.stored == 0 and again.skipped["already in the database"] == 8
    assert sum(again.skipped.values()) == 9  # the French example is skipped for its language
    (tmp_path / "ray.duckdb").unlink()  # a new database beside the last run's shards
    fresh = ray_engine.ingest([str(EXAMPLES)], db=tmp_path / "ray.duckdb", workers=2)
    assert (fresh.stored, fresh.sentences, dict(+fresh.skipped)) == (
        8,
        local.sentences,
        dict(+local.skipped),  # the French example, skipped for its language by both paths
    )


def test_missing_shards_are_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no Parquet event shards"):
        list(ray_engine.read_shards(tmp_path))


def test_only_parquet_goes_to_ray_unread(tmp_path):
    (tmp_path / "a.parquet").write_bytes(b"")
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    (mixed / "a.parquet").write_bytes(b"")
    (mixed / "b.jsonl").write_text("{}\n")
    assert ray_engine.parquet_sources([str(tmp_path / "a.parquet"), "s3://bucket/shards/"])
    assert not ray_engine.parquet_sources([str(mixed)])
    assert not ray_engine.parquet_sources([str(tmp_path / "b.jsonl")])
