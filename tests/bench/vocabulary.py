"""Word tables for the benchmark's synthetic content: issues, states, place and people names, templates.

Reads nothing and writes nothing: immutable tables (tuples) that tests/bench/generate.py draws from with a
seeded random generator. Templates use `str.format` slots: {place} {state} {main} {topic} {topic2}
{group} {group2} {body} {agency} {kind} {adj} {year} {year2} {num} {small} {pct} {votes} {amount};
titles use {Topic} {Group} {place} {state} {name} {num} {year}.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import NamedTuple


class IssueWords(NamedTuple):
    slug: str
    title: str
    summary: str
    topics: tuple[str, ...]  # noun phrases about the issue, lowercase
    groups: tuple[str, ...]  # the people most affected or most involved


class StateBox(NamedTuple):
    """A state's rough centre and half-extent in degrees (a box inside which places are drawn)."""

    code: str
    name: str
    lat: float
    lon: float
    half_lat: float
    half_lon: float


ISSUES: tuple[IssueWords, ...] = (
    IssueWords(
        "housing",
        "Housing",
        "Keeping renters housed, curbing speculation and building homes people can afford.",
        ("rent stabilization", "tenant protections", "affordable housing", "eviction prevention"),
        ("renters", "tenant organizers"),
    ),
    IssueWords(
        "workers-rights",
        "Workers' Rights",
        "Fair pay, safe jobs and a voice at work for the people who keep local economies running.",
        ("minimum wage standards", "paid sick leave", "wage theft enforcement", "fair scheduling"),
        ("workers", "labor unions"),
    ),
    IssueWords(
        "climate",
        "Climate",
        "Cutting emissions and protecting residents from heat, smoke and floods.",
        ("building electrification", "extreme heat protections", "flood resilience", "clean energy jobs"),
        ("frontline neighborhoods", "climate organizers"),
    ),
    IssueWords(
        "democracy",
        "Democracy",
        "Fair elections, open meetings and budgets that residents help decide.",
        ("participatory budgeting", "language access at the polls", "open meetings", "fair redistricting"),
        ("voters", "election workers"),
    ),
    IssueWords(
        "education",
        "Education",
        "Public schools that are well funded, safe and welcoming for every student.",
        ("community schools", "school funding", "student mental health", "early literacy"),
        ("students", "parents"),
    ),
    IssueWords(
        "immigrant-rights",
        "Immigrant Rights",
        "Making sure every resident can reach local services safely, whatever their status.",
        (
            "welcoming city policies",
            "legal defense funds",
            "language access",
            "limits on immigration detainers",
        ),
        ("immigrant families", "legal aid providers"),
    ),
    IssueWords(
        "public-safety",
        "Public Safety",
        "Safety that starts with prevention, care and trust between residents and government.",
        (
            "crisis response teams",
            "violence interruption",
            "police accountability",
            "community safety grants",
        ),
        ("first responders", "violence prevention workers"),
    ),
    IssueWords(
        "reproductive-freedom",
        "Reproductive Freedom",
        "Protecting access to the full range of reproductive health care.",
        ("access to abortion care", "clinic safety zones", "contraception access", "maternal health"),
        ("patients", "health care providers"),
    ),
    IssueWords(
        "lgbtq-equality",
        "LGBTQ+ Equality",
        "Equal treatment at work, at school and in public life for LGBTQ+ residents.",
        (
            "nondiscrimination protections",
            "inclusive health benefits",
            "safe schools",
            "gender-affirming care",
        ),
        ("LGBTQ+ residents", "families"),
    ),
    IssueWords(
        "racial-justice",
        "Racial Justice",
        "Repairing harm and closing racial gaps in wealth, health and opportunity.",
        ("racial equity budgeting", "reparations task forces", "fair lending", "equitable hiring"),
        ("Black and brown communities", "community leaders"),
    ),
    IssueWords(
        "tech-accountability",
        "Technology Accountability",
        "Public oversight of surveillance, algorithms and the data governments collect.",
        ("surveillance oversight", "algorithmic accountability", "data privacy", "license plate readers"),
        ("residents", "privacy advocates"),
    ),
    IssueWords(
        "rural-communities",
        "Rural Communities",
        "Policy that works for small towns, farms and the places between cities.",
        ("rural broadband", "rural hospitals", "farm economies", "main street revitalization"),
        ("rural residents", "farmers"),
    ),
    IssueWords(
        "health-care",
        "Health Care",
        "Affordable care close to home and strong local public health.",
        ("community clinics", "medical debt relief", "public health departments", "prescription costs"),
        ("patients", "nurses"),
    ),
    IssueWords(
        "transportation",
        "Transportation",
        "Streets that are safe for everyone and transit people can rely on.",
        ("fare-free transit", "safe streets", "bus rapid transit", "protected bike networks"),
        ("riders", "pedestrians"),
    ),
    IssueWords(
        "economic-development",
        "Economic Development",
        "Growth that creates good local jobs and keeps wealth in the community.",
        ("community benefits agreements", "small business grants", "local hiring", "public banking"),
        ("small business owners", "job seekers"),
    ),
    IssueWords(
        "criminal-legal-reform",
        "Criminal Legal Reform",
        "Fewer people behind bars, fairer courts and real second chances.",
        ("bail reform", "pretrial services", "fines and fees reform", "record clearance"),
        ("people returning from incarceration", "public defenders"),
    ),
    IssueWords(
        "disability-justice",
        "Disability Justice",
        "Access and inclusion for disabled residents in every public service.",
        ("accessible housing", "curb ramps and sidewalks", "paratransit", "accessible public meetings"),
        ("disabled residents", "disability advocates"),
    ),
    IssueWords(
        "child-care",
        "Child Care",
        "Child care that families can afford and that pays the people who provide it.",
        ("universal child care", "child care wages", "after-school programs", "family leave"),
        ("parents", "child care providers"),
    ),
    IssueWords(
        "food-security",
        "Food Security",
        "Healthy food within reach of every household.",
        ("school meals", "community gardens", "grocery access", "food bank funding"),
        ("families", "farmers market vendors"),
    ),
    IssueWords(
        "water-infrastructure",
        "Water and Infrastructure",
        "Safe water, sound pipes and roads maintained for the long term.",
        ("lead pipe replacement", "water affordability", "stormwater systems", "road repair"),
        ("ratepayers", "public works crews"),
    ),
    IssueWords(
        "gun-violence-prevention",
        "Gun Violence Prevention",
        "Local action to prevent shootings and support survivors.",
        (
            "safe storage rules",
            "community violence intervention",
            "extreme risk protection orders",
            "ghost gun limits",
        ),
        ("survivors", "violence interrupters"),
    ),
    IssueWords(
        "environmental-justice",
        "Environmental Justice",
        "Clean air, water and land for the neighborhoods that have carried the most pollution.",
        ("air quality monitoring", "toxic site cleanup", "industrial permitting", "tree canopy"),
        ("fenceline communities", "environmental justice groups"),
    ),
    IssueWords(
        "homelessness",
        "Homelessness",
        "Housing first, outreach that works and shelters that respect people.",
        ("permanent supportive housing", "street outreach", "shelter standards", "rapid rehousing"),
        ("unhoused residents", "service providers"),
    ),
    IssueWords(
        "youth",
        "Youth",
        "Jobs, programs and a real voice in government for young people.",
        ("youth jobs", "youth councils", "summer programs", "recreation centers"),
        ("young people", "youth workers"),
    ),
    IssueWords(
        "seniors",
        "Older Adults",
        "Helping older residents age at home with dignity and support.",
        ("aging in place", "senior centers", "property tax relief", "home care wages"),
        ("older adults", "caregivers"),
    ),
    IssueWords(
        "veterans",
        "Veterans",
        "Housing, health and work for the veterans who live in our communities.",
        ("veteran housing", "veteran service offices", "employment programs", "mental health care"),
        ("veterans", "military families"),
    ),
    IssueWords(
        "tribal-sovereignty",
        "Tribal Sovereignty",
        "Government-to-government respect between local governments and tribal nations.",
        (
            "intergovernmental agreements",
            "co-management of public land",
            "cultural site protection",
            "Indigenous Peoples' Day",
        ),
        ("tribal nations", "Native residents"),
    ),
    IssueWords(
        "preemption",
        "Preemption",
        "Defending the authority of local governments to act for their residents.",
        ("local authority", "state preemption", "home rule", "legal defense of local laws"),
        ("local officials", "municipal attorneys"),
    ),
    IssueWords(
        "budget-and-revenue",
        "Budgets and Revenue",
        "Fair taxes and budgets that put public money where residents need it.",
        ("progressive revenue", "budget transparency", "municipal bonds", "tax fairness"),
        ("taxpayers", "finance staff"),
    ),
    IssueWords(
        "digital-equity",
        "Digital Equity",
        "Fast, affordable internet and the skills to use it, for every household.",
        ("municipal broadband", "digital literacy", "device lending", "affordable internet plans"),
        ("households", "librarians"),
    ),
)

