"""Downloads as a reader gets them: file names in the page's language (ASCII), and a CSV whose
counts are whole numbers."""

from browser_support import block_remote_requests, download


def test_the_overview_map_is_named_in_english(page, app_url):
    block_remote_requests(page)
    page.goto(f"{app_url}/?lang=en")
    button = page.get_by_role("button", name="Download the map (PNG)")
    button.wait_for(timeout=60_000)
    assert download(page, button).suggested_filename == "map-2023-05-29.png"


def test_the_districts_csv_is_named_in_french_with_whole_numbers(page, app_url):
    block_remote_requests(page)
    page.goto(f"{app_url}/districts?lang=fr")
    button = page.get_by_role("button", name="Télécharger CSV").first
    button.wait_for(timeout=60_000)
    with page.expect_download(timeout=60_000) as download:
        button.click()
    assert download.value.suggested_filename == "districts-2023-05-29.csv"
    text = open(download.value.path(), encoding="utf-8-sig").read()
    header, first = text.splitlines()[:2]
    assert header.startswith("Code,Nom,Objectif,Réalisé,")
    assert first.split(",")[2].isdigit() and first.split(",")[3].isdigit()  # "90353", not .0
