"""The build's check stage catches what would break a hosted or offline site."""

from cre_build.check_site import check

ARTICLE = "<article>" + "Enough words to count as a page of guidance. " * 10 + "</article>"


def site(tmp_path, pages):
    for name, body in pages.items():
        (tmp_path / name).write_text(f"<html><body>{body}{ARTICLE}</body></html>", encoding="utf-8")
    return tmp_path


def test_a_whole_self_contained_site_passes(tmp_path):
    pages = {"index.html": '<a href="b.html#top">b</a> <a href="tel:999">999</a> <a href="mailto:x@y.z">x</a>'
                           ' <a href="https://derbyshirescbs.proceduresonline.com/index.htm">procedures</a>',
             "b.html": '<h1 id="top">B</h1>'}
    assert check(site(tmp_path, pages)) == []


def test_broken_links_missing_anchors_and_other_hosts_are_reported(tmp_path):
    pages = {"index.html": '<a href="gone.html">x</a> <a href="b.html#nowhere">y</a>'
                           ' <script src="https://cdn.example.org/x.js"></script> <img src="//evil.example/t.gif">'
                           ' <link href="https://derbyshirescbs.proceduresonline.com/x.css" rel="stylesheet">',
             "b.html": "<h1>B</h1>", "empty.html": ""}
    (tmp_path / "empty.html").write_text("<html><body><article>tiny</article></body></html>", encoding="utf-8")
    (tmp_path / "app.js").write_text('fetch("https://unpkg.com/x")', encoding="utf-8")
    problems = "\n".join(check(site(tmp_path, {k: v for k, v in pages.items() if k != "empty.html"})))
    assert "index.html: <a href> gone.html resolves to nothing" in problems
    assert "no element with id 'nowhere'" in problems
    assert "<script src> points off the site: https://cdn.example.org/x.js" in problems
    assert "<img src> points off the site: //evil.example/t.gif" in problems
    assert "<link href> points off the site" in problems
    assert "empty.html: the page has almost no content" in problems
    assert "app.js: mentions a CDN host" in problems
