"""The coder on sentences written for these tests: syntax, expansion, modality, spans."""

from __future__ import annotations

from datetime import date

import pytest

DAY = date(2024, 9, 10)


def dyads(events, event_type=None):
    return {
        (e.event_type, e.actor.country, e.recipient.country if e.recipient else None)
        for e in events
        if event_type is None or e.event_type == event_type
    }


def only(events, event_type):
    found = [e for e in events if e.event_type == event_type]
    assert found, f"no {event_type} in {[(e.event_type, e.rule) for e in events]}"
    return found


def test_active_verb_with_object(coder):
    events = coder.code_text("Russian forces shelled the Ukrainian city of Kharkiv.", DAY)
    assert ("ASSAULT", "RUS", "UKR") in dyads(events)


def test_passive_voice_with_by_agent(coder):
    events = coder.code_text(
        "Ukrainian positions were shelled by Russian artillery on Monday.", DAY
    )
    assert ("ASSAULT", "RUS", "UKR") in dyads(events)


def test_light_verb_sanctions(coder):
    events = coder.code_text("The European Union imposed new sanctions on Belarus.", DAY)
    event = only(events, "SANCTION")[0]
    assert event.recipient.country == "BLR"
    assert event.cameo == "163" and event.quad_class == 4 and event.goldstein < 0


def test_conjoined_subjects_expand_with_shared_group(coder):
    events = coder.code_text("France and Germany condemned Iran on Tuesday.", DAY)
    accuse = only(events, "ACCUSE")
    assert {(e.actor.country, e.recipient.country) for e in accuse} == {
        ("FRA", "IRN"),
        ("DEU", "IRN"),
    }
    assert len({e.group for e in accuse}) == 1


def test_reciprocal_consult_pairs_both_ways(coder):
    events = coder.code_text("Japan and South Korea held talks in Tokyo.", DAY)
    pairs = {(e.actor.country, e.recipient.country) for e in only(events, "CONSULT")}
    assert pairs == {("JPN", "KOR"), ("KOR", "JPN")}


def test_trigger_span_points_into_the_text(coder):
    text = "Egypt hosted talks between Israel and Hamas. Turkey criticised Sweden."
    events = coder.code_text(text, DAY)
    for event in events:
        assert text[event.trigger.start : event.trigger.end] == event.trigger.text
        assert event.sentence in text


@pytest.mark.parametrize(
    ("sentence", "event_type", "modality"),
    [
        ("China did not meet with Taiwan's envoy.", "CONSULT", "negated"),
        ("Germany will send tanks to Ukraine next month.", "AID", "planned"),
        ("India plans to visit Nepal in March.", "CONSULT", "planned"),
        ("Syria allegedly attacked Turkish troops.", "ASSAULT", "alleged"),
        ("Brazil would sanction Venezuela if the vote is rigged.", "SANCTION", "hypothetical"),
        ("Pakistan denied attacking India.", "ASSAULT", "denied"),
        ("Poland criticised Belarus.", "ACCUSE", "asserted"),
    ],
)
def test_modality(coder, sentence, event_type, modality):
    events = only(coder.code_text(sentence, DAY), event_type)
    assert events[0].modality == modality


def test_accusation_codes_the_alleged_act(coder):
    events = coder.code_text("Ukraine accused Belarus of supplying drones to Russia.", DAY)
    assert ("ACCUSE", "UKR", "BLR") in dyads(events)
    aid = [e for e in only(events, "AID") if e.actor.country == "BLR"]
    assert aid and aid[0].recipient.country == "RUS" and aid[0].modality == "alleged"
    assert "military" in aid[0].contexts


def test_reported_speech_codes_the_reported_actor(coder):
    events = coder.code_text("Kyiv said Russia shelled Ukrainian villages overnight.", DAY)
    assault = only(events, "ASSAULT")
    assert {(e.actor.country, e.recipient.country) for e in assault} == {("RUS", "UKR")}


def test_topic_noun_is_not_an_event(coder):
    events = coder.code_text("The ministers discussed sanctions against Russia.", DAY)
    assert not [e for e in events if e.event_type == "SANCTION"]


def test_no_actor_no_event(coder):
    assert coder.code_text("The weather was mild and markets were calm.", DAY) == []


def test_event_ids_are_stable(coder):
    text = "Iran threatened Israel with retaliation."
    first = [e.id for e in coder.code_text(text, DAY, doc_id="a")]
    second = [e.id for e in coder.code_text(text, DAY, doc_id="a")]
    assert first and first == second