STATE_BOXES: tuple[StateBox, ...] = (
    StateBox("al", "Alabama", 32.8, -86.8, 1.9, 1.2),
    StateBox("ak", "Alaska", 64.0, -152.0, 4.5, 9.0),
    StateBox("az", "Arizona", 34.2, -111.7, 2.2, 2.5),
    StateBox("ar", "Arkansas", 34.9, -92.4, 1.5, 2.0),
    StateBox("ca", "California", 37.0, -119.8, 4.0, 3.0),
    StateBox("co", "Colorado", 39.0, -105.5, 2.0, 3.5),
    StateBox("ct", "Connecticut", 41.6, -72.7, 0.4, 0.8),
    StateBox("de", "Delaware", 39.0, -75.5, 0.6, 0.3),
    StateBox("dc", "District of Columbia", 38.9, -77.02, 0.06, 0.06),
    StateBox("fl", "Florida", 28.6, -82.0, 2.6, 1.6),
    StateBox("ga", "Georgia", 32.7, -83.4, 2.0, 1.7),
    StateBox("hi", "Hawaii", 20.6, -157.0, 0.9, 1.9),
    StateBox("id", "Idaho", 44.0, -114.6, 2.0, 1.6),
    StateBox("il", "Illinois", 40.0, -89.2, 2.5, 1.4),
    StateBox("in", "Indiana", 39.9, -86.3, 1.8, 1.1),
    StateBox("ia", "Iowa", 42.0, -93.5, 0.9, 3.0),
    StateBox("ks", "Kansas", 38.5, -98.4, 1.0, 3.5),
    StateBox("ky", "Kentucky", 37.5, -85.3, 0.8, 3.0),
    StateBox("la", "Louisiana", 31.0, -92.0, 1.5, 1.8),
    StateBox("me", "Maine", 45.3, -69.2, 2.0, 1.5),
    StateBox("md", "Maryland", 39.2, -76.8, 0.4, 1.2),
    StateBox("ma", "Massachusetts", 42.3, -71.8, 0.4, 1.3),
    StateBox("mi", "Michigan", 43.6, -84.7, 1.8, 1.6),
    StateBox("mn", "Minnesota", 46.3, -94.3, 2.9, 2.6),
    StateBox("ms", "Mississippi", 32.7, -89.7, 2.0, 1.0),
    StateBox("mo", "Missouri", 38.4, -92.5, 1.9, 2.8),
    StateBox("mt", "Montana", 47.0, -109.6, 2.0, 6.2),
    StateBox("ne", "Nebraska", 41.5, -99.8, 1.3, 4.2),
    StateBox("nv", "Nevada", 39.3, -116.6, 3.0, 2.5),
    StateBox("nh", "New Hampshire", 43.7, -71.6, 1.2, 0.6),
    StateBox("nj", "New Jersey", 40.2, -74.6, 1.0, 0.5),
    StateBox("nm", "New Mexico", 34.4, -106.1, 2.4, 2.7),
    StateBox("ny", "New York", 42.9, -75.5, 1.4, 3.3),
    StateBox("nc", "North Carolina", 35.5, -79.4, 0.9, 3.5),
    StateBox("nd", "North Dakota", 47.5, -100.5, 1.4, 3.8),
    StateBox("oh", "Ohio", 40.3, -82.8, 1.6, 1.9),
    StateBox("ok", "Oklahoma", 35.5, -97.0, 1.2, 2.5),
    StateBox("or", "Oregon", 43.9, -120.6, 1.9, 3.6),
    StateBox("pa", "Pennsylvania", 40.9, -77.8, 1.0, 2.7),
    StateBox("ri", "Rhode Island", 41.7, -71.5, 0.3, 0.2),
    StateBox("sc", "South Carolina", 33.9, -80.9, 1.1, 1.6),
    StateBox("sd", "South Dakota", 44.4, -100.2, 1.4, 3.8),
    StateBox("tn", "Tennessee", 35.8, -86.3, 0.6, 3.5),
    StateBox("tx", "Texas", 31.2, -99.3, 4.5, 5.0),
    StateBox("ut", "Utah", 39.3, -111.7, 2.0, 1.8),
    StateBox("vt", "Vermont", 44.0, -72.7, 1.2, 0.5),
    StateBox("va", "Virginia", 37.5, -78.8, 0.9, 3.0),
    StateBox("wa", "Washington", 47.4, -120.5, 1.4, 3.8),
    StateBox("wv", "West Virginia", 38.6, -80.6, 1.2, 1.4),
    StateBox("wi", "Wisconsin", 44.6, -89.9, 2.1, 2.0),
    StateBox("wy", "Wyoming", 43.0, -107.5, 2.0, 3.5),
)

