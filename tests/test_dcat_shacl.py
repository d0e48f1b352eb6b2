"""katalog.rdf against the official DCAT-AP.de 2.0 SHACL shapes, profile "Spezifikation +
Konventionen" (tests/data/dcat-ap-de-shacl/, CC BY 4.0, source and attribution in its README.md).

pyshacl validates offline and fetches nothing: the shapes' `owl:imports` (dcat-ap-de-imports.ttl)
are not followed. Each of them is named below in NOT_LOADED with what therefore goes unchecked:
membership of a value in a controlled vocabulary (`skos:inScheme`). For those checks the test
accepts a result only if the value is an IRI in the vocabulary's namespace, and fails on any other.
"""

from __future__ import annotations

from dataclasses import replace

import pyshacl
import pytest
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, SKOS

from kekiz.model.operator import Operator
from kekiz.site import site_parts
from kekiz.site.context import SiteContext
from kekiz.site.files import dcat
from kekiz.sources import load_inputs

from conftest import ROOT

SHAPES = ROOT / "tests" / "data" / "dcat-ap-de-shacl"
# The profile "Spezifikation + Konventionen" (the shapes' README): dcat-ap-de-imports.ttl holds only
# the remote imports, named in NOT_LOADED instead.
PROFILE = ("dcat-ap-spec-german-messages.ttl", "dcat-ap-spec-german-additions.ttl", "dcat-ap-de-deprecated.ttl",
           "dcat-ap-konventionen.ttl", "dcat-ap_2.1.1_shacl_shapes.ttl")
IMPORTS = "dcat-ap-de-imports.ttl"

# Every vocabulary dcat-ap-de-imports.ttl imports, none loaded (no network, and none is fetched):
# what goes unchecked without it.
_MIRROR = "https://raw.githubusercontent.com/GovDataOfficial/DCAT-AP.de-SHACL-Validation/master/validator/resources/mirror/"
_EU = "http://publications.europa.eu/resource/authority/"
_DE = "https://www.dcat-ap.de/def/"
NOT_LOADED = {
    f"{_MIRROR}foaf_0_1.rdf": "FOAF: only the axiom foaf:Organization ⊑ foaf:Agent, stated in ONTOLOGY_EXCERPT",
    f"{_MIRROR}vcard.ttl": "vCard: only the axiom vcard:Organization ⊑ vcard:Kind, stated in ONTOLOGY_EXCERPT",
    f"{_MIRROR}org.ttl": "W3C org: not needed (the catalogue uses no org: class)",
    f"{_EU}language": "membership of dct:language values in the EU language table",
    f"{_EU}data-theme": "membership of dcat:theme values in the EU data themes",
    f"{_EU}planned-availability": "membership in the EU planned availability table (not used)",
    f"{_EU}frequency": "membership in the EU frequency table (not used)",
    f"{_EU}file-type": "membership of dct:format values in the EU file types (K32)",
    "https://raw.githubusercontent.com/SEMICeu/ADMS-AP/master/purl.org/ADMS_SKOS_v1.00.rdf":
        "ADMS status and publisher types (not used)",
    f"{_DE}licenses/20210721.rdf": "membership of dct:license values in the DCAT-AP.de licences (K31)",
    f"{_DE}politicalGeocoding/Level/1_0.rdf": "membership of dcatde:politicalGeocodingLevelURI values",
    f"{_DE}politicalGeocoding/municipalityKey/20220331.rdf": "Gemeindeschlüssel (not used)",
    f"{_DE}politicalGeocoding/regionalKey/20220331.rdf": "Regionalschlüssel (not used)",
    f"{_DE}politicalGeocoding/municipalAssociationKey/20220131.rdf": "Gemeindeverbandsschlüssel (not used)",
    f"{_DE}politicalGeocoding/districtKey/20210731.rdf": "Kreisschlüssel (not used)",
    f"{_DE}politicalGeocoding/governmentDistrictKey/20190731.rdf": "Regierungsbezirksschlüssel (not used)",
    f"{_DE}politicalGeocoding/stateKey/20100401.rdf": "membership of dcatde:politicalGeocodingURI values (K08)",
    f"{_DE}hashAlgorithms/20200729.rdf": "hash algorithms (not used)",
    f"{_DE}contributors/20220623.rdf": "membership of dcatde:contributorID values in GovData's list (K12/13)",
}
# The concept schemes whose membership the shapes check and the test therefore cannot: a result
# about one of them passes only if the value lies in the scheme's namespace (scheme + "/").
UNCHECKED_SCHEMES = {
    "http://publications.europa.eu/resource/authority/language",
    "http://publications.europa.eu/resource/authority/data-theme",
    "http://publications.europa.eu/resource/authority/file-type",
    "http://dcat-ap.de/def/licenses",
    "http://dcat-ap.de/def/politicalGeocoding/Level",
    "http://dcat-ap.de/def/politicalGeocoding/stateKey",
    "http://dcat-ap.de/def/politicalGeocoding/municipalityKey",
    "http://dcat-ap.de/def/politicalGeocoding/regionalKey",
    "http://dcat-ap.de/def/politicalGeocoding/municipalAssociationKey",
    "http://dcat-ap.de/def/politicalGeocoding/districtKey",
    "http://dcat-ap.de/def/politicalGeocoding/governmentDistrictKey",
    "http://dcat-ap.de/def/contributors",
}
# The two class axioms of FOAF and vCard the shapes need (sh:class foaf:Agent, vcard:Kind), as the
# ontologies state them.
ONTOLOGY_EXCERPT = """
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<http://xmlns.com/foaf/0.1/Organization> rdfs:subClassOf <http://xmlns.com/foaf/0.1/Agent> .
<http://www.w3.org/2006/vcard/ns#Organization> rdfs:subClassOf <http://www.w3.org/2006/vcard/ns#Kind> .
"""

