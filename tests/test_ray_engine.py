"""A local two-CPU Ray cluster codes exactly the events the local path codes."""

from __future__ import annotations

import pytest

from eventwire.corpus import generate_articles, write_jsonl
from eventwire.errors import InputError

ray = pytest.importorskip("ray")
ray_engine = pytest.importorskip("eventwire.scale.ray_engine")


@pytest.fixture(scope="module")
def cluster():
    """Ray starts slowly, so one local cluster serves the whole module."""
    ray_engine.connect(num_cpus=2)
    yield
    ray.shutdown()


def _local(coder, articles):
    return {a.doc_id(): [e.model_dump() for e in ev] for a, ev in coder.code_articles(articles)}


def _from_shards(folder):
    return {a.doc_id(): [e.model_dump() for e in ev] for a, ev, _ in ray_engine.read_shards(folder)}


def test_jsonl_shards_give_the_local_events(cluster, dataset_coder, tmp_path):
    generated = list(generate_articles(10, seed=11))
    write_jsonl(generated, tmp_path / "articles.jsonl")
    run = ray_engine.run([str(tmp_path / "articles.jsonl")], tmp_path / "out", workers=2,
                         batch_size=3)  # fmt: skip
    expected = _local(dataset_coder, [g.article for g in generated])
    assert run.articles == 10 and run.events == sum(map(len, expected.values())) > 0
    assert _from_shards(run.shards) == expected


def test_plain_files_are_staged_then_coded(cluster, dataset_coder, tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    generated = list(generate_articles(3, seed=2))
    for g in generated:
        (folder / f"{g.article.id}.txt").write_text(g.article.text, encoding="utf-8")
    run = ray_engine.run([str(folder)], tmp_path / "out", workers=2, batch_size=2)
    staged = [a for a, _, _ in ray_engine.read_shards(run.shards)]
    assert sorted(a.text for a in staged) == sorted(g.article.text for g in generated)
    assert _from_shards(run.shards) == _local(dataset_coder, staged)


def test_missing_shards_are_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no Parquet event shards"):
        list(ray_engine.read_shards(tmp_path))