# Counties are "<name> County", except Louisiana's parishes and Alaska's boroughs.
COUNTY_WORD = (("la", "Parish"), ("ak", "Borough"))
COUNTY_NAMES = (
    "Washington", "Jefferson", "Franklin", "Lincoln", "Madison", "Jackson", "Monroe", "Clay", "Marion",
    "Union", "Greene", "Warren", "Wayne", "Montgomery", "Hamilton", "Clark", "Lake", "Grant", "Marshall",
    "Carroll", "Douglas", "Adams", "Lee", "Polk", "Shelby", "Johnson", "Benton", "Fayette", "Perry",
    "Putnam", "Logan", "Hancock", "Crawford", "Calhoun", "Boone", "Knox", "Morgan", "Pike", "Scott",
    "Harrison", "Butler", "Brown", "Cedar", "Clinton", "Hardin", "Henry", "Howard", "Lawrence", "Mercer",
    "Randolph", "Richland", "Sullivan", "Taylor", "Walker", "Webster", "Columbia", "Orange", "Summit",
    "Kent", "Essex", "Sussex", "Chester", "Pierce", "Hudson", "Bristol", "Dorchester",
)  # fmt: skip
PLACE_FIRST = (
    "Oak", "Maple", "Cedar", "Pine", "Elm", "Ash", "Willow", "Birch", "Spring", "Fair", "Green", "River",
    "Lake", "Mill", "Stone", "Clear", "Red", "White", "Silver", "Rock", "Sand", "Bridge", "Glen", "Brook",
    "Hill", "Wood", "Meadow", "Sun", "North", "East", "West", "Harbor", "Bay", "Cliff", "High", "Crystal",
    "Cotton", "Prairie", "Pleasant", "Union",
)  # fmt: skip
PLACE_SUFFIX = (
    "ton", "ville", "field", "wood", "dale", "ford", "burg", "port", "view", "ridge", "brook", "haven",
    "mont", "land", "vale", "crest", "bury", "wick",
)  # fmt: skip
PLACE_WORD = ("Falls", "Springs", "Creek", "Point", "Grove", "Heights", "Junction", "Hills", "Park", "City")
PLACE_KINDS = (("city", 50), ("town", 35), ("village", 15))

