"""The compiled ontology: complete, self-consistent, and strict about unknown names."""

from __future__ import annotations

import pytest

from eventwire import ontology
from eventwire.errors import EventwireError

PLOVER_16 = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip


def test_counts():
    assert set(ontology.plover_types()) == PLOVER_16
    assert len(ontology.cameo_codes()) == 312
    assert len(ontology.contexts()) >= 30


def test_every_type_and_mode_has_a_cameo_code_that_maps_back():
    for name, ptype in ontology.plover_types().items():
        for mode in ["", *ptype.modes]:
            code = ontology.cameo_for_plover(name, mode)
            assert code in ontology.cameo_codes(), (name, mode)
            assert ontology.plover_for_cameo(code)[0] == name, (name, mode, code)


def test_types_have_descriptions_and_modes_are_described():
    for ptype in ontology.plover_types().values():
        assert ptype.description
        assert all(desc for desc in ptype.modes.values())
        assert ptype.quad_class in {1, 2, 3, 4}


@pytest.mark.parametrize(
    ("root", "quad"), [("01", 1), ("05", 1), ("06", 2), ("08", 2), ("09", 3), ("13", 3),
                       ("14", 4), ("20", 4)]
)  # fmt: skip
def test_cameo_quad_class_follows_root(root, quad):
    codes = [c for c in ontology.cameo_codes().values() if c.root == root]
    assert codes and all(c.quad_class == quad for c in codes)


def test_quad_classes_consistent_between_ontologies():
    """A PLOVER type's quad class matches CAMEO's for its codes, except the known splits."""
    # CAMEO 08 YIELD is material cooperation but PLOVER CONCEDE is verbal; CAMEO 02 appeals
    # are verbal cooperation while PLOVER REQUEST is verbal conflict.
    known_splits = {("08", "CONCEDE"), ("02", "REQUEST")}
    for code, c in ontology.cameo_codes().items():
        ptype, mode, ctx = ontology.plover_for_cameo(code)
        if not ptype:
            assert c.root == "01"
            continue
        if (c.root, ptype) not in known_splits:
            assert ontology.plover_type(ptype).quad_class == c.quad_class, code
        assert not mode or mode in ontology.plover_type(ptype).modes, code
        assert set(ctx) <= set(ontology.contexts()), code


def test_known_mappings():
    assert ontology.cameo_for_plover("CONSULT", "visit") == "042"
    assert ontology.cameo_for_plover("CONSULT", "phone") == "041"
    assert ontology.cameo_for_plover("SANCTION", "discontinue") == "163"
    assert ontology.plover_for_cameo("163")[:2] == ("SANCTION", "discontinue")
    assert ontology.plover_for_cameo("0874")[0] == "RETREAT"
    assert ontology.plover_for_cameo("081")[0] == "CONCEDE"
    assert ontology.plover_for_cameo("190")[0] == "ASSAULT"
    assert ontology.plover_for_cameo("0233")[:2] == ("REQUEST", "assist")
    assert ontology.plover_for_cameo("010") == ("", "", ())


def test_cameo_record():
    code = ontology.cameo("163")
    assert (code.root, code.quad_class, code.goldstein) == ("16", 4, -8.0)
    assert code.name


def test_contexts_refine_cameo_choice():
    assert ontology.cameo_for_plover("AID", contexts=["military"]) == "072"
    assert ontology.cameo_for_plover("AID", contexts=["gender"]) == "070"


def test_requires_recipient():
    types = ontology.plover_types()
    assert types["AID"].requires_recipient and types["SANCTION"].requires_recipient
    assert not types["PROTEST"].requires_recipient


@pytest.mark.parametrize(
    "call",
    [
        lambda: ontology.cameo("999"),
        lambda: ontology.plover_for_cameo("42"),
        lambda: ontology.cameo_for_plover("FIGHT"),
        lambda: ontology.cameo_for_plover("CONSULT", "teleport"),
        lambda: ontology.plover_type("YIELD"),
    ],
)
def test_unknown_names_raise_eventwire_error(call):
    with pytest.raises(EventwireError):
        call()


def test_loaded_data_is_read_only():
    ptype = ontology.plover_type("consult")
    with pytest.raises(TypeError):
        ptype.modes["new"] = "x"  # type: ignore[index]
    ontology.plover_types().pop("AID")
    assert "AID" in ontology.plover_types()


def test_committed_data_matches_the_build_script():
    """The JSON files are what scripts/build_ontology.py makes from the references."""
    import importlib.util
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    reference = root.parent / "shared" / "reference"
    if not reference.is_dir():
        pytest.skip("shared reference tables not available")
    spec = importlib.util.spec_from_file_location(
        "build_ontology", root / "scripts" / "build_ontology.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    plover, codes = module.build(reference)
    data = root / "src" / "eventwire" / "data" / "ontology"
    assert json.loads((data / "plover.json").read_text(encoding="utf-8")) == plover
    assert json.loads((data / "cameo.json").read_text(encoding="utf-8")) == codes
