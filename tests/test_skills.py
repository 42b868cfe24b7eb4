"""The skill vocabulary, groups of alternatives, filtering by skill, and the gap analysis."""

from __future__ import annotations

import pytest

from mlcareers.errors import NotFoundError
from mlcareers.models import Catalogue, Range, SalaryRange, SkillGroup, fold
from mlcareers.skills import (
    demand,
    find_skill,
    label,
    match,
    roles_with,
    split_skills,
    vocabulary,
)

from .strategies import SOURCE, role

HOURLY = Range(low=1, high=2)
CLOUD = SkillGroup(group="Cloud platform", any_of=("AWS", "GCP", "Azure"))


def pay(median: int) -> SalaryRange:
    return SalaryRange(low=median, median=median, high=median)


def test_split_skills_takes_loose_input() -> None:
    assert split_skills(["python, SQL ,  r", "r", " ", "Spark,"]) == ["python", "SQL", "r", "Spark"]


def test_mlops_asks_for_one_cloud_and_one_orchestration_tool(catalogue: Catalogue) -> None:
    # "cloud platforms (AWS, GCP, or Azure), and familiarity with MLflow, Kubeflow, or similar
    # orchestration tools": alternatives, not six separate skills.
    mlops = catalogue.roles[0]
    groups = [req for req in mlops.skills if isinstance(req, SkillGroup)]
    assert [(g.any_of, g.or_similar) for g in groups] == [
        (("AWS", "GCP", "Azure"), False),
        (("MLflow", "Kubeflow"), True),
    ]
    assert label(groups[1]) == "Orchestration tool (MLflow, Kubeflow or similar)"
    assert label(groups[0]) == "Cloud platform (AWS, GCP or Azure)"


def test_someone_with_what_the_article_names_meets_all_of_mlops(catalogue: Catalogue) -> None:
    result = match(catalogue, ["Python", "Docker", "Kubernetes", "Azure", "MLflow"])
    best = result.fits[0]
    assert best.role.slug == "mlops-engineer"
    assert (len(best.met), best.required, best.coverage) == (5, 5, 1.0)
    assert [by for _, by in best.met] == ["Python", "Docker", "Kubernetes", "Azure", "MLflow"]
    learn = {label(option.requirement) for option in result.next_skills}
    assert not any("AWS" in name for name in learn)


def test_a_group_counts_once(catalogue: Catalogue) -> None:
    best = match(catalogue, ["python", "docker", "kubernetes"]).fits[0]
    assert (len(best.met), best.required) == (3, 5)


def test_every_skill_the_article_names_is_known(catalogue: Catalogue) -> None:
    index = vocabulary(catalogue)
    named = [
        "statistics", "linear algebra", "calculus", "probability", "Keras", "R", "C++", "Java",
        "SQL", "regression", "clustering", "decision trees", "feature engineering",
        "system design", "communication", "problem-solving", "collaboration", "spaCy",
        "data structures", "managing large datasets", "data labeling", "ml algorithms", "stats",
    ]  # fmt: skip
    assert [name for name in named if fold(name) not in index] == []
    result = match(catalogue, ["keras", "linear algebra"])
    assert result.unknown == ()
    assert result.known == ("Keras", "Linear algebra")


def test_aliases_resolve_to_one_skill(catalogue: Catalogue) -> None:
    index = vocabulary(catalogue)
    assert find_skill(index, "sklearn") == "Scikit-learn"
    assert find_skill(index, "scikit learn") == "Scikit-learn"
    assert find_skill(index, "k8s") == "Kubernetes"
    assert find_skill(index, "spark") == "Apache Spark"


def test_misspelt_skill_gets_suggestions(catalogue: Catalogue) -> None:
    with pytest.raises(NotFoundError) as caught:
        find_skill(vocabulary(catalogue), "pytorh")
    assert caught.value.suggestions[0] == "PyTorch"
    result = match(catalogue, ["pyhton"])
    assert result.unknown == ("pyhton",)
    assert result.suggestions["pyhton"][0] == "Python"


