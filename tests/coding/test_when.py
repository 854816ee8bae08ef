"""Event dates resolved against the publication date, on sentences parsed by the real model."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.coding.when import find_expressions, resolve_event_date

PUBLISHED = date(2024, 3, 13)  # a Wednesday


def resolved(parse, text: str, trigger: str, published: date | None = PUBLISHED):
    sentence = parse(text)
    token = next(t for t in sentence if t.text == trigger)
    return resolve_event_date(sentence, token, published)


def when(parse, text: str, trigger: str, published: date | None = PUBLISHED):
    found = resolved(parse, text, trigger, published)
    return found.date, found.precision


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Militants attacked a convoy today.", "attacked", (date(2024, 3, 13), "day")),
        ("Militants attacked a convoy yesterday.", "attacked", (date(2024, 3, 12), "day")),
        ("Drones struck a depot overnight.", "struck", (date(2024, 3, 13), "day")),
        ("Drones struck a depot last night.", "struck", (date(2024, 3, 12), "day")),
        ("The envoys met on Friday.", "met", (date(2024, 3, 8), "day")),
        ("The envoys met on Wednesday.", "met", (date(2024, 3, 13), "day")),
        ("The envoys will meet on Friday.", "meet", (date(2024, 3, 15), "day")),
        ("The envoys plan to meet on Monday.", "meet", (date(2024, 3, 18), "day")),
        ("The envoys met last Wednesday.", "met", (date(2024, 3, 6), "day")),
        ("On Monday night, rockets hit the port.", "hit", (date(2024, 3, 11), "day")),
        ("Talks resumed this week.", "resumed", (date(2024, 3, 11), "week")),
        ("Talks collapsed last week.", "collapsed", (date(2024, 3, 4), "week")),
        ("Talks will resume next week.", "resume", (date(2024, 3, 18), "week")),
        ("The court froze the assets last month.", "froze", (date(2024, 2, 1), "month")),
        ("The rebels signed a truce earlier this year.", "signed", (date(2024, 1, 1), "year")),
        ("The army withdrew in March.", "withdrew", (date(2024, 3, 1), "month")),
        ("The army withdrew in October.", "withdrew", (date(2023, 10, 1), "month")),
        ("The army will withdraw in October.", "withdraw", (date(2024, 10, 1), "month")),
        ("The treaty was signed on 3 March.", "signed", (date(2024, 3, 3), "day")),
        ("The treaty was signed on March 30.", "signed", (date(2023, 3, 30), "day")),
        ("The treaty was signed on March 3, 2021.", "signed", (date(2021, 3, 3), "day")),
        ("The treaty was signed in 2019.", "signed", (date(2019, 1, 1), "year")),
        ("The summit opened on 2023-11-02 in the capital.", "opened", (date(2023, 11, 2), "day")),
        ("Gunmen seized the mine three days ago.", "seized", (date(2024, 3, 10), "day")),
    ],
)
def test_relative_and_absolute_expressions(parse, text, trigger, expected):
    assert when(parse, text, trigger) == expected


def test_expression_of_the_trigger_wins_over_the_reporting_clause(parse):
    text = "Troops shelled the village on Sunday, the ministry said on Tuesday."
    assert when(parse, text, "shelled") == (date(2024, 3, 10), "day")
    assert when(parse, text, "said") == (date(2024, 3, 12), "day")


def test_no_expression_takes_the_publication_day(parse):
    found = resolved(parse, "The minister resigned.", "resigned")
    assert (found.date, found.end, found.precision) == (PUBLISHED, PUBLISHED, "day")
    assert "publication" in found.reason


def test_a_past_perfect_background_act_is_not_dated_to_the_news(parse):
    text = "The junta had ordered a general mobilisation."
    assert when(parse, text, "ordered") == (None, "unknown")


@pytest.mark.parametrize(
    ("text", "trigger", "first", "last", "precision"),
    [
        ("Talks collapsed last week.", "collapsed", date(2024, 3, 4), date(2024, 3, 10), "week"),
        ("The court froze the assets last month.", "froze", date(2024, 2, 1), date(2024, 2, 29),
         "month"),
        ("Protests erupted in mid-January.", "erupted", date(2024, 1, 1), date(2024, 1, 31),
         "month"),
        ("Fighting resumed in late February.", "resumed", date(2024, 2, 1), date(2024, 2, 29),
         "month"),
        ("The rebels signed a truce earlier this year.", "signed", date(2024, 1, 1), PUBLISHED,
         "year"),
        ("The ministry will publish the list later this month.", "publish", PUBLISHED,
         date(2024, 3, 31), "month"),
        ("Troops withdrew in 2019.", "withdrew", date(2019, 1, 1), date(2019, 12, 31), "year"),
        ("Talks were held between 3 and 5 March.", "held", date(2024, 3, 3), date(2024, 3, 5),
         "day"),
        ("Talks were held from 4 to 6 February 2023.", "held", date(2023, 2, 4),
         date(2023, 2, 6), "day"),
        ("The envoys will meet next week.", "meet", date(2024, 3, 18), date(2024, 3, 24), "week"),
        ("The envoys met yesterday.", "met", date(2024, 3, 12), date(2024, 3, 12), "day"),
    ],
)  # fmt: skip
def test_ranges_with_honest_precision(parse, text, trigger, first, last, precision):
    found = resolved(parse, text, trigger)
    assert (found.date, found.end, found.precision) == (first, last, precision)
    assert found.reason.startswith("'")


def test_a_day_inside_the_chosen_week_refines_it(parse):
    text = "The president will visit Kenya next week and meet its leader on March 20."
    assert when(parse, text, "visit") == (date(2024, 3, 20), "day")


def test_each_event_takes_the_expression_of_its_own_clause(parse):
    text = "On Monday the army said that rebels had shelled the town on Saturday."
    assert when(parse, text, "said") == (date(2024, 3, 11), "day")
    assert when(parse, text, "shelled") == (date(2024, 3, 9), "day")


def test_without_publication_date_only_absolute_dates_resolve(parse):
    assert when(parse, "The envoys met on Friday.", "met", None) == (None, "unknown")
    assert when(parse, "The minister resigned.", "resigned", None) == (None, "unknown")
    assert when(parse, "The deal was signed in 2019.", "signed", None) == (date(2019, 1, 1), "year")
    text = "The treaty was signed on 5 May 2020."
    assert when(parse, text, "signed", None) == (date(2020, 5, 5), "day")


def test_names_and_verbs_are_not_dates(parse):
    sentence = parse("Theresa May said protesters would march to the square.")
    assert find_expressions(sentence) == []


def test_impossible_calendar_date_is_unknown(parse):
    assert when(parse, "The vote was held on 30 February.", "held") == (None, "unknown")


def test_a_weekday_glued_to_its_full_stop_and_the_calendars_edge(parse):
    assert when(parse, "The envoys met on Friday.", "met") == (date(2024, 3, 8), "day")
    edge = date(9999, 12, 30)
    assert when(parse, "Talks will resume next year.", "resume", edge) == (None, "unknown")


@pytest.mark.parametrize(
    ("text", "trigger", "published"),
    [
        ("Talks will resume next month.", "resume", date(9999, 12, 31)),
        ("Rebels attacked the base tomorrow.", "attacked", date(9999, 12, 31)),
        ("The court froze the assets last month.", "froze", date(1, 1, 1)),
        ("Talks collapsed last week.", "collapsed", date(1, 1, 1)),
        ("The envoys met three years ago.", "met", date(1, 6, 1)),
    ],
)
def test_relative_date_past_the_calendar_edge_is_unknown(parse, text, trigger, published):
    """Regression (issue 13): a publication date of 9999-12-31 or 0001-01-01 with a relative
    date crashed the coder (ValueError/OverflowError); now the date is unknown."""
    assert when(parse, text, trigger, published) == (None, "unknown")


def test_weekday_glued_to_its_full_stop_and_an_emoji(parse):
    """Regression (issue 13): "on Monday.👩‍👧" tokenises "Monday." whole and raised KeyError."""
    text = "The envoys met on Monday.\U0001f469\u200d\U0001f467"
    assert when(parse, text, "met") == (date(2024, 3, 11), "day")


def test_a_superscript_digit_is_not_a_count(parse):
    """Regression (found by the fuzz suite): "²" passes str.isdigit but int() refuses it."""
    assert find_expressions(parse("Rebels attacked the base ² days ago.")) == []