def test_code_text_api_accepts_iso_dates():
    import eventwire

    events = eventwire.code_text("Canada praised Ukraine.", date="2024-09-10")
    assert events and events[0].date == DAY and events[0].date_precision == "day"


def test_capital_as_government_actor(coder):
    events = coder.code_text("Pyongyang fired missiles at South Korean patrol boats.", DAY)
    assault = only(events, "ASSAULT")
    assert assault[0].actor.country == "PRK" and assault[0].recipient.country == "KOR"


@pytest.mark.parametrize(
    "sentence",
    [
        "Arsenal attacked from the first whistle and their striker scored in the derby.",
        "The president of Brazil suffered a heart attack on Sunday.",
        "Egypt and Turkey have been fighting a price war over cotton exports.",
    ],
)
def test_figurative_conflict_words_are_not_events(coder, sentence):
    events = coder.code_text(sentence, DAY)
    assert not [e for e in events if e.event_type == "ASSAULT"]


def test_planned_cooperation_folds_to_agree_for_plover():
    from eventwire.ontology import single_category

    assert single_category("CONSULT", "planned") == "AGREE"
    assert single_category("ASSAULT", "hypothetical") == "THREATEN"
    assert single_category("SANCTION", "planned") == "THREATEN"
    assert single_category("REJECT", "planned") == "REJECT"
    assert single_category("ASSAULT", "asserted") == "ASSAULT"


def test_event_date_and_place_come_from_the_sentence(coder):
    events = coder.code_text("Russian forces shelled Kharkiv on Sunday.", DAY)
    assault = only(events, "ASSAULT")[0]
    assert assault.date == date(2024, 9, 8) and assault.date_precision == "day"
    assert assault.location.name == "Kharkiv" and assault.location.country == "UKR"
    assert assault.location.lat and assault.location.geonameid


def test_background_events_are_flagged_historical(coder):
    events = coder.code_text(
        "Since Russia's 2014 annexation of Crimea, Kyiv has refused to trade with Moscow.", DAY
    )
    background = [e for e in events if e.trigger.text == "annexation"]
    assert background and all(e.historical for e in background)
    assert all(not e.historical for e in events if e.trigger.text != "annexation")


def test_no_publication_date_means_no_event_date(coder):
    events = coder.code_text("Iran criticised Israel.", None)
    assert events and events[0].date is None and events[0].date_precision == "unknown"


def test_dateline_is_not_the_actor(coder):
    events = coder.code_text("NAIROBI, May 3 (Agency) -- Kenya criticised Uganda on Monday.", DAY)
    accuse = only(events, "ACCUSE")[0]
    assert accuse.actor.country == "KEN" and "NAIROBI" not in accuse.sentence


@pytest.mark.parametrize(
    "text", ["NAIROBI (Agency): The president met a delegation.", "NAIROBI: The president met it."]
)
def test_a_dateline_ending_in_a_colon_is_no_party(coder, text):
    events = coder.code_text(text, DAY)
    assert all("NAIROBI" not in e.sentence for e in events)
    assert all(e.actor.text != "NAIROBI" for e in events if e.actor is not None)


def test_a_headline_speaker_before_a_colon_stays_in_the_sentence(coder):
    events = coder.code_text("Kenyatta: Kenya condemns the raid on the border post.", DAY)
    assert all(e.sentence.startswith("Kenyatta") for e in events)


def test_authors_of_a_statement_are_its_actors(coder):
    events = coder.code_text("Chile issued a statement condemning Peru's decision.", DAY)
    accuse = only(events, "ACCUSE")[0]
    assert accuse.actor.country == "CHL" and accuse.recipient.country == "PER"


def test_reported_pronoun_falls_back_to_the_speaker(coder):
    events = coder.code_text("Striking port workers said they will not end the strike.", DAY)
    refusal = only(events, "REJECT")[0]
    assert refusal.actor.text == "Striking port workers" and refusal.actor.sector == "LAB"


def test_calling_for_sanctions_against_a_party_threatens_it(coder):
    events = coder.code_text("Lithuania called for sanctions against Belarus.", DAY)
    threat = only(events, "THREATEN")[0]
    assert threat.recipient.country == "BLR" and threat.cameo == "1312"
    plain = coder.code_text("Lithuania called for talks with Belarus.", DAY)
    assert only(plain, "REQUEST")


