"""The packaged catalogue against the article: every figure present, exact, and none invented.

The figures are typed in from the article (Upwork, "The 6 Highest-Paying Machine Learning Jobs in
2026") so that the test stands alone.
"""

from __future__ import annotations

import re
from typing import Any

from mlcareers.models import Catalogue, SkillGroup, fold
from mlcareers.skills import label, members

ROLES = {
    # slug: ((salary low, median, high), (hourly low, high)), in the article's order
    "mlops-engineer": ((103_933, 130_599, 146_926), (56, 67)),
    "data-scientist": ((99_853, 118_407, 137_412), (35, 250)),
    "computer-vision-engineer": ((103_340, 118_316, 136_083), (35, 200)),
    "nlp-engineer": ((90_495, 115_000, 131_749), (49, 60)),
    "ai-engineer": ((88_922, 113_364, 131_532), (35, 60)),
    "ml-engineer": ((93_119, 109_933, 127_748), (50, 200)),
}
CITIES = {
    "santa-clara": (174_000, 258_000),
    "new-york": (138_000, 222_000),
    "seattle": (172_000, 250_000),
}
CERTIFICATIONS = {
    ("Amazon", "AWS ML Specialty"),
    ("Google", "Professional ML Engineer Certification"),
    ("IBM", "Machine Learning Professional Certificate"),
    ("Microsoft", "Azure Data Scientist Associate"),
    ("Stanford", "Machine Learning Specialization"),
}
OTHER_FIGURES = {
    6,  # six roles, and 6-12 months
    12,  # 6-12 months
    1,  # one to two years
    2,  # one to two years; 2-5 years
    5,  # 2-5 years; 5+ years
    109,  # per cent growth of AI skills
    2026,  # the year
    250_000,  # "well over $250,000" for senior ML engineers in tech hubs
}
ARTICLE_FIGURES = (
    {figure for pay, hourly in ROLES.values() for figure in (*pay, *hourly)}
    | {figure for pair in CITIES.values() for figure in pair}
    | OTHER_FIGURES
)
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")


def test_roles_hold_the_articles_pay_figures(catalogue: Catalogue) -> None:
    found = {
        role.slug: (
            (role.salary.low, role.salary.median, role.salary.high),
            (role.hourly.low, role.hourly.high),
        )
        for role in catalogue.roles
    }
    assert found == ROLES
    assert [role.slug for role in catalogue.roles] == list(ROLES)


def test_cities_hold_the_articles_ranges_with_their_scope(catalogue: Catalogue) -> None:
    found = {city.slug: (city.salary.low, city.salary.high) for city in catalogue.cities}
    assert found == CITIES
    # Santa Clara and Seattle: "ML engineers earn/make ..."; New York: "Salaries range from
    # ..." with no role named.
    roles = {city.slug: city.role for city in catalogue.cities}
    assert roles == {"santa-clara": "ml-engineer", "new-york": None, "seattle": "ml-engineer"}


def test_ladder_years_and_time_to_entry(catalogue: Catalogue) -> None:
    years = {stage.level: (stage.min_years, stage.max_years) for stage in catalogue.ladder}
    assert years == {"entry": (None, None), "mid": (2, 5), "senior": (5, None)}
    spans = {(entry.low, entry.high, entry.unit) for entry in catalogue.time_to_entry}
    assert spans == {(6, 12, "months"), (1, 2, "years")}


def test_counts_and_named_lists(catalogue: Catalogue) -> None:
    assert {(c.provider, c.programme) for c in catalogue.certifications} == CERTIFICATIONS
    assert [len(stage.roles) for stage in catalogue.ladder] == [5, 5, 6]
    assert len(catalogue.hard_skills) == 5
    assert len(catalogue.soft_skills) == 3
    assert len(catalogue.entry_paths) == 5
    assert len(catalogue.education) == 3
    assert len(catalogue.faq) == 7
    assert [(fact.value, fact.unit) for fact in catalogue.market_facts] == [(109, "percent")]
    assert catalogue.source.publisher == "Upwork"
    assert catalogue.source.year == 2026
    assert catalogue.source.published is None


def test_skills_are_one_entry_each(catalogue: Catalogue) -> None:
    for role in catalogue.roles:
        assert role.skills, role.slug
        for requirement in role.skills:
            for skill in members(requirement):
                assert len(skill.split()) <= 4, skill
                assert "," not in skill, skill


