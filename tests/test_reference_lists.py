"""Reference lists a librarian would pass: tests/fixtures/references/every_type.yaml (every reference type, with
and without authors, a DOI and a web address, undated, short titles, apostrophes) built in both styles, and the
same works read from BibTeX and CSL-JSON. Each entry is written out as the style's guide prints its type: Cite
Them Right's Harvard examples (its 12th edition, which the CSL style follows) and the NLM's Citing Medicine."""

# ruff: noqa: RUF001  (what the styles print has typographic quotes and dashes)
from __future__ import annotations

import re
from typing import get_args

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from briefgen.content.citations import Cite
from briefgen.content.reference_files import load_reference_file
from briefgen.content.references import ReferenceType
from briefgen.render.citations import Citer
from tests.conftest import FIXTURES, run_cli

REFERENCES = FIXTURES / "references"

HARVARD = {
    "bgs-video-2020": (
        "British Geriatrics Society (2020) What is frailty?, YouTube. Available at: "
        "https://www.youtube.com/watch?v=frailty (Accessed: 15 January 2025)."),
    "clegg-2013": (
        "Clegg, A. et al. (2013) ‘Frailty in elderly people’, The Lancet, 381(9868), pp. 752–62. Available at: "
        "https://doi.org/10.1016/S0140-6736(12)62167-9."),
    "uec-plan-2023": (
        "Delivery plan for recovering urgent and emergency care services: how the NHS will cut waiting times and "
        "make patients’ care safer (2023). London: NHS England."),
    "gawande-2014": (
        "Gawande, A. (2017) ‘Things fall apart’, in H.M. Fillit and K. Rockwood (eds) Brocklehurst’s textbook of "
        "geriatric medicine. 8th edn. Philadelphia: Elsevier, pp. 23–31."),
    "gibson-2021": (
        "Gibson, K., Pollard, T.M. and Moffatt, S. (2021) ‘Social prescribing and classed inequality: a journey of "
        "upward health mobility?’, Social Science & Medicine, 280, p. 114037. Available at: "
        "https://doi.org/10.1016/j.socscimed.2021.114037."),
    "hca-2022": "Health and Care Act 2022, c. 31. Available at: https://www.legislation.gov.uk/ukpga/2022/31/contents.",
    "levine-2020": (
        "Levine, D.M. et al. (2020) ‘Hospital-level care at home for acutely ill adults: a randomized controlled "
        "trial’, Annals of Internal Medicine. Available at: https://doi.org/10.7326/M19-0600."),
    "marmot-2015": "Marmot, M. (2015) The health gap: the challenge of an unequal world. London: Bloomsbury.",
    "nice-ng56": (
        "National Institute for Health and Care Excellence (2016) Multimorbidity: clinical assessment and "
        "management. NICE guideline NG56. London: NICE. Available at: https://www.nice.org.uk/guidance/ng56."),
    "nhs-ltp-2019": (
        "NHS England (2019) The NHS Long Term Plan. London: NHS England. Available at: "
        "https://www.longtermplan.nhs.uk/ (Accessed: 15 January 2025)."),
    "nhse-news-2023": (
        "NHS England (2023) NHS’s virtual wards care for 100,000 patients. Press release. NHS England. Available "
        "at: https://www.england.nhs.uk/2023/11/virtual-wards/."),
    "vw-stats": (
        "NHS England (no date) ‘Virtual ward capacity and occupancy statistics’. NHS England. Available at: "
        "https://www.england.nhs.uk/statistics/statistical-work-areas/virtual-ward/."),
    "shepperd-2025": (
        "Shepperd, S. et al. (2025) ‘Admission avoidance hospital at home for older people’s acute care’, medRxiv "
        "[Preprint]. Available at: https://doi.org/10.1101/2025.01.01.25300001."),
    "kf-podcast-2023": (
        "The King’s Fund (2023) ‘What’s next for virtual wards?’, The King’s Fund podcast. Available at: "
        "https://www.kingsfund.org.uk/audio-video/podcast/virtual-wards."),
    "virtual-wards-page": (
        "Virtual wards: a guide to what they are, who they are for and how they work in England’s hospitals today "
        "(no date), NHS England. Available at: https://www.england.nhs.uk/virtual-wards/ (Accessed: 15 January "
        "2025)."),
}
"""The brief's reference list in "author-date" style, in its order: by author, a work without one by its title."""

