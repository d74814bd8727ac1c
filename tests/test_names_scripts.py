"""Any script gets a Latin matching key; invisible or look-alike letters split no rider."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from palmares.errors import ParseError, QueryError
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


def test_a_folder_of_names_in_other_scripts_loads_and_latin_spellings_find_them(tmp_path):
    from palmares import queries
    from palmares.db import init_db
    from palmares.loader.load import load_paths

    folder = tmp_path / "test-race" / "2021"
    folder.mkdir(parents=True)
    (folder / "edition.csv").write_text("field,value\nrace,Test Race\nyear,2021\n")
    (folder / "stages.csv").write_text(
        "stage,date,departure,arrival,distance_km,elevation_m,kind,neutralised\n"
        "1,2021-05-30,Issoire,Issoire,181.8,2308,road,\n"
    )
    (folder / "stage-1.csv").write_text(
        "rank,rider,team,nationality,bib,time,bonus,penalty,points\n"
        "1,Иван Петров,Team A,RUS,,4:13:00,,,\n"
        "2,Γιώργος Παπαδόπουλος,Team B,GRE,,+0:25,,,\n"
        "3,王美银,Team C,CHN,,+0:30,,,\n"
        "4,Пётр Smith,Team D,GBR,,+0:40,,,\n"
        "5,Иван Smith,Team D,GBR,,+0:41,,,\n"
    )
    conn = init_db(tmp_path / "scripts.db")
    load_paths(conn, [tmp_path / "test-race"])

    def riders(latin: str) -> list[tuple[str, str]]:
        rows = queries.run(conn, "rider_results", rider=latin)
        return [(r["rider"], r["rider_ref"]) for r in rows]

    assert riders("Ivan Petrov") == [("Иван Петров", "ivan-petrov")]
    assert riders("Wang Mei Yin") == [("王美银", "wang-mei-yin")]
    assert riders("Petr Smith") == [("Пётр Smith", "petr-smith")]
    # Greek ου transliterates letter by letter ("oy"); the usual "ou" finds him as
    # the nearest candidate rather than at once
    assert riders("Giorgos Papadopoylos") == [("Γιώργος Παπαδόπουλος", "giorgos-papadopoylos")]
    with pytest.raises(QueryError, match="did you mean giorgos-papadopoylos"):
        riders("Giorgos Papadopoulos")
    # two people who share a Latin surname stay two
    refs = {r[0] for r in conn.execute("select rider_ref from riders")}
    assert {"petr-smith", "ivan-smith"} <= refs
