"""The index: one tantivy index, one writer thread, many concurrent readers.

Every write reaches tantivy's single IndexWriter through one thread, the
indexer, fed by a bounded queue in arrival order. An update request is checked
completely in the request thread (a bad document is a 400 and nothing is
queued), then handed to the indexer: analysis and tantivy's add run while the
client prepares its next document, which is what makes `ckan search-index
rebuild` a pipeline instead of a ping-pong. A commit is queued behind the
writes before it and the request waits for it: it is durable when tantivy's
commit returns (it fsyncs segments and meta.json), and is made visible at once
by reloading the reader, which is what CKAN expects after `commit=true`.
Uncommitted adds stay invisible, as in Solr. Readers take `index.searcher()`
per request: a consistent snapshot that is never blocked by writers.

Data directory layout:  DIR/index/ (tantivy)  DIR/fields.json (slot registry).
"""
from __future__ import annotations

import json
import logging
import queue
import shutil
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import tantivy

from .dates import now_millis
from .documents import DocumentBuilder
from .errors import SolrError
from .expand import Expander
from .fields import KEY, SEQ, SRC, Registry, build_schema
from .localparams import split_local_params
from .query import parse_lucene
from .schema import Schema
from .synonyms import SHIPPED, Synonyms
from .translate import Options, Translator

log = logging.getLogger(__name__)

WRITER_HEAP = 64_000_000
# Writes waiting for the indexer; a full queue makes writers wait (back-pressure),
# which bounds memory at a few hundred prepared documents.
QUEUE_SIZE = 256
# Solr's documentCache default; a decoded CKAN source is ~20 KB.
DOC_CACHE_SIZE = 512


