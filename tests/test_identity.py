"""One identity per person across sources; two people with one name stay two."""

from __future__ import annotations

import pytest

ONE_RIDER = {
    # rider_ref: spellings seen, one per source style
    "tadej-pogacar": {
        "TADEJ POGACAR",  # ASO final GC
        "Pogačar Tadej",  # procyclingstats JSON results
        "POGAČAR Tadej",  # procyclingstats start list
    },
    "alexey-lutsenko": {
        "Alexey Lutsenko",  # data/ and the seed report
        "ALEXEY LUTSENKO",  # ASO
        "Lutsenko Alexey",  # Tour history, procyclingstats
    },
    "geraint-thomas": {"Geraint Thomas", "GERAINT THOMAS", "Thomas Geraint"},
    # the full Iberian surname joins the short form: same edition and bib
    "egan-bernal": {"EGAN BERNAL GOMEZ", "Bernal Egan"},
}


@pytest.mark.parametrize("ref", sorted(ONE_RIDER))
def test_one_rider_across_every_source(full_conn, ref):
    (rider_id,) = full_conn.execute(
        "select rider_id from riders where rider_ref = ?", (ref,)
    ).fetchone()
    aliases = {a for (a,) in full_conn.execute(
        "select alias from rider_aliases where rider_id = ?", (rider_id,)
    )}  # fmt: skip
    assert ONE_RIDER[ref] <= aliases
    # no second rider under any of these spellings
    others = full_conn.execute(
        """select distinct rider_id from rider_aliases
        where alias_key in (select alias_key from rider_aliases where rider_id = ?)""",
        (rider_id,),
    ).fetchall()
    assert [tuple(r) for r in others] == [(rider_id,)]


def test_every_source_format_names_pogacar(full_conn):
    formats = {f for (f,) in full_conn.execute(
        """select distinct s.format from rider_aliases a join sources s using (source_id)
        join riders r using (rider_id) where r.rider_ref = 'tadej-pogacar'"""
    )}  # fmt: skip
    assert formats >= {"aso", "pcs_json"}


def test_two_desmet_gilberts_in_1962_stay_two(full_conn):
    rows = full_conn.execute(
        """select en.bib, count(distinct r.stage_id)
        from entries en join editions e using (edition_id) join races ra using (race_id)
        join riders ri on ri.rider_id = en.rider_id
        join stage_results r on r.rider_id = en.rider_id
        join stages s on s.stage_id = r.stage_id and s.edition_id = e.edition_id
        where ra.race_ref = 'tour-de-france' and e.year = 1962 and ri.name_key = 'desmet gilbert'
        group by en.rider_id order by en.bib"""
    ).fetchall()
    assert [r[0] for r in rows] == [66, 83]
    assert all(stages > 0 for _, stages in rows)
