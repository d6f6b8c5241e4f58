"""The SPARQL 1.1 Protocol: :mod:`~guize.web.sparql.query` (the query operation at ``/sparql``,
read-only, bounded) and :mod:`~guize.web.sparql.update` (``/update`` and the Graph Store Protocol
at ``/rdf-graphs/service``, only with the update token); :mod:`~guize.web.sparql.request` reads
what both receive."""