def test_roles_with_honours_groups(catalogue: Catalogue) -> None:
    slugs = [r.slug for r in roles_with(catalogue, catalogue.roles, ["Azure"])]
    assert slugs == ["mlops-engineer"]
    both = roles_with(catalogue, catalogue.roles, ["python", "tensorflow"])
    assert [r.slug for r in both] == ["data-scientist", "ml-engineer"]
    assert roles_with(catalogue, catalogue.roles, ["Keras"]) == []


def test_demand_lists_groups_once_and_unlisted_skills_last(catalogue: Catalogue) -> None:
    rows = demand(catalogue)
    assert (rows[0].name, len(rows[0].roles)) == ("Python", 3)
    cloud = next(row for row in rows if row.name == "Cloud platform")
    assert isinstance(cloud.requirement, SkillGroup)
    assert [r.slug for r in cloud.roles] == ["mlops-engineer"]
    assert not any(row.name in {"AWS", "GCP", "Azure", "SQL"} for row in rows)
    counts = [len(row.roles) for row in rows]
    assert counts == sorted(counts, reverse=True)
    assert next(row for row in rows if row.name == "Keras").roles == ()


def test_learn_next_is_what_most_roles_ask_for(catalogue: Catalogue) -> None:
    result = match(catalogue, ["python", "docker", "kubernetes"])
    (option,) = result.next_skills
    # Neural networks is asked for by three roles you do not meet yet; TensorFlow by two
    # (a data scientist's ML platform, TensorFlow being one example, is a need of its own).
    assert option.requirement == "Neural networks"
    steps = [(s.fit.role.slug, s.before, s.after, s.fit.required) for s in option.steps]
    assert steps == [
        ("computer-vision-engineer", 0, 1, 5),
        ("nlp-engineer", 1, 2, 5),
        ("ml-engineer", 1, 2, 6),
    ]


def test_learn_next_ignores_list_length_and_spelling() -> None:
    short = role(0, pay(100_000), HOURLY, ("zeta",))
    long = role(1, pay(100_000), HOURLY, ("alpha", "b", "c", "d", "e", "f"))
    rich = role(2, pay(200_000), HOURLY, ("omega", "b2"))
    catalogue = Catalogue(source=SOURCE, roles=(short, long, rich))
    result = match(catalogue, ["b"])
    # Every missing skill is asked for by one role: the best-paid role's skills win, and
    # both of its missing skills tie, so both are named; no alphabetical choice.
    assert {option.requirement for option in result.next_skills} == {"omega", "b2"}


def test_learn_next_prefers_the_skill_more_roles_ask_for() -> None:
    one = role(0, pay(300_000), HOURLY, ("rare",))
    two = role(1, pay(100_000), HOURLY, ("common", CLOUD))
    three = role(2, pay(90_000), HOURLY, ("common",))
    catalogue = Catalogue(source=SOURCE, roles=(one, two, three))
    (option,) = match(catalogue, ["gcp"]).next_skills
    assert option.requirement == "common"
    assert [s.fit.role.slug for s in option.steps] == ["role-1", "role-2"]


def test_nothing_left_to_learn() -> None:
    only = role(0, pay(100_000), HOURLY, ("a", CLOUD))
    result = match(Catalogue(source=SOURCE, roles=(only,)), ["a", "aws"])
    assert result.next_skills == ()
    assert result.fits[0].coverage == 1.0


def test_a_skill_listed_twice_counts_once() -> None:
    twice = role(0, pay(100_000), HOURLY, ("Python", "python", "PYTHON", "SQL"))
    result = match(Catalogue(source=SOURCE, roles=(twice,)), ["python"])
    fit = result.fits[0]
    assert (len(fit.met), fit.required) == (1, 2)