SITE_URL = "https://kekiz.example.org/"
OPERATOR = Operator(name="Beispielbehörde des Landes", email="daten@example.org", contributor_id="beispielContributor")
DCATDE = rdflib.Namespace("http://dcat-ap.de/def/dcatde/")
KONV = "http://dcat-ap.de/def/dcatde/"
# What the Konventionen ask that only the operator's settings can give, and the identifier that
# only a public address gives.
NO_CONTACT, NO_CONTRIBUTOR, NO_IDENTIFIER = (f"{KONV}Konv01_hasEmail_hasURL_v_Min", f"{KONV}Konv12_13_contributorID_v_List",
                                             f"{KONV}Dubletten_dct_identifier_i_Min")


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    graph = rdflib.Graph()
    for name in PROFILE:
        graph.parse(SHAPES / name, format="turtle")
    return graph


@pytest.fixture(scope="module")
def inputs():
    return load_inputs(ROOT)


def _catalogue(inputs, operator: Operator, site_url: str | None) -> str:
    return dcat.catalogue(site_parts(inputs, SiteContext(site_name="Kein Kind zurücklassen! in NRW", site_url=site_url,
                                                         operator=operator)))


def _schemes(shapes: rdflib.Graph, shape, seen=None) -> set[str]:
    """The concept schemes a shape checks membership in (sh:path skos:inScheme; sh:hasValue S),
    through its nested, qualified and alternative shapes."""
    seen = seen if seen is not None else set()
    if shape in seen:
        return set()
    seen.add(shape)
    found = set()
    if (shape, SH.path, SKOS.inScheme) in shapes:
        found |= {str(v) for v in shapes.objects(shape, SH.hasValue)}
    for link in (SH.property, SH.qualifiedValueShape, SH.node):
        for inner in shapes.objects(shape, link):
            found |= _schemes(shapes, inner, seen)
    for members in shapes.objects(shape, SH["or"]):
        for inner in Collection(shapes, members):
            found |= _schemes(shapes, inner, seen)
    return found


def validate(text: str, shapes: rdflib.Graph, public_id: str) -> tuple[set[str], list[str]]:
    """(source shapes of the results that count, unchecked schemes passed over): every result,
    Violation, Warning and Info alike, except a membership check whose values lie in the namespace
    of a vocabulary that cannot be loaded offline."""
    data = rdflib.Graph().parse(data=text, format="xml", publicID=public_id)
    ontology = rdflib.Graph().parse(data=ONTOLOGY_EXCERPT, format="turtle")
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none",
                                    do_owl_imports=False, allow_warnings=False, allow_infos=False)
    counted, passed_over = set(), []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        shape = report.value(result, SH.sourceShape)
        focus, path, value = (report.value(result, p) for p in (SH.focusNode, SH.resultPath, SH.value))
        schemes = _schemes(shapes, shape)
        if path == SKOS.inScheme:
            values = [focus]
        elif value is not None:
            values = [value]
        else:
            values = list(data.objects(focus, path)) if isinstance(path, rdflib.URIRef) else []
        if schemes and values and all(isinstance(v, rdflib.URIRef) and any(str(v).startswith(s + "/") for s in schemes)
                                      for v in values):
            assert schemes <= UNCHECKED_SCHEMES, schemes
            passed_over += sorted(schemes)
            continue
        counted.add(str(shape) if isinstance(shape, rdflib.URIRef) else f"{shape} {report.value(result, SH.resultMessage)}")
    return counted, passed_over


