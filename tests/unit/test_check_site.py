"""The build's check stage catches what would break a hosted or offline site, or leave a page out of reach."""

import gzip
import json

import pytest

from cre_build import csp
from cre_build.check_site import check
from cre_build.check_site import check_policies, main
from cre_build.site_pages import way_in

ARTICLE = "<article>" + "Enough words to count as a page of guidance. " * 10 + "</article>"


def site(tmp_path, pages):
    """A small whole site: the pages, the home page's navigation to each, the sitemap and the search index."""
    nav = "".join(f'<a class="md-nav__link" href="{name}">{name}</a>' for name in pages)
    for name, body in pages.items():
        extra = f"<nav>{nav}</nav>" if name == "index.html" else ""
        (tmp_path / name).write_text(f"<html><body>{extra}{body}{ARTICLE}</body></html>", encoding="utf-8")
    way_in.write_sitemap(tmp_path)
    index = json.dumps({"docs": [{"location": name, "title": name, "text": ""} for name in pages]})
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(index, encoding="utf-8")
    (tmp_path / "search" / "search_index.js").write_text("var __index = " + index, encoding="utf-8")
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
             "b.html": "<h1>B</h1>"}
    site(tmp_path, pages)
    (tmp_path / "empty.html").write_text("<html><body><article>tiny</article></body></html>", encoding="utf-8")
    (tmp_path / "app.js").write_text('fetch("https://unpkg.com/x")', encoding="utf-8")
    problems = "\n".join(check(tmp_path))
    assert "index.html: <a href> gone.html resolves to nothing" in problems
    assert "no element with id 'nowhere'" in problems
    assert "<script src> points off the site: https://cdn.example.org/x.js" in problems
    assert "<img src> points off the site: //evil.example/t.gif" in problems
    assert "<link href> points off the site" in problems
    assert "empty.html: the page has almost no content" in problems
    assert "app.js: mentions a CDN host" in problems


def test_a_page_left_out_of_the_navigation_the_sitemap_or_the_search_is_reported(tmp_path):
    site(tmp_path, {"index.html": "<h1>Home</h1>", "b.html": "<h1>B</h1>"})
    (tmp_path / "form.html").write_text(f"<html><body><main>{ARTICLE}</main></body></html>", encoding="utf-8")
    problems = check(tmp_path)
    assert "index.html: the navigation has no link to form.html" in problems
    assert "sitemap.xml does not list form.html" in problems
    assert "search: no entry for form.html" in problems


def test_a_table_of_contents_link_is_not_a_way_in(tmp_path):
    site(tmp_path, {"index.html": '<h1 id="top">Home</h1>', "b.html": "<h1>B</h1>"})
    home = tmp_path / "index.html"
    home.write_text(home.read_text("utf-8").replace('href="b.html"', 'href="#top"'), encoding="utf-8")
    assert check(tmp_path) == ["index.html: the navigation has no link to b.html"]


def test_a_broken_or_absolute_sitemap_is_reported(tmp_path):
    site(tmp_path, {"index.html": "<h1>Home</h1>", "b.html": "<h1>B</h1>"})
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text(sitemap.read_text("utf-8").replace("<loc>b.html</loc>", "<loc>https://example.org/b.html</loc>")
                       .replace("</urlset>", "<url><loc>gone.html</loc></url></urlset>"), encoding="utf-8")
    problems = check(tmp_path)
    assert "sitemap.xml.gz is missing or differs from sitemap.xml" in problems
    assert "sitemap.xml: 'https://example.org/b.html' is not relative to the site (it is hosted under any sub-path)" \
        in problems
    assert "sitemap.xml: 'gone.html' is not a page of the site" in problems
    assert "sitemap.xml does not list b.html" in problems
    sitemap.write_text("<urlset>", encoding="utf-8")
    (tmp_path / "sitemap.xml.gz").write_bytes(gzip.compress(b"<urlset>"))
    assert [line for line in check(tmp_path) if "sitemap" in line][0].startswith("sitemap.xml is not XML")
    sitemap.unlink()
    assert "sitemap.xml is missing" in check(tmp_path)


def test_search_for_file_pages_must_match_the_index(tmp_path):
    site(tmp_path, {"index.html": "<h1>Home</h1>"})
    (tmp_path / "search" / "search_index.js").write_text('var __index = {"docs": []}', encoding="utf-8")
    assert check(tmp_path) == ["search/search_index.js is missing or differs from search/search_index.json"]
    (tmp_path / "search" / "search_index.json").unlink()
    assert check(tmp_path) == ["search/search_index.json is missing"]