class Engine:
    def __init__(self, data_dir: str | Path, schema: Schema,
                 synonym_files: Iterable[str | Path] = ()) -> None:
        self.data_dir = Path(data_dir)
        self.expander = Expander(Synonyms([SHIPPED, *synonym_files]))
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.schema = schema
        self.tschema = build_schema()
        # Held by the indexer around every use of the writer; taken by close() to
        # swap the writer out. Ordering between writes comes from the queue.
        self.write_lock = threading.RLock()
        # Orders enqueueing, so sequence numbers follow queue order.
        self._enqueue_lock = threading.Lock()
        self.registry = Registry(self.data_dir / "fields.json")
        self.builder = DocumentBuilder(schema, self.registry)
        self.index = self._open_index()
        self.index.config_reader(reload_policy="manual")
        self.writer: tantivy.IndexWriter | None = self.index.writer(WRITER_HEAP, 1)
        self.pending = False
        self._seq = self._max_seq()
        # Bumped after every commit; keys the facet cache, which holds no stale data.
        self.generation = 0
        self.facet_cache = LRUCache(256)
        # Decoded stored sources by insertion sequence (sorting.DocLoader).
        self.doc_cache = LRUCache(DOC_CACHE_SIZE)
        self.vocabulary: dict[str, int] = {}
        self._failure: str | None = None  # an indexer error not yet reported
        self._ops: queue.Queue[tuple[Callable[[], Any], Future[Any] | None] | None] = \
            queue.Queue(QUEUE_SIZE)
        self._indexer = threading.Thread(target=self._run_indexer, name="searchd-indexer",
                                         daemon=True)
        self._indexer.start()

    # -- opening ---------------------------------------------------------------------
    def _open_index(self) -> tantivy.Index:
        path = self.data_dir / "index"
        path.mkdir(exist_ok=True)
        if not self.registry.stale:
            try:
                return tantivy.Index(self.tschema, path=str(path), reuse=True)
            except ValueError as exc:
                if "schema does not match" not in str(exc):
                    raise
        # An index from another layout: rebuild it from the stored documents.
        log.warning("index layout changed; rebuilding %s from stored documents", path)
        old = path.with_name("index.old")
        if old.exists():
            shutil.rmtree(old)
        path.rename(old)
        path.mkdir()
        self.registry.reset()
        self.registry.stale = False
        index = tantivy.Index(self.tschema, path=str(path), reuse=True)
        writer = index.writer(WRITER_HEAP, 1)
        count = 0
        for seq, source in _read_sources(old):
            prepared = self.builder.prepare(source, now_millis())
            writer.add_document(self.builder.build(prepared, seq))
            count += 1
        self.registry.save()
        writer.commit()
        writer.wait_merging_threads()
        shutil.rmtree(old)
        log.warning("rebuilt %d documents", count)
        return index

    def _max_seq(self) -> int:
        searcher = self.index.searcher()
        if searcher.num_docs == 0:
            return 0
        hits = searcher.search(tantivy.Query.all_query(), 1, order_by_field=SEQ,
                               order=tantivy.Order.Desc).hits
        return int(hits[0][0] or 0) if hits else 0

    def searcher(self) -> tantivy.Searcher:
        return self.index.searcher()

    def translator(self, searcher: tantivy.Searcher, options: Options) -> Translator:
        return Translator(self.schema, self.registry, self.tschema, self.builder.analyzer,
                          searcher, options, self.expander)

    # -- writing ---------------------------------------------------------------------
    def _writer(self) -> tantivy.IndexWriter:
        if self.writer is None:
            raise SolrError("searchd is shutting down", 503)
        return self.writer

    def _run_indexer(self) -> None:
        while True:
            item = self._ops.get()
            if item is None:
                return
            op, future = item
            try:
                with self.write_lock:
                    result = op()
            except BaseException as exc:  # pyo3 panics derive from BaseException
                if future is not None:
                    future.set_exception(exc)
                else:
                    log.exception("indexing failed")
                    self._failure = f"{type(exc).__name__}: {exc}"
            else:
                if future is not None:
                    future.set_result(result)

    def _submit(self, op: Callable[[], Any], wait: bool = False) -> Any:
        """Queue a write; with `wait`, block until it ran and return its result."""
        if self.writer is None or not self._indexer.is_alive():
            raise SolrError("searchd is shutting down", 503)
        future: Future[Any] | None = Future() if wait else None
        self._ops.put((op, future))
        return future.result() if future is not None else None

    def add(self, docs: Iterable[Any]) -> int:
        now = now_millis()
        prepared = [self.builder.prepare(doc, now) for doc in docs]  # all checked first
        if not prepared:
            return 0
        with self._enqueue_lock:
            first = self._seq + 1
            self._seq += len(prepared)

            def op() -> None:
                writer = self._writer()
                self.pending = True
                for i, item in enumerate(prepared):
                    doc = self.builder.build(item, first + i)
                    writer.delete_documents_by_term(KEY, item.key)
                    writer.add_document(doc)

            self._submit(op)
        return len(prepared)

    def delete_ids(self, ids: Iterable[str]) -> None:
        keys = list(ids)
        if not keys:
            return

        def op() -> None:
            writer = self._writer()
            self.pending = True
            for doc_id in keys:
                writer.delete_documents_by_term(KEY, doc_id)

        with self._enqueue_lock:
            self._submit(op)

    def delete_query(self, text: str) -> None:
        local, text = split_local_params(text)
        node = parse_lucene(text, op_and=local.get("q.op", "OR").upper() == "AND")
        options = Options(df=local.get("df"))
        # Errors (a bad range, an unknown operator...) are raised here, before
        # anything is queued; the query actually run is translated again by the
        # indexer, after the writes queued before it have assigned their fields.
        self.translator(self.searcher(), options).translate(node)

        def op() -> None:
            writer = self._writer()
            query = self.translator(self.searcher(), options).translate(node)
            if query is not None:
                self.pending = True
                writer.delete_documents_by_query(query)

        with self._enqueue_lock:
            self._submit(op)

    def commit(self) -> None:
        """Apply and commit every write queued before this call; durable on return."""
        self._submit(self._commit, wait=True)

    def _commit(self) -> None:
        """Runs on the indexer thread."""
        writer = self._writer()
        failure, self._failure = self._failure, None
        if self.pending:  # an empty tantivy commit still costs an fsync round
            # The registry must be durable before a commit whose documents use it.
            self.registry.save()
            try:
                writer.commit()
            except Exception as exc:
                # tantivy kills a writer whose commit failed (disk full...): the
                # pending changes are lost, as Solr loses a failed update, but the
                # service must keep accepting writes once the cause is fixed.
                log.exception("commit failed; reopening the index writer")
                self.writer = None
                del writer
                self.writer = self.index.writer(WRITER_HEAP, 1)
                self.pending = False
                raise SolrError(f"commit failed: {exc}", 500) from None
            self.index.reload()
            self.generation += 1
            self.facet_cache.clear()
            self.pending = False
            if self.index.searcher().num_docs == 0 and self.registry.names():
                # Nothing left to describe: free the slots for new field names.
                self.registry.reset()
                self.registry.save()
        if failure is not None:
            raise SolrError(f"an update since the last commit failed: {failure}", 500)

    def optimize(self) -> None:
        # tantivy merges segments in the background; a commit is what callers wait on.
        self.commit()

    def close(self) -> None:
        """Finish queued writes, commit them, stop the indexer and the writer."""
        if self._indexer.is_alive():
            if self.writer is not None:
                # Solr would replay queued and uncommitted writes from its transaction
                # log; we commit them instead (a no-op when there are none).
                try:
                    self.commit()
                except SolrError:
                    log.exception("final commit failed")
            self._ops.put(None)
            self._indexer.join()
        with self.write_lock:
            if self.writer is None:
                return
            writer, self.writer = self.writer, None
            try:
                writer.wait_merging_threads()
            except Exception:
                log.exception("waiting for merges failed")


class LRUCache:
    """A small thread-safe LRU map."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any:
        with self._lock:
            if key not in self._data:
                return None
            self._data.move_to_end(key)
            return self._data[key]

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()


def _read_sources(path: Path) -> Iterable[tuple[int, dict[str, Any]]]:
    index = tantivy.Index.open(str(path))
    searcher = index.searcher()
    total = searcher.num_docs
    if total == 0:
        return
    hits = searcher.search(tantivy.Query.all_query(), total, order_by_field=SEQ,
                           order=tantivy.Order.Asc).hits
    for seq, address in hits:
        raw = searcher.doc(address).get_first(SRC)
        if raw:
            yield int(seq or 0), json.loads(bytes(raw))