def test_every_import_of_the_profile_is_named_as_not_loaded():
    graph = rdflib.Graph().parse(SHAPES / IMPORTS, format="turtle")
    imports = {str(o) for o in graph.objects(None, rdflib.OWL.imports)}
    assert imports == set(NOT_LOADED)
    assert {p.name for p in SHAPES.glob("*.ttl")} == {*PROFILE, IMPORTS}
    assert "CC BY 4.0" in (SHAPES / "README.md").read_text(encoding="utf-8")


def test_the_catalogue_of_a_complete_operator_is_valid(inputs, shapes):
    counted, passed_over = validate(_catalogue(inputs, OPERATOR, SITE_URL), shapes, f"{SITE_URL}daten/katalog.rdf")
    assert counted == set(), counted
    # What was passed over is only what cannot be checked offline.
    assert set(passed_over) == {"http://publications.europa.eu/resource/authority/language",
                                "http://publications.europa.eu/resource/authority/data-theme",
                                "http://publications.europa.eu/resource/authority/file-type",
                                "http://dcat-ap.de/def/licenses", "http://dcat-ap.de/def/politicalGeocoding/Level",
                                "http://dcat-ap.de/def/politicalGeocoding/stateKey",
                                "http://dcat-ap.de/def/politicalGeocoding/municipalityKey",
                                "http://dcat-ap.de/def/politicalGeocoding/regionalKey",
                                "http://dcat-ap.de/def/politicalGeocoding/municipalAssociationKey",
                                "http://dcat-ap.de/def/politicalGeocoding/districtKey",
                                "http://dcat-ap.de/def/politicalGeocoding/governmentDistrictKey",
                                "http://dcat-ap.de/def/contributors"}


def test_without_a_contributor_id_only_konvention_12_is_missed(inputs, shapes):
    operator = replace(OPERATOR, contributor_id="")
    counted, _ = validate(_catalogue(inputs, operator, SITE_URL), shapes, f"{SITE_URL}daten/katalog.rdf")
    assert counted == {NO_CONTRIBUTOR}


def test_without_operator_and_address_only_their_settings_are_missed(inputs, shapes, built_site):
    counted, _ = validate(_catalogue(inputs, Operator(), None), shapes, "https://portal.example/daten/katalog.rdf")
    assert counted == {NO_CONTACT, NO_CONTRIBUTOR, NO_IDENTIFIER}
    # The repository's own build: nothing else, whatever of the operator is entered by now.
    text = (built_site / "daten" / "katalog.rdf").read_text(encoding="utf-8")
    counted, _ = validate(text, shapes, "https://portal.example/daten/katalog.rdf")
    assert counted <= {NO_CONTACT, NO_CONTRIBUTOR, NO_IDENTIFIER}, counted


def test_the_catalogue_names_nrw_its_dates_and_the_contributor(inputs):
    registry = inputs.registry
    graph = rdflib.Graph().parse(data=_catalogue(inputs, OPERATOR, SITE_URL), format="xml")
    dct, dcat_ns = rdflib.DCTERMS, rdflib.Namespace("http://www.w3.org/ns/dcat#")
    datasets = set(graph.subjects(RDF.type, dcat_ns.Dataset))
    assert datasets
    for dataset in datasets:
        assert graph.value(dataset, DCATDE.politicalGeocodingLevelURI) == \
            rdflib.URIRef("http://dcat-ap.de/def/politicalGeocoding/Level/state")
        assert graph.value(dataset, DCATDE.politicalGeocodingURI) == \
            rdflib.URIRef("http://dcat-ap.de/def/politicalGeocoding/stateKey/05")
        assert graph.value(dataset, DCATDE.contributorID) == \
            rdflib.URIRef("http://dcat-ap.de/def/contributors/beispielContributor")
        assert str(graph.value(dataset, dct.identifier)) == str(dataset)
        # The registry's „Stand“, never the day of the build.
        assert str(graph.value(dataset, dct.issued)) == str(graph.value(dataset, dct.modified)) == registry.stand.iso
    # Without the setting there is no contributor ID, and without a public address no identifier.
    bare = rdflib.Graph().parse(data=_catalogue(inputs, Operator(), None), format="xml",
                                publicID="https://portal.example/daten/katalog.rdf")
    assert not set(bare.objects(None, DCATDE.contributorID)) and not set(bare.objects(None, dct.identifier))


@pytest.mark.parametrize("entered", ["beispielContributor", " beispielContributor ",
                                     "http://dcat-ap.de/def/contributors/beispielContributor",
                                     "https://www.dcat-ap.de/def/contributors/beispielContributor"])
def test_the_contributor_id_may_be_entered_as_id_or_iri(entered):
    assert dcat.contributor_iri(entered) == "http://dcat-ap.de/def/contributors/beispielContributor"
    assert dcat.contributor_iri("") == "" and dcat.contributor_iri("a b\"<") == "http://dcat-ap.de/def/contributors/a%20b%22%3C"
