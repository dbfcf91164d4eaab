"""Organisations described before their name, called again by a noun or an acronym; people placed by
their office or their employer. One sentence of our own per rule."""

from __future__ import annotations

import pytest
from tests.actors.test_agents import at, run


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "phrase", "country", "sector"),
    [
        ("Regulators fined Norwegian airline Fjord Air on Friday.", "Fjord Air", "NOR", "BUS"),
        ("Exports by Chile's state-owned Codelco Copper fell sharply.", "Codelco Copper", "CHL", None),
        ("The Royal Thai Navy rescued the fishermen.", "Royal Thai Navy", "THA", "MIL"),
    ],
)
def test_owner_of_a_described_or_royal_name(pipeline, text, phrase, country, sector):
    ent = at(run(text), phrase)
    assert ent.country == country
    if sector:
        assert ent.sector == sector


@pytest.mark.slow
def test_a_verb_between_is_not_a_description(pipeline):
    a = run("Peruvian protesters blocked Antamina Mining Company on Friday.")
    assert at(a, "Antamina Mining Company").country != "PER"


@pytest.mark.slow
def test_the_noun_again_is_the_named_organisation(pipeline):
    a = run("Kenya's Ministry of Health reported new cases. Later the ministry issued a statement.")
    first, again = at(a, "Ministry of Health"), at(a, "ministry")
    assert first.id == again.id and again.country == "KEN"


@pytest.mark.slow
def test_an_acronym_spelled_out_earlier(pipeline):
    a = run("The Federal Statistics Office of Brazil published figures. Analysts doubted the FSO data.")
    assert at(a, "FSO").id == at(a, "Federal Statistics Office").id


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "phrase", "country", "sector"),
    [
        # an office with no country named: the story's country
        (
            "Police in Gdansk, Poland, detained a suspect. Interior Minister Anna Kowalczyk condemned it.",
            "Anna Kowalczyk",
            "POL",
            "GOV",
        ),
        # an envoy is the sending state's, not the host's
        ("Canadian Ambassador to Japan Mark Ellis met officials.", "Mark Ellis", "CAN", "GOV"),
        # a person of an organisation works for it
        ("Maria Ruiz of Chile's Defence Ministry said the drills were over.", "Maria Ruiz", "CHL", "MIL"),
        ("Home Secretary Priya Das spoke in London.", "Priya Das", "GBR", "GOV"),
    ],
)
def test_people_placed_by_office_or_employer(pipeline, text, phrase, country, sector):
    ent = at(run(text), phrase)
    assert (ent.country, ent.sector) == (country, sector)


@pytest.mark.slow
def test_middle_initial_finds_the_kb_person(pipeline):
    a = run("Then Vladimir V. Putin spoke to reporters.", published="2019-05-01")
    assert at(a, "Vladimir V. Putin").kb_id == at(run("Vladimir Putin spoke.", "2019-05-01"), "Vladimir Putin").kb_id


@pytest.mark.slow
def test_one_word_of_the_name_again_is_the_organisation(pipeline):
    a = run("Portugal fined Brisa Telecom on Monday. Brisa said it would appeal.")
    assert at(a, "Brisa", 2).id == at(a, "Brisa Telecom").id


@pytest.mark.slow
def test_the_president_with_that_name_is_not_the_company(pipeline):
    a = run("The Trump Organization filed suit. President Trump denied it.")
    assert at(a, "Trump", 2).type == "PERSON"


@pytest.mark.slow
def test_a_national_body_named_without_its_state(pipeline):
    a = run("A bomb hit a base in Kunduz, Afghanistan. The National Directorate of Security said ten died.")
    assert at(a, "National Directorate of Security").country == "AFG"


@pytest.mark.slow
def test_someone_the_text_does_not_place_is_of_the_story(pipeline):
    a = run("Protests spread across Peru on Sunday. Organiser Lucia Quispe said more would come.")
    assert at(a, "Lucia Quispe").country == "PER"


@pytest.mark.slow
def test_a_former_office_and_an_apposition_office(pipeline):
    a = run("Ex-Prime Minister Mark Tanner spoke. Kenya met Jon Halvorsen, a US peace envoy, in Nairobi.")
    assert any(r.title.startswith("former") for r in at(a, "Mark Tanner").roles)
    assert (at(a, "Jon Halvorsen").country, at(a, "Jon Halvorsen").sector) == ("USA", "GOV")


