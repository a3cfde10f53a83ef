"""Citations formatted by citeproc-py: every kind of reference in both styles, word for word; in-text citations
linked to their entries; numbering; untrusted text escaped."""

# ruff: noqa: RUF001  (what the styles print has typographic quotes and dashes)
from __future__ import annotations

import re
import time

import citeproc
import pytest
from markupsafe import Markup

from briefgen.content.citations import Cite, clusters, locator
from briefgen.content.references import (
    CSL_DATE_VARIABLES,
    CSL_NAME_VARIABLES,
    CSL_TEXT_VARIABLES,
    Reference,
    to_csl,
)
from briefgen.render.citations import Citer
from briefgen.render.csl import CITATION_STYLES

REFERENCES = [
    {"id": "gibson-2021", "authors": ["Gibson K", "Pollard TM"], "year": 2021, "month": 6, "day": 4,
     "title": "Social prescribing and classed inequality", "journal": "Social Science and Medicine",
     "volume": "280", "issue": "3", "pages": "114037-114045", "doi": "10.1016/j.socscimed.2021.114037",
     "url": "https://example.org/gibson"},
    {"id": "nhse-2023", "type": "report", "authors": [{"organisation": "NHS England"}], "year": 2023,
     "title": "Social prescribing: summary guide", "publisher": "NHS England", "place": "London",
     "number": "PR1234", "url": "https://www.england.nhs.uk/summary"},
    {"id": "nhse-web", "type": "webpage", "authors": [{"organisation": "NHS England"}], "title": "Social prescribing",
     "container": "NHS England website", "url": "https://www.england.nhs.uk/sp", "accessed": "2025-01-15"},
    {"id": "preprint-2025", "type": "preprint", "title": "Link workers in rural practices", "container": "medRxiv",
     "year": 2025, "doi": "10.1101/2025.01.01.25300001", "note": "preprint, not peer reviewed"},
    {"id": "husk-2020", "type": "book", "authors": ["Husk K", "Blockley K", "Lovell R", "et al."],
     "title": "Social prescribing in practice", "edition": 2, "publisher": "Policy Press", "place": "Bristol",
     "year": 2020},
    {"id": "wilding-2024", "type": "chapter", "authors": ["Wilding, Alex"], "editors": ["Bertotti M"],
     "title": "Link workers", "container": "Social prescribing handbook", "publisher": "Routledge",
     "place": "Abingdon", "pages": "12-30", "year": 2024},
    {"id": "pod-2022", "type": "podcast", "authors": ["Moffatt S"], "title": "Prescribing nature",
     "container": "The Health Podcast", "year": 2022, "month": 5, "day": 9, "url": "https://example.org/pod/12"},
    {"id": "video-2021", "type": "video", "authors": [{"organisation": "The King's Fund"}],
     "title": "What is social prescribing?", "container": "YouTube", "year": 2021,
     "url": "https://www.youtube.com/watch?v=abc", "accessed": "2024-11-02"},
    {"id": "data-2023", "type": "dataset", "authors": ["Tierney S"], "title": "Link worker survey responses",
     "publisher": "UK Data Service", "year": 2023, "doi": "10.5255/UKDA-SN-0000-1"},
    {"id": "act-2022", "type": "legislation", "title": "Health and Care Act 2022", "year": 2022,
     "url": "https://www.legislation.gov.uk/ukpga/2022/31"},
    {"id": "nice-ng44", "type": "guidance", "authors": [{"organisation": "NICE"}],
     "title": "Community engagement: improving health and wellbeing", "number": "NG44", "year": 2016, "month": 3,
     "publisher": "National Institute for Health and Care Excellence", "place": "London",
     "url": "https://www.nice.org.uk/guidance/ng44", "note": "authors not confirmed"},
    {"id": "undated", "type": "report", "authors": ["Brown RCH"], "title": "An undated report",
     "publisher": "Leeds Council"},
]
ITEMS = [to_csl(Reference.model_validate(fields)) for fields in REFERENCES]