def test_a_page_that_still_promises_the_form_is_reported(tmp_path):
    site(tmp_path, {"index.html": "<p>The assessment form will appear on this page when it is ready.</p>",
                    "b.html": "<p>Coming soon.</p> <p>Until then, use the paper form.</p>"})
    problems = check(tmp_path)
    assert "index.html: still says the form is on its way: 'when it is ready'" in problems
    assert "b.html: still says the form is on its way: 'Coming soon'" in problems
    assert len(problems) == 2


# --- every page's Content Security Policy (check_policies; the build's check stage runs it after check) ----------

def _page(head="", body=ARTICLE):
    return f'<!DOCTYPE html><html><head><meta charset="utf-8">{head}</head><body>{body}</body></html>'


def _guidance_policy(*scripts):
    return csp.policy(csp.GUIDANCE_PAGE, csp.script_hashes(scripts))


def _meta(value):
    return f'<meta http-equiv="Content-Security-Policy" content="{value}">'


def test_pages_with_their_policy_first_and_hashed_inline_scripts_pass(tmp_path):
    inline = "var theme = 1"
    (tmp_path / "guide.html").write_text(_page(
        _meta(_guidance_policy(inline)) + '<link rel="stylesheet" href="s.css"><script>' + inline + "</script>"
        '<script id="__config" type="application/json">{"search": "w.js"}</script><script src="b.js"></script>'),
        encoding="utf-8")
    (tmp_path / "form.html").write_text(_page(_meta(csp.policy(csp.FORM_PAGE)) + '<script src="a.js" defer></script>'),
                                        encoding="utf-8")
    (tmp_path / "diagram.html").write_text(
        _page(_meta(csp.policy(csp.GUIDANCE_PAGE, csp.DIAGRAM_STYLES))), encoding="utf-8")
    assert check_policies(tmp_path) == []


def test_a_page_without_its_policy_fails_the_build(tmp_path, capsys):
    site(tmp_path, {"index.html": "<h1>Home</h1>"})
    assert check(tmp_path) == []  # whole and self-contained, yet
    assert check_policies(tmp_path) == [
        'index.html: no Content Security Policy (<meta http-equiv="Content-Security-Policy">)']
    assert main([str(tmp_path)]) == 1
    assert "index.html: no Content Security Policy" in capsys.readouterr().err


def test_a_policy_after_a_script_or_outside_the_head_is_reported(tmp_path):
    (tmp_path / "late.html").write_text(_page('<script src="b.js"></script>' + _meta(_guidance_policy())),
                                        encoding="utf-8")
    (tmp_path / "body.html").write_text(_page(body=_meta(_guidance_policy()) + ARTICLE), encoding="utf-8")
    (tmp_path / "two.html").write_text(_page(_meta(_guidance_policy()) * 2), encoding="utf-8")
    problems = "\n".join(check_policies(tmp_path))
    assert "late.html: the Content Security Policy is not in <head> before every script" in problems
    assert "body.html: the Content Security Policy is not in <head> before every script" in problems
    assert "two.html: 2 Content Security Policies, not one" in problems


@pytest.mark.parametrize("weakened", [
    "default-src 'self'",  # too little
    "script-src 'self' 'unsafe-inline'",
])
def test_a_policy_that_is_not_one_of_the_sites_is_reported(tmp_path, weakened):
    (tmp_path / "a.html").write_text(_page(_meta(weakened)), encoding="utf-8")
    assert check_policies(tmp_path) == [f"a.html: the Content Security Policy is not one of the site's "
                                        f"(cre_build.csp): {weakened}"]


def test_a_guidance_page_may_not_allow_eval_or_inline_scripts_wholesale(tmp_path):
    for name, extra in {"eval.html": {"script-src": ["'unsafe-eval'"]},
                        "inline.html": {"script-src": ["'unsafe-inline'"]},
                        "elsewhere.html": {"script-src": ["https://cdn.example.org"]},
                        "frames.html": {"frame-src": ["'self'"]}}.items():
        (tmp_path / name).write_text(_page(_meta(csp.policy(csp.GUIDANCE_PAGE, extra))), encoding="utf-8")
    problems = check_policies(tmp_path)
    assert sorted(line.split(":")[0] for line in problems) == ["elsewhere.html", "eval.html", "frames.html",
                                                               "inline.html"]


def test_an_inline_script_or_handler_the_policy_does_not_name_is_reported(tmp_path):
    (tmp_path / "a.html").write_text(_page(
        _meta(_guidance_policy("var named = 1")) + "<script>var named = 1</script><script>var added = 2</script>",
        body='<img src="x.png" alt="" onerror="steal()"><a href="#" onclick="go()">go</a>' + ARTICLE),
        encoding="utf-8")
    assert check_policies(tmp_path) == [
        "a.html: an inline script its policy does not allow (it would not run): 'var added = 2'",
        "a.html: <img onerror> would never run (no inline handler passes the policy)",
        "a.html: <a onclick> would never run (no inline handler passes the policy)",
    ]
