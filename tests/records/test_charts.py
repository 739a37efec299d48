"""The statistics page's bar charts are inline SVG that is safe to embed as it is: well
formed, every label escaped, no inline style for the Content-Security-Policy to refuse,
readable on a phone, and a hidden count drawn so that it tells nothing."""

from xml.etree.ElementTree import Element

from defusedxml.ElementTree import fromstring  # the standard ElementTree parser, minus DTDs

from vissel.records.charts import bar_chart_svg

SVG = "{http://www.w3.org/2000/svg}"
FEWER = "färre än 5"


def chart(bars, title="Ärenden per kategori", chart_id="by-category") -> Element:
    return fromstring(bar_chart_svg(title, bars, suppressed_text=FEWER, chart_id=chart_id))


def bars_of(svg: Element) -> list[Element]:
    return [rect for rect in svg.iter(f"{SVG}rect") if "bar" in rect.get("class", "").split()]


def texts_of(svg: Element, kind: str) -> list[str]:
    return [text.text for text in svg.iter(f"{SVG}text") if text.get("class") == kind]


def contrast_with_white(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def test_the_chart_is_an_image_named_by_its_title():
    svg = chart([("Mutor", 7)])
    assert svg.tag == f"{SVG}svg" and svg.get("role") == "img"
    title = svg.find(f"{SVG}title")
    assert title.text == "Ärenden per kategori"
    assert title.get("id") == "by-category-title" == svg.get("aria-labelledby")


def test_there_is_one_bar_and_one_label_per_row():
    svg = chart([("Mutor", 7), ("Jäv", 0), ("Fusk", None), ("Miljö", 12)])
    assert len(bars_of(svg)) == 4
    assert texts_of(svg, "bar-label") == ["Mutor", "Jäv", "Fusk", "Miljö"]
    assert texts_of(svg, "bar-value") == ["7", "0", FEWER, "12"]


def test_a_count_hidden_for_another_reason_says_its_own_words():
    svg = chart([("Mutor", 12), ("Jäv", "dolt"), ("Fusk", None)])
    assert texts_of(svg, "bar-value") == ["12", "dolt", FEWER]
    assert bars_of(svg)[1].get("fill") == "none"


def test_a_hidden_count_is_an_empty_outline_saying_fewer_than_five():
    svg = chart([("Mutor", 40), ("Fusk", None)])
    shown, hidden = bars_of(svg)
    assert hidden.get("fill") == "none" and hidden.get("stroke")
    assert shown.get("fill") not in (None, "none")
    # its length is the same whatever the other bars are, so it gives no hint
    alone = bars_of(chart([("Mutor", 6), ("Fusk", None)]))[1]
    assert hidden.get("width") == alone.get("width")


def test_bars_are_as_long_as_their_share_of_the_largest_shown_value():
    widths = [float(bar.get("width")) for bar in bars_of(chart([("A", 10), ("B", 5), ("C", 0)]))]
    assert widths[0] > 0
    assert widths[1] == widths[0] / 2
    assert widths[2] == 0
    assert float(bars_of(chart([("A", 1000), ("B", None)]))[0].get("width")) == widths[0]
    thirds = [float(b.get("width")) for b in bars_of(chart([("A", 3), ("B", 1), ("C", None)]))]
    assert abs(thirds[1] - thirds[0] / 3) < 0.01


def test_nothing_but_hidden_or_empty_bars_still_draws():
    svg = chart([("A", None), ("B", 0)])
    assert texts_of(svg, "bar-value") == [FEWER, "0"]
    assert chart([]).find(f"{SVG}title").text == "Ärenden per kategori"


def test_hostile_labels_and_title_are_escaped_text():
    hostile = '<script>alert("x")</script> & co'
    raw = bar_chart_svg(
        "Fusk & <b>mutor</b>",
        [(hostile, 5), ("A & B", None), ("bell\x07", 1)],
        suppressed_text=FEWER,
        chart_id='x" onload="alert(1)',
    )
    assert "<script" not in raw and "<b>" not in raw
    svg = fromstring(raw)
    assert texts_of(svg, "bar-label") == [hostile, "A & B", "bell"]
    assert svg.find(f"{SVG}title").text == "Fusk & <b>mutor</b>"
    assert all("onload" not in element.attrib for element in svg.iter())


def test_nothing_a_content_security_policy_would_block():
    raw = bar_chart_svg("T", [("A", 3), ("B", None)], suppressed_text=FEWER, chart_id="c")
    elements = list(fromstring(raw).iter())
    assert all("style" not in element.attrib for element in elements)
    names = {element.tag.removeprefix(SVG) for element in elements}
    assert not names & {"style", "script", "foreignObject", "image", "use", "a"}
    assert all(not name.endswith("href") for e in elements for name in e.attrib)
    assert "url(" not in raw and "javascript:" not in raw


def test_it_scales_to_a_phone_with_readable_text_and_colours():
    svg = chart([("Omfattas", 9), ("Omfattas inte", None)])
    assert svg.get("width") == "100%"
    assert svg.get("viewBox").split()[:3] == ["0", "0", "320"]
    texts = list(svg.iter(f"{SVG}text"))
    assert texts and all(float(text.get("font-size")) >= 12 for text in texts)
    assert all(contrast_with_white(text.get("fill")) >= 4.5 for text in texts)
    assert contrast_with_white(bars_of(svg)[0].get("fill")) >= 4.5


def test_a_long_label_is_cut_short_to_fit_a_phone_the_table_has_it_in_full():
    long = "Brister i arbetsmiljön på lagret i Norrköping under nattskiftet"
    shown = texts_of(chart([(long, 9), ("Mutor", 5)]), "bar-label")
    assert shown[0].endswith("…") and long.startswith(shown[0][:-1]) and len(shown[0]) <= 40
    assert shown[1] == "Mutor"


def test_the_same_figures_give_the_same_chart():
    bars = [("Mutor", 7), ("Fusk", None), ("Jäv", 3)]
    first = bar_chart_svg("T", bars, suppressed_text=FEWER, chart_id="c")
    assert first == bar_chart_svg("T", list(bars), suppressed_text=FEWER, chart_id="c")
