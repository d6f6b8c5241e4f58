"""Queries (查询): running SPARQL within limits and writing the answers -- none of it Flask.

- :mod:`~guize.query.jobs`: a query job and how it is answered (run, serialised, cut);
- :mod:`~guize.query.results`: answers in any format of :mod:`guize.formats`;
- :mod:`~guize.query.executor`: the embedded store through confined worker processes
  (:mod:`guize.sandbox`), or a store in-process;
- :mod:`~guize.query.view`: a store-like view through an executor (for the catalogue and pages);
- :mod:`~guize.query.per_document`: a store read one document's graphs at a time;
- :mod:`~guize.query.text`: what a request string is (form, update, ``SERVICE``, ``FROM``, depth)
  and what is admitted;
- :mod:`~guize.query.catalogue`: the catalogue of ready queries (``queries/*.rq``).
"""
