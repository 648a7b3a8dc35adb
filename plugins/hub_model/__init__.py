"""The hub's typed content model and content graph, shared by every hub plugin.

A library, not a Pelican plugin: it has no `register()`, reads nothing and writes nothing. `hub_content`
builds it from the content folder; `hub_pages` and later plugins read it.
"""

from .digest import Digest, digest_name
from .events import Attendance, EventDetails, Place, Speaker
from .model import (
    N_,
    SITE_FEED_URL,
    Adoption,
    AdoptionStatus,
    BriefDetails,
    Details,
    DocType,
    Document,
    FieldDecl,
    Issue,
    IssueContact,
    IssueTranslation,
    Jurisdiction,
    JurisdictionKind,
    ModelSection,
    OrdinanceDetails,
    OrdinanceKind,
    Person,
    ProvisionStatus,
    Quote,
    Source,
    Status,
    StoryDetails,
    compressed,
    in_language,
)
from .network import Link, Named, Network, Partner, PersonProfile, Sponsorship, build_network
from .phrases import TypePhrases, ngettext_noop
from .places import STATES
from .preemption import PREEMPTION_ISSUE, Moment, Preemption, PreemptionStatus
from .site import Site, build_site, jurisdiction_sort_key, named_jurisdictions

__all__ = [
    "N_",
    "PREEMPTION_ISSUE",
    "SITE_FEED_URL",
    "STATES",
    "Adoption",
    "AdoptionStatus",
    "Attendance",
    "BriefDetails",
    "Details",
    "Digest",
    "DocType",
    "Document",
    "EventDetails",
    "FieldDecl",
    "Issue",
    "IssueContact",
    "IssueTranslation",
    "Jurisdiction",
    "JurisdictionKind",
    "Link",
    "ModelSection",
    "Moment",
    "Named",
    "Network",
    "OrdinanceDetails",
    "OrdinanceKind",
    "Partner",
    "Person",
    "PersonProfile",
    "Place",
    "Preemption",
    "PreemptionStatus",
    "ProvisionStatus",
    "Quote",
    "Site",
    "Source",
    "Speaker",
    "Sponsorship",
    "Status",
    "StoryDetails",
    "TypePhrases",
    "build_network",
    "build_site",
    "compressed",
    "digest_name",
    "in_language",
    "jurisdiction_sort_key",
    "named_jurisdictions",
    "ngettext_noop",
]
