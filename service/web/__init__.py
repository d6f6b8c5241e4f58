"""The web service (Flask): the SPARQL 1.1 endpoint, linked data, pages for people.

- :mod:`~guize.web.app`: ``create_app`` -- services, error handler, blueprints, request hooks;
- :mod:`~guize.web.context`: what the views share (:class:`~guize.web.context.Services`);
- :mod:`~guize.web.sparql`: the SPARQL 1.1 Protocol (query; update and Graph Store behind a token);
- :mod:`~guize.web.ld`: linked data -- every minted IRI dereferences; VoID/DCAT, service
  description, dumps;
- :mod:`~guize.web.pages`: pages for people (home, query editor, comparison, documents,
  validation);
- :mod:`~guize.web.conneg`, :mod:`~guize.web.error_handler`, :mod:`~guize.web.health`;
- :mod:`~guize.web.serve`, :mod:`~guize.web.gworker`: gunicorn and its threaded worker.

Views compute format-free results with the layers below (query, compare, validate) and only
render them here.
"""