HARVARD = {
    'undated': 'Brown, R.C.H. (no date) An undated report. Leeds Council.',
    'gibson-2021': (
        'Gibson, K. and Pollard, T.M. (2021) ‘Social prescribing and classed inequality’, Social Science and '
        'Medicine, 280(3), pp. 114037–114045. Available at: https://doi.org/10.1016/j.socscimed.2021.114037.'),
    'act-2022': 'Health and Care Act 2022. Available at: https://www.legislation.gov.uk/ukpga/2022/31.',
    'husk-2020': 'Husk, K. et al. (2020) Social prescribing in practice. 2nd edn. Bristol: Policy Press.',
    'preprint-2025': (
        '‘Link workers in rural practices’ (2025), medRxiv [Preprint]. Available at: '
        'https://doi.org/10.1101/2025.01.01.25300001. Preprint, not peer reviewed.'),
    'pod-2022': (
        'Moffatt, S. (2022) ‘Prescribing nature’, The Health Podcast. Available at: '
        'https://example.org/pod/12.'),
    'nhse-2023': (
        'NHS England (2023) Social prescribing: summary guide. PR1234. London: NHS England. Available at: '
        'https://www.england.nhs.uk/summary.'),
    'nhse-web': (
        'NHS England (no date) Social prescribing, NHS England website. Available at: '
        'https://www.england.nhs.uk/sp (Accessed: 15 January 2025).'),
    'nice-ng44': (
        'NICE (2016) Community engagement: improving health and wellbeing. NG44. London: National Institute '
        'for Health and Care Excellence. Available at: https://www.nice.org.uk/guidance/ng44. Authors not '
        'confirmed.'),
    'video-2021': (
        'The King’s Fund (2021) What is social prescribing?, YouTube. Available at: '
        'https://www.youtube.com/watch?v=abc (Accessed: 2 November 2024).'),
    'data-2023': (
        'Tierney, S. (2023) ‘Link worker survey responses’. UK Data Service. Available at: '
        'https://doi.org/10.5255/UKDA-SN-0000-1.'),
    'wilding-2024': (
        'Wilding, A. (2024) ‘Link workers’, in M. Bertotti (ed.) Social prescribing handbook. Abingdon: '
        'Routledge, pp. 12–30.'),
}
"""The reference list in "author-date" style (Harvard, Cite Them Right), in its order, as plain text."""

VANCOUVER = {
    'gibson-2021': (
        'Gibson K, Pollard TM. Social prescribing and classed inequality. Social Science and Medicine. 2021 '
        'Jun 4;280(3):114037–45. doi:10.1016/j.socscimed.2021.114037'),
    'nhse-2023': (
        'NHS England. Social prescribing: summary guide [Internet]. London: NHS England; 2023. Report no.: '
        'PR1234. Available from: https://www.england.nhs.uk/summary'),
    'nhse-web': (
        'NHS England. NHS England website [Internet]. [cited 2025 Jan 15]. Social prescribing. Available '
        'from: https://www.england.nhs.uk/sp'),
    'preprint-2025': (
        'Link workers in rural practices. medRxiv. 2025. doi:10.1101/2025.01.01.25300001 Preprint, not peer '
        'reviewed.'),
    'husk-2020': (
        'Husk K, Blockley K, Lovell R, et al. Social prescribing in practice. 2nd edn. Bristol: Policy Press;'
        ' 2020.'),
    'wilding-2024': (
        'Wilding A. Link workers. In: Bertotti M, editor. Social prescribing handbook. Abingdon: Routledge; '
        '2024. p. 12–30.'),
    'pod-2022': (
        'Moffatt S. Prescribing nature. The Health Podcast [Internet]. 2022. Available from: '
        'https://example.org/pod/12'),
    'video-2021': (
        'The King’s Fund. What is social prescribing? YouTube [Internet]. 2021 [cited 2024 Nov 2]. Available '
        'from: https://www.youtube.com/watch?v=abc'),
    'data-2023': 'Tierney S. Link worker survey responses. UK Data Service; 2023. doi:10.5255/UKDA-SN-0000-1',
    'act-2022': (
        'Health and Care Act 2022 [Internet]. 2022. Available from: '
        'https://www.legislation.gov.uk/ukpga/2022/31'),
    'nice-ng44': (
        'NICE. Community engagement: improving health and wellbeing [Internet]. London: National Institute '
        'for Health and Care Excellence; 2016 Mar. Report no.: NG44. Available from: '
        'https://www.nice.org.uk/guidance/ng44 Authors not confirmed.'),
    'undated': 'Brown RCH. An undated report. Leeds Council.',
}
"""The reference list in "numbered" style (NLM/Vancouver), in citation order, numbers left to the list."""


