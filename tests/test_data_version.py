"""store.data_version changes whenever what the app shows changes, in any process."""

from helpers_store import daily_reports, engine, store_url  # noqa: F401 - fixtures

from loaders import store


def test_version_moves_with_imports_undo_and_boundaries(engine):  # noqa: F811
    seen = [store.data_version(engine)]
    store.commit_import(
        engine, daily_reports("2023-05-30", 1), file_name="a.csv", sha256="a", editor="lan"
    )
    seen.append(store.data_version(engine))
    store.undo_last_import(engine, "lan")
    seen.append(store.data_version(engine))
    store.save_boundaries(engine, '{"type": "FeatureCollection", "features": []}', "x.geojson")
    seen.append(store.data_version(engine))
    store.clear_boundaries(engine)
    seen.append(store.data_version(engine))
    assert len(set(seen[:4])) == 4 and seen[4] != seen[3]
    assert store.data_version(engine) == seen[4]  # reading changes nothing