@pytest.mark.slow
def test_an_apposition_names_the_employer_or_the_office(pipeline):
    a = run(
        "Jets struck a convoy near Aleppo. Omar Haddad, head of Jordan's Air Force, denied it. "
        "Pedro Almeida, the acting Prime Minister of Portugal, condemned the strike."
    )
    assert (at(a, "Omar Haddad").country, at(a, "Omar Haddad").sector) == ("JOR", "MIL")
    assert at(a, "Pedro Almeida").country == "PRT"


@pytest.mark.slow
def test_a_country_given_by_the_text_beats_the_guess(pipeline):
    a = run(
        "Chile protested on Monday, and Juan Perez spoke in Santiago. Later Juan Perez, a Peruvian envoy, answered."
    )
    assert at(a, "Juan Perez").country == "PER"


@pytest.mark.slow
def test_an_adverb_the_ner_took_is_not_part_of_the_name(pipeline):
    a = run("Chile protested on Monday, and Miguel Torres spoke. Later Miguel Torres, a Peruvian envoy, answered.")
    assert at(a, "Miguel Torres", 2).name == "Miguel Torres"


@pytest.mark.slow
def test_a_ministry_in_a_capital_is_that_states(pipeline):
    a = run(
        "Norway's Foreign Ministry protested. Finland's Foreign Ministry agreed. "
        "Later the Foreign Ministry in Oslo issued a statement."
    )
    assert at(a, "Foreign Ministry", 3).country == "NOR"


@pytest.mark.slow
def test_an_embassy_in_a_capital_is_not_the_hosts(pipeline):
    a = run("Protesters gathered outside the Swedish Embassy in Ankara on Friday.")
    assert at(a, "Swedish Embassy").country == "SWE"


@pytest.mark.slow
def test_the_office_before_the_name(pipeline):
    a = run("Talks opened in Geneva. The foreign minister of Chile, Alberto Ortega, spoke first.")
    assert (at(a, "Alberto Ortega").country, at(a, "Alberto Ortega").sector) == ("CHL", "GOV")


@pytest.mark.slow
def test_a_chief_executive_of_a_territory_governs(pipeline):
    a = run("Albert Chan, the chief executive of Macau, announced the measures.")
    assert at(a, "Albert Chan").sector == "GOV"


@pytest.mark.slow
def test_the_story_is_set_where_the_kb_people_it_names_are(pipeline):
    a = run(
        "Donald Trump criticised the ruling on Monday. Trump said the judges were wrong. "
        "Protesters gathered outside the court.",
        published="2019-05-01",
    )
    assert at(a, "Protesters").country == "USA"


@pytest.mark.slow
def test_a_title_closing_an_apposition(pipeline):
    a = run('Chile mourned. "We will act," said Pedro Almeida, the Defence Secretary; he spoke in Santiago.')
    assert at(a, "Pedro Almeida").sector == "MIL"
    b = run("Chile voted. Juan Perez, the Socialist Senate Majority Leader, agreed.")
    assert at(b, "Juan Perez").sector == "LEG"


@pytest.mark.slow
def test_a_title_before_its_spelled_out_form(pipeline):
    a = run("Britain voted. Labour MP (Member of Parliament) Tom Walker spoke at the rally.")
    assert at(a, "Tom Walker").sector == "LEG"


@pytest.mark.slow
def test_a_unit_of_a_service_and_western_groups(pipeline):
    a = run("Manila, Philippines. Maria Santos of the army's Western Luzon Command said so. Western officials agreed.")
    assert (at(a, "Maria Santos").country, at(a, "Maria Santos").sector) == ("PHL", "MIL")
    assert at(a, "Western officials").kb_id == "WST"


@pytest.mark.slow
def test_the_members_of_a_described_list(pipeline):
    a = run("Swiss banks including Helvetia Kredit and Bergbank Zug froze the accounts.")
    assert (at(a, "Bergbank Zug").country, at(a, "Bergbank Zug").sector) == ("CHE", "BUS")


@pytest.mark.slow
def test_a_human_rights_ngo_is_civil_society(pipeline):
    assert at(run("Amnesty International condemned the arrests."), "Amnesty International").sector == "SOC"
