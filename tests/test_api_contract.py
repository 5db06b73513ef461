"""The OpenAPI contract, probed with schemathesis: no generated request may make the server fail (5xx).

Bounded: a few dozen examples per operation over a small store, well under a minute.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from test_api_data import fill
from veilleur.api import create_app


class _NoPipeline:
    """Writes never reach extraction here (the key is not sent); loading spaCy would only cost time."""

    def process(self, doc: object) -> object:
        raise AssertionError("unexpected extraction")


def _app():
    import atexit
    import shutil
    import tempfile

    tmp = tempfile.mkdtemp(prefix="veilleur-contract-")
    atexit.register(shutil.rmtree, tmp, True)
    db = fill(Path(tmp) / "v.db")
    return create_app(db, api_key="contract-key", extractor=_NoPipeline)


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_server_errors(case: schemathesis.Case) -> None:
    response = case.call()
    assert response.status_code < 500, f"{case.method} {case.formatted_path} → {response.status_code}: {response.text[:200]}"
    if response.status_code >= 400:
        detail = response.json().get("detail")
        assert isinstance(detail, str) and "Traceback" not in detail


def test_schema_lists_the_endpoints() -> None:
    paths = set(schema.raw_schema["paths"])
    assert {"/api/events", "/api/stories", "/api/stories/{story_id}", "/api/documents", "/api/documents/{doc_id}",
            "/api/actors", "/api/arms/flows", "/api/sanctions", "/api/sanctions/{regime_id}",
            "/api/timeline"} <= paths
    assert "post" in schema.raw_schema["paths"]["/api/documents"]


pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
