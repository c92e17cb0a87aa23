"""Reading CKAN's schema.xml."""
from __future__ import annotations

from ckanext.govopen.searchd.schema import Schema, default_schema_path


def test_ckan_schema() -> None:
    schema = Schema(default_schema_path())
    assert schema.name == "ckan-2.11" and schema.unique_key == "index_id"
    assert {f.name for f in schema.required_fields()} == {"index_id", "id", "site_id"}
    title = schema.lookup("title")
    assert title is not None and title.kind == "text" and title.stored
    assert title.type.index and title.type.index.stem and title.type.index.catenate_words
    assert title.type.query and not title.type.query.catenate_words
    assert schema.lookup("title_ngram").type.ngram  # type: ignore[union-attr]
    # the longest dynamic pattern wins: extras_*_date is text, not a date
    assert schema.lookup("extras_issued_date").kind == "text"  # type: ignore[union-attr]
    assert schema.lookup("issued_date").kind == "date"  # type: ignore[union-attr]
    owner = schema.lookup("owner_org")
    assert owner is not None and owner.kind == "string" and not owner.stored
    assert owner.dynamic and not owner.multi_valued
    assert schema.lookup("vocab_x").multi_valued  # type: ignore[union-attr]
    assert schema.copy_targets("title") == ("title_ngram", "text")
    assert schema.copy_targets("extras_a") == ("text",)
    assert schema.copy_targets("text") == ()  # no self-copy
    assert schema.copy_targets("owner_org") == ()