FIRST_NAMES = (
    "Maria", "James", "Aisha", "David", "Linh", "Carlos", "Grace", "Samuel", "Priya", "Robert", "Keisha",
    "Daniel", "Mei", "Jose", "Hannah", "Omar", "Rosa", "Michael", "Fatima", "Thomas", "Ana", "Kevin",
    "Nadia", "Marcus", "Elena", "Andre", "Sofia", "Tyrone", "Leah", "Miguel", "Joy", "Patrick", "Imani",
    "Victor", "Claire", "Jamal", "Teresa", "Luis", "Naomi", "Henry",
)  # fmt: skip
LAST_NAMES = (
    "Garcia", "Johnson", "Nguyen", "Williams", "Patel", "Brown", "Hernandez", "Lee", "Davis", "Martinez",
    "Wilson", "Okafor", "Lopez", "Anderson", "Kim", "Thomas", "Rivera", "Jackson", "Chen", "White",
    "Harris", "Ramirez", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
    "Scott", "Torres", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Campbell", "Mitchell",
)  # fmt: skip
ROLES = (
    "Mayor", "Council Member", "County Commissioner", "School Board Member", "Alderperson",
    "Deputy Mayor", "Council President", "County Executive", "Town Supervisor", "Board Chair",
)  # fmt: skip
PARTNERS = (
    "Center for Local Democracy", "Tenant Law Project", "Working Families Research Institute",
    "Public Health Alliance", "Community Budget Lab", "Clean Air Coalition", "Fair Work Center",
    "Data Justice Collaborative", "Rural Futures Network", "Immigrant Legal Resource Network",
    "School Equity Project", "Municipal Law Clinic", "Safe Streets Alliance", "Economic Policy Forum",
    "Child Care Action Fund", "Water Justice Partnership", "Disability Rights Council",
)  # fmt: skip

