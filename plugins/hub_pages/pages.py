"""The values each kind of hub page prints: one frozen record per kind, its fields the template's variables.

Reads and writes nothing; `planner.py` fills them from the content graph. Every list has a fixed order,
and everything a template shows is here or in the site-wide globals (`generator.chrome`), so a template
looks nothing up itself and a page's fingerprint (reuse.py) covers what it shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hub_core.views import Values
from hub_model import (
    DocType,
    Document,
    Issue,
    Jurisdiction,
    ModelSection,
    Named,
    PersonProfile,
    ProvisionStatus,
)

from .views import AdoptionRow, Group, Pager, Place, PreemptionRow

Trail = tuple[tuple[str, str], ...]  # breadcrumbs: (label, URL) from the outermost


@dataclass(frozen=True)
class HomeValues(Values):
    recent: tuple[Document, ...]
    issues: tuple[Issue, ...]


@dataclass(frozen=True)
class DocumentValues(Values):
    doc: Document
    issues: tuple[Issue, ...]
    jurisdictions: tuple[Jurisdiction, ...]
    related: tuple[Document, ...]
    of_type: Values = field(default_factory=Values)
    """What only the document's type shows (doctypes.py); its fields are variables of the template too."""
    bylines: tuple[Named, ...] = ()
    """The document's authors as written, each linked to their page when named by a person's slug."""

    def variables(self) -> dict[str, Any]:
        own = {name: value for name, value in super().variables().items() if name != "of_type"}
        return {**own, **self.of_type.variables()}


@dataclass(frozen=True)
class RedirectValues(Values):
    doc: Document
    redirect_to: str


@dataclass(frozen=True)
class Follow:
    """How to follow a listing, an issue or a place (the "Follow" block, theme/templates/_follow.html)."""

    feeds: tuple[str, ...] = ()
    """Its Atom feed's path in the page's language, then in the site's: the page links the first one the
    build writes (hub_feeds writes some feeds in the site's language only)."""
    calendar_url: str | None = None
    """Its calendar of events, once events exist; None prints nothing."""


@dataclass(frozen=True)
class ListingValues(Values):
    doc_type: DocType
    pager: Pager
    issue_counts: tuple[tuple[Issue, int], ...]
    by_adoptions: bool = False
    ranked: bool = False
    """Whether the type also has a listing by adoption count, to link between the two orders."""
    follow: Follow = Follow()


@dataclass(frozen=True)
class ScopedListingValues(Values):
    doc_type: DocType
    pager: Pager
    issue: Issue | None = None
    jurisdiction: Jurisdiction | None = None
    trail: Trail = ()
    """The jurisdiction's ancestors, for its breadcrumbs."""


@dataclass(frozen=True)
class IssuesValues(Values):
    issue_groups: tuple[tuple[Issue, tuple[Group, ...]], ...]
    """Every issue, in title order, with its documents by type."""


@dataclass(frozen=True)
class IssueValues(Values):
    issue: Issue
    groups: tuple[Group, ...]
    places: tuple[Place, ...]
    related_issues: tuple[Issue, ...]
    preemptions: tuple[PreemptionRow, ...] = ()
    """State laws preempting local action on the issue (on the preemption issue: on any issue)."""
    introduction: str | None = None
    """On a page in another language: the issue's page in the site's language, whose introduction this
    page does not show (the introduction is written in the site's language only)."""
    contact_person: Named | None = None
    """The person the issue's `contact` names (its address is `issue.contact`)."""
    follow: Follow = Follow()


@dataclass(frozen=True)
class JurisdictionsValues(Values):
    states: tuple[tuple[Jurisdiction, tuple[Jurisdiction, ...]], ...]
    """Each state with a page, with the jurisdictions within it that have one."""


@dataclass(frozen=True)
class JurisdictionValues(Values):
    jurisdiction: Jurisdiction
    ancestors: tuple[Jurisdiction, ...]
    trail: Trail
    children: tuple[Jurisdiction, ...]
    groups: tuple[Group, ...]
    adoptions_by_state: tuple[tuple[Jurisdiction, tuple[AdoptionRow, ...]], ...]
    active_issues: tuple[tuple[Issue, int], ...]
    preemptions: tuple[PreemptionRow, ...] = ()
    """A state's preemption laws, in force first (none for a local jurisdiction)."""
    people: tuple[PersonProfile, ...] = ()
    """The people whose files name this jurisdiction, by name."""
    follow: Follow = Follow()


@dataclass(frozen=True)
class ComparisonRow:
    """One adoption with its coding of each model section, in the model's order (None: not coded)."""

    row: AdoptionRow
    cells: tuple[tuple[ModelSection, ProvisionStatus | None], ...]


@dataclass(frozen=True)
class ComparisonValues(Values):
    ordinance: Document
    sections: tuple[ModelSection, ...]
    """The columns: the model's sections in its order."""
    rows: tuple[ComparisonRow, ...]
    """The places: every adoption, newest first like the "Adopted in" table."""