@pytest.mark.parametrize(
    ("sentence", "event_type", "actor", "recipient"),
    [
        ("Turkey says Greece must withdraw its warships.", "REQUEST", "TUR", "GRC"),
        (
            "Kabul said Pakistani militants were responsible for the bombing.",
            "ACCUSE",
            "AFG",
            "PAK",
        ),
        ("A Kenyan court found the Somali gunmen guilty.", "ACCUSE", "KEN", "SOM"),
    ],
)
def test_reported_judgements(coder, sentence, event_type, actor, recipient):
    events = only(coder.code_text(sentence, DAY), event_type)
    assert (events[0].actor.country, events[0].recipient.country) == (actor, recipient)


def test_obligation_is_not_a_report_of_the_act(coder):
    events = coder.code_text("Greece must withdraw its warships from the strait.", DAY)
    assert all(e.modality == "hypothetical" for e in events)


def test_ordered_coercion_is_imposed_by_the_authority(coder):
    events = coder.code_text(
        "The Egyptian government ordered Qatari newspapers to suspend publication.", DAY
    )
    imposed = [e for e in events if e.event_type in {"COERCE", "SANCTION"}]
    assert imposed and imposed[0].actor.country == "EGY"
    assert imposed[0].recipient and imposed[0].recipient.country == "QAT"


def test_joint_exercises_are_cooperation_and_solo_drills_mobilisation(coder):
    joint = coder.code_text("Chile and Peru began a new round of joint naval exercises.", DAY)
    assert {(e.actor.country, e.recipient.country) for e in only(joint, "COOPERATE")} == {
        ("CHL", "PER"),
        ("PER", "CHL"),
    }
    solo = coder.code_text("Russia held military exercises near the Finnish border.", DAY)
    assert only(solo, "MOBILIZE")[0].actor.country == "RUS"


def test_a_place_in_a_country_names_its_country(coder):
    sent = coder.code_text("The president sent troops to Louisiana after the storm.", DAY)
    recipient = only(sent, "MOBILIZE")[0].recipient
    assert (recipient.country, recipient.text) == ("USA", "Louisiana")
    # "Lagos" is also a Chilean surname: after "in" it is the Nigerian city
    arrests = coder.code_text("The police arrested five men in Lagos on Monday.", DAY)
    assert only(arrests, "COERCE")[0].recipient.country == "NGA"


def test_the_modifier_that_names_a_side_is_part_of_its_words(coder):
    events = coder.code_text("China agreed to lift its ban on imports of British beef.", DAY)
    recipient = only(events, "AGREE")[0].recipient
    assert recipient.country == "GBR"
    assert recipient.text == "imports of British beef"


def test_a_weekday_is_never_a_person(coder):
    events = coder.code_text("On Friday the Turkish court sentenced him to seven years.", DAY)
    assert all(e.recipient is None or e.recipient.country is None for e in events)
    may = coder.code_text("Theresa May held talks with Donald Tusk in Brussels.", DAY)
    assert ("CONSULT", "GBR", "POL") in dyads(may)


def test_a_thing_gives_way_to_the_party_inside_it(coder):
    events = coder.code_text("Morocco announced a suspension of air links with Chad.", DAY)
    recipient = only(events, "SANCTION")[0].recipient
    assert (recipient.country, recipient.text) == ("TCD", "air links with Chad")
    rejected = coder.code_text("The court rejected appeals against the expulsion of Cuban envoys.")
    recipient = only(rejected, "REJECT")[0].recipient
    assert recipient.country == "CUB"
    assert recipient.text == "appeals against the expulsion of Cuban envoys"
    # backing a war on Ukraine is no support for Ukraine
    backed = coder.code_text("Pyongyang voiced its support for the war on Ukraine.", DAY)
    assert all(e.recipient is None or e.recipient.country != "UKR" for e in backed)


def test_set_free_when_the_parser_takes_free_for_an_adjective(coder):
    events = coder.code_text("Ethiopia set free 74 jailed opposition politicians.", DAY)
    release = only(events, "RETREAT")[0]
    assert release.actor.country == "ETH"
    assert release.recipient.text == "74 jailed opposition politicians"


def test_an_agentless_arrest_in_a_country_is_by_its_authorities(coder):
    events = coder.code_text("The journalist Ali Musa was arrested on Monday in Niger.", DAY)
    arrest = only(events, "COERCE")[0]
    assert (arrest.actor.country, arrest.actor.text) == ("NER", "Niger")
    # an attack has no such reading: whoever shelled the town is not its own state
    shelled = coder.code_text("The town was shelled overnight in Niger.", DAY)
    assert all(e.actor is None or e.actor.country != "NER" for e in shelled)


