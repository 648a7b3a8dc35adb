"""Contact channels (`HUB_CONTACT`, hub_core/contact.py): listed at the top of the contact page from the
settings alone, email addresses as mailto: links and web addresses as https:// or site links; every wrong
channel reported in one settings message; `make check` warning (strict: refusing) when a site offers no
way to reach anyone; the demo's one real channel, its repository's issues, taken from the environment."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from hub_core.contact import Channel
from hub_core.settings import SettingsError, read_settings
from tests.sitekit import ROOT, build, front, hub, write_site

EMAIL = {"label": "Email the network", "email": "hub@example.org", "purpose": "Questions about a model."}
TRACKER = {
    "label": "Suggest a correction",
    "url": "https://github.com/example/hub/issues",
    "purpose": "A fact that needs correcting.",
}
ABOUT = {"label": "Who we are", "url": "/about/", "purpose": "The network and its members."}
CONTACT_PAGE = front("title: Contact\nsummary: How to reach the network.", "Write to us.")


def settings_with(folder: Path, lines: str, base: str = "pelicanconf") -> Path:
    path = folder / "settings.py"
    path.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom {base} import *\n{lines}")
    return path


def contact_with(*channels: dict, **keys: object) -> str:
    return f"HUB_CONTACT = {{'channels': {list(channels)!r}, **{keys!r}}}\n"


def channel_list(html: str) -> list[tuple[str, str, str, str]]:
    """Each listed channel as (href, label, address shown, purpose)."""
    tree = HTMLParser(html)
    found = []
    for item in tree.css(".contact-channels li"):
        link, address, purpose = item.css_first("a"), item.css_first(".channel-address"), item.css_first("p")
        assert link is not None and purpose is not None
        shown = address.text() if address is not None else ""
        found.append((link.attributes["href"] or "", link.text(), shown, purpose.text()))
    return found


def page(out: Path, url: str) -> str:
    return (out / url / "index.html").read_text(encoding="utf-8")


# The contact page ----------------------------------------------------------------------------------------


def test_the_contact_page_lists_the_configured_channels_as_mail_and_web_links(tmp_path):
    content = write_site(tmp_path / "content", {"pages/contact.md": CONTACT_PAGE})
    settings = settings_with(tmp_path, contact_with(EMAIL, TRACKER, ABOUT) + "SITEURL = '/hub'\n")
    result = build(content, tmp_path / "out", settings)
    assert result.returncode == 0, result.stderr
    html = page(tmp_path / "out", "contact")
    assert channel_list(html) == [
        ("mailto:hub@example.org", "Email the network", "hub@example.org", "Questions about a model."),
        (TRACKER["url"], "Suggest a correction", "github.com", "A fact that needs correcting."),
        ("/hub/about/", "Who we are", "", "The network and its members."),
    ]  # fmt: skip
    tree = HTMLParser(html)
    section = tree.css_first(".contact-channels")
    assert section is not None and section.css_first("h2").text() == "How to reach us"
    # At the top: before the page's own text; no form and no script, so nothing is sent anywhere but by
    # the reader's own mail client or browser.
    assert html.index("contact-channels") < html.index("Write to us.")
    assert section.css("form, script, iframe, input") == []
    assert channel_list(page(tmp_path / "out", "about")) == []  # the other pages list nothing


def test_without_channels_the_contact_page_says_so_instead_of_listing_any(tmp_path):
    content = write_site(tmp_path / "content", {"pages/contact.md": CONTACT_PAGE})
    result = build(content, tmp_path / "out", settings_with(tmp_path, "HUB_CONTACT = {'channels': []}\n"))
    assert result.returncode == 0, result.stderr
    section = HTMLParser(page(tmp_path / "out", "contact")).css_first(".contact-channels")
    assert section is not None and section.css("a") == []
    assert "No way to reach the network has been set up for this site yet." in section.text()


def test_the_setting_names_the_page_and_only_a_page_of_that_slug_lists_the_channels(tmp_path):
    news = front("title: Press\ndate: 2025-07-02\nsummary: A news item.\nissues: [housing]")
    docs = {"pages/contact.md": CONTACT_PAGE, "pages/reach-us.md": CONTACT_PAGE, "news/press.md": news}
    content = write_site(tmp_path / "content", docs)
    marked = {**EMAIL, "label": "Write <b>us</b> & co"}  # text in the settings is printed as text
    result = build(content, tmp_path / "out", settings_with(tmp_path, contact_with(marked, page="reach-us")))
    assert result.returncode == 0, result.stderr
    html = page(tmp_path / "out", "reach-us")
    assert channel_list(html)[0][:2] == ("mailto:hub@example.org", "Write <b>us</b> & co")
    assert ">Write &lt;b&gt;us&lt;/b&gt; &amp; co</a>" in html
    assert channel_list(page(tmp_path / "out", "contact")) == []
    # A document of another type is never the contact page, whatever its slug.
    result = build(content, tmp_path / "out", settings_with(tmp_path, contact_with(EMAIL, page="press")))
    assert result.returncode == 0, result.stderr
    assert "contact-channels" not in page(tmp_path / "out", "news/press")


def test_content_cannot_add_or_change_a_channel(tmp_path):
    """The list comes from the settings alone: a field in the page's front matter is refused, so is markup
    dressed as the list, and a mail link in the body stays in the body."""
    asked = front("title: Contact\nsummary: S.\nchannels: [{label: Mine, email: me@evil.example}]")
    result = hub("check", "-i", str(write_site(tmp_path / "a", {"pages/contact.md": asked})))
    assert result.returncode == 1 and "pages/contact.md:4: unknown field 'channels'" in result.stderr
    dressed = '<section class="contact-channels"><p><a href="mailto:me@evil.example">Mine</a></p></section>'
    result = hub(
        "check", "-i", str(write_site(tmp_path / "b", {"pages/contact.md": front("title: C", dressed)}))
    )
    assert result.returncode == 1
    assert 'contact.md:4: class="contact-channels" is not allowed on <section>' in result.stderr
    linked = front("title: Contact\nsummary: S.", "Or write to [me](mailto:me@evil.example).")
    content = write_site(tmp_path / "c", {"pages/contact.md": linked})
    result = build(content, tmp_path / "out", settings_with(tmp_path, "HUB_CONTACT = {'channels': []}\n"))
    assert result.returncode == 0, result.stderr
    html = page(tmp_path / "out", "contact")
    assert "mailto:me@evil.example" in html and channel_list(html) == []


def test_a_changed_address_reaches_the_contact_page_on_a_cached_rebuild(tmp_path):
    content = write_site(tmp_path / "content", {"pages/contact.md": CONTACT_PAGE})
    out = tmp_path / "out"
    assert build(content, out, settings_with(tmp_path, contact_with(EMAIL))).returncode == 0
    moved = {**EMAIL, "email": "desk@example.org"}
    result = build(content, out, settings_with(tmp_path, contact_with(moved)))
    assert result.returncode == 0, result.stderr
    assert [c[0] for c in channel_list(page(out, "contact"))] == ["mailto:desk@example.org"]


# The settings --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("channel", "expected"),
    [
        ({**EMAIL, "email": "hub at example.org"}, "['email']: 'hub at example.org' is not an email address"),
        ({**EMAIL, "email": "mailto:hub@example.org"}, "['email']: 'mailto:hub@example.org' is a link"),
        ({**EMAIL, "email": "hub@example.org?cc=x@evil.example"}, "['email']: 'hub@example.org?cc="),
        ({**EMAIL, "email": "hub@localhost"}, "['email']: 'hub@localhost' is not an email address"),
        ({**TRACKER, "url": "http://example.org/"}, "['url']: 'http://example.org/' is not an https://"),
        ({**TRACKER, "url": "javascript:alert(1)"}, "['url']: 'javascript:alert(1)' is not an https://"),
        ({**TRACKER, "url": "data:text/html,x"}, "['url']: 'data:text/html,x' is not an https://"),
        ({**TRACKER, "url": "//evil.example/"}, "['url']: '//evil.example/' starts with '//'"),
        ({**TRACKER, "url": "/\\evil.example/"}, "['url']: '/\\\\evil.example/' has a backslash"),
        ({**TRACKER, "url": "https://a.b@evil.example/"}, "['url']: 'https://a.b@evil.example/' has a name"),
        ({**TRACKER, "url": "https://x.org/a b"}, "['url']: 'https://x.org/a b' is not a web address"),
        ({**TRACKER, "url": "mailto:a@b.org"}, "['url']: 'mailto:a@b.org' is a mail link"),
        ({**EMAIL, "emial": "a@b.org"}, "['emial']: unknown key: did you mean 'email'?"),
        ({**EMAIL, "url": "/about/"}, ": give exactly one of 'email'"),
        ({"label": "L", "purpose": "P"}, ": give exactly one of 'email'"),
        ({"email": "a@b.org"}, ": has no 'label' and no 'purpose'"),
        ({**EMAIL, "label": "Two\nlines"}, "['label']: must be one line of at most 80 characters"),
        ({**EMAIL, "label": "\u202eevil"}, "['label']: must be one line of at most 80 characters"),
        ({**EMAIL, "purpose": "x" * 201}, "['purpose']: must be one line of at most 200 characters"),
        ({**EMAIL, "purpose": "  "}, "['purpose']: is empty"),
        ({**EMAIL, "label": 7}, "['label']: must be text in quotes, not 7"),
        ("hub@example.org", ": must be a dict, like {'label'"),
    ],
)  # fmt: skip
def test_a_wrong_channel_is_a_settings_problem_saying_what_to_write(channel, expected):
    with pytest.raises(SettingsError) as caught:
        read_settings({"HUB_CONTACT": {"channels": [EMAIL, channel]}})
    problems = [p for p in caught.value.problems if p.startswith("HUB_CONTACT['channels'][1]")]
    assert any(p.startswith(f"HUB_CONTACT['channels'][1]{expected}") for p in problems), problems
    assert all(len(p) < 260 for p in caught.value.problems)


def test_every_wrong_channel_and_key_is_reported_in_one_message_and_the_build_writes_nothing(tmp_path):
    wrong = (
        contact_with(
            {**EMAIL, "email": "not an address"},
            {**TRACKER, "url": "http://example.org/"},
            {**ABOUT, "purpse": "x"},
            EMAIL,
            EMAIL,
            page="Contact Us",
        )
        + "HUB_CONTACT['sort'] = True\n"
    )
    out = tmp_path / "out"
    result = build(write_site(tmp_path / "content"), out, settings_with(tmp_path, wrong))
    assert result.returncode == 1 and not out.exists()
    assert "settings: 6 problems:\n" in result.stderr
    where = [line.split(":")[0].strip() for line in result.stderr.splitlines() if line.startswith("  HUB")]
    assert where == [
        "HUB_CONTACT['channels'][0]['email']",
        "HUB_CONTACT['channels'][1]['url']",
        "HUB_CONTACT['channels'][2]['purpse']",
        "HUB_CONTACT['channels'][4]",  # the same address as [3]
        "HUB_CONTACT['page']",
        "HUB_CONTACT['sort']",
    ]
    assert "has the same address as channel [3]: list each address once" in result.stderr
    assert "Traceback" not in result.stderr


def test_good_channels_are_typed_in_the_settings_order():
    typed = read_settings({"HUB_CONTACT": {"channels": [TRACKER, EMAIL, ABOUT], "page": "reach-us"}}).contact
    assert typed.page == "reach-us"
    assert typed.channels == (Channel(**TRACKER), Channel(**EMAIL), Channel(**ABOUT))
    assert [c.href for c in typed.channels] == [TRACKER["url"], "mailto:hub@example.org", "/about/"]
    assert [c.on_site for c in typed.channels] == [False, False, True]
    assert read_settings({}).contact.channels == () and read_settings({}).contact.page == "contact"


# make check --------------------------------------------------------------------------------------------


def test_check_warns_at_the_setting_when_no_channel_is_configured_and_strict_refuses(tmp_path):
    content = write_site(tmp_path / "content", {"pages/contact.md": CONTACT_PAGE})
    settings = settings_with(tmp_path, "HUB_CONTACT = {'channels': []}\n")
    plain = hub("check", "-i", str(content), "-s", str(settings))
    assert plain.returncode == 0, plain.stderr
    warning = (
        f"{settings}:4: warning: HUB_CONTACT lists no channels, so readers have no way to reach the network"
    )
    assert any(line.startswith(warning) for line in plain.stderr.splitlines()), plain.stderr
    assert "HUB_CONTACT = {'channels': [{'label': 'Email the network', 'email': " in plain.stderr  # the fix
    # --strict: an error, reported with the content's own (this small site's unsourced adoption) at once.
    strict = hub("check", "-i", str(content), "-s", str(settings), "--strict")
    assert strict.returncode == 1
    assert f"{settings}:4: HUB_CONTACT lists no channels" in strict.stderr
    assert "content/ordinances/fair-rent.md:" in strict.stderr
    assert strict.stderr.splitlines()[-1].startswith(f"{len(strict.stderr.splitlines()) - 1} errors in ")
    configured = hub("check", "-i", str(content), "-s", str(settings_with(tmp_path, contact_with(EMAIL))))
    assert configured.returncode == 0, configured.stderr
    assert "HUB_CONTACT" not in configured.stderr


def test_check_warns_when_no_page_lists_the_channels(tmp_path):
    content = write_site(tmp_path / "content")  # no pages/contact.md
    settings = settings_with(tmp_path, contact_with(EMAIL))
    result = hub("check", "-i", str(content), "-s", str(settings))
    assert result.returncode == 0
    assert (
        f"{settings}:4: warning: HUB_CONTACT's channels are listed on the page 'contact', and there is no "
        "content/pages/contact.md: add that page, or set HUB_CONTACT['page']"
    ) in result.stderr


# The demo ----------------------------------------------------------------------------------------------


def demo_contact(monkeypatch: pytest.MonkeyPatch, repository: str | None, name: str = "pelicanconf.py"):
    if repository is None:
        monkeypatch.delenv("HUB_REPOSITORY_URL", raising=False)
    else:
        monkeypatch.setenv("HUB_REPOSITORY_URL", repository)
    values = {k: v for k, v in runpy.run_path(str(ROOT / name)).items() if k.isupper()}
    return read_settings(values).contact


def test_the_demo_lists_no_invented_address_and_offers_its_repository_s_issues_when_published_from_one(
    monkeypatch,
):
    assert demo_contact(monkeypatch, None).channels == ()
    assert demo_contact(monkeypatch, "").channels == ()
    for name in ("pelicanconf.py", "publishconf.py"):
        (channel,) = demo_contact(monkeypatch, "https://github.com/example/hub/", name).channels
        assert (channel.label, channel.url) == (
            "Suggest a correction",
            "https://github.com/example/hub/issues",
        )
    with pytest.raises(SettingsError, match=r"HUB_CONTACT\['channels'\]\[0\]\['url'\]: 'http://"):
        demo_contact(monkeypatch, "http://git.example.org/hub")


def test_the_workflow_gives_every_step_the_repository_s_address():
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    assert workflow["env"]["HUB_REPOSITORY_URL"] == "${{ github.server_url }}/${{ github.repository }}"


def test_the_demo_contact_page_promises_no_channel_the_settings_do_not_give():
    text = (ROOT / "content" / "pages" / "contact.md").read_text(encoding="utf-8").lower()
    assert "public channels" not in text  # the list at the top is the one set of channels there is
    assert "how to reach us" in text
