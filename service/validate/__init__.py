"""Validation (校验): the SHACL shapes in ``shapes/`` run with pyshacl over document graphs, and
every result traced back to the government, document, provision and article of law.

- :mod:`~guize.validate.shapes`: loading the integrity and conformance shapes under a base;
- :mod:`~guize.validate.inputs`: what can be validated besides the store (a text, an RDF file);
- :mod:`~guize.validate.run`: running them over a graph, the store or a file; the build's check;
- :mod:`~guize.validate.prepared`: the speed trick that makes pyshacl's SPARQL fast;
- :mod:`~guize.validate.trace`: pyshacl's report read and traced back into the data;
- :mod:`~guize.validate.report`: the format-free :class:`Report` and :class:`Result`;
- :mod:`~guize.validate.matrix`: governments × conformance shapes;
- :mod:`~guize.validate.render`: text, JSON, Turtle, CSV and HTML (templates in ``templates/``).
"""

from guize.validate.inputs import ValidationInputError, model_from_dir, read_data, read_file
from guize.validate.matrix import Matrix, matrix, matrix_of_graphs
from guize.validate.render import MATRIX_FORMATS, REPORT_FORMATS, render, render_matrix
from guize.validate.report import (
    EXIT_CONFORMS,
    EXIT_UNREADABLE,
    EXIT_VIOLATIONS,
    SEVERITIES,
    LegalBasis,
    Report,
    Result,
    exit_status,
)
from guize.validate.run import (
    integrity_check,
    store_documents,
    store_model,
    validate_file,
    validate_graph,
    validate_store,
)
from guize.validate.shapes import SHAPE_SETS, Shapes, ShapesError, load_shapes

__all__ = [
    "EXIT_CONFORMS",
    "EXIT_UNREADABLE",
    "EXIT_VIOLATIONS",
    "MATRIX_FORMATS",
    "REPORT_FORMATS",
    "SEVERITIES",
    "SHAPE_SETS",
    "LegalBasis",
    "Matrix",
    "Report",
    "Result",
    "Shapes",
    "ShapesError",
    "ValidationInputError",
    "exit_status",
    "integrity_check",
    "load_shapes",
    "matrix",
    "matrix_of_graphs",
    "model_from_dir",
    "read_data",
    "read_file",
    "render",
    "render_matrix",
    "store_documents",
    "store_model",
    "validate_file",
    "validate_graph",
    "validate_store",
]