VANCOUVER = {
    "clegg-2013": (
        "Clegg A, Young J, Iliffe S, Rikkert MO, Rockwood K. Frailty in elderly people. The Lancet. "
        "2013;381(9868):752–62. doi:10.1016/S0140-6736(12)62167-9"),
    "gibson-2021": (
        "Gibson K, Pollard TM, Moffatt S. Social prescribing and classed inequality: a journey of upward health "
        "mobility? Social Science & Medicine. 2021;280:114037. doi:10.1016/j.socscimed.2021.114037"),
    "levine-2020": (
        "Levine DM, Ouchi K, Blanchfield B, et al. Hospital-level care at home for acutely ill adults: a randomized "
        "controlled trial. Annals of Internal Medicine. 2020. doi:10.7326/M19-0600"),
    "shepperd-2025": (
        "Shepperd S, Butler C, Cradduck-Bamford A, Ellis G. Admission avoidance hospital at home for older "
        "people’s acute care. medRxiv. 2025. doi:10.1101/2025.01.01.25300001"),
    "nhs-ltp-2019": (
        "NHS England. The NHS Long Term Plan [Internet]. London: NHS England; 2019 [cited 2025 Jan 15]. Available "
        "from: https://www.longtermplan.nhs.uk/"),
    "uec-plan-2023": (
        "Delivery plan for recovering urgent and emergency care services: how the NHS will cut waiting times and "
        "make patients’ care safer. London: NHS England; 2023."),
    "virtual-wards-page": (
        "NHS England [Internet]. [cited 2025 Jan 15]. Virtual wards: a guide to what they are, who they are for and "
        "how they work in England’s hospitals today. Available from: https://www.england.nhs.uk/virtual-wards/"),
    "nhse-news-2023": (
        "NHS England. NHS’s virtual wards care for 100,000 patients [Press release] [Internet]. NHS England; 2023 "
        "Nov. Available from: https://www.england.nhs.uk/2023/11/virtual-wards/"),
    "marmot-2015": "Marmot M. The health gap: the challenge of an unequal world. London: Bloomsbury; 2015.",
    "gawande-2014": (
        "Gawande A. Things fall apart. In: Fillit HM, Rockwood K, editors. Brocklehurst’s textbook of geriatric "
        "medicine. 8th edn. Philadelphia: Elsevier; 2017. p. 23–31."),
    "kf-podcast-2023": (
        "The King’s Fund. What’s next for virtual wards? The King’s Fund podcast [Internet]. 2023. Available from: "
        "https://www.kingsfund.org.uk/audio-video/podcast/virtual-wards"),
    "bgs-video-2020": (
        "British Geriatrics Society. What is frailty? YouTube [Internet]. 2020 [cited 2025 Jan 15]. Available from: "
        "https://www.youtube.com/watch?v=frailty"),
    "vw-stats": (
        "NHS England. Virtual ward capacity and occupancy statistics [Internet]. NHS England. Available from: "
        "https://www.england.nhs.uk/statistics/statistical-work-areas/virtual-ward/"),
    "hca-2022": (
        "Health and Care Act 2022 [Internet]. c. 31. 2022. Available from: "
        "https://www.legislation.gov.uk/ukpga/2022/31/contents"),
    "nice-ng56": (
        "National Institute for Health and Care Excellence. Multimorbidity: clinical assessment and management "
        "[Internet]. London: NICE; 2016. (NICE guideline; no. NG56). Available from: "
        "https://www.nice.org.uk/guidance/ng56"),
}
"""The brief's reference list in "numbered" style, in citation order."""

EXPECTED = {"author-date": HARVARD, "numbered": VANCOUVER}