def entries(citer: Citer) -> dict[str, str]:
    return {work: entry.striptags() for work, entry in citer.bibliography()}


def citing_all(style: str, items: list[dict[str, object]] = ITEMS) -> Citer:
    citer = Citer(items, style, "en-GB")
    for item in items:
        citer.register((Cite(str(item["id"])),))
    return citer


@pytest.mark.parametrize(("style", "expected"), [("author-date", HARVARD), ("numbered", VANCOUVER)])
def test_every_kind_of_reference_in_both_styles(style: str, expected: dict[str, str]) -> None:
    assert list(entries(citing_all(style)).items()) == list(expected.items())


@pytest.mark.parametrize(("style", "expected"), [
    ("author-date", "Fillit, H.M., Rockwood, K. and Young, J. (eds) (2017) Brocklehurst’s textbook of geriatric "
                    "medicine. 8th edn. Philadelphia: Elsevier."),
    ("numbered", "Fillit HM, Rockwood K, Young J, editors. Brocklehurst’s textbook of geriatric medicine. 8th edn. "
                 "Philadelphia: Elsevier; 2017."),
])
def test_an_edited_book_names_its_editors_once(style: str, expected: str) -> None:
    book = to_csl(Reference.model_validate({
        "id": "fillit-2017", "type": "book", "editors": ["Fillit HM", "Rockwood K", "Young J"], "edition": 8,
        "title": "Brocklehurst's textbook of geriatric medicine", "year": 2017, "publisher": "Elsevier",
        "place": "Philadelphia"}))
    assert entries(citing_all(style, [book])) == {"fillit-2017": expected}


def test_entries_link_dois_and_web_addresses() -> None:
    html = dict(citing_all("numbered").bibliography())
    # An address shows as written (a printed page must give it); its link's title names the work it leads to.
    about = 'title="Social prescribing and classed inequality"'
    assert html["gibson-2021"].endswith(f'<a href="https://doi.org/10.1016/j.socscimed.2021.114037" {about}>'
                                       'doi:10.1016/j.socscimed.2021.114037</a>')
    assert ('<a href="https://www.youtube.com/watch?v=abc" title="What is social prescribing?">'
            'https://www.youtube.com/watch?v=abc</a>') in html["video-2021"]


def test_in_text_citations_link_each_work_to_its_entry() -> None:
    citer = Citer(ITEMS, "author-date", "en-GB")
    single, several = (Cite("wilding-2024"),), (Cite("wilding-2024"), Cite("husk-2020", "p. 312"))
    untitled = (Cite("preprint-2025"),)
    for cluster in (single, several, untitled):
        citer.register(cluster)
    assert citer.render(single) == Markup('(<a href="#ref-wilding-2024">Wilding, 2024</a>)')
    assert citer.render(several) == Markup('(<a href="#ref-husk-2020">Husk <i>et al.</i>, 2020, p. 312</a>; '
                                           '<a href="#ref-wilding-2024">Wilding, 2024</a>)')  # the style sorts
    assert citer.render(untitled) == Markup(
        '(<a href="#ref-preprint-2025">‘Link workers in rural practices’, 2025</a>)')


FORMS = ["@wilding-2024", "@husk-2020 [p. 33]", "[-@gibson-2021]", "[see @wilding-2024, p. 3; also @gibson-2021]",
         "[@husk-2020, pp. 33-35 and passim]", "[@husk-2020, chap. 1]", "@act-2022", "@nhse-2023 [sec. 4]"]
"""Each of Pandoc's forms: the author in the sentence, without the author, prefixes, suffixes and locators."""


