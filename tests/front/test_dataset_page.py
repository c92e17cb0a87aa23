"""A dataset page: the dataset before the sidebar, a copyable link and a QR code instead
of Twitter and Facebook, the server's download count."""
from __future__ import annotations

import pytest

from tests.front.test_home import _download, _published

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_redis")


def test_share_box_and_download_count(app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    dataset, res = _published(agency, run_worker)
    _download(app, dataset, res)
    _download(app, dataset, res, agency.headers(agency.stranger))
    html = app.get(f"/dataset/{dataset['name']}").body
    assert "twitter.com" not in html and "facebook.com" not in html
    assert 'id="govopen-share-link"' in html and 'class="govopen-qr"' in html
    assert 'class="govopen-download-total" data-downloads="2"' in html
    assert "follower" not in html.lower()
    assert "placeholder" not in html.split('id="govopen-provider"')[1].split("</section>")[0]