def test_an_alias_never_takes_over_a_skill_the_roles_list() -> None:
    from mlcareers.models import KnownSkill

    mlops = role(0, pay(100_000), HOURLY, ("Docker", "Python"))
    catalogue = Catalogue(
        source=SOURCE,
        roles=(mlops,),
        known_skills=(KnownSkill(name="Dockerish", aliases=("docker",)),),
    )
    assert find_skill(vocabulary(catalogue), "docker") == "Docker"
    assert match(catalogue, ["docker"]).known == ("Docker",)


def test_demand_for_some_roles_counts_across_the_catalogue() -> None:
    first = role(0, pay(100_000), HOURLY, ("Python", "Docker"))
    second = role(1, pay(90_000), HOURLY, ("python", CLOUD))
    third = role(2, pay(80_000), HOURLY, ("Python", "Python"))
    catalogue = Catalogue(source=SOURCE, roles=(first, second, third))
    rows = demand(catalogue, [first])
    assert [(row.name, [r.slug for r in row.roles]) for row in rows] == [
        ("Python", ["role-0", "role-1", "role-2"]),
        ("Docker", ["role-0"]),
    ]


def test_a_data_scientist_needs_one_language_of_the_kinds_the_article_illustrates(
    catalogue: Catalogue,
) -> None:
    # "familiarity with languages like Python, R, and SQL; platforms like TensorFlow and
    # Scikit-learn; and big data tools like Apache Spark": three needs, each illustrated.
    ds = next(r for r in catalogue.roles if r.slug == "data-scientist")
    groups = [req for req in ds.skills if isinstance(req, SkillGroup)]
    assert [(g.group, g.any_of, g.examples_word) for g in groups] == [
        ("Language", ("Python", "R", "SQL"), "e.g."),
        ("ML platform", ("TensorFlow", "Scikit-learn"), "e.g."),
        ("Big data tool", ("Apache Spark",), "e.g."),
    ]
    assert label(groups[0]) == "Language (e.g. Python, R, SQL)"
    assert label(groups[2]) == "Big data tool (e.g. Apache Spark)"
    for have in (["python", "sql"], ["R"], ["sql"]):
        fit = next(f for f in match(catalogue, have).fits if f.role.slug == "data-scientist")
        assert (len(fit.met), fit.required) == (1, 6), have
        assert fit.met[0][0] == groups[0]
    spark = next(f for f in match(catalogue, ["spark"]).fits if f.role.slug == "data-scientist")
    assert [(req, by) for req, by in spark.met] == [(groups[2], "Apache Spark")]
    assert [r.slug for r in roles_with(catalogue, catalogue.roles, ["sql"])] == ["data-scientist"]
    assert [r.slug for r in roles_with(catalogue, catalogue.roles, ["scikit learn"])] == [
        "data-scientist"
    ]


def test_where_the_article_names_a_skill_no_role_asks_for(catalogue: Catalogue) -> None:
    from mlcareers.skills import meeting, unlisted

    assert meeting(catalogue, "Communication") == []
    assert unlisted(catalogue, "Communication") == (
        "no role lists Communication as a requirement; the article's skills section names it "
        "among its soft skills: shown by successful AI professionals"
    )
    assert unlisted(catalogue, "Regression").endswith(
        "among its hard skills, under Algorithms and data structures, in Machine learning "
        "algorithms (e.g. Regression, Clustering, Decision trees): a strong grasp is critical "
        "to building and tuning models"
    )
    assert unlisted(catalogue, "System design").endswith(
        "the article names it in its tips on earning more, among the key skills to highlight "
        "in a portfolio"
    )
    bare = Catalogue(source=SOURCE, roles=(role(0, pay(1), HOURLY, ("Python",)),))
    assert unlisted(bare, "Rust") == (
        "no role lists Rust as a requirement; the catalogue does not say where the source names it"
    )
    assert [row.name for row in meeting(catalogue, "sql")] == ["Language"]
    assert [row.name for row in meeting(catalogue, "python")] == ["Python", "Language"]