@pytest.mark.parametrize(("style", "expected", "order"), [
    ("author-date", [
        'Wilding (<a href="#ref-wilding-2024">2024</a>)',
        'Husk <i>et al.</i> (<a href="#ref-husk-2020">2020, p. 33</a>)',
        '(<a href="#ref-gibson-2021">2021</a>)',
        '(see <a href="#ref-wilding-2024">Wilding, 2024, p. 3</a>; also <a href="#ref-gibson-2021">Gibson and '
        'Pollard, 2021</a>)',  # in the order written, not the style's (by year)
        '(<a href="#ref-husk-2020">Husk <i>et al.</i>, 2020, pp. 33–35</a> and passim)',
        '(<a href="#ref-husk-2020">Husk <i>et al.</i>, 2020, ch. 1</a>)',
        '<a href="#ref-act-2022"><i>Health and Care Act 2022</i></a>',  # an Act: its title, which holds its year
        'NHS England (<a href="#ref-nhse-2023">2023, sect. 4</a>)',
    ], ["gibson-2021", "act-2022", "husk-2020", "nhse-2023", "wilding-2024"]),
    ("numbered", [  # the author, then the number (as Pandoc's citeproc does); the style prints no locator
        'Wilding [<a href="#ref-wilding-2024" title="Wilding 2024">1</a>]',
        'Husk et al. [<a href="#ref-husk-2020" title="Husk et al. 2020">2</a>]',
        '[<a href="#ref-gibson-2021" title="Gibson &amp; Pollard 2021">3</a>]',
        '[see <a href="#ref-wilding-2024" title="Wilding 2024">1</a>, also <a href="#ref-gibson-2021" '
        'title="Gibson &amp; Pollard 2021">3</a>]',
        '[<a href="#ref-husk-2020" title="Husk et al. 2020">2</a> and passim]',
        '[<a href="#ref-husk-2020" title="Husk et al. 2020">2</a>]',
        'Health and Care Act 2022 [<a href="#ref-act-2022" title="Health and Care Act 2022">4</a>]',
        'NHS England [<a href="#ref-nhse-2023" title="NHS England 2023">5</a>]',
    ], ["wilding-2024", "husk-2020", "gibson-2021", "act-2022", "nhse-2023"]),
])
def test_every_form_of_citation_in_both_styles(style: str, expected: list[str], order: list[str]) -> None:
    citer = Citer(ITEMS, style, "en-GB")
    written = [next(clusters(text)).cites for text in FORMS]
    for cluster in written:
        citer.register(cluster)
    assert [str(citer.render(cluster)) for cluster in written] == expected
    assert [work for work, _ in citer.bibliography()] == order  # works cited in the sentence are listed


def test_words_around_a_citation_keep_their_emphasis_and_are_otherwise_text() -> None:
    citer = Citer(ITEMS, "author-date", "en-GB")
    cluster = (Cite("undated", prefix="<b>see</b>", suffix=" and *passim* & \ue001 **more**"),)
    citer.register(cluster)
    assert citer.render(cluster) == Markup(
        '(&lt;b&gt;see&lt;/b&gt; <a href="#ref-undated">Brown, no date</a> and <i>passim</i> &amp; <b>more</b>)')


def test_numbers_follow_first_citation_and_runs_of_three_become_ranges() -> None:
    citer = Citer(ITEMS, "numbered", "en-GB")
    clusters = [(Cite("undated"),), (Cite("act-2022"), Cite("undated")), (Cite("husk-2020"), Cite("undated")),
                (Cite("husk-2020"), Cite("undated"), Cite("act-2022"), Cite("nice-ng44"), Cite("gibson-2021"))]
    for cluster in clusters:
        citer.register(cluster)
    assert [citer.render(cluster).striptags() for cluster in clusters] == ["[1]", "[1,2]", "[1,3]", "[1\u20135]"]
    # A number says nothing of the work: its link's title gives the work's short form.
    assert citer.render(clusters[1]) == Markup('[<a href="#ref-undated" title="Brown">1</a>,'
                                               '<a href="#ref-act-2022" title="Health and Care Act 2022">2</a>]')
    assert citer.render(clusters[3]) == Markup('[<a href="#ref-undated" title="Brown">1</a>\u2013'
                                               '<a href="#ref-gibson-2021" title="Gibson &amp; Pollard 2021">5</a>]')
    assert [work for work, _ in citer.bibliography()] == ["undated", "act-2022", "husk-2020", "nice-ng44",
                                                          "gibson-2021"]


