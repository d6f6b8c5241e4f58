"""OWL 2 DL typing of the ontology and schemes: every term declared once, with one kind, domains and ranges."""

from __future__ import annotations

from ontology_helpers import EXAMPLES, GZ, parse
from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

XSD = "http://www.w3.org/2001/XMLSchema#"
#: The OWL 2 datatype map (OWL 2 Structural Specification, §4), plus rdfs:Literal.
OWL2_DATATYPES = {
    XSD + n
    for n in (
        "decimal integer nonNegativeInteger nonPositiveInteger positiveInteger negativeInteger long int short "
        "byte unsignedLong unsignedInt unsignedShort unsignedByte double float string normalizedString token "
        "language Name NCName NMTOKEN boolean hexBinary base64Binary anyURI dateTime dateTimeStamp"
    ).split()
} | {
    str(OWL.real),
    str(OWL.rational),
    str(RDF.PlainLiteral),
    str(RDF.XMLLiteral),
    str(RDFS.Literal),
}

PROPERTY_KINDS = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
#: Predicates of the OWL/RDFS vocabulary that build axioms (not assertions that need declaring).
BUILT_IN = {
    RDF.type,
    RDF.first,
    RDF.rest,
    RDFS.subClassOf,
    RDFS.subPropertyOf,
    RDFS.domain,
    RDFS.range,
    OWL.equivalentClass,
    OWL.disjointWith,
    OWL.inverseOf,
    OWL.unionOf,
    OWL.oneOf,
    OWL.onDatatype,
    OWL.withRestrictions,
    OWL.members,
    OWL.hasKey,
    OWL.propertyChainAxiom,
    OWL.intersectionOf,
    OWL.onProperty,
    OWL.hasValue,
    OWL.hasSelf,
    OWL.someValuesFrom,
    URIRef(XSD + "minExclusive"),
    URIRef(XSD + "maxInclusive"),
    RDFS.label,
    RDFS.comment,
    RDFS.seeAlso,
    RDFS.isDefinedBy,
    OWL.versionInfo,
    OWL.versionIRI,
}
BUILT_IN_TYPES = {
    OWL.Class,
    OWL.Ontology,
    OWL.NamedIndividual,
    OWL.AllDisjointClasses,
    OWL.Restriction,
    OWL.FunctionalProperty,
    RDFS.Datatype,
    *PROPERTY_KINDS,
}


def kinds_of(g: Graph, term) -> set:
    return {k for k in (OWL.Class, *PROPERTY_KINDS, RDFS.Datatype) if (term, RDF.type, k) in g}


def test_no_term_has_two_kinds(model):
    terms = {
        s for k in (OWL.Class, *PROPERTY_KINDS, RDFS.Datatype) for s in model.subjects(RDF.type, k)
    }
    punned = {
        str(t): sorted(str(k).rsplit("#", 1)[1] for k in kinds_of(model, t))
        for t in terms
        if isinstance(t, URIRef) and len(kinds_of(model, t)) > 1
    }
    assert punned == {}


def test_classes_and_properties_are_not_used_as_individuals(model):
    schema = {s for k in (OWL.Class, *PROPERTY_KINDS) for s in model.subjects(RDF.type, k)}
    object_props = set(model.subjects(RDF.type, OWL.ObjectProperty))
    used = {str(x) for s, p, o in model if p in object_props for x in (s, o) if x in schema}
    assert used == set()


def test_every_predicate_used_is_declared(model):
    g = model + parse(EXAMPLES)
    declared = {s for k in PROPERTY_KINDS for s in g.subjects(RDF.type, k)}
    undeclared = sorted({str(p) for p in g.predicates() if p not in BUILT_IN and p not in declared})
    assert undeclared == []


def test_every_type_used_is_a_declared_class(model):
    g = model + parse(EXAMPLES)
    classes = set(g.subjects(RDF.type, OWL.Class))
    used = {o for o in g.objects(None, RDF.type) if o not in BUILT_IN_TYPES}
    used |= {o for o in g.objects(None, RDFS.subClassOf) if isinstance(o, URIRef)}
    assert sorted(str(c) for c in used - classes) == []


def test_object_and_datatype_assertions_have_the_right_kind_of_value(model):
    g = model + parse(EXAMPLES)
    object_props = set(g.subjects(RDF.type, OWL.ObjectProperty))
    data_props = set(g.subjects(RDF.type, OWL.DatatypeProperty))
    wrong = [
        (str(s), str(p))
        for s, p, o in g
        if (p in object_props and isinstance(o, Literal))
        or (p in data_props and not isinstance(o, Literal))
    ]
    assert wrong == []


def _is_class_expression(g: Graph, node) -> bool:
    if isinstance(node, URIRef):
        return (node, RDF.type, OWL.Class) in g or node == OWL.Thing
    members = g.value(node, OWL.unionOf)
    return members is not None and all(_is_class_expression(g, m) for m in Collection(g, members))


def _is_data_range(g: Graph, node) -> bool:
    if isinstance(node, URIRef):
        return str(node) in OWL2_DATATYPES
    if (node, RDF.type, RDFS.Datatype) not in g:
        return False
    one_of = g.value(node, OWL.oneOf)
    if one_of is not None:
        return all(isinstance(v, Literal) for v in Collection(g, one_of))
    base = g.value(node, OWL.onDatatype)
    return base is not None and str(base) in OWL2_DATATYPES


def test_own_properties_have_domain_and_range_of_the_right_kind(ontology):
    bad = {}
    for kind, range_ok in (
        (OWL.ObjectProperty, _is_class_expression),
        (OWL.DatatypeProperty, _is_data_range),
    ):
        for p in ontology.subjects(RDF.type, kind):
            if not str(p).startswith(GZ):
                continue
            domains, ranges = (
                list(ontology.objects(p, RDFS.domain)),
                list(ontology.objects(p, RDFS.range)),
            )
            if len(domains) != 1 or not _is_class_expression(ontology, domains[0]):
                bad[str(p)] = f"domain {domains}"
            elif len(ranges) != 1 or not range_ok(ontology, ranges[0]):
                bad[str(p)] = f"range {ranges}"
    assert bad == {}


def test_literals_in_assertions_use_owl2_datatypes(model):
    """xsd:date is not in the OWL 2 datatype map: HermiT refuses it outside annotations."""
    annotation = set(model.subjects(RDF.type, OWL.AnnotationProperty)) | {RDFS.label, RDFS.comment}
    bad = sorted(
        {
            str(o.datatype)
            for s, p, o in model
            if isinstance(o, Literal)
            and p not in annotation
            and o.datatype is not None
            and str(o.datatype) not in OWL2_DATATYPES
        }
    )
    assert bad == []


def test_blank_nodes_are_only_axiom_structure(model):
    # Concepts, schemes and terms are all named; blank nodes only build class expressions and lists.
    typed_bnodes = {s for s, o in model.subject_objects(RDF.type) if isinstance(s, BNode)}
    kinds = {o for s in typed_bnodes for o in model.objects(s, RDF.type)}
    assert kinds <= {OWL.Class, RDFS.Datatype, OWL.AllDisjointClasses, OWL.Restriction}