def _figures(data: object, key: str = "") -> set[int]:
    # A source line number says where the article says a thing; it is no figure of the article.
    if key in {"as_of", "published", "aliases", "soc", "soc_basis", "metro", "line"} or isinstance(
        data, bool
    ):
        return set()
    if isinstance(data, int):
        return {data}
    if isinstance(data, str):
        return {int(match.replace(",", "")) for match in _NUMBER.findall(data)}
    if isinstance(data, dict):
        return set().union(*(_figures(value, name) for name, value in data.items()))
    if isinstance(data, list):
        return set().union(*(_figures(item) for item in data))
    return set()


def test_no_figure_the_article_lacks(raw: dict[str, Any]) -> None:
    assert _figures(raw) - ARTICLE_FIGURES == set()


def test_every_article_figure_is_in_the_catalogue(raw: dict[str, Any]) -> None:
    assert ARTICLE_FIGURES - _figures(raw) == set()


def test_figure_scan_sees_numbers_inside_text() -> None:
    assert _figures({"a": "from $1,234 to 56", "as_of": "2026-01-01", "b": [7, True]}) == {
        1234,
        56,
        7,
    }


FOUNDATIONS = {
    # The article's skills section, line by line: each foundation, its heading, the line that
    # says it, and the article's own word for it, which our phrase must keep.
    # 68: "Python is the dominant language in ML; familiarity with R, C++, or Java adds value."
    "Python": ("Programming", 68, "leading"),
    "Another language (R, C++ or Java)": ("Programming", 68, "plus"),
    # 69: "Understanding linear algebra, calculus, probability, and statistics is essential."
    "Linear algebra": ("Mathematics and statistics", 69, "essential"),
    "Calculus": ("Mathematics and statistics", 69, "essential"),
    "Probability": ("Mathematics and statistics", 69, "essential"),
    "Statistics": ("Mathematics and statistics", 69, "essential"),
    # 70: "Algorithms and data structures. A strong grasp of ML algorithms (regression,
    # clustering, decision trees, etc.) is critical for building and optimizing ML models."
    "Machine learning algorithms (e.g. Regression, Clustering, Decision trees)": (
        "Algorithms and data structures",
        70,
        "critical",
    ),
    "Data structures": ("Algorithms and data structures", 70, "top skills"),
    # 71: "Cleaning, labeling, and managing large datasets is a central task in most ML roles."
    "Data cleaning": ("Working with data sets", 71, "central"),
    "Data labelling": ("Working with data sets", 71, "central"),
    "Managing large datasets": ("Working with data sets", 71, "central"),
    # 72: "Proficiency in TensorFlow, PyTorch, and Keras is expected in high-paying roles."
    "TensorFlow": ("Deep learning frameworks", 72, "high-paying roles expect"),
    "PyTorch": ("Deep learning frameworks", 72, "high-paying roles expect"),
    "Keras": ("Deep learning frameworks", 72, "high-paying roles expect"),
    # 74-77: "successful AI professionals also demonstrate skills in: Communication ...
    # Problem-solving ... Collaboration"
    "Communication": ("Communication", 75, "successful AI professionals"),
    "Problem-solving": ("Problem-solving", 76, "successful AI professionals"),
    "Collaboration": ("Collaboration", 77, "successful AI professionals"),
}


def test_foundations_are_the_articles_skills_section(catalogue: Catalogue) -> None:
    found = {label(f.skill): (f.area, f.line) for f in catalogue.foundations}
    assert found == {name: (area, line) for name, (area, line, _) in FOUNDATIONS.items()}
    for foundation in catalogue.foundations:
        word = FOUNDATIONS[label(foundation.skill)][2]
        assert word in foundation.says, (label(foundation.skill), foundation.says)
    # "familiarity with R, C++, or Java adds value": any one of them, so alternatives; "(regression,
    # clustering, decision trees, etc.)": examples of a kind.
    groups = {
        f.skill.group: f.skill for f in catalogue.foundations if isinstance(f.skill, SkillGroup)
    }
    assert groups["Another language"].examples_word is None
    assert groups["Machine learning algorithms"].examples_word == "e.g."


def test_every_skill_no_role_lists_says_where_the_article_names_it(catalogue: Catalogue) -> None:
    listed = {
        fold(name) for role in catalogue.roles for req in role.skills for name in members(req)
    }
    held = {fold(name) for f in catalogue.foundations for name in members(f.skill)}
    for known in catalogue.known_skills:
        if fold(known.name) in listed | held:
            assert known.where is None, known.name
            continue
        assert known.where, known.name
        assert known.line is not None, known.name
    tips = {known.name: known.line for known in catalogue.known_skills if known.where}
    # 124: "new tools like generative AI"; 132: "highlight key skills like feature engineering,
    # data modeling, and system design"
    assert tips == {
        "Generative AI": 124,
        "Feature engineering": 132,
        "Data modelling": 132,
        "System design": 132,
    }
