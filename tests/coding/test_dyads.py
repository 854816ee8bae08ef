"""Who did it to whom: each construction that names a side, on sentences of our own."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.evaluation.strict_eval import dyad_key, side_class

DAY = date(2025, 6, 1)


def dyads(coder, text: str, event_type: str) -> set[tuple[str | None, str | None]]:
    events = coder.code_text(text, DAY)
    return {
        (e.actor.country if e.actor else None, e.recipient.country if e.recipient else None)
        for e in events
        if e.event_type == event_type
    }


@pytest.mark.parametrize(
    ("text", "event_type", "dyad"),
    [
        # an apposition names the country of an unknown spokesperson
        ("Li Wen, a spokesperson for China's Coast Guard, accused Vietnam of ramming a ship.",
         "ACCUSE", ("CHN", "VNM")),
        # members of a generic head
        ("The foreign ministers of Kenya and Somalia signed a security agreement in Nairobi.",
         "AGREE", ("KEN", "SOM")),
        # the parties of "talks between X and Y"
        ("A meeting between Turkey and Greece ended without a statement.", "CONSULT",
         ("TUR", "GRC")),
        # a passive participle carries the noun, its by-agent acts
        ("The joint naval exercise held by India and France began on Monday.", "COOPERATE",
         ("FRA", "IND")),
        # the object's preposition names the partner ("shared intelligence with X")
        ("France shared intelligence with Morocco.", "COOPERATE", ("FRA", "MAR")),
        # the subject of the demanded clause
        ("Ghana demanded that Togo close the border.", "REQUEST", ("GHA", "TGO")),
        # an attack reported by the target's own officials
        ("Ukraine's air force said Russia fired nine missiles overnight.", "ASSAULT",
         ("RUS", "UKR")),
        # a target with no owner falls on the country where it is
        ("Israeli jets hit three depots in Lebanon.", "ASSAULT", ("ISR", "LBN")),
        # a state's releases fall on its own people
        ("Belarusian President Alexander Lukashenko freed 14 jailed activists.", "RETREAT",
         ("BLR", "BLR")),
        # a time is never the recipient: "on Friday" does not hide "on Chile"
        ("Peru on Friday lifted sanctions on Chile.", "RETREAT", ("PER", "CHL")),
        # a passive of belief raises the doer: "X is believed to have sent"
        ("Belarus is believed to have sent 300 soldiers to Serbia.", "AID", ("BLR", "SRB")),
        # a past tense the parser takes for a participle, given away by a finite conjunct
        ("Kenya contacted Tanzania, and the two countries negotiated quietly and agreed a "
         "truce.", "AGREE", ("KEN", "TZA")),
        # a naming that judges: the doer inside the complement is blamed
        ("Latvian officials described the flights as an act of provocation by Moscow.",
         "ACCUSE", ("LVA", "RUS")),
        # an act named as the object is aimed at the party of its own preposition
        ("The Dutch premier cancelled a planned visit to Nigeria.", "REJECT", ("NLD", "NGA")),
        # a framed clause that is no event still names its parties
        ("Norway agreed to give Ghana two patrol boats.", "AGREE", ("NOR", "GHA")),
        # conjoined actors of an agreement are each other's recipients
        ("Chile and Peru agreed to hold joint naval drills next year.", "AGREE", ("CHL", "PER")),
        # the owner of a plan is the doer of its infinitive
        ("Maduro announced a plan to deploy troops to the border with Guyana.", "MOBILIZE",
         ("VEN", "GUY")),
    ],
)  # fmt: skip
def test_sides_are_found(coder, text, event_type, dyad):
    found = dyads(coder, text, event_type)
    wanted = dyad_key(event_type, *dyad, level=2)
    assert wanted in {dyad_key(event_type, a, r, level=2) for a, r in found}, found


def test_a_vow_to_retaliate_threatens_the_last_attacker(coder):
    text = "Pakistani jets struck targets in Afghanistan. Kabul vowed to retaliate."
    assert ("AFG", "PAK") in dyads(coder, text, "THREATEN")


def test_dismissing_claims_rejects_the_accuser(coder):
    text = "Kenya accused Uganda of arming rebels. Uganda dismissed the claims as lies."
    assert ("UGA", "KEN") in dyads(coder, text, "REJECT")


def test_unattributed_attack_takes_the_doer_already_reported(coder):
    text = (
        "The US military hit three sites in Iran on Sunday. "
        "Iran's agency confirmed that its site at Isfahan had been attacked."
    )
    events = [e for e in coder.code_text(text, DAY) if e.trigger.text == "attacked"]
    assert [(e.actor.country, e.recipient.country) for e in events] == [("USA", "IRN")]
    assert "reported before" in events[0].actor.reason


def test_default_dataset_holds_only_countable_dyads(dataset_coder, coder):
    text = "Police hit back with batons. Russia condemned the decision."
    everything = coder.code_text(text, DAY)
    kept = dataset_coder.code_text(text, DAY)
    assert everything and all(e.withheld for e in everything if e not in kept)
    assert all(e.actor.country and e.recipient.country for e in kept)


def test_confidence_separates_named_dyads_from_guesses(coder):
    named = coder.code_text("Kenya accused Uganda of arming rebels.", DAY)[0]
    guessed = coder.code_text("Police hit back with batons.", DAY)[0]
    assert named.confidence > guessed.confidence
    assert named.basis["actor"] == "country" and guessed.basis["recipient"] == "none"


def test_a_hyphen_inside_a_name_is_no_dateline(coder):
    events = coder.code_text("Tsai Ing-wen met Japan's prime minister in Taipei.", DAY)
    sentences = {e.sentence for e in events}
    assert sentences == {"Tsai Ing-wen met Japan's prime minister in Taipei."}


def test_a_match_report_is_not_an_attack(coder):
    assert not dyads(coder, "In their semi-final, Senegal beat Egypt 1-0.", "ASSAULT")
    assert dyads(coder, "The team of UN inspectors said Syria attacked Idlib.", "ASSAULT")


@pytest.mark.parametrize(
    ("code", "cls"),
    [("UNO", "IGO"), ("EURGOV", "IGO"), ("NATO", "IGO"), ("USAGOV", "USA"), (None, None)],
)
def test_every_organisation_is_one_class(code, cls):
    assert side_class(code) == cls


def test_a_coordinated_accusation_is_not_denied(coder):
    text = "Uganda denied arming the rebels and in turn accused Rwanda of backing them."
    accusations = [e for e in coder.code_text(text, DAY) if e.event_type == "ACCUSE"]
    assert accusations and all(e.modality == "asserted" for e in accusations)


def test_neither_nor_negates_both_acts(coder):
    """Not sending troops to an ally is a refusal (REJECT); nothing is sent."""
    text = "Lima would neither send troops to Bolivia nor close the border."
    sent = [e for e in coder.code_text(text, DAY) if e.trigger.text == "send"]
    assert sent and all(e.modality == "negated" or e.event_type == "REJECT" for e in sent)


def test_a_naming_without_judgement_is_no_event(coder):
    events = coder.code_text("The Kenyan president called the accord a milestone.", DAY)
    assert not [e for e in events if e.trigger.text == "called"]


def test_a_demanded_act_is_the_content_of_the_demand(coder):
    text = "Ghana's envoy demanded that Lome crack down on the smugglers."
    events = coder.code_text(text, DAY)
    assert ("GHA", "TGO") in dyads(coder, text, "REQUEST")
    assert not [e for e in events if e.event_type == "COERCE"]


def test_colleagues_in_a_meeting_are_not_a_dyad(coder):
    text = "Trump, Vance and Ukraine's leader Volodymyr Zelensky held a meeting on Friday."
    found = dyads(coder, text, "CONSULT")
    assert found and all(a != r for a, r in found)


def test_a_name_coded_once_is_coded_again(coder):
    text = (
        "Imran Khan was arrested in Islamabad by paramilitary Rangers on Tuesday. "
        "Witnesses said the Rangers beat his lawyers."
    )
    events = coder.code_text(text, date(2023, 5, 9))
    beating = [e for e in events if e.trigger.text == "beat"]
    assert beating and beating[0].actor.country == "PAK"
    assert beating[0].actor.reason.startswith("the name 'Rangers' coded earlier")


def test_shooting_down_drones_is_force_not_a_rejection(coder):
    assert ("EST", "RUS") in dyads(coder, "Estonia shot down two Russian drones.", "ASSAULT")


def test_a_sports_article_keeps_its_matches_out_of_politics(coder):
    text = (
        "The regional football tournament opened in Accra with four matches. "
        "Ghana met Togo in the evening and the Black Stars won 2-0."
    )
    assert not coder.code_text(text, DAY)


def test_we_with_an_apposition_are_its_members_even_in_a_quoted_statement(coder):
    text = (
        '"We, the leaders of Spain and Italy, stand in solidarity with Moldova," '
        "says a statement issued in Rome."
    )
    assert {("ESP", "MDA"), ("ITA", "MDA")} <= dyads(coder, text, "SUPPORT")


@pytest.mark.parametrize(
    ("text", "dyad"),
    [
        ('"We stand with Georgia against Russia\'s illegal occupation," Latvia\'s president '
         "said.", ("LVA", "RUS")),
        ("Chile's foreign minister said the country need not fear the brutal onslaught of the "
         "Bolivian army.", ("CHL", "BOL")),
    ],
)  # fmt: skip
def test_an_act_named_with_condemnation_accuses_its_doer(coder, text, dyad):
    assert dyad in dyads(coder, text, "ACCUSE")


def test_an_act_named_plainly_accuses_no_one(coder):
    assert not dyads(coder, "Russia's full-scale invasion began in 2022.", "ACCUSE")


@pytest.mark.parametrize(
    ("text", "event_type", "dyad"),
    [
        # a light verb's indirect object
        ("Ghana's government gave Togo a two-week deadline to reopen the border.", "THREATEN",
         ("GHA", "TGO")),
        # a light verb's object, the noun being its complement
        ("Rebels in Mali used Malian villagers as human shields.", "ASSAULT", (None, "MLI")),
        # the subject of what a refusal would have let happen
        ("Peru refused to allow two Chilean ships to dock.", "REJECT", ("PER", "CHL")),
        # the party of an act's purpose
        ("Norway provided $5 million to support Ugandan hospitals.", "AID", ("NOR", "UGA")),
        # the doer named in the participle of an act noun
        ("Kenya condemned the threats made by Somalia.", "ACCUSE", ("KEN", "SOM")),
        # an act in response to another is aimed at its doer
        ("Serbia recalled its envoy in response to Croatia's decision.", "SANCTION",
         ("SRB", "HRV")),
        # the noun's own preposition: lifting a blockade of X
        ("Bahrain lifted its blockade of Qatar.", "RETREAT", ("BHR", "QAT")),
    ],
)  # fmt: skip
def test_recipients_named_around_the_trigger(coder, text, event_type, dyad):
    found = dyads(coder, text, event_type)
    assert any((dyad[0] is None or a == dyad[0]) and r == dyad[1] for a, r in found), found


def test_a_coup_falls_on_the_state_its_officers_serve(coder):
    text = (
        "Mali's president was in Bamako on Monday. "
        "Hours later a group of army officers went on state radio to announce that they had "
        "seized power."
    )
    assert ("MLI", "MLI") in dyads(coder, text, "COERCE")


def test_a_sector_word_on_an_act_makes_no_participant(coder):
    events = coder.code_text("Chile and Peru will hold joint military drills in May.", DAY)
    assert all(e.recipient is None or e.recipient.sector != "MIL" for e in events)


def test_a_refusal_until_another_acts_is_aimed_at_that_party(coder):
    text = "Dockers in Ghana said they will not end the strike until the Togolese government acts."
    assert any(r == "TGO" for _, r in dyads(coder, text, "REJECT"))


def test_refusing_to_answer_a_request_rejects_the_requester(coder):
    text = "Peru's minister refused to respond to a request from Chile for the files."
    assert ("PER", "CHL") in dyads(coder, text, "REJECT")


@pytest.mark.parametrize(
    ("text", "event_type", "dyad"),
    [
        # protests reported as happening, their protesters unnamed
        ("Police were deployed in Lima, where protests erupted on Saturday.", "PROTEST",
         ("PER", "PER")),
        # an existential said by someone: "there will be no talks with X"
        ("Peru's president said there will be no negotiations with Chile.", "REJECT",
         ("PER", "CHL")),
        # an owner's claim about another party
        ("Kenya's claims that Somalia is arming the militia were rejected.", "ACCUSE",
         ("KEN", "SOM")),
        # condemnation of what another party owns, in a reported clause
        ("Ghana's foreign minister said Accra rejects Togo's reckless ambitions.", "ACCUSE",
         ("GHA", "TGO")),
        # a warning with no one named is aimed at the party last accused
        ("Egypt accused Sudan of stealing water. Cairo reserves the right to respond.",
         "THREATEN", ("EGY", "SDN")),
        # standing up for someone
        ("Britain will stand up for Estonia's security.", "SUPPORT", ("GBR", "EST")),
        # a name glued to its verb by the parser is still the subject
        ("Cairo reserves the right to take all measures against Sudan.", "THREATEN",
         ("EGY", None)),
    ],
)  # fmt: skip
def test_acts_stated_without_a_plain_verb(coder, text, event_type, dyad):
    found = dyads(coder, text, event_type)
    assert any(a == dyad[0] and (dyad[1] is None or r == dyad[1]) for a, r in found), found


def test_troops_sent_to_an_ally_are_military_aid(coder):
    text = "Belarus is believed to have sent 500 soldiers to Serbia."
    events = [e for e in coder.code_text(text, DAY) if e.trigger.text == "sent"]
    assert [(e.event_type, e.modality) for e in events] == [("AID", "alleged")]


def test_troops_sent_against_a_foe_stay_a_mobilisation(coder):
    text = "Eritrea attacked Ethiopia on Monday. Eritrea sent more troops to Ethiopia."
    assert ("ERI", "ETH") in dyads(coder, text, "MOBILIZE")


def test_a_trip_inside_ones_own_country_meets_no_one(coder):
    text = "The Kenyan opposition leader travelled from Mombasa to Nairobi."
    assert not dyads(coder, text, "CONSULT")


def test_a_demonym_before_a_name_still_gives_its_country(coder):
    text = "Eritrean Information Minister Yemane Gebremeskel accused Ethiopia of lying."
    assert ("ERI", "ETH") in dyads(coder, text, "ACCUSE")


@pytest.mark.parametrize(
    ("text", "event_type", "dyad"),
    [
        # a name that goes on with "of"
        ("The Organization of American States condemned Nicaragua.", "ACCUSE", ("IGO", "NIC")),
        # an act named as a noun points back to its doer
        ("Chile expelled 300 Peruvians. Lima condemned the expulsions.", "ACCUSE",
         ("PER", "CHL")),
        # the speaker is what "it" stands for in a reported clause
        ("Rwanda denied the charge. The Congolese government said it would ask the UN for "
         "help.", "REQUEST", ("COD", "IGO")),
        # "no longer" recognising something is a refusal
        ("Mali said it no longer recognised the authority of ECOWAS.", "REJECT",
         ("MLI", "IGO")),
        # the border with a neighbour names the neighbour
        ("Niger deployed troops to its southern border with Benin.", "MOBILIZE",
         ("NER", "BEN")),
    ],
)  # fmt: skip
def test_sides_named_through_names_acts_and_speakers(coder, text, event_type, dyad):
    found = {(side_class(a), side_class(r)) for a, r in dyads(coder, text, event_type)}
    assert dyad in found, found


def test_two_provinces_of_one_country_are_two_sides(coder):
    text = (
        "Lucknow: The Uttar Pradesh government will sign an agreement with the Gujarat government."
    )
    events = [e for e in coder.code_text(text, DAY) if e.event_type == "AGREE"]
    assert events and all(e.recipient is not None for e in events)


@pytest.mark.parametrize(
    ("text", "event_type", "dyad"),
    [
        # what an act answers beats a name that is no one's
        ("The US Navy moved a carrier group into the Arabian Sea in response to Iranian "
         "threats.", "MOBILIZE", ("USA", "IRN")),
        # the object of a request is who would do its purpose
        ("Paris will keep pressing Tehran to free two French citizens.", "REQUEST",
         ("FRA", "IRN")),
        # an exchange is done by each side to the other
        ("Armenia and Azerbaijan exchanged 30 prisoners on Friday.", "RETREAT", ("ARM", "AZE")),
        # a bare noun beside a coded one is the same target
        ("Canada imposed tariffs on Chinese steel and aluminium.", "SANCTION", ("CAN", "CHN")),
    ],
)  # fmt: skip
def test_recipients_chosen_among_several_roles(coder, text, event_type, dyad):
    assert dyad in dyads(coder, text, event_type)


def test_pressing_someone_to_act_is_no_act_of_ones_own(coder):
    events = coder.code_text("Paris will keep pressing Tehran to free two French citizens.", DAY)
    assert not [e for e in events if e.event_type == "RETREAT"]


def test_a_prize_is_no_aid(coder):
    text = "The Nobel committee of the Swedish Academy has given the literature prize 117 times."
    assert not coder.code_text(text, DAY)


@pytest.mark.parametrize(
    ("text", "event_type", "dyad"),
    [
        # envoys ordered to leave are expelled
        ("Chad ordered Sudan's ambassador to leave the country within 48 hours.", "SANCTION",
         ("TCD", "SDN")),
        # a vow to respond threatens whoever last acted against the vower
        ("Latvia expelled two Russian diplomats. Moscow vowed to respond.", "THREATEN",
         ("RUS", "LVA")),
        # a retaliation after another's strikes is aimed at their doer
        ("Iran vowed to retaliate after Israeli strikes killed three officers.", "THREATEN",
         ("IRN", "ISR")),
        # drills around a country
        ("China launched large drills around Taiwan on Monday.", "MOBILIZE", ("CHN", "TWN")),
        # forces mobilised against a foe, whatever forces they are
        ("Algeria mobilised its navy against Morocco on Tuesday.", "MOBILIZE", ("DZA", "MAR")),
        # forces moved with no mover named are moved by their own state
        ("Reports said Eritrean troops were deployed near the border with Ethiopia.",
         "MOBILIZE", ("ERI", "ETH")),
    ],
)  # fmt: skip
def test_expulsions_vows_and_drills(coder, text, event_type, dyad):
    assert dyad in dyads(coder, text, event_type)


def test_a_missile_fired_into_the_sea_is_a_show_of_force(coder):
    text = "North Korea fired a ballistic missile into the sea off its east coast."
    events = coder.code_text(text, DAY)
    assert [e.event_type for e in events if e.trigger.text == "fired"] == ["MOBILIZE"]


def test_a_missile_attack_reported_by_its_target_stays_an_attack(coder):
    assert ("RUS", "UKR") in dyads(
        coder, "Ukraine's air force said Russia fired nine missiles overnight.", "ASSAULT"
    )


def test_leaders_gathering_for_a_summit_meet_at_its_host(coder):
    text = "Leaders of the Group of 20 countries will gather for a summit in South Africa."
    summit = [e for e in coder.code_text(text, DAY) if e.event_type == "CONSULT"]
    assert [(e.actor.code, e.recipient.country, e.location.name) for e in summit] == [
        ("IGOGOV", "ZAF", "South Africa")
    ]
    assert summit[0].actor.text == "Leaders of the Group of 20 countries"


def test_a_party_said_to_be_absent_takes_no_part(coder):
    text = "Ministers of the G20 will meet in Brazil with no Russian representatives."
    meeting = [e for e in coder.code_text(text, DAY) if e.event_type == "CONSULT"]
    assert meeting and all(e.recipient is None or e.recipient.country != "RUS" for e in meeting)


def test_a_meetings_venue_gives_no_country_to_those_who_met(coder):
    meeting = coder.code_text("Officials met American envoys in Oman on Monday.", DAY)
    assert [e.actor.country for e in meeting if e.event_type == "CONSULT"] != ["OMN"]


def test_the_host_country_is_where_the_meeting_is_held(coder):
    text = (
        "Regional leaders will gather for a summit in Kenya next week. Critics accused the "
        "host country of jailing journalists."
    )
    events = coder.code_text(text, DAY)
    accused = [e.recipient for e in events if e.event_type == "ACCUSE" and e.recipient]
    assert [r.country for r in accused] == ["KEN"]
    assert "the host" in accused[0].reason


def test_a_pronoun_owned_force_is_its_owners(coder):
    text = "China said its coast guard expelled Philippine boats from its territorial waters."
    events = [
        e for e in coder.code_text(text, DAY) if e.actor and e.actor.text == "its coast guard"
    ]
    assert events and events[0].actor.code == "CHNMIL"
    assert events[0].location is None or events[0].location.name == "China"
