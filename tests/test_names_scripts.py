"""Any script gets a Latin matching key; invisible or look-alike letters split no rider."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from palmares.errors import ParseError
from palmares.names import check_name, clean_text, fold, name_key, parse_name, slugify

CORPUS = Path(__file__).parents[2] / "shared" / "corpus"


def test_cyrillic_names_are_not_one_key():
    assert name_key("Иван Smith") != name_key("Пётр Smith")
    assert name_key("Иван Smith") == name_key("Ivan Smith")


@pytest.mark.parametrize(
    ("native", "latin"),
    [
        ("Александр Власов", "Aleksandr Vlasov"),
        ("Андрей Гривко", "Andrey Grivko"),
        ("Πολυχρόνης Τζωρτζάκης", "Polychronis Tzortzakis"),
        ("王美银", "Wang Mei Yin"),
    ],
)
def test_other_scripts_get_a_latin_key(native, latin):
    assert name_key(native) == name_key(latin)
    assert slugify(native)


def test_a_look_alike_letter_in_a_latin_word_is_that_latin_letter():
    assert name_key("Pogаčar") == name_key("Pogačar")  # Cyrillic а
    assert name_key("Рogačar Tadej") == name_key("Tadej Pogačar")  # Cyrillic Р
    assert name_key("Εvenepoel") == name_key("Evenepoel")  # Greek Ε
    assert clean_text("Pogаčar") == "Pogačar"


@pytest.mark.parametrize("mark", ["\u200b", "\u200d", "\u200f", "\u202e", "\u2066", "\ufeff"])
def test_invisible_characters_are_no_part_of_a_key(mark):
    assert name_key("Vingegaard" + mark) == name_key("Vingegaard")
    assert name_key(f"Jonas{mark} Vingegaard") == name_key("Jonas Vingegaard")
    assert slugify(f"Vinge{mark}gaard") == "vingegaard"


def test_invisible_characters_never_reach_a_display_name():
    assert parse_name("Vingegaard\u200b Jonas", "family_first").display == "Jonas Vingegaard"
    assert parse_name("\u202eJonas Vingegaard").display == "Jonas Vingegaard"
    with pytest.raises(ParseError, match="U\\+200B"):
        check_name("Vingegaard\u200b")


def test_nfc_and_nfd_are_one_name():
    assert fold("Roglic\u030c") == fold("Roglič") == "roglic"
    assert (
        parse_name("Rogli\u010d Primož", "family_first").display
        == parse_name("Roglic\u030c Primoz\u030c", "family_first").display
    )


def test_latin_keys_are_unchanged_on_the_project_data():
    path = Path(__file__).parents[1] / "data" / "criterium-du-dauphine" / "2021" / "riders.csv"
    with open(path, newline="", encoding="utf-8") as f:
        riders = [r["rider"] for r in csv.DictReader(f)]
    assert riders
    for name in riders:
        assert all(c < "\u0250" for c in fold(name))
    assert name_key("Søren Kragh Andersen") == "andersen kragh soren"
    assert name_key("Michał Kwiatkowski") == "kwiatkowski michal"
    assert slugify("Ion Izagirre Insausti") == "ion-izagirre-insausti"
