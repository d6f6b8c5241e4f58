"""Linked data (关联数据): every IRI guize mints dereferences on the running service.

- :mod:`~guize.web.ld.resources`: the routes -- documents answer 200, things 303 to
  ``/data/<path>``, unknown IRIs 404; browsers get a work-rules document's reading page;
- :mod:`~guize.web.ld.describe`: what the service says about one IRI;
- :mod:`~guize.web.ld.represent`: that description in an RDF syntax or as an HTML page;
- :mod:`~guize.web.ld.static`: the ontology, vocabularies and shapes files served beside the store;
- :mod:`~guize.web.ld.dataset`: the SPARQL service description, VoID + DCAT, bulk dumps.
"""