STATEMENTS = {
    "author-date": [
        "Frailty is common and costly (Clegg et al., 2013; Gibson, Pollard and Moffatt, 2021).",
        "Care at home is as safe as a ward (Levine et al., 2020; Shepperd et al., 2025).",
        "The plans expect more virtual wards (NHS England, 2019; Delivery plan for recovering urgent and emergency "
        "care services, 2023; NHS England, 2023; Virtual wards, no date).",
        "Older people’s own accounts matter (Marmot, 2015; Gawande, 2017).",
        "Listen to patients’ stories (British Geriatrics Society, 2020; The King’s Fund, 2023).",
        "Occupancy is published monthly (NHS England, no date).",
        "The law and the guidance set duties (National Institute for Health and Care Excellence, 2016; Health and "
        "Care Act 2022).",  # an Act is cited by its title, which holds its year
    ],
    "numbered": ["Frailty is common and costly [1,2].", "Care at home is as safe as a ward [3,4].",
                 "The plans expect more virtual wards [5–8].", "Older people’s own accounts matter [9,10].",
                 "Listen to patients’ stories [11,12].", "Occupancy is published monthly [13].",
                 "The law and the guidance set duties [14,15]."],
}
"""What the text reads: a work without an author cited by its short title, not its 20-word title."""


def text_of(element: Tag) -> str:
    return " ".join(element.get_text().split())


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def brief(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, BeautifulSoup]:
    """The brief of every_type.yaml built in a style (the fixture's own text, with the style set), and the style."""
    style: str = request.param
    folder = tmp_path_factory.mktemp(style)
    source = folder / "every_type.yaml"
    source.write_text((REFERENCES / "every_type.yaml").read_text(encoding="utf-8").replace(
        "title: Frailty at home\n", f"title: Frailty at home\ncitation_style: {style}\n", 1), encoding="utf-8")
    result = run_cli("build", source, "-a", "gp", "-f", "html", "--out", folder / "out")
    assert result.code == 0 and "warning" not in result.stderr, result.stderr
    html = (folder / "out" / "every_type" / "gp" / "brief.html").read_text(encoding="utf-8")
    return style, BeautifulSoup(html, "html.parser")


def listed(page: BeautifulSoup) -> dict[str, str]:
    return {str(item["id"]).removeprefix("ref-"): text_of(item) for item in page.select(".reference-list > li")}


def test_every_entry_reads_as_the_styles_guide_prints_its_type(brief: tuple[str, BeautifulSoup]) -> None:
    style, page = brief
    assert list(listed(page).items()) == list(EXPECTED[style].items())


def test_the_text_cites_works_without_authors_by_their_short_titles(brief: tuple[str, BeautifulSoup]) -> None:
    style, page = brief
    assert [text_of(item) for item in page.select(".key-messages li, .items li")] == STATEMENTS[style]


def test_no_entry_has_the_defects_a_librarian_sends_back(brief: tuple[str, BeautifulSoup]) -> None:
    style, page = brief
    entries = listed(page)
    assert [work for work, entry in entries.items() if "[Preprint]" in entry] == (
        ["shepperd-2025"] if style == "author-date" else [])
    assert not [entry for entry in entries.values() if len(re.findall(r"Available (at|from)|doi:", entry)) > 1]
    assert not [entry for entry in entries.values() if "'" in entry or '"' in entry]
    assert not [entry for entry in entries.values() if re.search(r"Report no\.", entry)]
    undated = ("vw-stats", "virtual-wards-page")
    assert all("(no date)" in entries[work] for work in undated) == (style == "author-date")
    if style == "author-date":  # by author, a work without one by its title in the author's place
        sort_keys = [re.sub("[‘’]", "", entry).casefold() for entry in entries.values()]  # quotes aside
        assert sort_keys == sorted(sort_keys)


@pytest.mark.parametrize("file", ["every_type.bib", "every_type.json"])
@pytest.mark.parametrize("style", sorted(EXPECTED))
def test_works_read_from_bibtex_and_csl_json_print_as_written_in_yaml(file: str, style: str) -> None:
    items = load_reference_file(REFERENCES / file)
    citer = Citer(items, style, "en-GB")
    for item in items:
        citer.register((Cite(str(item["id"])),))
    entries = {work: " ".join(entry.striptags().split()) for work, entry in citer.bibliography()}
    assert entries == {work: EXPECTED[style][work] for work in entries}
    assert len(entries) == len(items)
    if style == "author-date":
        assert list(entries) == [work for work in HARVARD if work in entries]
        assert citer.render((Cite("uec-plan-2023"),)).striptags() == (
            "(Delivery plan for recovering urgent and emergency care services, 2023)")


def test_the_fixture_holds_every_reference_type() -> None:
    works = yaml.safe_load((REFERENCES / "every_type.yaml").read_text(encoding="utf-8"))["references"]
    assert {work.get("type", "article") for work in works} == set(get_args(ReferenceType))
