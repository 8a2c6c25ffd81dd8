from tracker.core.web.rich_text import Block, blocks, rich_text, with_abbreviations

GLOSSARY = {
    "OSCB": "Oxfordshire Safeguarding Children Board",
    "MASA": "Multi-Agency Safeguarding Arrangements Executive Group",
    "CIN/CP": "Children in Need/Child Protection",
    "IT": "Information Technology",
    "PR": "Partnership Review",
}


def test_lines_starting_with_a_bullet_become_one_list():
    text = "At each meeting:\n- Review plans;\n• Address issues;\n\nThen report."
    assert blocks(text) == [
        Block("paragraph", ("At each meeting:",)),
        Block("list", ("Review plans;", "Address issues;")),
        Block("paragraph", ("Then report.",)),
    ]


def test_a_hyphen_inside_a_line_is_not_a_bullet():
    assert blocks("Multi-agency - not a list") == [
        Block("paragraph", ("Multi-agency - not a list",))
    ]


def test_glossary_terms_are_wrapped_in_abbr_with_their_meaning():
    html = with_abbreviations("Escalate to OSCB/MASA (PR)", GLOSSARY)
    assert str(html) == (
        'Escalate to <abbr title="Oxfordshire Safeguarding Children Board">OSCB</abbr>/'
        '<abbr title="Multi-Agency Safeguarding Arrangements Executive Group">MASA</abbr> '
        '(<abbr title="Partnership Review">PR</abbr>)'
    )


def test_terms_match_whole_words_only_and_longest_first():
    html = str(with_abbreviations("CIN/CP plans; ITEM; PRIDE; IT team", GLOSSARY))
    assert '<abbr title="Children in Need/Child Protection">CIN/CP</abbr>' in html
    assert "ITEM" in html and "PRIDE" in html
    assert html.count("<abbr") == 2


def test_text_is_escaped_before_any_markup_is_added():
    html = str(rich_text("<script>alert(1)</script> OSCB & co", GLOSSARY))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&amp; co" in html


def test_a_meaning_with_quotes_cannot_break_out_of_the_title():
    html = str(with_abbreviations("XYZ", {"XYZ": 'say "hi" <b>'}))
    assert html == '<abbr title="say &#34;hi&#34; &lt;b&gt;">XYZ</abbr>'


def test_a_changed_glossary_is_used_at_once_though_patterns_are_reused():
    before = {"CSC": "Children's Social Care"}
    assert 'title="Children&#39;s Social Care"' in with_abbreviations("CSC leads", before)
    after = {"CSC": "Children's Services", "MASH": "Multi-Agency Safeguarding Hub"}
    shown = with_abbreviations("CSC and MASH", after)
    assert 'title="Children&#39;s Services">CSC</abbr>' in shown
    assert 'title="Multi-Agency Safeguarding Hub">MASH</abbr>' in shown
    assert with_abbreviations("CSC and MASH", {}) == "CSC and MASH"


def test_each_glossary_gives_its_own_meanings_in_turn():
    """The pattern of the glossary last used is kept: another glossary, or one grown since,
    is read afresh."""
    first, second = {"DCI": "Detective Chief Inspector"}, {"DCI": "Another meaning"}
    for _ in range(2):
        assert 'title="Detective Chief Inspector"' in str(with_abbreviations("DCI", first))
        assert 'title="Another meaning"' in str(with_abbreviations("DCI", second))
    grown = dict(first)
    assert "<abbr" not in str(with_abbreviations("PR", grown))
    grown["PR"] = "Practice review"
    assert 'title="Practice review"' in str(with_abbreviations("PR", grown))
