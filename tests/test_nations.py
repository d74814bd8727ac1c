"""One code system for nationalities: IOC/UCI three-letter codes."""

from __future__ import annotations

import pytest

from palmares.nations import nation_code, nations


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # ISO-2, as the procyclingstats JSON writes them
        ("FR", "FRA"), ("GB", "GBR"), ("DK", "DEN"), ("DE", "GER"), ("CH", "SUI"),
        ("NL", "NED"), ("ZA", "RSA"), ("SI", "SLO"), ("PT", "POR"), ("HR", "CRO"),
        ("LV", "LAT"), ("CR", "CRC"), ("AE", "UAE"), ("BH", "BRN"), ("fr", "FRA"),
        # IOC codes, as the project's Dauphiné file writes them
        ("DEN", "DEN"), ("GER", "GER"), ("UKR", "UKR"), ("KAZ", "KAZ"), ("ned", "NED"),
        # ISO-3
        ("DNK", "DEN"), ("DEU", "GER"), ("CHE", "SUI"), ("NLD", "NED"), ("ZAF", "RSA"),
        # names, national teams of the Tour's history, any case and accents
        ("Denmark", "DEN"), ("denmark", "DEN"), ("Suisse", "SUI"), ("PAYS-BAS", "NED"),
        ("Pays Bas", "NED"), ("ALLEMAGNE", "GER"), ("Deutschland", "GER"), ("ESPANA", "ESP"),
        ("España", "ESP"), ("GRANDE BRETAGNE", "GBR"), ("Great Britain", "GBR"),
        ("Italie", "ITA"), ("Côte d'Ivoire", "CIV"), ("Yugoslavia", "YUG"),
        (" FR ", "FRA"),
    ],
)  # fmt: skip
def test_codes_and_names_map_to_ioc(text, code):
    assert nation_code(text) == code


@pytest.mark.parametrize("text", ["", None, "XX", "ZZZ", "Atlantis", "Ouest", "Sud-Est"])
def test_unknown_is_none(text):
    assert nation_code(text) is None


def test_the_table_is_consistent():
    table = nations()
    assert len(table) >= 200
    for code, n in table.items():
        assert len(code) == 3 and code.isupper()
        assert nation_code(code) == code
        if n.iso2 and not n.historical:  # ISO reused CS: Czechoslovakia, then Serbia
            assert nation_code(n.iso2) == code
        assert nation_code(n.name) == code
        if n.successor:
            assert n.successor in table
    assert table["FRG"].historical and table["FRG"].successor == "GER"


def test_the_table_ships_with_the_package():
    from importlib import resources

    assert resources.files("palmares").joinpath("nations.csv").is_file()