def test_the_actors_own_forces_give_way_to_the_place_they_leave(coder):
    events = coder.code_text("Honduras is willing to withdraw its troops from the zone.", DAY)
    assert only(events, "AGREE")[0].recipient.text == "the zone"


def test_an_object_the_parser_splits_is_read_by_its_noun(coder):
    text = "Erdogan will meet his counterpart Italian President Sergio Mattarella at a lunch."
    events = coder.code_text(text, DAY)
    assert ("CONSULT", "TUR", "ITA") in dyads(events)


@pytest.mark.parametrize(
    "text",
    [
        "Iran hit back with aerial attacks on Israel.",
        "The militia retaliated with rocket strikes against Israel on Sunday.",
    ],
)
def test_an_attack_made_with_attacks_on_a_party_names_it(coder, text):
    events = coder.code_text(text, DAY)
    assert [(e.event_type, e.recipient.code) for e in events] == [("ASSAULT", "ISR")]


def test_an_attack_named_as_subject_names_its_target(coder):
    events = coder.code_text("A Saudi-led strike on a Yemeni school bus killed 40 children.", DAY)
    assert ("ASSAULT", "SAU", "YEM") in dyads(events)
    # "its consulate in Syria" is Iran's: the place does not say whose it is
    text = "Israeli air strikes on its consulate in Syria killed seven Iranian officers."
    assert ("ASSAULT", "ISR", "SYR") not in dyads(coder.code_text(text, DAY))


def test_a_mediator_stands_between_sides_named_further_down(coder):
    text = "Egypt launched a mediation effort to prevent a confrontation between Turkey and Syria."
    events = only(coder.code_text(text, DAY), "CONSULT")
    assert {(e.actor.country, e.recipient.country) for e in events} == {
        ("EGY", "TUR"),
        ("EGY", "SYR"),
    }


def test_a_set_off_phrase_carries_no_event_noun(coder):
    text = "Putin hosted King Salman for talks, in the first visit to Russia by a Saudi monarch."
    events = only(coder.code_text(text, DAY), "CONSULT")
    assert ("CONSULT", "RUS", "SAU") in dyads(events)


def test_a_refusal_before_someone_acts_is_aimed_at_them(coder):
    text = "Dock workers in Chile will not end the strike before the government meets demands."
    assert ("REJECT", "CHL", "CHL") in dyads(coder.code_text(text, DAY))


@pytest.mark.parametrize(
    "text",
    [
        "The opposition leader launched a scathing attack on the Kenyan president.",
        "The senator led the attack on the impeachment proceedings.",
        "The former premier launched an attack on Kenya's spy chiefs, calling them reckless.",
    ],
)
def test_an_attack_in_words_is_criticism(coder, text):
    events = coder.code_text(text, DAY)
    assert {e.event_type for e in events} == {"ACCUSE"}


def test_an_armed_attack_stays_an_assault(coder):
    events = coder.code_text("Hamas launched a fresh attack on Israeli towns near Gaza.", DAY)
    assert ("ASSAULT", "PSE", "ISR") in dyads(events)


def test_an_object_the_parser_made_a_participles_subject(coder):
    text = "Bangladesh says it will not accept any more refugees fleeing the fighting in Myanmar."
    refusal = only(coder.code_text(text, DAY), "REJECT")[0]
    assert refusal.actor.country == "BGD"
    assert refusal.recipient.text == "any more refugees"


def test_what_is_denied_to_someone_names_them(coder):
    events = coder.code_text("Israel refused visas to two UN officials last week.", DAY)
    assert only(events, "REJECT")[0].recipient.country == "UNO"


def test_forces_readied_for_an_attack_are_aimed_at_its_target(coder):
    text = "Israel mobilised the army for a possible ground assault against Hezbollah in Lebanon."
    events = only(coder.code_text(text, DAY), "MOBILIZE")
    assert events[0].recipient.text == "Hezbollah"
    war = coder.code_text("Bush mobilised troops for the Gulf War against Iraq.", DAY)
    assert ("MOBILIZE", "USA", "IRQ") in dyads(war)  # aimed at a foe: no aid


def test_dismissing_claims_nobody_is_named_for_is_a_denial(coder):
    alone = coder.code_text("The minister rejected accusations that he had taken bribes.", DAY)
    assert not [e for e in alone if e.event_type == "REJECT"]
    named = coder.code_text("Iran rejected accusations by Israel that it armed the rebels.", DAY)
    assert ("REJECT", "IRN", "ISR") in dyads(named)