BODIES = (
    "city council", "county commission", "board of supervisors", "school board", "town council",
    "board of aldermen", "county board", "village board",
)  # fmt: skip
AGENCIES = (
    "housing department", "health department", "office of equity", "budget office", "planning department",
    "department of public works", "labor standards office", "city attorney's office", "parks department",
)  # fmt: skip
ADJECTIVES = (
    "fairer", "safer", "more transparent", "more affordable", "more accountable", "more welcoming",
    "healthier", "more resilient", "more equitable", "more stable",
)  # fmt: skip
VOTES = ("7-2", "5-0", "9-4", "6-3", "11-2", "8-1", "4-3", "12-1", "5-2")
AMOUNTS = ("250,000", "480,000", "1.2 million", "3 million", "650,000", "2.5 million", "900,000", "5 million")

SENTENCES = (
    "In {place}, {group} had pushed for {topic} for years before the {body} took it up.",
    "The {body} voted {votes} to approve the measure after {small} public hearings.",
    "Supporters argued that {topic} would make the community {adj} for {group}.",
    "Critics raised concerns about cost, but staff estimated the program would pay for itself "
    "within {small} years.",
    "A survey in {year} found that {pct} percent of {group} supported stronger {topic}.",
    "Local officials worked closely with {group2} to design rules that fit local conditions.",
    "The policy builds on earlier work on {topic2} and closes gaps that state law left open.",
    "Implementation depends on a dedicated staff person and a modest budget for outreach.",
    "Data from the first year show {pct} percent fewer complaints and faster response times.",
    "Neighboring communities have since asked for copies of the ordinance and the staff report.",
    "Every option was reviewed for its effect on {group} and on the {state} budget picture.",
    "The measure sets clear deadlines, names the agency responsible and requires a public report each year.",
    "Residents can file a complaint online, by phone or in person, in any of {small} languages.",
    "Advocates say the real test will be enforcement, not the vote itself.",
    "The {body} paired the policy with ${amount} in new funding for {topic}.",
    "When the {state} legislature threatened to preempt local action, members organized a coalition "
    "of {num} cities.",
    "The approach is modest in scope, which made it easier to pass and easier to defend in court.",
    "Because work on {topic} touches so many departments, {place} created a working group to "
    "coordinate the rollout.",
    "Members of the network shared drafts, testimony and lessons learned across state lines.",
    "Small changes in procedure can matter as much as new spending.",
    "The program started as a pilot in {small} neighborhoods and expanded after a year.",
    "Public comment ran late into the night, with {group} describing what the change would mean for them.",
    "The final version reflects amendments from members who had first opposed the idea.",
    "An independent evaluation is scheduled for {year2}, with results to be posted online.",
    "Local governments have more authority over {topic} than many residents realize.",
    "The cost of doing nothing, staff noted, falls hardest on {group}.",
    "Several members described {topic} as a question of basic fairness.",
    "Partners in the community helped translate materials and host listening sessions.",
    "Officials in {place} now cite the policy as a model for {topic2} elsewhere in {state}.",
    "The {agency} estimates that about {num} households will benefit in the first year.",
    "Turnout at the hearings showed how much progress on {topic} matters to {group2}.",
    "Staff recommended starting with the largest properties and phasing in smaller ones over time.",
    "Nothing in the policy requires new taxes, a point that helped win over skeptical members.",
    "The {body} asked the {agency} to return with a progress report within {small} months.",
    "Long waits and confusing rules had kept many {group} from getting help they were eligible for.",
)  # fmt: skip
LIST_ITEMS = (
    "Require the {agency} to publish an annual report on {topic}.",
    "Set aside funding for outreach to {group}.",
    "Create a complaint process with a {small}-day response deadline.",
    "Coordinate with {group2} on implementation.",
    "Review the policy's effect on {group} every {small} years.",
    "Protect residents who report violations from retaliation.",
    "Train staff on the new requirements before the effective date.",
    "Publish data in an open, machine-readable format.",
    "Partner with community organizations on {topic2}.",
    "Track outcomes by neighborhood, age, race and language.",
    "Hold at least {small} public listening sessions each year.",
    "Give {group} a seat on the advisory board.",
)  # fmt: skip
ORDINANCE_CLAUSES = (
    "The [AGENCY] shall adopt rules to carry out this section no later than [DATE].",
    "A person who violates this section is subject to a civil penalty of up to [AMOUNT] for each violation.",
    "The [AGENCY] shall publish an annual report on {topic} and present it to the [GOVERNING BODY].",
    "Nothing in this ordinance shall be construed to limit rights under state or federal law.",
    "The [GOVERNING BODY] finds that progress on {topic} is essential to the health and welfare of {group}.",
    "[JURISDICTION] shall consult with {group2} before adopting rules under this section.",
    "Information collected under this section shall be used only for the purposes stated here.",
    "The [AGENCY] may contract with community organizations to provide outreach and education.",
    "Each covered entity shall post a notice of rights in a place where {group} can see it.",
    "The [GOVERNING BODY] shall appropriate [AMOUNT] each fiscal year to carry out this ordinance.",
)  # fmt: skip
ISSUE_SENTENCES = (
    "Councils, county boards and school boards all have tools to act on {topic}.",
    "Network members have passed policies on {topic} in cities large and small.",
    "The work is led by {group}, who know best what needs to change.",
    "State law sets limits, but it rarely blocks every local option on {topic2}.",
    "This page collects model ordinances, briefs and stories about {topic} from across the network.",
    "Each model policy is a starting point that members adapt to local conditions.",
    "We connect officials with {group2} so that a win in one place can travel to the next.",
    "Where progress on {topic} has stalled, members share what worked elsewhere.",
    "Budgets are policy too, and members use them to fund {topic2} year after year.",
)  # fmt: skip
QUOTES = (
    "We did this because {group} asked us to, and they stayed with us until it passed.",
    "This is what local government is for: solving problems people bring to our door.",
    "Other cities told us it could not be done here. Now they call to ask how we did it.",
    "The vote was the easy part. Delivering on {topic} for every family is the work.",
    "We started with one hearing and a packed room, and we never lost that energy.",
)  # fmt: skip