def test_a_numbered_citations_title_is_its_works_authors_and_year() -> None:
    citer = Citer(ITEMS, "numbered", "en-GB")
    clusters = [(Cite(key),) for key in ("husk-2020", "nhse-2023", "preprint-2025", "wilding-2024", "data-2023")]
    for cluster in clusters:
        citer.register(cluster)
    titles = [re.findall(r'title="([^"]*)"', citer.render(cluster)) for cluster in clusters]
    assert titles == [["Husk et al. 2020"], ["NHS England 2023"], ["Link workers in rural practices 2025"],
                      ["Wilding 2024"], ["Tierney 2023"]]


def test_the_reference_list_holds_only_registered_works_and_further_reading_the_rest() -> None:
    citer = Citer(ITEMS, "author-date", "en-GB")
    citer.register((Cite("undated"),))
    assert entries(citer) == {"undated": HARVARD["undated"]}
    recommended = citer.further_reading([item for item in ITEMS if item["id"] in ("husk-2020", "data-2023")])
    assert [(work, entry.striptags()) for work, entry in recommended] == [
        ("husk-2020", HARVARD["husk-2020"]), ("data-2023", HARVARD["data-2023"])]
    numbered = Citer(ITEMS, "numbered", "en-GB").further_reading([ITEMS[-1]])
    assert [entry.striptags() for _, entry in numbered] == [VANCOUVER["undated"]]  # not numbered


def test_a_key_without_a_reference_is_refused() -> None:
    with pytest.raises(KeyError, match="no reference has the id 'nobody'"):
        Citer(ITEMS, "author-date", "en-GB").register((Cite("nobody"),))


@pytest.mark.parametrize("style", sorted(CITATION_STYLES))
def test_markup_and_scripts_in_references_are_text_and_only_web_links_survive(style: str) -> None:
    hostile = {"id": "x", "type": "webpage", "title": 'a <b>review</b> <script>alert(1)</script> "q"',
               "author": [{"family": "<img src=x onerror=alert(1)>", "given": "A"}],
               "container-title": "<i>Site</i>", "URL": "javascript:alert(1)", "note": "<a href='https://e.vil'>x</a>"}
    citer = Citer([hostile], style, "en-GB")
    citer.register((Cite("x"),))
    [(_, entry)] = citer.bibliography()
    cited = citer.render((Cite("x"),))
    for html in (entry, cited):
        assert "<script" not in html and "<img" not in html and "<b>" not in html and "<a href=\"j" not in html
        assert "<a href='" not in html
    assert "&lt;b&gt;review&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt;" in entry
    assert "&lt;img src=x onerror=alert(1)&gt;" in entry


@pytest.mark.parametrize(("text", "label", "value"), [
    ("p. 312", "page", "312"), ("pp. 3-5", "page", "3-5"), ("312", "page", "312"), ("ch. 2", "chapter", "2"),
    ("sec. 4", "section", "4"), ("para. 3", "paragraph", "3"), ("fig. 2", "figure", "2"), ("tab. 1", "table", "1"),
])
def test_locators_are_read_the_pandoc_way(text: str, label: str, value: str) -> None:
    assert locator(text) == (label, value)


def test_an_unknown_locator_label_is_refused() -> None:
    with pytest.raises(ValueError, match="'stanza 3' is not a locator"):
        locator("stanza 3")


def test_a_document_of_30_references_and_40_clusters_formats_quickly() -> None:
    items = [{**ITEMS[n % len(ITEMS)], "id": f"r{n}"} for n in range(30)]
    clusters = [tuple(Cite(f"r{(n + k) % 30}") for k in range(1 + n % 3)) for n in range(40)]
    for style in CITATION_STYLES:
        Citer(items[:1], style, "en-GB")  # the style parsed once per process, as in a build
        start = time.perf_counter()
        citer = Citer(items, style, "en-GB")
        for cluster in clusters:
            citer.register(cluster)
        [citer.render(cluster) for cluster in clusters]
        citer.bibliography()
        assert time.perf_counter() - start < 2.0


def test_citeproc_reads_every_variable_passed_to_it() -> None:
    # citeproc-py warns (an error under -W error) about a variable it does not know: pass none.
    passed = {variable.replace("-", "_") for variable in CSL_TEXT_VARIABLES | CSL_NAME_VARIABLES | CSL_DATE_VARIABLES}
    assert passed <= set(citeproc.VARIABLES)
