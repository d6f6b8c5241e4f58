"""Pages for people (页面): home, query editor, comparison, documents, validation.

- :mod:`~guize.web.pages.views`: the blueprint and its views (templates in ``templates/pages/``,
  scripts and styles in ``static/pages/``);
- :mod:`~guize.web.pages.store`: how the pages read the graph (the executor, ``sparql/*.rq``);
- :mod:`~guize.web.pages.labels`, :mod:`~guize.web.pages.values`: how codes and values read;
- :mod:`~guize.web.pages.data`, :mod:`~guize.web.pages.document`, :mod:`~guize.web.pages.compare`,
  :mod:`~guize.web.pages.charts`, :mod:`~guize.web.pages.validate`: each page's data, computed
  format-free; :mod:`~guize.web.pages.text` marks spans of text in HTML.
"""