ORDINANCE_KINDS = (("ordinance", 60), ("resolution", 20), ("executive-order", 8), ("policy", 12))
ADOPTION_STATUSES = (("adopted", 55), ("introduced", 20), ("failed", 10), ("repealed", 5), ("preempted", 10))
ORDINANCE_TITLES = MappingProxyType(
    {
        "ordinance": ("{Topic} Ordinance", "Model {Topic} Ordinance", "{Topic} Protection Ordinance"),
        "resolution": ("Resolution on {Topic}", "Resolution in Support of {Topic}"),
        "executive-order": ("Executive Order on {Topic}",),
        "policy": ("{Topic} Policy", "Model {Topic} Policy"),
    }
)
ORDINANCE_SECTIONS = (
    "Purpose", "Findings", "Definitions", "Requirements", "Exemptions", "Administration", "Enforcement",
    "Private Right of Action", "Reporting", "Funding", "Community Engagement", "Rules and Guidance",
)  # fmt: skip
BRIEF_TITLES = (
    "The Case for {Topic}", "{Topic} in Practice", "Lessons from {num} Cities on {Topic}",
    "Closing the Gap on {Topic}", "{Topic}: What Local Governments Can Do", "Measuring {Topic}",
)  # fmt: skip
BRIEF_SECTIONS = (
    "Summary", "Key findings", "Background", "What the data show", "Recommendations", "Case studies",
    "Costs and funding", "Legal considerations", "Methodology", "About the partners",
)  # fmt: skip
STORY_TITLES = (
    "How {place} Won {Topic}", "{place} Bets on {Topic}", "In {place}, {Group} Lead on {Topic}",
    "{name} and the Fight for {Topic} in {place}", "What {place} Learned About {Topic}",
)  # fmt: skip
STORY_SECTIONS = (
    "The problem", "How it started", "Building support", "The vote", "What changed", "What residents say",
    "Lessons for other places", "By the numbers", "What comes next",
)  # fmt: skip
NEWS_TITLES = (
    "Network Members Convene on {Topic}", "New Toolkit on {Topic}", "{num} Members Join {Topic} Cohort",
    "Webinar Recap: {Topic}", "{year} Report Tracks {Topic}", "Members Testify on {Topic} in {state}",
)  # fmt: skip
NEWS_SECTIONS = ("What happened", "Why it matters", "Highlights", "What's next", "Get involved", "Resources")
SUMMARIES = MappingProxyType({
    "ordinance": "A model {kind} on {main} that [JURISDICTION] can adapt, with enforcement and reporting "
    "built in.",
    "brief": "How local governments can make progress on {main}, with findings from {num} communities and "
    "recommendations for {group}.",
    "story": "How leaders in {place}, {state}, worked with {group} to deliver {main}.",
    "news": "Members of the network share what they are learning about {main} and what comes next.",
})  # fmt: skip
