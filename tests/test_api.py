"""HTTP API: reads over a store filled through the store API, the keyed write endpoint, errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from test_api_data import EU_TEXT, PRK_TEXT, fill
from veilleur.api import create_app
from veilleur.api.highlight import HSpan, segments

KEY = "s3cret-key"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return fill(tmp_path_factory.mktemp("api") / "v.db")


@pytest.fixture(scope="module")
def client(db: str):
    with TestClient(create_app(db, api_key=KEY)) as c:
        yield c


def test_events_filters_and_pagination(client: TestClient) -> None:
    r = client.get("/api/events")
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 5 and len(body["items"]) == 5
    prk = client.get("/api/events", params={"actor": "PRK"}).json()
    assert prk["total"] == 2
    assert {e["doc_id"] for e in prk["items"]} == {"prk-rus", "xss"}
    # several codes, type and recipient combine as in `veilleur events`
    rus = client.get("/api/events", params={"actor": "PRK,IRN", "recipient": "RUS", "type": "AID"}).json()
    assert {e["doc_id"] for e in rus["items"]} == {"prk-rus", "xss", "irn-rus"}
    assert client.get("/api/events", params={"modality": "alleged"}).json()["total"] == 1
    assert client.get("/api/events", params={"regime": "EU-RUSSIA"}).json()["items"][0]["doc_id"] == "eu-rus"
    dated = client.get("/api/events", params={"since": "2023-01", "until": "2023-01-31"}).json()
    assert [e["doc_id"] for e in dated["items"]] == ["usa-ukr"]
    page1 = client.get("/api/events", params={"limit": 2, "offset": 0}).json()["items"]
    page2 = client.get("/api/events", params={"limit": 2, "offset": 2}).json()["items"]
    assert len(page1) == len(page2) == 2
    assert not {e["id"] for e in page1} & {e["id"] for e in page2}
    ev = prk["items"][0]
    assert ev["evidence_url"].startswith("/evidence/") and ev["story_id"] is not None
    assert ev["document"]["source"] in ("Le Monde", "Blog")


def test_events_csv_by_format_and_by_accept(client: TestClient) -> None:
    for r in (client.get("/api/events", params={"format": "csv", "actor": "IRN"}),
              client.get("/api/events", params={"actor": "IRN"}, headers={"Accept": "text/csv"})):
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(r.text)))
        assert len(rows) == 1
        assert rows[0]["actor_codes"] == "IRN" and rows[0]["arms_categories"] == "uav"


@pytest.mark.parametrize("query", [
    {"type": "FOO"}, {"modality": "sure"}, {"since": "yesterday"}, {"limit": -1}, {"limit": 100000},
    {"offset": -3}, {"format": "xml"}, {"actor": "X" * 500},
])
def test_bad_filters_are_one_line_422(client: TestClient, query: dict[str, object]) -> None:
    r = client.get("/api/events", params=query)
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert isinstance(detail, str) and "\n" not in detail and detail


def test_stories_with_origins(client: TestClient) -> None:
    items = client.get("/api/stories", params={"actor": "PRK", "origins": "true"}).json()["items"]
    assert items and all("PRK" in s["actors"] for s in items)
    origins = items[0]["origins"]
    assert origins and origins[0]["reports"][0]["evidence_url"].startswith("/evidence/")
    one = client.get(f"/api/stories/{items[0]['id']}").json()
    assert one["id"] == items[0]["id"] and one["origins"]
    assert client.get("/api/stories/999999").status_code == 404


def test_document_spans_point_at_the_right_words(client: TestClient) -> None:
    d = client.get("/api/documents/prk-rus").json()
    assert d["text"] == PRK_TEXT
    by_kind: dict[str, list[str]] = {}
    for s in d["spans"]:
        by_kind.setdefault(s["kind"], []).append(d["text"][s["start"]:s["end"]])
    assert by_kind["trigger"] == ["acheté"]
    assert by_kind["actor"] == ["la Corée du Nord"]
    assert by_kind["recipient"] == ["La Russie"]
    assert by_kind["cue"] == ["aurait"]
    assert sorted(by_kind["source"]) == ["New York Times", "des services de renseignement américains"]
    assert by_kind["arms"] == ["obus"]
    assert client.get("/api/documents/nope").status_code == 404
    listed = client.get("/api/documents").json()["items"]
    assert {x["id"] for x in listed} >= {"prk-rus", "eu-rus"} and "raw_text" not in listed[0]


def test_actors_top(client: TestClient) -> None:
    top = client.get("/api/actors", params={"n": 2}).json()
    assert top[0]["code"] == "RUS" and top[0]["as_recipient"] == 4 and len(top) == 2


def test_arms_flows_aggregate_supplier_recipient(client: TestClient) -> None:
    flows = {(f["supplier"], f["recipient"]): f for f in client.get("/api/arms/flows").json()}
    assert set(flows) == {("PRK", "RUS"), ("IRN", "RUS"), ("USA", "UKR")}
    prk = flows[("PRK", "RUS")]
    assert prk["events"] == 2 and prk["stories"] >= 1
    assert prk["categories"] == {"ammunition": 1, "artillery": 1}
    assert prk["quantity_min"] == {"ammunition": 1_000_000}
    assert prk["modality"] == "asserted" and prk["modalities"] == {"alleged": 1, "asserted": 1}
    assert flows[("IRN", "RUS")]["designations"] == ["Shahed"]
    assert "actor=PRK" in prk["stories_url"] and "recipient=RUS" in prk["stories_url"]
    only = client.get("/api/arms/flows", params={"actor": "USA"}).json()
    assert [(f["supplier"], f["recipient"]) for f in only] == [("USA", "UKR")]


def test_sanctions_per_regime(client: TestClient) -> None:
    regimes = {r["regime"]: r for r in client.get("/api/sanctions").json()}
    assert set(regimes) == {"UN-DPRK", "UN-IRAN", "EU-RUSSIA"}
    assert regimes["EU-RUSSIA"]["relations"] == {"imposes": 1}
    links = client.get("/api/sanctions/un-dprk").json()
    assert links["regime"] == "UN-DPRK"
    (link,) = links["links"]
    assert link["provision"] == "UNSCR 1874 (2009) para 9" and link["relation"] == "violates"
    assert link["modality"] == "alleged" and "prohibited" in link["explanation"]
    assert link["event"]["doc_id"] == "prk-rus"


def test_timeline_is_ordered_by_date(client: TestClient) -> None:
    t = client.get("/api/timeline", params={"recipient": "RUS"}).json()
    dates = [e["date"] for e in t["items"]]
    assert dates == sorted(dates) and len(dates) == 4
    assert t["months"]["2022-10"] == 2


# --- writes ----------------------------------------------------------------------------------------

class _Boom:
    """An extractor that must never be reached by refused requests."""

    def process(self, doc: object) -> object:
        raise AssertionError("the pipeline ran for a refused request")


def test_writes_refused_without_configured_key(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VEILLEUR_API_KEY", raising=False)
    with TestClient(create_app(db, extractor=_Boom)) as c:
        r = c.post("/api/documents", json={"text": "La Russie achète des obus.", "date": "2022-09-06"})
        assert r.status_code == 403
        assert "VEILLEUR_API_KEY" in r.json()["detail"]
        # even with a key in the request: there is none to match
        assert c.post("/api/documents", json={"text": "x"}, headers={"X-API-Key": ""}).status_code == 403


@pytest.fixture(scope="module")
def guarded(db: str):
    with TestClient(create_app(db, api_key=KEY, max_body=10_000, extractor=_Boom)) as c:
        yield c


def test_wrong_or_missing_key_is_401(guarded: TestClient) -> None:
    assert guarded.post("/api/documents", json={"text": "x"}).status_code == 401
    assert guarded.post("/api/documents", json={"text": "x"}, headers={"X-API-Key": "guess"}).status_code == 401
    r = guarded.post("/api/documents", json={"text": "x"}, headers={"Authorization": "Bearer nope"})
    assert r.status_code == 401


def test_body_over_the_limit_is_413(guarded: TestClient) -> None:
    r = guarded.post("/api/documents", json={"text": "a" * 20_000}, headers={"X-API-Key": KEY})
    assert r.status_code == 413
    # without Content-Length (chunked): the stream is cut at the limit all the same
    chunks = (b'{"text": "' + b"a" * 4000 for _ in range(5))
    r = guarded.post("/api/documents", content=chunks, headers={"X-API-Key": KEY,
                                                                 "Content-Type": "application/json"})
    assert r.status_code == 413


@pytest.mark.parametrize("body, words", [
    (b"{not json", "not JSON"),
    (b'{"date": "2022-09-06"}', "text"),
    (b'{"text": ""}', "text"),
    (b'{"text": "   "}', "blank"),
    (b'{"text": "x", "date": "tomorrow"}', "date"),
    (b'{"text": "x", "colour": "red"}', "colour"),
    (b"[]", "empty"),
    (b'"just a string"', "body"),
    (json.dumps([{"text": "x"}] * 101).encode(), "limit"),
])
def test_bad_bodies_are_one_line_422(guarded: TestClient, body: bytes, words: str) -> None:
    r = guarded.post("/api/documents", content=body, headers={"X-API-Key": KEY, "Content-Type": "application/json"})
    assert r.status_code == 422, r.text
    detail = r.json()["detail"]
    assert isinstance(detail, str) and "\n" not in detail and words in detail


def test_server_errors_leak_nothing(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from veilleur.store import Store

    def explode(*a: object, **k: object) -> None:
        raise RuntimeError("secret detail /srv/private/path SELECT * FROM events")

    monkeypatch.setattr(Store, "actors_top", explode)
    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        r = c.get("/api/actors")
    assert r.status_code == 500
    assert r.json() == {"detail": "internal server error"}
    assert "secret" not in r.text and "Traceback" not in r.text


def test_xss_is_escaped_in_pages(client: TestClient) -> None:
    r = client.get("/evidence/xss")
    assert r.status_code == 200
    html = r.text
    assert "<script>window.__xss" not in html and "<img src=x" not in html
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html
    assert "onerror=&#34;window.__xss=1&#34;" in html or "onerror=&quot;window.__xss=1&quot;" in html
    assert "&lt;b&gt;Titre&lt;/b&gt;" in html  # the title is untrusted too
    assert "script-src 'self'" in r.headers["content-security-policy"]
    events = client.get("/", params={"actor": "PRK"}).text
    assert "<script>window" not in events


def test_pages_render(client: TestClient) -> None:
    for url in ("/", "/stories", "/graph", "/timeline?actor=PRK", "/sanctions?regime=UN-DPRK", "/upload",
                "/evidence/prk-rus", "/evidence/prk-rus?event=prk-rus-e0", "/static/app.css", "/static/app.js"):
        assert client.get(url).status_code == 200, url
    g = client.get("/graph").text
    assert 'href="/stories?type=AID&amp;actor=PRK&amp;recipient=RUS"' in g
    assert "1 récit" in g or "2 récits" in g
    assert client.get("/evidence/nope", headers={"Accept": "text/html"}).status_code == 404
    assert "Aucun événement" in client.get("/?type=ASSAULT").text


def test_evidence_page_marks_each_kind_with_a_text_label(client: TestClient) -> None:
    html = client.get("/evidence/prk-rus?event=prk-rus-e0").text
    for kind, word in (("trigger", "acheté"), ("actor", "la Corée du Nord"), ("recipient", "La Russie"),
                       ("cue", "aurait"), ("source", "New York Times"), ("arms", "obus")):
        assert f'data-kinds="{kind}">{word}</mark>' in html, kind
    assert "[déclencheur AID]" in html and "[cible RUS]" in html and "[armes ammunition ≥1\u202f000\u202f000]" in html
    # the attribution chain, outermost first, ends at the event
    chain = html[html.index('class="path"'):]
    assert chain.index("Le Monde") < chain.index("New York Times") < chain.index("renseignement") < chain.index(
        "événement")


def test_segments_split_overlaps_and_keep_text() -> None:
    text = "abcdefghij"
    segs = segments(text, [HSpan(2, 6, "actor", "acteur X"), HSpan(4, 8, "arms", "armes"),
                           HSpan(9, 40, "cue", "out of range")])
    assert "".join(s.text for s in segs) == text
    assert [(s.text, s.kinds) for s in segs] == [("ab", []), ("cd", ["actor"]), ("ef", ["actor", "arms"]),
                                                 ("gh", ["arms"]), ("ij", [])]
    assert segs[2].labels == ["acteur X"] and segs[3].labels == ["armes"]


@pytest.mark.slow
def test_post_documents_with_the_real_pipeline(db: str, pipeline: object, tmp_path) -> None:
    url = fill(tmp_path / "w.db")
    article = {"text": "La Russie achète des millions d'obus d'artillerie à la Corée du Nord, selon le New York "
                       "Times, citant des services de renseignement américains.",
               "date": "2022-09-06", "title": "Obus", "source": "Le Monde", "id": "posted-1"}
    with TestClient(create_app(url, api_key=KEY, extractor=lambda: pipeline)) as c:
        r = c.post("/api/documents", json=article, headers={"X-API-Key": KEY})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["documents"][0]["id"] == "posted-1" and body["documents"][0]["status"] == "ok"
        triples = {(e["event_type"], e["actor"][0]["code"], e["recipient"][0]["code"]) for e in body["events"]}
        assert ("AID", "PRK", "RUS") in triples
        stored = c.get("/api/events", params={"actor": "PRK", "recipient": "RUS"}).json()["items"]
        assert "posted-1" in {e["doc_id"] for e in stored}
        doc = c.get("/api/documents/posted-1").json()
        trig = [doc["text"][s["start"]:s["end"]] for s in doc["spans"] if s["kind"] == "trigger"]
        assert "achète" in trig
        # the same article again: nothing extracted, nothing duplicated; a batch is accepted
        again = c.post("/api/documents", json=[article, {"text": EU_TEXT}], headers={"X-API-Key": KEY}).json()
        assert again["documents"][0] == {**again["documents"][0], "id": "posted-1", "status": "unchanged"}
        assert again["documents"][1]["status"] == "unchanged"  # EU_TEXT is already in the store
        n = c.get("/api/events", params={"actor": "PRK", "recipient": "RUS"}).json()["total"]
        assert n == len(stored)


class _Crashes:
    def process(self, doc: object) -> object:
        raise RuntimeError("boom inside the pipeline")


def _no_model() -> object:
    raise OSError("Can't find model 'fr_core_news_md'")


def test_pipeline_crash_fails_the_document_not_the_request(tmp_path) -> None:
    url = fill(tmp_path / "c.db")
    with TestClient(create_app(url, api_key=KEY, extractor=_Crashes)) as c:
        r = c.post("/api/documents", json={"text": "Un texte.", "id": "dir/doc"}, headers={"X-API-Key": KEY})
        assert r.status_code == 200
        assert r.json()["documents"][0] == {
            "id": "dir/doc", "status": "failed", "replaced": False, "events": 0,
            "evidence_url": "/evidence/dir%2Fdoc"}
        # an id with a slash is reachable, both as JSON and as a page
        assert c.get("/api/documents/dir/doc").json()["status"] == "failed"
        assert c.get("/evidence/dir%2Fdoc").status_code == 200
    with TestClient(create_app(url, api_key=KEY, extractor=_no_model)) as c:
        r = c.post("/api/documents", json={"text": "Autre texte."}, headers={"X-API-Key": KEY})
        assert r.status_code == 503 and "pipeline" in r.json()["detail"] and "fr_core" not in r.text
