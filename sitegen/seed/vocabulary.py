"""Dutch and Flemish word lists and text templates for the demo-content generator.

Everything here is data: places, street and person names, and the templates from which
`generator.py` writes organisations, events, stories and pages. Templates use
``str.format`` fields; the generator always supplies every field listed in
`TEMPLATE_FIELDS`, so a template may use any of them.

Kinds of organisation carry their own events and texts, so that a voedselbank organises
an uitgiftemiddag and a tennisclub a toernooi, never the other way round.
"""

from __future__ import annotations

from typing import NamedTuple

#: The fields every template may use (see the module docstring).
TEMPLATE_FIELDS = (
    "village", "municipality", "org", "street", "place", "club", "first", "surname",
    "phone", "email", "website", "day", "year", "years", "other_org", "region",
)


class Place(NamedTuple):
    """A real village, with what the generator needs to give it plausible addresses."""

    name: str
    municipality: str
    lat: float
    lon: float
    area_code: str  # telephone area code, with leading 0
    postcode: str  # NL: the four digits of the village's postcode area; BE: the postcode


class EventIdea(NamedTuple):
    """An activity an organisation may put in the agenda.

    ``shapes`` says how it may be scheduled: ``once`` (one timed date), ``allday``,
    ``multiday``, ``weekly`` or ``monthly``.
    """

    title: str
    shapes: tuple[str, ...]
    time: str  # local start time, HH:MM; ignored for all-day shapes
    minutes: int
    prices: tuple[str, ...]
    summary: str
    body: tuple[str, ...]
    tags: tuple[str, ...]
    registration: bool = False  # ask people to sign up


class OrgKind(NamedTuple):
    """A kind of organisation on the social map and how to write about it."""

    key: str
    categories: tuple[str, ...]
    titles: tuple[str, ...]
    summaries: tuple[str, ...]
    tags: tuple[str, ...]
    hours: tuple[tuple[str, ...], ...]  # alternative schema.org opening-hours lists
    paragraphs: tuple[str, ...]
    offers: tuple[str, ...]  # list items for "what you can find here"
    events: tuple[EventIdea, ...] = ()
    volunteers: float = 0.0  # share of these organisations looking for volunteers
    weight: int = 2  # how common the kind is relative to others
    country: str = ""  # "NL" or "BE" when the kind exists in one country only
    titles_be: tuple[str, ...] = ()  # Flemish names, when they differ


CATEGORIES: tuple[tuple[str, str], ...] = (
    ("zorg-en-welzijn", "Zorg en welzijn"),
    ("sport-en-bewegen", "Sport en bewegen"),
    ("cultuur-en-ontmoeting", "Cultuur en ontmoeting"),
    ("jeugd-en-gezin", "Jeugd en gezin"),
    ("wonen-en-buurt", "Wonen en buurt"),
    ("werk-en-vrijwilligerswerk", "Werk en vrijwilligerswerk"),
    ("onderwijs", "Onderwijs en taal"),
    ("geld-en-administratie", "Geld en administratie"),
    ("winkels-met-een-hart", "Winkels met een hart"),
)

SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("huisarts", "dokter"),
    ("jeugd", "jongeren"),
    ("fiets", "rijwiel"),
    ("ouderen", "senioren"),
    ("bibliotheek", "bieb"),
    ("fysiotherapie", "fysio", "kinesitherapie", "kine"),
)

# --- places -------------------------------------------------------------------------------

NL_PLACES: tuple[Place, ...] = (
    Place("Ameide", "Vijfheerenlanden", 51.954, 4.962, "0183", "4233"),
    Place("Giessenburg", "Molenlanden", 51.852, 4.890, "0184", "3381"),
    Place("Hoornaar", "Molenlanden", 51.875, 4.945, "0183", "4223"),
    Place("Nieuw-Lekkerland", "Molenlanden", 51.885, 4.683, "0184", "2957"),
    Place("Haastrecht", "Krimpenerwaard", 51.983, 4.773, "0182", "2851"),
    Place("Bergambacht", "Krimpenerwaard", 51.934, 4.787, "0182", "2861"),
    Place("Maurik", "Buren", 51.962, 5.423, "0344", "4021"),
    Place("Zoelen", "Buren", 51.916, 5.407, "0344", "4011"),
    Place("Ootmarsum", "Dinkelland", 52.406, 6.901, "0541", "7631"),
    Place("Vorden", "Bronckhorst", 52.105, 6.311, "0575", "7251"),
    Place("Eelde", "Tynaarlo", 53.135, 6.563, "050", "9761"),
    Place("Giethoorn", "Steenwijkerland", 52.740, 6.078, "0521", "8355"),
    Place("Workum", "Súdwest-Fryslân", 52.980, 5.446, "0515", "8711"),
    Place("Burgh-Haamstede", "Schouwen-Duiveland", 51.697, 3.743, "0111", "4328"),
    Place("Nieuwvliet", "Sluis", 51.378, 3.460, "0117", "4504"),
    Place("Heeze", "Heeze-Leende", 51.383, 5.573, "040", "5591"),
    Place("Eersel", "Eersel", 51.357, 5.318, "0497", "5521"),
    Place("Gulpen", "Gulpen-Wittem", 50.815, 5.889, "043", "6271"),
    Place("Beek", "Berg en Dal", 51.830, 5.935, "024", "6573"),
    Place("Oostzaan", "Oostzaan", 52.440, 4.877, "075", "1511"),
    Place("Zoeterwoude-Dorp", "Zoeterwoude", 52.120, 4.500, "071", "2381"),
    Place("Hollandscheveld", "Hoogeveen", 52.700, 6.520, "0528", "7913"),
    Place("Hellendoorn", "Hellendoorn", 52.389, 6.450, "0548", "7447"),
    Place("Broek op Langedijk", "Dijk en Waard", 52.672, 4.803, "0226", "1721"),
    Place("Wijk bij Duurstede", "Wijk bij Duurstede", 51.974, 5.342, "0343", "3961"),
    Place("Nieuwpoort", "Alblasserwaard", 51.935, 4.866, "0184", "2965"),
)

BE_PLACES: tuple[Place, ...] = (
    Place("Lovendegem", "Lievegem", 51.101, 3.612, "09", "9920"),
    Place("Knesselare", "Aalter", 51.140, 3.412, "09", "9910"),
    Place("Sint-Martens-Latem", "Sint-Martens-Latem", 51.018, 3.634, "09", "9830"),
    Place("Damme", "Damme", 51.251, 3.282, "050", "8340"),
    Place("Zwalm", "Zwalm", 50.884, 3.731, "055", "9630"),
    Place("Bornem", "Bornem", 51.097, 4.235, "03", "2880"),
    Place("Zoersel", "Zoersel", 51.268, 4.713, "03", "2980"),
    Place("Kasterlee", "Kasterlee", 51.241, 4.966, "014", "2460"),
    Place("Bree", "Bree", 51.141, 5.597, "089", "3960"),
    Place("Tervuren", "Tervuren", 50.823, 4.515, "02", "3080"),
    Place("Wingene", "Wingene", 51.058, 3.273, "051", "8750"),
    Place("Oudenburg", "Oudenburg", 51.184, 3.004, "059", "8460"),
    Place("Kortenaken", "Kortenaken", 50.909, 5.060, "011", "3470"),
)

#: Added to a place name when more villages are asked for than there are places.
NEIGHBOURHOODS: tuple[str, ...] = (
    "Noord", "Zuid", "Oost", "West", "Centrum", "Buitengebied", "Dorp", "Haven",
)

PORTAL_NAMES: tuple[str, ...] = (
    "Puur{name}", "Samen {name}", "{name} Verbindt", "Wij in {name}", "Buurtportaal {name}",
    "Hart van {name}", "{name} Doet Mee",
)

TAGLINES: tuple[str, ...] = (
    "Alles wat {village} te bieden heeft, op één plek",
    "Zorg, sport, cultuur en hulp dichtbij huis",
    "Voor en door inwoners van {village}",
    "Wat is er te doen in {village}, en wie kan je helpen?",
    "De sociale kaart en agenda van {village}",
)

BRAND_COLOURS: tuple[str, ...] = (
    "#1d5b8f", "#2e7d32", "#b3541e", "#6a1b9a", "#00796b", "#c62828", "#37474f", "#8d6e00",
    "#ad1457", "#3949ab",
)

# --- streets and people -------------------------------------------------------------------

NL_STREETS: tuple[str, ...] = (
    "Dorpsstraat", "Kerkstraat", "Molenweg", "Schoolstraat", "Julianastraat", "Beatrixstraat",
    "Wilhelminastraat", "Emmastraat", "Oranjestraat", "Nassaulaan", "Lindelaan", "Eikenlaan",
    "Beukenlaan", "Kastanjelaan", "Populierenlaan", "Wilgenlaan", "Esdoornstraat",
    "Berkenhof", "Meidoornlaan", "Rozenstraat", "Tulpstraat", "Narcisstraat", "Irisstraat",
    "Sportlaan", "Parklaan", "Voorstraat", "Achterstraat", "Havenstraat", "Dijkweg",
    "Kanaalweg", "Veldweg", "Hoogstraat", "Nieuwstraat", "Marktplein", "Kerkplein",
    "Burgemeester Jansenlaan", "Dokter Schaepmanstraat", "Meester Visserstraat",
    "Prins Bernhardlaan", "Koningin Julianaplein", "Zuideinde", "Noordeinde", "Oosteinde",
    "Westeinde", "Stationsweg", "Brink", "Esweg", "Molenstraat", "Smidsstraat",
    "Weverstraat", "Kievitstraat", "Merelstraat", "Zwaluwstraat", "Leeuweriklaan",
    "Reigerstraat", "Spechtstraat", "Boomgaard", "Weidelaan", "Slotlaan", "Kloosterweg",
)

BE_STREETS: tuple[str, ...] = (
    "Kerkstraat", "Dorpsstraat", "Stationsstraat", "Statiestraat", "Molenstraat",
    "Kapelstraat", "Nieuwstraat", "Schoolstraat", "Gemeenteplein", "Marktplein", "Dorp",
    "Kouter", "Veldstraat", "Processiestraat", "Pastorijstraat", "Gildestraat", "Hoogstraat",
    "Brugstraat", "Kasteelstraat", "Beekstraat", "Meersstraat", "Bosstraat", "Heirweg",
    "Steenweg", "Kloosterstraat", "Koning Albertstraat", "Leopoldlaan", "Lindenlaan",
    "Populierenlaan", "Dennenlaan", "Berkenlaan", "Eikenlaan", "Sportlaan", "Jeugdstraat",
    "Akkerstraat", "Wilgenstraat", "Neerstraat", "Opstraat", "Ommegangstraat", "Vijverstraat",
)

FIRST_NAMES: tuple[str, ...] = (
    "Anna", "Marieke", "Sanne", "Fleur", "Lotte", "Femke", "Inge", "Ingrid", "Els",
    "Annemiek", "Joke", "Ria", "Wilma", "Gerda", "Karin", "Monique", "Petra", "Yvonne",
    "Fatima", "Samira", "Aylin", "Nadia", "Hanneke", "Lieke", "Noor", "Emma", "Julia",
    "Sofie", "An", "Katrien", "Griet", "Hilde", "Veerle", "Lieve", "Nathalie", "Jan", "Piet",
    "Kees", "Henk", "Gert", "Wim", "Bram", "Daan", "Ruben", "Tom", "Joost", "Martijn",
    "Sander", "Bas", "Jeroen", "Hans", "Gerrit", "Arie", "Teun", "Mohamed", "Youssef",
    "Ahmed", "Mehmet", "Emre", "Dirk", "Koen", "Bart", "Pieter", "Wouter", "Jens", "Stijn",
    "Luc", "Marc", "Geert", "Johan", "Frank", "Ivo", "Rianne", "Tineke", "Dineke", "Rob",
)

NL_SURNAMES: tuple[str, ...] = (
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser", "Smit",
    "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
    "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf",
    "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen",
    "van den Heuvel", "van der Veen", "van den Broek", "de Bruijn", "van der Heijden",
    "Schouten", "van Beek", "Willems", "van Vliet", "van de Ven", "Hoekstra", "Maas",
    "Verhoeven", "Koster", "van Dam", "Prins", "Blom", "Huisman", "Kuipers", "Verbeek",
    "Yilmaz", "El Amrani", "Bouali", "Kaya", "Post", "Terpstra", "Wijnands",
)

BE_SURNAMES: tuple[str, ...] = (
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
    "Wouters", "De Smet", "Dubois", "Hermans", "Aerts", "Michiels", "Lambrechts", "Desmet",
    "De Clercq", "Van Damme", "Verstraete", "Vermeersch", "Coppens", "Pauwels",
    "Van de Velde", "De Backer", "Vandenberghe", "Martens", "Cools", "Hendrickx",
    "Van Acker", "De Wilde", "Bogaert", "Vercauteren", "El Idrissi", "Demir",
)

#: Names Dutch and Flemish organisations give their building or club.
PLACE_NAMES: tuple[str, ...] = (
    "De Linde", "De Eik", "'t Anker", "De Schakel", "De Brug", "Het Baken", "De Wieken",
    "De Zonnebloem", "De Kiem", "Het Klooster", "De Vlinder", "'t Trefpunt", "De Regenboog",
    "De Hoeksteen", "De Meander", "Het Kompas", "De Molen", "De Klimop", "De Boomgaard",
    "De Kastanje", "Het Veer", "De Dijk", "De Horst", "De Wilgenhof", "De Kapel",
    "Het Gildehuis", "De Notelaar", "De Vonk", "Het Hofje", "De Zwaluw", "De Lindeboom",
    "De Sterrenberg", "Het Ooievaarsnest", "De Kleine Wereld", "De Spil", "De Akker",
)

CLUB_NAMES: tuple[str, ...] = (
    "Concordia", "Excelsior", "Crescendo", "Euphonia", "Advendo", "Sint-Cecilia", "Harmonie",
    "Vitesse", "Olympia", "Fortuna", "Kracht en Vriendschap", "Door Eendracht Sterk",
    "Nooit Gedacht", "Vooruit", "Animo", "Sparta", "Unitas", "Ons Genoegen", "De Volharding",
    "Apollo", "Te Lande", "Rap en Vlug",
)

DAYS_NL: dict[str, str] = {
    "MO": "maandag", "TU": "dinsdag", "WE": "woensdag", "TH": "donderdag", "FR": "vrijdag",
    "SA": "zaterdag", "SU": "zondag",
}

ORDINALS_NL: dict[int, str] = {1: "eerste", 2: "tweede", 3: "derde", 4: "vierde", -1: "laatste"}

MONTHS_NL: tuple[str, ...] = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december",
)

# --- places where events happen that are not an organisation's own address -----------------

VENUES: tuple[str, ...] = (
    "Dorpshuis {place}", "Sporthal {place}", "Protestantse kerk", "Sint-Janskerk",
    "Het Dorpsplein", "Parochiezaal", "Gemeentehuis, raadzaal", "Muziektent in het park",
    "Ontmoetingsruimte {place}", "Clubhuis {club}", "Kerkzaal {place}",
)

# --- shared text for organisations -------------------------------------------------------

ORG_CLOSING: tuple[str, ...] = (
    "Je vindt ons aan de {street} in {village}. De ingang is drempelvrij en vlak voor de deur "
    "is een parkeerplaats voor mensen met een beperking.",
    "Vragen? Bel ons op {phone} of mail naar [{email}](mailto:{email}). Meestal hoor je "
    "binnen twee werkdagen van ons.",
    "Kijk voor het laatste nieuws op [onze website]({website}).",
    "We werken samen met {other_org} en andere organisaties in {village}, zodat je niet "
    "van het kastje naar de muur gestuurd wordt.",
    "Kom je met de fiets? Er is een overdekte fietsenstalling naast de ingang.",
    "Slecht ter been? Bel even van tevoren, dan zorgen we dat er iemand klaarstaat.",
)

VOLUNTEER_PARAGRAPHS: tuple[str, ...] = (
    "**We zoeken vrijwilligers.** Heb je een paar uur per week over en vind je het leuk om "
    "met mensen om te gaan? Kom eens een kopje koffie drinken, dan vertellen we je er meer "
    "over.",
    "**Vrijwilligers gezocht!** Ervaring is niet nodig: je draait eerst een paar keer mee "
    "met iemand die de weg al kent. Bel {phone} en vraag naar {first}.",
    "**Zin om mee te helpen?** We zoeken mensen die een vaste ochtend of middag willen "
    "helpen. Je krijgt een vrijwilligersverzekering en een gezellig team erbij.",
)

OFFERS_INTRO: tuple[str, ...] = (
    "Wat kun je bij ons doen?",
    "Bij ons kun je onder meer terecht voor:",
    "Een greep uit wat we doen:",
)

HOURS_TYPICAL: tuple[tuple[str, ...], ...] = (
    ("Mo-Fr 09:00-17:00",),
    ("Mo-Th 09:00-17:00", "Fr 09:00-12:30"),
    ("Tu,Th 13:30-16:30",),
)


def _idea(title: str, shapes: str, time: str, minutes: int, prices: str, summary: str,
          body: tuple[str, ...], tags: str, registration: bool = False) -> EventIdea:
    """Build an `EventIdea` from compact literals: shapes, prices and tags separated by ``|``."""
    return EventIdea(
        title, tuple(shapes.split("|")), time, minutes, tuple(prices.split("|")), summary,
        body, tuple(tags.split("|")), registration,
    )


# --- kinds of organisation ----------------------------------------------------------------

ORG_KINDS: tuple[OrgKind, ...] = (
    OrgKind(
        key="huisarts",
        categories=("zorg-en-welzijn",),
        titles=("Huisartsenpraktijk {surname}", "Huisartsenpraktijk {place}",
                "Gezondheidscentrum {village}"),
        titles_be=("Groepspraktijk {place}", "Huisartsenpraktijk {surname}",
                   "Huisartsen {village}"),
        summaries=(
            "Huisartsenpraktijk in {village} met dagelijks spreekuur, een praktijkondersteuner "
            "en een eigen doktersassistente.",
            "Voor al uw vragen over gezondheid: spreekuur op afspraak, telefonisch consult en "
            "herhaalrecepten.",
        ),
        tags=("huisarts", "dokter", "spreekuur", "herhaalrecept", "griepprik",
              "praktijkondersteuner", "bloeddruk", "diabetes"),
        hours=(("Mo-Fr 08:00-17:00",), ("Mo-Fr 08:00-12:30", "Mo,Tu,Th,Fr 13:30-17:00")),
        paragraphs=(
            "Wij zijn een kleine praktijk met twee huisartsen en een vast team. We kennen "
            "de meeste patiënten al jaren en nemen de tijd voor een goed gesprek.",
            "Voor een afspraak belt u tussen 08:00 en 10:00 uur. Voor een herhaalrecept kunt u "
            "ook de receptenlijn gebruiken; het recept ligt twee werkdagen later klaar bij de "
            "apotheek.",
            "Buiten kantooruren belt u bij spoed de huisartsenpost. Bij levensgevaar belt u "
            "altijd 112.",
            "De praktijkondersteuner begeleidt mensen met diabetes, astma, COPD of een hoge "
            "bloeddruk. Zo hoeft u minder vaak naar het ziekenhuis.",
        ),
        offers=("spreekuur op afspraak", "telefonisch consult", "griepprik in het najaar",
                "begeleiding bij diabetes en COPD", "wondzorg en hechtingen verwijderen",
                "reizigersadvies"),
        events=(
            _idea("Griepprik", "allday", "09:00", 0, "gratis",
                  "De jaarlijkse griepprik voor iedereen die een uitnodiging heeft gekregen.",
                  ("Neem uw uitnodiging en uw identiteitsbewijs mee. Draag kleding waarmee u "
                   "uw bovenarm makkelijk bloot kunt maken.",),
                  "griepprik|vaccinatie|gezondheid"),
            _idea("Informatieavond over geheugenproblemen", "once", "19:30", 90, "gratis",
                  "De praktijkondersteuner vertelt wat je kunt doen als je steeds meer "
                  "vergeet.",
                  ("Na de presentatie is er ruimte voor vragen. Partners en mantelzorgers zijn "
                   "van harte welkom.",),
                  "dementie|geheugen|mantelzorg", True),
        ),
        weight=3,
    ),
    OrgKind(
        key="fysiotherapie",
        categories=("zorg-en-welzijn", "sport-en-bewegen"),
        titles=("Fysiotherapie {village}", "Fysiotherapiepraktijk {surname}",
                "Fysio {place}"),
        titles_be=("Kinesitherapie {surname}", "Kinepraktijk {place}",
                   "Groepspraktijk kinesitherapie {village}"),
        summaries=(
            "Behandeling van klachten aan spieren en gewrichten, revalidatie na een operatie en "
            "bewegen onder begeleiding.",
            "Praktijk voor fysiotherapie, valpreventie en beweegprogramma's voor ouderen en "
            "mensen met een chronische aandoening.",
        ),
        tags=("fysiotherapie", "fysio", "rugpijn", "revalidatie", "valpreventie", "bewegen",
              "knie", "sportblessure"),
        hours=(("Mo-Fr 08:00-20:00",), ("Mo-Th 07:30-21:00", "Fr 07:30-17:00", "Sa 09:00-12:00")),
        paragraphs=(
            "Je kunt zonder verwijzing van de huisarts bij ons terecht. Bij het eerste bezoek "
            "kijken we samen wat er aan de hand is en wat je zelf kunt doen.",
            "In onze oefenzaal trainen kleine groepen onder begeleiding. Veel mensen houden zo "
            "na de behandeling het bewegen vol.",
            "We werken met afspraken van een half uur. Neem gemakkelijke kleding en een "
            "handdoek mee.",
        ),
        offers=("behandeling van nek-, rug- en schouderklachten", "revalidatie na een "
                "operatie", "training valpreventie", "bekkenfysiotherapie",
                "beweeggroep voor mensen met artrose", "behandeling aan huis"),
        events=(
            _idea("Valpreventietraining", "weekly", "10:00", 60, "€ 4,00|€ 5,00",
                  "Oefenen met evenwicht en kracht, zodat je minder snel valt.",
                  ("De training is geschikt voor iedereen vanaf 65 jaar. Je hoeft niet sportief "
                   "te zijn; we beginnen rustig.",),
                  "valpreventie|ouderen|bewegen", True),
        ),
        weight=2,
    ),
    OrgKind(
        key="tandarts",
        categories=("zorg-en-welzijn",),
        titles=("Tandartspraktijk {place}", "Tandarts {surname}", "Mondzorg {village}"),
        summaries=(
            "Tandartspraktijk voor het hele gezin, met mondhygiënist en spoedhulp overdag.",
        ),
        tags=("tandarts", "mondhygiëne", "gebit", "kiespijn", "kinderen"),
        hours=(("Mo-Fr 08:00-17:00",),),
        paragraphs=(
            "Nieuwe patiënten zijn welkom, ook kinderen vanaf hun eerste tandje. Voor "
            "kinderen tot 18 jaar is controle bij ons gratis.",
            "Heb je 's avonds of in het weekend pijn? Luister dan naar het bandje van de "
            "praktijk: daar hoor je welke tandarts dienst heeft.",
        ),
        offers=("halfjaarlijkse controle", "mondhygiënist", "spoedhulp overdag",
                "angstbegeleiding"),
        weight=1,
    ),
    OrgKind(
        key="apotheek",
        categories=("zorg-en-welzijn",),
        titles=("Apotheek {village}", "Dorpsapotheek {place}", "Apotheek {surname}"),
        summaries=(
            "Uw apotheek in {village}: geneesmiddelen, advies over gebruik en bezorging aan "
            "huis voor wie slecht ter been is.",
        ),
        tags=("apotheek", "medicijnen", "herhaalrecept", "bezorgen", "medicijnrol"),
        hours=(("Mo-Fr 08:00-18:00", "Sa 10:00-13:00"),),
        paragraphs=(
            "Gebruikt u meerdere medicijnen tegelijk? Maak een afspraak voor een "
            "medicijngesprek, dan kijken we samen of alles goed samengaat.",
            "Kunt u niet zelf langskomen? Dan bezorgen we uw medicijnen op werkdagen gratis "
            "aan huis in {village} en omgeving.",
        ),
        offers=("herhaalrecepten", "bezorgen aan huis", "medicijnrol op maat",
                "medicijngesprek"),
        weight=1,
    ),
    OrgKind(
        key="wijkteam",
        categories=("zorg-en-welzijn", "jeugd-en-gezin"),
        titles=("Wijkteam {village}", "Sociaal Team {village}", "Dorpsteam {village}"),
        summaries=(
            "Eén loket voor vragen over zorg, opvoeden, geldzorgen, mantelzorg en eenzaamheid.",
            "Het sociaal team helpt inwoners van {village} met vragen over hulp thuis, "
            "opvoeding en meedoen.",
        ),
        tags=("hulp", "zorg", "mantelzorg", "eenzaamheid", "opvoeden", "schulden", "WMO",
              "huishoudelijke hulp"),
        hours=(("Mo-Fr 09:00-17:00",), ("Mo-Fr 08:30-17:00",)),
        paragraphs=(
            "Loopt u ergens tegenaan en weet u niet waar u moet beginnen? Bel of loop binnen "
            "bij het wijkteam. Samen zoeken we uit wat u nodig heeft.",
            "In het team werken een wijkverpleegkundige, een maatschappelijk werker, een "
            "jeugdconsulent en een ouderenadviseur. Zo hoeft u uw verhaal maar één keer te "
            "vertellen.",
            "Onze hulp is gratis en we gaan vertrouwelijk met uw gegevens om.",
            "Op {day}ochtend is er een inloopspreekuur in {other_org}. Een afspraak maken is "
            "dan niet nodig.",
        ),
        offers=("vragen over zorg en ondersteuning thuis", "hulp bij opvoeden en opgroeien",
                "ondersteuning van mantelzorgers", "hulp bij geldzorgen",
                "een luisterend oor als u zich eenzaam voelt"),
        events=(
            _idea("Inloopspreekuur wijkteam", "weekly", "09:30", 120, "gratis",
                  "Zonder afspraak binnenlopen met je vraag over zorg, geld of opvoeden.",
                  ("Er staat koffie klaar. Voor een langer gesprek maken we samen een "
                   "vervolgafspraak.",),
                  "spreekuur|hulp|zorg"),
        ),
        weight=2,
        country="NL",
    ),
    OrgKind(
        key="sociaal-huis",
        categories=("zorg-en-welzijn", "geld-en-administratie"),
        titles=("Sociaal Huis {municipality}", "Welzijnsloket {village}"),
        summaries=(
            "Het Sociaal Huis is het aanspreekpunt voor vragen over welzijn, zorg, wonen en "
            "financiële hulp.",
        ),
        tags=("OCMW", "sociaal huis", "leefloon", "thuiszorg", "hulp", "premies", "welzijn"),
        hours=(("Mo-Fr 08:30-12:00", "Tu 13:30-19:00"),),
        paragraphs=(
            "Bij het Sociaal Huis kunt u terecht met al uw vragen over welzijn. De "
            "maatschappelijk werkers kijken samen met u naar uw rechten en mogelijkheden.",
            "Voor een gesprek met een maatschappelijk werker maakt u best een afspraak. "
            "Voor korte vragen kunt u tijdens de openingsuren binnenlopen.",
            "U kunt hier ook terecht voor de aanvraag van premies, een sociaal tarief en "
            "hulp bij uw energiefactuur.",
        ),
        offers=("sociale dienstverlening en leefloon", "poetsdienst en maaltijden aan huis",
                "budgetbegeleiding", "hulp bij aanvragen van premies"),
        weight=2,
        country="BE",
    ),
    OrgKind(
        key="dienstencentrum",
        categories=("cultuur-en-ontmoeting", "zorg-en-welzijn"),
        titles=("Lokaal dienstencentrum {place}",),
        summaries=(
            "Ontmoetingsplek voor senioren met een cafetaria, activiteiten en hulp bij "
            "kleine klusjes.",
        ),
        tags=("senioren", "ouderen", "cafetaria", "warme maaltijd", "activiteiten",
              "eenzaamheid", "pedicure"),
        hours=(("Mo-Fr 09:00-16:30",),),
        paragraphs=(
            "In de cafetaria kun je elke werkdag binnenlopen voor een tas koffie of een "
            "warme maaltijd aan democratische prijzen.",
            "We organiseren cursussen, uitstappen, kaartnamiddagen en infosessies. Ook voor "
            "een pedicure of kapper kun je hier terecht.",
            "Heb je hulp nodig bij een klusje thuis of boodschappen? Vraag ernaar aan het "
            "onthaal.",
        ),
        offers=("warme maaltijd op middag", "kaartnamiddag", "computerles voor senioren",
                "pedicure en kapper", "klusjesdienst"),
        events=(
            _idea("Kaartnamiddag", "weekly", "13:30", 180, "gratis|€ 2,00",
                  "Wiezen, kingen of rummikub: iedereen is welkom aan tafel.",
                  ("Koffie en taart aan democratische prijzen. Kom gerust alleen: we zoeken "
                   "samen een tafel voor je.",),
                  "kaarten|ontmoeting|senioren"),
            _idea("Infosessie over digitale bankzaken", "once", "14:00", 90, "gratis",
                  "Veilig bankieren met je smartphone, stap voor stap uitgelegd.",
                  ("Breng je eigen smartphone of tablet mee.",),
                  "digitaal|bankieren|senioren", True),
        ),
        weight=2,
        country="BE",
    ),
    OrgKind(
        key="mantelzorg",
        categories=("zorg-en-welzijn",),
        titles=("Steunpunt Mantelzorg {municipality}", "Mantelzorgcafé {village}"),
        titles_be=("Mantelzorgnetwerk {municipality}",),
        summaries=(
            "Steun, informatie en een adempauze voor iedereen die zorgt voor een ziek of "
            "hulpbehoevend familielid.",
        ),
        tags=("mantelzorg", "respijtzorg", "overbelasting", "zorgen voor", "dementie",
              "lotgenoten"),
        hours=(("Mo-Th 09:00-16:00",),),
        paragraphs=(
            "Zorg je voor je partner, ouder, kind of buur? Dan ben je mantelzorger. Dat geeft "
            "voldoening, maar het kan ook zwaar zijn.",
            "Wij luisteren naar je verhaal en kijken samen waar je even ontlast kunt worden, "
            "bijvoorbeeld door een vrijwilliger die een middag de zorg overneemt.",
            "Eens per maand is er een mantelzorgcafé: een avond om ervaringen te delen met "
            "mensen die begrijpen wat je doormaakt.",
        ),
        offers=("persoonlijk gesprek", "respijtzorg door vrijwilligers",
                "mantelzorgcafé", "hulp bij het aanvragen van ondersteuning"),
        events=(
            _idea("Mantelzorgcafé", "monthly", "19:30", 120, "gratis",
                  "Ervaringen delen met andere mantelzorgers onder het genot van een kop koffie.",
                  ("Elke keer staat een thema centraal, maar er is altijd ruimte voor je eigen "
                   "verhaal.",),
                  "mantelzorg|lotgenoten|ontmoeting"),
        ),
        volunteers=0.5,
        weight=1,
    ),
    OrgKind(
        key="thuiszorg",
        categories=("zorg-en-welzijn",),
        titles=("Buurtzorgteam {village}", "Thuiszorg {place}"),
        titles_be=("Thuisverpleging {surname}", "Wit-Gele Kruis {village}"),
        summaries=(
            "Verpleging en verzorging bij u thuis, door een vast team uit de buurt.",
        ),
        tags=("thuiszorg", "wijkverpleging", "verzorging", "wondzorg", "thuisverpleging"),
        hours=(("Mo-Su 07:00-22:00",),),
        paragraphs=(
            "Onze verpleegkundigen komen bij u thuis voor wondzorg, hulp bij wassen en "
            "aankleden, medicijnen en injecties.",
            "U heeft geen verwijzing nodig: bel ons gerust, dan komen we langs voor een "
            "kennismaking.",
        ),
        offers=("wondzorg", "hulp bij wassen en aankleden", "medicatie", "palliatieve zorg"),
        weight=1,
    ),
    OrgKind(
        key="voedselbank",
        categories=("geld-en-administratie", "zorg-en-welzijn"),
        titles=("Voedselbank {municipality}", "Voedselbank {village} e.o."),
        titles_be=("Voedselbank {municipality}", "Sociale kruidenier {village}"),
        summaries=(
            "Wekelijks een pakket met boodschappen voor huishoudens die even niet rond kunnen "
            "komen.",
            "Tijdelijke hulp met voedsel voor inwoners van {municipality} die krap bij kas "
            "zitten, gedragen door vrijwilligers.",
        ),
        tags=("voedselbank", "boodschappen", "armoede", "geldzorgen", "voedselpakket",
              "schulden"),
        hours=(("Th 14:00-16:30",), ("Fr 13:00-16:00",)),
        paragraphs=(
            "Wie in aanmerking komt, haalt elke week een pakket met houdbare producten, "
            "groente, fruit en zuivel. Alles is gedoneerd door winkels, boeren en inwoners.",
            "Je wordt aangemeld via een hulpverlener, bijvoorbeeld van het maatschappelijk werk "
            "of de schuldhulp. Samen met hen kijken we ook naar een oplossing voor de "
            "langere termijn.",
            "Wil je iets geven? In de supermarkten in {village} staat een inzamelkrat. Houdbare "
            "producten zoals pasta, rijst, koffie en toiletartikelen zijn altijd welkom.",
            "De uitgifte draait volledig op vrijwilligers. Zonder hen geen pakketten.",
        ),
        offers=("wekelijks voedselpakket", "verzorgingsproducten", "doorverwijzing naar "
                "schuldhulp", "kerstpakket in december"),
        events=(
            _idea("Inzamelingsactie voedselbank", "allday|multiday", "10:00", 0, "gratis",
                  "Doneer houdbare producten in de supermarkt voor gezinnen in de buurt.",
                  ("Vrijwilligers staan bij de ingang met een winkelkar. Vooral koffie, "
                   "thee, pasta, rijst en shampoo zijn hard nodig.",),
                  "voedselbank|inzameling|doneren"),
        ),
        volunteers=0.8,
        weight=2,
    ),
    OrgKind(
        key="schuldhulp",
        categories=("geld-en-administratie",),
        titles=("SchuldHulpMaatje {municipality}", "Formulierenbrigade {village}",
                "Thuisadministratie {village}"),
        titles_be=("Budgetcoaching {municipality}", "Thuisadministratie {village}"),
        summaries=(
            "Getrainde vrijwilligers helpen je overzicht te krijgen in je post, rekeningen en "
            "formulieren.",
        ),
        tags=("schulden", "formulieren", "administratie", "geldzorgen", "toeslagen",
              "belastingaangifte", "budget"),
        hours=(("We 09:30-12:00",), ("Mo,Th 13:00-16:00",)),
        paragraphs=(
            "Een stapel ongeopende post, een brief van de belastingdienst die je niet begrijpt "
            "of rekeningen die je niet meer kunt betalen: het overkomt meer mensen dan je "
            "denkt.",
            "Een vrijwilliger komt bij je thuis of spreekt af in de bibliotheek. Samen zorg "
            "je voor overzicht, en waar nodig zoeken we professionele hulp.",
            "Wat je vertelt blijft tussen jou en de vrijwilliger.",
        ),
        offers=("hulp bij formulieren en toeslagen", "overzicht in inkomsten en uitgaven",
                "belastingaangifte invullen", "meegaan naar instanties"),
        events=(
            _idea("Belastingspreekuur", "once|weekly", "09:30", 150, "gratis",
                  "Hulp bij je belastingaangifte of toeslagen.",
                  ("Neem je DigiD of inloggegevens en je jaaropgaven mee.",),
                  "belasting|formulieren|toeslagen", True),
        ),
        volunteers=0.7,
        weight=1,
    ),
    OrgKind(
        key="buurthuis",
        categories=("cultuur-en-ontmoeting", "wonen-en-buurt"),
        titles=("Buurthuis {place}", "Dorpshuis {place}", "Ontmoetingscentrum {village}"),
        titles_be=("Ontmoetingscentrum {place}", "Parochiezaal {place}",
                   "Dorpshuis {village}"),
        summaries=(
            "Het huis van het dorp: voor koffie, clubs, cursussen en feesten.",
            "Ontmoetingsplek in {village} met een open koffiehoek, zalen te huur en een volle "
            "agenda.",
        ),
        tags=("koffie", "ontmoeting", "zaal huren", "activiteiten", "eenzaamheid",
              "buurtkamer", "klaverjassen"),
        hours=(("Mo-Fr 09:00-22:00", "Sa 10:00-17:00"), ("Mo-Sa 09:00-23:00",)),
        paragraphs=(
            "Bij ons staat de koffie altijd klaar. Loop binnen voor een praatje, een spelletje "
            "of gewoon om even de krant te lezen.",
            "Het gebouw wordt beheerd door een stichting van vrijwilligers. Verenigingen, "
            "families en bedrijven kunnen hier een zaal huren.",
            "Elke week zijn er vaste activiteiten zoals koersbal, klaverjassen, yoga en een "
            "handwerkclub. Nieuwe ideeën zijn welkom: vraag gerust naar de mogelijkheden.",
            "Op {day} koken vrijwilligers een driegangenmaaltijd voor wie niet graag alleen "
            "eet. Aanmelden kan tot de dag ervoor.",
        ),
        offers=("koffieochtend en buurtkamer", "zalen voor feesten en vergaderingen",
                "samen eten", "spelletjesmiddag", "cursussen en workshops"),
        events=(
            _idea("Koffieochtend", "weekly", "10:00", 120, "gratis|€ 1,00",
                  "Binnenlopen voor een kop koffie en een praatje met dorpsgenoten.",
                  ("Geen programma, geen verplichtingen: je bent welkom zolang je wilt.",),
                  "koffie|ontmoeting|eenzaamheid"),
            _idea("Samen eten", "monthly|weekly", "17:30", 120, "€ 7,50|€ 8,00",
                  "Een verse driegangenmaaltijd aan een gezellige tafel.",
                  ("Vrijwilligers koken met seizoensgroenten uit de buurt. Laat het bij "
                   "aanmelding weten als je een dieet volgt.",),
                  "samen eten|maaltijd|eenzaamheid", True),
            _idea("Klaverjasmiddag", "weekly|monthly", "13:30", 180, "€ 2,00",
                  "Een middag klaverjassen; er zijn prijzen voor de winnaars.",
                  ("Je hoeft geen vaste partner mee te nemen: we loten de koppels.",),
                  "klaverjassen|kaarten|ontmoeting"),
            _idea("Bingo", "once|monthly", "19:30", 150, "€ 5,00",
                  "Ouderwets gezellig bingo met mooie prijzen.",
                  ("De opbrengst gaat naar het onderhoud van het gebouw.",),
                  "bingo|avondje uit"),
            _idea("Kerstmarkt", "multiday|allday", "11:00", 0, "gratis",
                  "Kramen met zelfgemaakte kerstversiering, glühwein en muziek.",
                  ("Wil je zelf een kraam? Vraag er dan naar aan de bar.",),
                  "kerst|markt|gezellig"),
            _idea("Nieuwjaarsreceptie", "once", "15:00", 180, "gratis",
                  "Proost met je dorpsgenoten op het nieuwe jaar.",
                  ("Met een toespraak van de voorzitter en muziek van de harmonie.",),
                  "nieuwjaar|ontmoeting"),
        ),
        volunteers=0.6,
        weight=4,
    ),
    OrgKind(
        key="bibliotheek",
        categories=("cultuur-en-ontmoeting", "onderwijs"),
        titles=("Bibliotheek {village}", "Bibliotheek {region}, vestiging {village}"),
        titles_be=("Bibliotheek {municipality}, filiaal {village}",
                   "Openbare bibliotheek {village}"),
        summaries=(
            "Boeken lenen, de krant lezen, een digitaal spreekuur of gewoon even rustig "
            "zitten: de bibliotheek is er voor iedereen.",
        ),
        tags=("bibliotheek", "bieb", "boeken", "lezen", "digitaal spreekuur", "voorlezen",
              "laptop", "taal"),
        hours=(("Mo 14:00-17:00", "We 10:00-17:00", "Fr 14:00-20:00", "Sa 10:00-13:00"),
               ("Tu-Fr 10:00-18:00", "Sa 10:00-14:00")),
        paragraphs=(
            "In de bibliotheek vind je boeken voor jong en oud, tijdschriften, grootletter- en "
            "luisterboeken. Kinderen tot 18 jaar lenen gratis.",
            "Met vragen over de computer, de overheid of je telefoon kun je terecht bij het "
            "digitaal spreekuur. Vrijwilligers helpen je op weg.",
            "Er is gratis wifi en er staan computers die je mag gebruiken. Printen en "
            "scannen kan tegen een kleine vergoeding.",
        ),
        offers=("boeken en luisterboeken lenen", "digitaal spreekuur", "voorleesmiddag voor "
                "peuters", "leesclub", "hulp bij online formulieren"),
        events=(
            _idea("Digitaal spreekuur", "weekly", "14:00", 120, "gratis",
                  "Hulp bij je telefoon, tablet, laptop of een online formulier.",
                  ("Neem je eigen apparaat mee en, als het kan, je wachtwoorden.",),
                  "digitaal|computerhulp|formulieren"),
            _idea("Voorleesochtend voor peuters", "weekly|monthly", "10:30", 45, "gratis",
                  "Een prentenboek, liedjes en een knutselwerkje voor kinderen van 2 tot 4 jaar.",
                  ("Ouders, opa's en oma's blijven gezellig bij hun kleintje.",),
                  "voorlezen|peuters|kinderen"),
            _idea("Leesclub", "monthly", "20:00", 90, "gratis",
                  "We bespreken elke maand een roman; nieuwe lezers zijn welkom.",
                  ("Het boek kun je lenen bij de balie.",),
                  "lezen|boeken|leesclub", True),
            _idea("Lezing over de geschiedenis van {village}", "once", "20:00", 90,
                  "€ 3,50|gratis",
                  "Een avond met oude foto's en verhalen over het dorp van vroeger.",
                  ("Heb je zelf oude foto's? Neem ze mee, er is een scanner aanwezig.",),
                  "geschiedenis|lezing|erfgoed", True),
        ),
        volunteers=0.3,
        weight=2,
    ),
    OrgKind(
        key="muziek",
        categories=("cultuur-en-ontmoeting",),
        titles=("Harmonie {club}", "Muziekvereniging {club}", "Fanfare {club}",
                "Brassband {club}"),
        summaries=(
            "Muziekvereniging met een harmonieorkest, een opleidingsorkest en een slagwerkgroep.",
            "Al meer dan honderd jaar de muziek bij elk feest in {village}.",
        ),
        tags=("muziek", "orkest", "muziekles", "blaasinstrument", "slagwerk", "concert"),
        hours=(("We 19:30-22:00",),),
        paragraphs=(
            "We repeteren elke woensdagavond in ons eigen repetitielokaal. Muzikanten van "
            "elk niveau zijn welkom.",
            "Leerlingen krijgen les van bevoegde docenten en spelen al snel mee in het "
            "opleidingsorkest. Een instrument kun je van de vereniging lenen.",
            "Je hoort ons bij de dodenherdenking, de intocht van Sinterklaas en op ons "
            "jaarlijkse kerstconcert.",
        ),
        offers=("muziekles voor kinderen en volwassenen", "instrument in bruikleen",
                "opleidingsorkest", "concerten"),
        events=(
            _idea("Kerstconcert", "once", "19:30", 120, "€ 7,50|€ 10,00",
                  "Feestelijke kerstmuziek met orkest, koor en samenzang.",
                  ("Na afloop staan er warme chocolademelk en glühwein klaar.",),
                  "concert|kerst|muziek"),
            _idea("Open repetitie", "once", "19:30", 120, "gratis",
                  "Luister mee of speel mee: kennismaken met het orkest.",
                  ("Neem gerust je eigen instrument mee.",),
                  "muziek|kennismaken"),
        ),
        volunteers=0.2,
        weight=2,
    ),
    OrgKind(
        key="koor",
        categories=("cultuur-en-ontmoeting",),
        titles=("Gemengd koor {club}", "Popkoor {place}", "Shantykoor {place}",
                "Zangvereniging {club}"),
        summaries=("Koor voor iedereen die graag zingt, met of zonder ervaring.",),
        tags=("zingen", "koor", "muziek", "optreden"),
        hours=(("Tu 20:00-22:00",), ("Th 19:45-21:45",)),
        paragraphs=(
            "Je hoeft geen noten te kunnen lezen om bij ons te zingen. Wel is het fijn als je "
            "van gezelligheid houdt.",
            "Onze dirigent kiest een breed repertoire, van klassiek tot pop. Twee keer per jaar "
            "treden we op.",
        ),
        offers=("wekelijkse repetitie", "stemvorming", "concerten"),
        events=(
            _idea("Meezingavond", "once", "20:00", 120, "gratis",
                  "Zing mee met bekende Nederlandstalige liedjes.",
                  ("De teksten staan op een groot scherm.",),
                  "zingen|meezingen|muziek"),
        ),
        weight=1,
    ),
    OrgKind(
        key="toneel",
        categories=("cultuur-en-ontmoeting",),
        titles=("Toneelvereniging {club}", "Toneelgroep {place}"),
        summaries=("Amateurtoneel met elk voorjaar een nieuwe voorstelling.",),
        tags=("toneel", "theater", "voorstelling", "decor bouwen"),
        hours=(("Mo 19:30-22:30",),),
        paragraphs=(
            "Elk jaar spelen we een klucht of blijspel in de grote zaal. Behalve spelers "
            "zoeken we altijd mensen voor decor, grime en techniek.",
        ),
        offers=("spelen op het podium", "decor bouwen", "grime en kostuums"),
        events=(
            _idea("Toneelvoorstelling", "multiday|once", "20:00", 150, "€ 10,00|€ 12,50",
                  "Een hilarische klucht, gespeeld door dorpsgenoten.",
                  ("Kaarten zijn te koop via de website of aan de zaal.",),
                  "toneel|voorstelling|avondje uit", True),
        ),
        volunteers=0.4,
        weight=1,
    ),
    OrgKind(
        key="taalcafe",
        categories=("onderwijs", "cultuur-en-ontmoeting"),
        titles=("Taalcafé {village}", "Taalhuis {municipality}", "Taalpunt {village}"),
        titles_be=("Taalcafé {village}", "Babbelonië {village}"),
        summaries=(
            "Nederlands oefenen in een ontspannen sfeer, met vrijwilligers en andere "
            "taalleerders.",
        ),
        tags=("Nederlands oefenen", "taal", "nieuwkomers", "lezen en schrijven",
              "taalmaatje", "inburgering"),
        hours=(("Th 13:30-15:30",), ("Tu 19:00-21:00",)),
        paragraphs=(
            "In het taalcafé praat je aan kleine tafels over gewone dingen: het weer, de "
            "markt, je kinderen, je werk. Zo leer je de taal die je elke dag nodig hebt.",
            "Ook Nederlanders die moeite hebben met lezen en schrijven kunnen bij ons terecht. "
            "We helpen je discreet op weg.",
            "Wil je liever één op één oefenen? Vraag dan naar een taalmaatje.",
        ),
        offers=("praattafels op verschillende niveaus", "taalmaatje", "hulp bij lezen en "
                "schrijven", "oefenen voor het examen"),
        events=(
            _idea("Taalcafé", "weekly", "13:30", 120, "gratis",
                  "Nederlands oefenen aan tafel, met koffie en thee.",
                  ("Iedereen is welkom, welk niveau je ook hebt.",),
                  "taal|Nederlands oefenen|nieuwkomers"),
        ),
        volunteers=0.7,
        weight=2,
    ),
    OrgKind(
        key="ouderen",
        categories=("cultuur-en-ontmoeting", "zorg-en-welzijn"),
        titles=("KBO {village}", "Seniorenvereniging {place}", "Ouderensoos {place}",
                "PCOB afdeling {village}"),
        titles_be=("Okra {village}", "S-Plus {village}", "Vief {village}"),
        summaries=(
            "Vereniging voor 55-plussers: activiteiten, uitstapjes en belangenbehartiging.",
            "Gezelligheid, informatie en een helpende hand voor senioren in {village}.",
        ),
        tags=("ouderen", "senioren", "soos", "uitstapje", "eenzaamheid", "belastinghulp",
              "koersbal"),
        hours=(("Tu,Fr 13:30-17:00",),),
        paragraphs=(
            "Onze leden komen elke week samen voor een spelletje, een lezing of gewoon voor "
            "een goed gesprek. Nieuwe leden, ook jongere senioren, zijn van harte welkom.",
            "Eén keer per jaar maken we een dagtocht met de bus. Ook is er een fietsgroep die "
            "in het voorjaar en de zomer elke week een tocht maakt.",
            "Onze ouderenadviseurs komen op verzoek bij je thuis om mee te denken over wonen, "
            "zorg en geldzaken.",
        ),
        offers=("wekelijkse soos", "dagtochten", "belastinghulp", "huisbezoek bij ziekte of "
                "jubileum", "koersbal"),
        events=(
            _idea("Soosmiddag", "weekly", "14:00", 150, "gratis|€ 1,50",
                  "Een middag kaarten, sjoelen en bijpraten met leeftijdsgenoten.",
                  ("De koffie staat klaar vanaf half twee.",),
                  "ouderen|spelletjes|ontmoeting"),
            _idea("Kerstbrunch voor senioren", "once", "11:00", 180, "€ 12,50|€ 15,00",
                  "Een feestelijke brunch met muziek en een kleine verrassing.",
                  ("Vervoer nodig? Geef het op bij je aanmelding.",),
                  "kerst|ouderen|maaltijd", True),
        ),
        volunteers=0.4,
        weight=3,
    ),
    OrgKind(
        key="voetbal",
        categories=("sport-en-bewegen",),
        titles=("vv {club}", "Voetbalvereniging {village}", "SV {village}"),
        titles_be=("KFC {village}", "SK {village}", "VV {club} {village}"),
        summaries=(
            "Voetbalclub voor jong en oud, van kabouters tot walking football.",
            "Gezellige voetbalvereniging met teams voor jongens, meisjes, heren, dames en "
            "veteranen.",
        ),
        tags=("voetbal", "sport", "walking football", "jeugd", "kantine", "meidenvoetbal"),
        hours=(("Tu,Th 18:00-22:00", "Sa 08:30-18:00"),),
        paragraphs=(
            "Kinderen vanaf vijf jaar mogen vier keer gratis meetrainen. Daarna beslis je "
            "samen of lid worden iets voor je is.",
            "Op dinsdagochtend spelen 60-plussers walking football: voetbal zonder rennen en "
            "zonder slidings. Na afloop drinken we koffie in de kantine.",
            "De club draait op vrijwilligers. We zoeken altijd trainers, scheidsrechters en "
            "mensen voor de kantine.",
        ),
        offers=("jeugdvoetbal vanaf 5 jaar", "meidenteams", "walking football voor "
                "60-plussers", "kantine met terras"),
        events=(
            _idea("Walking football", "weekly", "10:00", 90, "€ 3,00",
                  "Voetbal in wandeltempo voor 60-plussers.",
                  ("Kom in gemakkelijke kleding en sportschoenen; noppen zijn niet nodig.",),
                  "walking football|bewegen|ouderen"),
            _idea("Zaalvoetbaltoernooi", "once|allday", "10:00", 360, "gratis",
                  "Het jaarlijkse toernooi in de sporthal, voor teams uit het hele dorp.",
                  ("Opgeven per team van zes spelers.",),
                  "voetbal|toernooi", True),
        ),
        volunteers=0.6,
        weight=2,
    ),
    OrgKind(
        key="tennis",
        categories=("sport-en-bewegen",),
        titles=("Tennisvereniging {place}", "LTV {club}", "Tennisclub {village}"),
        summaries=("Tennisclub met banen voor het hele jaar en lessen voor elk niveau.",),
        tags=("tennis", "padel", "sport", "lessen"),
        hours=(("Mo-Su 08:00-23:00",),),
        paragraphs=(
            "Onze banen zijn het hele jaar bespeelbaar. Er zijn lessen voor kinderen, "
            "beginners en gevorderden.",
            "Sinds kort hebben we ook twee padelbanen. Die kun je ook als niet-lid huren.",
        ),
        offers=("tennislessen", "padelbanen te huur", "competitie", "ochtendtennis voor "
                "senioren"),
        events=(
            _idea("Oliebollentoernooi", "once", "10:00", 300, "€ 5,00",
                  "Dubbelspel met wisselende partners en oliebollen na afloop.",
                  ("Open voor leden en introducés.",),
                  "tennis|toernooi|oliebollen", True),
        ),
        weight=1,
    ),
    OrgKind(
        key="gym",
        categories=("sport-en-bewegen",),
        titles=("Gymnastiekvereniging {club}", "Sportvereniging {club}",
                "Beweegclub {village}"),
        titles_be=("Gymclub {club}", "Turnkring {club}"),
        summaries=("Turnen, gym en bewegen voor alle leeftijden, van peuters tot 80-plussers.",),
        tags=("gym", "turnen", "bewegen", "ouderengym", "yoga", "sport", "kinderen"),
        hours=(("Mo-Th 15:30-21:30",),),
        paragraphs=(
            "Bij ons leren kinderen rollen, springen en klimmen. Voor volwassenen zijn er "
            "lessen conditietraining, pilates en yoga.",
            "Meer Bewegen voor Ouderen is een rustige les op muziek, speciaal voor 55-plussers. "
            "Je doet alleen wat je lichaam aankan.",
        ),
        offers=("peutergym", "turnen", "conditietraining", "meer bewegen voor ouderen",
                "yoga"),
        events=(
            _idea("Beweegles voor 55-plussers", "weekly", "09:30", 60, "€ 3,50",
                  "Rustig bewegen op muziek, goed voor spieren en gewrichten.",
                  ("Gratis proefles: meld je even bij de docent.",),
                  "bewegen|ouderen|gym"),
        ),
        weight=2,
    ),
    OrgKind(
        key="wandelclub",
        categories=("sport-en-bewegen", "cultuur-en-ontmoeting"),
        titles=("Wandelclub {place}", "Wandelvereniging {club}", "Stappers {village}"),
        titles_be=("Wandelclub {club}", "Wandelvrienden {village}"),
        summaries=("Samen wandelen in en rond {village}, elke week een andere route.",),
        tags=("wandelen", "natuur", "bewegen", "ommetje", "buiten"),
        hours=(),
        paragraphs=(
            "We wandelen elke week tussen de vijf en vijftien kilometer, in een tempo dat "
            "voor iedereen te doen is. Onderweg is er altijd een koffiestop.",
            "Je hoeft geen lid te zijn om een keer mee te lopen.",
        ),
        offers=("wekelijkse wandeling", "natuurwandelingen met gids", "jaarlijkse meerdaagse "
                "tocht"),
        events=(
            _idea("Wandelen met de wandelclub", "weekly", "09:30", 150, "gratis",
                  "Een ochtendwandeling van ongeveer acht kilometer.",
                  ("Vertrek bij het startpunt; trek stevige schoenen aan.",),
                  "wandelen|buiten|bewegen"),
            _idea("Snertwandeling", "once", "11:00", 180, "€ 4,00",
                  "Een winterse wandeling met na afloop een kom erwtensoep.",
                  ("Kies uit een route van 7 of 12 kilometer.",),
                  "wandelen|snert|winter", True),
        ),
        volunteers=0.2,
        weight=1,
    ),
    OrgKind(
        key="jeu-de-boules",
        categories=("sport-en-bewegen", "cultuur-en-ontmoeting"),
        titles=("Jeu de boulesclub {club}", "Petanqueclub {village}"),
        summaries=("Jeu de boules op overdekte en buitenbanen, met een gezellig clubhuis.",),
        tags=("jeu de boules", "petanque", "bewegen", "ouderen", "ontmoeting"),
        hours=(("Mo,We,Fr 13:30-17:00",),),
        paragraphs=(
            "Jeu de boules is voor iedereen te leren. We hebben ballen te leen, dus je kunt "
            "meteen meedoen.",
        ),
        offers=("vrij spelen", "onderlinge competitie", "clinics voor beginners"),
        weight=1,
    ),
    OrgKind(
        key="zwembad",
        categories=("sport-en-bewegen",),
        titles=("Zwembad {place}", "Overdekt zwembad {village}"),
        summaries=("Overdekt zwembad met zwemles, baantjeszwemmen en aquafit.",),
        tags=("zwemmen", "zwemles", "aquarobics", "sport", "kinderen"),
        hours=(("Mo-Fr 07:00-21:00", "Sa,Su 09:00-16:00"),),
        paragraphs=(
            "Kinderen halen bij ons hun zwemdiploma in kleine groepen. Voor volwassenen zijn "
            "er baantjesuren, aquajoggen en zwemles voor wie het nooit geleerd heeft.",
            "Het bad heeft een tillift en een aangepaste kleedruimte.",
        ),
        offers=("zwemles", "baantjeszwemmen", "aquajoggen", "recreatief zwemmen"),
        weight=1,
    ),
    OrgKind(
        key="scouting",
        categories=("jeugd-en-gezin",),
        titles=("Scouting {place}", "Scoutinggroep {club}"),
        titles_be=("Chiro {place}", "KSA {village}", "Scouts en Gidsen {village}"),
        summaries=(
            "Elke week buiten spelen, kampvuur en avontuur voor kinderen van 5 tot 18 jaar.",
        ),
        tags=("scouting", "jeugd", "kinderen", "buiten spelen", "kamp", "jeugdbeweging"),
        hours=(("Sa 10:00-16:00",),),
        paragraphs=(
            "Op zaterdag zijn de groepen bezig in en rond ons clubhuis aan de rand van het bos. "
            "Ze bouwen hutten, koken op vuur en doen spellen.",
            "Alle leiding is vrijwillig en heeft een cursus gevolgd. In de zomer gaan alle "
            "groepen op kamp.",
            "Kinderen mogen eerst drie keer vrijblijvend meedoen.",
        ),
        offers=("wekelijkse opkomst", "zomerkamp", "hikes en weekenden", "leiding worden"),
        events=(
            _idea("Kerstboomverkoop", "multiday", "10:00", 0, "gratis",
                  "Koop je kerstboom bij de scouting en steun het zomerkamp.",
                  ("We bezorgen de boom gratis in het dorp.",),
                  "kerstboom|kerst|jeugd"),
            _idea("Open dag", "once", "13:00", 180, "gratis",
                  "Kom kijken wat we doen en doe mee met een spel.",
                  ("Neem kleren mee die vies mogen worden.",),
                  "jeugd|kennismaken|buiten"),
        ),
        volunteers=0.7,
        weight=2,
    ),
    OrgKind(
        key="speeltuin",
        categories=("jeugd-en-gezin", "wonen-en-buurt"),
        titles=("Speeltuinvereniging {place}", "Speeltuin {place}"),
        titles_be=("Speelplein {place}", "Speelpleinwerking {village}"),
        summaries=("Omheinde speeltuin met een speelhuis, beheerd door buurtbewoners.",),
        tags=("speeltuin", "kinderen", "buiten spelen", "kinderfeestje"),
        hours=(("We,Sa 13:00-17:00",),),
        paragraphs=(
            "De speeltuin is open voor alle kinderen tot twaalf jaar, onder begeleiding van "
            "een volwassene. Het speelhuis kun je huren voor een kinderfeestje.",
        ),
        offers=("speeltoestellen", "kinderfeestjes", "knutselmiddagen"),
        events=(
            _idea("Knutselmiddag", "monthly|once", "14:00", 120, "€ 1,00",
                  "Knutselen met thema voor kinderen van 4 tot 10 jaar.",
                  ("Ranja en een koekje zitten bij de prijs in.",),
                  "knutselen|kinderen"),
        ),
        volunteers=0.5,
        weight=1,
    ),
    OrgKind(
        key="consultatiebureau",
        categories=("jeugd-en-gezin", "zorg-en-welzijn"),
        titles=("Consultatiebureau {village}", "Centrum voor Jeugd en Gezin {village}"),
        titles_be=("Consultatiebureau Kind en Gezin {village}", "Huis van het Kind "
                   "{municipality}"),
        summaries=(
            "Voor vragen over de groei, gezondheid en opvoeding van je kind, van baby tot "
            "tiener.",
        ),
        tags=("consultatiebureau", "baby", "vaccinatie", "opvoeden", "borstvoeding",
              "peuter", "jeugdarts"),
        hours=(("Mo,We,Th 08:30-16:30",),),
        paragraphs=(
            "Op het consultatiebureau volgen de jeugdarts en de verpleegkundige hoe je kind "
            "groeit en zich ontwikkelt. Je krijgt vanzelf een uitnodiging.",
            "Twijfel je ergens over, bijvoorbeeld over slapen, eten of huilen? Bel ons of "
            "loop binnen tijdens het inloopuur.",
        ),
        offers=("vaccinaties", "inloopuur voor ouders", "borstvoedingsadvies",
                "opvoedcursussen"),
        events=(
            _idea("Inloopochtend voor ouders", "weekly|monthly", "09:30", 90, "gratis",
                  "Wegen, meten en vragen stellen zonder afspraak.",
                  ("Andere ouders ontmoeten hoort er ook bij.",),
                  "baby|opvoeden|ouders"),
        ),
        weight=1,
    ),
    OrgKind(
        key="jongerenwerk",
        categories=("jeugd-en-gezin",),
        titles=("Jongerenwerk {municipality}", "Jongerencentrum {place}"),
        titles_be=("Jeugdhuis {place}", "Jeugdwerking {village}"),
        summaries=("Een eigen plek voor jongeren van 12 tot 23, met jongerenwerkers die "
                   "meedenken.",),
        tags=("jongeren", "jeugd", "tieners", "chillen", "gamen", "jongerenwerker"),
        hours=(("We 14:00-17:00", "Fr 19:00-23:00"),),
        paragraphs=(
            "In het jongerencentrum kun je chillen, gamen, poolen en muziek maken. De "
            "jongerenwerkers zijn er voor een praatje of als je ergens mee zit.",
            "Heb je een idee voor een activiteit? Wij helpen je het te organiseren.",
        ),
        offers=("inloop", "gameavonden", "hulp bij je cv of bijbaan", "vakantieactiviteiten"),
        events=(
            _idea("Gameavond", "monthly|once", "19:00", 180, "gratis",
                  "FIFA, Mario Kart en bordspellen voor jongeren van 12 tot 18 jaar.",
                  ("Snacks en drinken tegen kleine prijs.",),
                  "jongeren|gamen"),
        ),
        weight=1,
    ),
    OrgKind(
        key="kinderopvang",
        categories=("jeugd-en-gezin",),
        titles=("Kinderopvang {place}", "BSO {place}", "Peuterspeelzaal {place}"),
        titles_be=("Kinderdagverblijf {place}", "Buitenschoolse opvang {place}"),
        summaries=("Kleinschalige opvang met vaste leidsters, dichtbij de school.",),
        tags=("kinderopvang", "opvang", "BSO", "peuters", "werkende ouders"),
        hours=(("Mo-Fr 07:30-18:30",),),
        paragraphs=(
            "Kinderen spelen bij ons in vaste groepen met vaste gezichten. We gaan elke dag "
            "naar buiten, ook als het regent.",
            "Kom gerust kijken voordat je je kind inschrijft.",
        ),
        offers=("dagopvang", "buitenschoolse opvang", "vakantieopvang"),
        weight=1,
    ),
    OrgKind(
        key="basisschool",
        categories=("onderwijs", "jeugd-en-gezin"),
        titles=("Basisschool {place}", "OBS {place}", "CBS {place}", "Kindcentrum {place}"),
        titles_be=("Vrije Basisschool {place}", "Gemeentelijke Basisschool {village}",
                   "GO! Basisschool {place}"),
        summaries=("Basisschool in het dorp, waar elk kind gezien wordt.",),
        tags=("basisschool", "school", "onderwijs", "kinderen", "aanmelden", "schoolplein"),
        hours=(("Mo-Fr 08:15-15:00",),),
        paragraphs=(
            "Onze school heeft ongeveer 150 leerlingen. Het schoolplein is na schooltijd open "
            "voor alle kinderen uit de buurt.",
            "Wil je kennismaken? Maak een afspraak voor een rondleiding, dan laten we je de "
            "klassen in bedrijf zien.",
            "Samen met de opvang en de bibliotheek bieden we na schooltijd sport, muziek en "
            "techniek aan.",
        ),
        offers=("rondleiding voor nieuwe ouders", "naschoolse activiteiten", "groene "
                "speelplaats"),
        events=(
            _idea("Open ochtend", "once", "09:00", 180, "gratis",
                  "Kijk een ochtend mee in de klassen en stel je vragen.",
                  ("Kinderen zijn ook welkom.",),
                  "school|aanmelden|kennismaken"),
            _idea("Kerstmarkt op school", "once", "17:00", 150, "gratis",
                  "Leerlingen verkopen hun zelfgemaakte spullen voor het goede doel.",
                  ("Met warme chocomelk en kerstliedjes door het schoolkoor.",),
                  "kerst|school|goede doel"),
        ),
        weight=2,
    ),
    OrgKind(
        key="huiswerk",
        categories=("onderwijs", "jeugd-en-gezin"),
        titles=("Huiswerkklas {village}", "Studiehulp {place}"),
        summaries=("Vrijwilligers helpen scholieren met plannen, leren en huiswerk.",),
        tags=("huiswerk", "bijles", "scholieren", "plannen", "rekenen"),
        hours=(("Mo,Tu,Th 15:30-17:30",),),
        paragraphs=(
            "Elke middag na school zitten vrijwilligers klaar om te helpen met wiskunde, "
            "Engels, Nederlands en plannen.",
        ),
        offers=("huiswerkbegeleiding", "bijles rekenen", "hulp bij plannen"),
        volunteers=0.8,
        weight=1,
    ),
    OrgKind(
        key="repair-cafe",
        categories=("wonen-en-buurt", "cultuur-en-ontmoeting"),
        titles=("Repair Café {village}", "Repair Café {place}"),
        summaries=(
            "Samen repareren in plaats van weggooien: breng je kapotte spullen mee en kijk "
            "hoe een vrijwilliger ze maakt.",
        ),
        tags=("repareren", "repair café", "fiets repareren", "kleding herstellen", "duurzaam",
              "koffie", "weggooien"),
        hours=(),
        paragraphs=(
            "Eens per maand zitten onze reparateurs klaar met gereedschap en kennis. "
            "Broodrooster, lamp, broek of fiets: we kijken samen wat er mis is.",
            "Je helpt zelf mee, zodat je de volgende keer misschien zelf de soldeerbout "
            "pakt. Terwijl je wacht, staat er koffie klaar.",
            "Repareren is gratis; een vrijwillige bijdrage voor de pot wordt gewaardeerd. "
            "Onderdelen betaal je zelf.",
        ),
        offers=("elektrische apparaten", "kleding en textiel", "fietsen", "meubels en "
                "houtwerk", "computers en telefoons"),
        events=(
            _idea("Repair Café", "monthly", "10:00", 180, "gratis",
                  "Breng je kapotte spullen mee en repareer ze samen met een vrijwilliger.",
                  ("Maximaal twee spullen per persoon, zodat iedereen aan de beurt komt.",),
                  "repareren|duurzaam|koffie"),
        ),
        volunteers=0.5,
        weight=2,
    ),
    OrgKind(
        key="fietsenwerkplaats",
        categories=("wonen-en-buurt", "werk-en-vrijwilligerswerk"),
        titles=("Fietsenwerkplaats {place}", "Fietsbieb {village}"),
        titles_be=("Fietsatelier {place}", "Fietsbieb {village}"),
        summaries=(
            "Leer je fiets zelf onderhouden, of leen een kinderfiets die meegroeit met je kind.",
        ),
        tags=("fiets", "fiets repareren", "kinderfiets", "band plakken", "duurzaam"),
        hours=(("We 14:00-17:00", "Sa 10:00-13:00"),),
        paragraphs=(
            "In onze werkplaats staan gereedschap, standaards en onderdelen klaar. Een "
            "vrijwilliger laat je zien hoe je een band plakt of je remmen afstelt.",
            "Gezinnen kunnen voor een klein bedrag per jaar een kinderfiets lenen. Is hij te "
            "klein? Dan ruil je hem in voor een grotere.",
        ),
        offers=("zelf repareren met hulp", "kinderfietsen lenen", "tweedehands fietsen",
                "fietsles voor volwassenen"),
        events=(
            _idea("Fietsles voor volwassenen", "weekly", "10:00", 60, "gratis",
                  "Leren fietsen in een rustige omgeving, met ervaren begeleiders.",
                  ("Fietsen zijn aanwezig. Na tien lessen fiets je zelf naar de markt.",),
                  "fiets|fietsles|nieuwkomers", True),
        ),
        volunteers=0.6,
        weight=1,
    ),
    OrgKind(
        key="kringloop",
        categories=("winkels-met-een-hart", "werk-en-vrijwilligerswerk"),
        titles=("Kringloopwinkel {place}", "Kringloop {village}"),
        titles_be=("Kringwinkel {municipality}", "Tweedehandswinkel {place}"),
        summaries=(
            "Tweedehands spullen met een tweede leven, verkocht door vrijwilligers en mensen "
            "die werkervaring opdoen.",
        ),
        tags=("kringloop", "tweedehands", "meubels", "spullen brengen", "duurzaam",
              "werkervaring"),
        hours=(("Tu-Fr 10:00-17:00", "Sa 10:00-16:00"),),
        paragraphs=(
            "Bij ons vind je meubels, servies, boeken, kleding en speelgoed voor een klein "
            "prijsje. De opbrengst gaat naar goede doelen in het dorp.",
            "Spullen brengen kan tijdens openingstijden. Grote meubels halen we gratis bij "
            "je op.",
            "In de winkel werken mensen die via ons werkervaring opdoen. Zo helpt elke "
            "aankoop dubbel.",
        ),
        offers=("meubels en huisraad", "kleding en speelgoed", "gratis ophaaldienst",
                "werkervaringsplekken"),
        volunteers=0.6,
        weight=2,
    ),
    OrgKind(
        key="wereldwinkel",
        categories=("winkels-met-een-hart",),
        titles=("Wereldwinkel {village}",),
        titles_be=("Oxfam-Wereldwinkel {village}",),
        summaries=("Eerlijke producten uit de hele wereld, verkocht door vrijwilligers.",),
        tags=("fairtrade", "cadeau", "eerlijke handel", "koffie", "chocolade"),
        hours=(("Tu-Sa 10:00-17:00",),),
        paragraphs=(
            "In de winkel vind je koffie, thee, chocolade, sieraden en cadeaus waarvoor de "
            "makers een eerlijke prijs krijgen.",
        ),
        offers=("fairtrade levensmiddelen", "cadeaupakketten", "kerstpakketten voor "
                "bedrijven"),
        volunteers=0.5,
        weight=1,
    ),
    OrgKind(
        key="boerderijwinkel",
        categories=("winkels-met-een-hart",),
        titles=("Boerderijwinkel {place}", "Zorgboerderij {place}"),
        titles_be=("Hoevewinkel {place}", "Zorgboerderij {place}"),
        summaries=(
            "Verse groenten, eieren en zuivel van eigen land, verkocht door mensen met een "
            "afstand tot de arbeidsmarkt.",
        ),
        tags=("boerderij", "groenten", "eieren", "streekproducten", "dagbesteding",
              "zorgboerderij"),
        hours=(("We-Fr 09:00-17:00", "Sa 09:00-14:00"),),
        paragraphs=(
            "Op onze boerderij werken deelnemers met een beperking mee in de moestuin, bij de "
            "dieren en in de winkel.",
            "Wat het seizoen geeft, ligt bij ons in de schappen. Kinderen mogen de kippen en "
            "geiten altijd even gedag zeggen.",
        ),
        offers=("groenten van het seizoen", "eieren en zuivel", "dagbesteding",
                "kinderfeestjes op de boerderij"),
        weight=1,
    ),
    OrgKind(
        key="dorpswinkel",
        categories=("winkels-met-een-hart", "cultuur-en-ontmoeting"),
        titles=("Dorpswinkel {village}", "Buurtsuper {place}"),
        summaries=(
            "De dorpswinkel met een koffiehoek, gerund door inwoners die willen dat er een "
            "winkel in het dorp blijft.",
        ),
        tags=("boodschappen", "winkel", "koffiehoek", "pakketpunt", "bezorgen"),
        hours=(("Mo-Sa 08:00-18:00",),),
        paragraphs=(
            "Sinds de supermarkt vertrok, houden vrijwilligers deze winkel open. Je vindt er "
            "de dagelijkse boodschappen, brood van de bakker en producten uit de streek.",
            "In de koffiehoek kun je even zitten. Boodschappen bezorgen we gratis bij wie niet "
            "zelf kan komen.",
        ),
        offers=("dagelijkse boodschappen", "pakketpunt", "koffiehoek", "bezorging aan huis"),
        volunteers=0.7,
        weight=1,
    ),
    OrgKind(
        key="vrijwilligerscentrale",
        categories=("werk-en-vrijwilligerswerk",),
        titles=("Vrijwilligerscentrale {municipality}", "Vrijwilligerspunt {village}"),
        titles_be=("Vrijwilligerspunt {municipality}",),
        summaries=(
            "Vacatures voor vrijwilligerswerk en advies voor wie iets wil doen voor een ander.",
        ),
        tags=("vrijwilligerswerk", "vrijwilliger", "vacatures", "meedoen", "maatschappelijke "
              "stage"),
        hours=(("Tu,Th 09:30-12:30",),),
        paragraphs=(
            "Wil je iets doen voor een ander, maar weet je niet wat? In een gesprek kijken we "
            "wat bij je past: een vaste taak of af en toe een klus.",
            "Organisaties kunnen hun vacatures gratis bij ons plaatsen. We helpen ook met "
            "het werven en begeleiden van vrijwilligers.",
        ),
        offers=("vacaturebank", "matchgesprek", "trainingen voor vrijwilligers",
                "maatschappelijke diensttijd"),
        events=(
            _idea("Vrijwilligersmarkt", "once", "13:00", 180, "gratis",
                  "Maak kennis met tientallen organisaties die vrijwilligers zoeken.",
                  ("Bij elke kraam kun je meteen een kennismakingsgesprek afspreken.",),
                  "vrijwilligerswerk|markt|meedoen"),
        ),
        weight=1,
    ),
    OrgKind(
        key="dorpsraad",
        categories=("wonen-en-buurt",),
        titles=("Dorpsraad {village}", "Vereniging Dorpsbelangen {village}",
                "Oranjevereniging {village}", "Buurtvereniging {place}"),
        titles_be=("Dorpsraad {village}", "Buurtcomité {place}", "Feestcomité {village}"),
        summaries=(
            "Inwoners die opkomen voor een leefbaar dorp en het contact met de gemeente "
            "onderhouden.",
        ),
        tags=("dorpsraad", "leefbaarheid", "buurt", "meedenken", "verkeer", "groen",
              "feest"),
        hours=(),
        paragraphs=(
            "De dorpsraad bestaat uit vrijwilligers die zich inzetten voor een fijn {village}. "
            "We praten mee over verkeer, groen, woningbouw en voorzieningen.",
            "Heb je een idee of zorg over je buurt? Mail ons; we nemen het mee naar ons "
            "overleg met de gemeente.",
            "Ook organiseren we elk jaar de dorpsfeesten, de intocht van Sinterklaas en een "
            "opschoondag.",
        ),
        offers=("overleg met de gemeente", "dorpsfeesten", "opschoondag", "buurtbudget"),
        events=(
            _idea("Bewonersavond", "once", "19:30", 120, "gratis",
                  "Praat mee over de toekomst van het dorp.",
                  ("Op de agenda staan verkeer rond de school en nieuwe woningen.",),
                  "meedenken|leefbaarheid|buurt"),
            _idea("Lichtjesavond", "allday|once", "17:00", 180, "gratis",
                  "Het dorp in het licht: lampionnen, muziek en een kerstboom op het plein.",
                  ("Kinderen mogen hun eigen lampion meenemen.",),
                  "kerst|lichtjes|gezellig"),
            _idea("Winterfeest", "multiday", "12:00", 0, "gratis",
                  "Schaatsbaan, kraampjes en muziek op het dorpsplein.",
                  ("Schaatsen te huur bij de ingang.",),
                  "winter|feest|schaatsen"),
        ),
        volunteers=0.4,
        weight=2,
    ),
    OrgKind(
        key="buurtpreventie",
        categories=("wonen-en-buurt",),
        titles=("Buurtpreventie {village}", "Buurtwacht {place}"),
        titles_be=("Buurtinformatienetwerk {village}",),
        summaries=("Bewoners die samen letten op een veilige en schone buurt.",),
        tags=("veiligheid", "buurtpreventie", "inbraak", "WhatsApp-groep", "buurt"),
        hours=(),
        paragraphs=(
            "Onze vrijwilligers lopen 's avonds in tweetallen door de wijk. Ze letten op open "
            "ramen, kapotte lantaarns en verdachte situaties, en melden die bij gemeente of "
            "politie.",
            "Doe mee met de buurt-appgroep. Houd je wel aan de spelregels: eerst 112 bellen, "
            "dan pas appen.",
        ),
        offers=("avondrondes", "buurt-appgroep", "tips tegen inbraak"),
        volunteers=0.6,
        weight=1,
    ),
    OrgKind(
        key="energie",
        categories=("wonen-en-buurt",),
        titles=("Energiecoöperatie {village}", "Energieloket {municipality}"),
        titles_be=("Energiehuis {municipality}", "Energiecoöperatie {village}"),
        summaries=("Advies over energie besparen en samen duurzame energie opwekken.",),
        tags=("energie", "isoleren", "zonnepanelen", "energiecoach", "energierekening",
              "duurzaam"),
        hours=(("Mo 19:00-21:00",),),
        paragraphs=(
            "Een energiecoach komt gratis bij je thuis en geeft tips om je energierekening te "
            "verlagen, van radiatorfolie tot tochtstrips.",
            "Met leden uit het dorp hebben we zonnepanelen op het dak van de sporthal gelegd. "
            "Je kunt voor een klein bedrag mee-investeren.",
        ),
        offers=("gratis energiecoach", "informatie over isoleren", "samen zonnepanelen"),
        events=(
            _idea("Energiecafé", "monthly|once", "19:30", 90, "gratis",
                  "Vragen over isolatie, warmtepompen of subsidie? Onze coaches helpen je.",
                  ("Neem een recente energierekening mee.",),
                  "energie|isoleren|duurzaam"),
        ),
        volunteers=0.3,
        weight=1,
    ),
    OrgKind(
        key="wonen",
        categories=("wonen-en-buurt",),
        titles=("Woningstichting {place}", "Woonstichting {region}"),
        titles_be=("Sociale huisvestingsmaatschappij {region}", "Woonmaatschappij {region}"),
        summaries=("Betaalbare huurwoningen en een huismeester in de buurt.",),
        tags=("huren", "woning", "huurwoning", "reparatie melden", "huismeester"),
        hours=(("Mo-Fr 09:00-16:00",),),
        paragraphs=(
            "Onze huismeester houdt spreekuur in het dorp. Een reparatie melden kan ook "
            "online of telefonisch.",
            "Inschrijven voor een huurwoning doe je via de website. Daar staat ook hoe lang "
            "de wachttijd ongeveer is.",
        ),
        offers=("huurwoningen", "reparatieverzoeken", "spreekuur huismeester"),
        weight=1,
    ),
    OrgKind(
        key="vervoer",
        categories=("zorg-en-welzijn", "wonen-en-buurt"),
        titles=("Buurtbus {village}", "AutoMaatje {municipality}"),
        titles_be=("Minder Mobielen Centrale {municipality}",),
        summaries=("Vrijwillige chauffeurs brengen je naar de dokter, de markt of op bezoek.",),
        tags=("vervoer", "chauffeur", "ziekenhuis", "rijden", "boodschappen", "ouderen"),
        hours=(("Mo-Fr 09:00-12:00",),),
        paragraphs=(
            "Kun je niet meer zelf rijden en is de bus te ver? Bel ons minstens twee dagen "
            "van tevoren, dan rijdt een vrijwilliger je in zijn eigen auto.",
            "Je betaalt een kleine kilometervergoeding aan de chauffeur.",
        ),
        offers=("ritten naar dokter en ziekenhuis", "boodschappenritten", "bezoek aan "
                "familie"),
        volunteers=0.8,
        weight=1,
    ),
)

# --- events any village may have, whatever organisations it has ---------------------------

GENERIC_EVENTS: tuple[EventIdea, ...] = (
    _idea("Koffie-inloop", "weekly|once", "10:00", 90, "gratis",
          "Even binnenlopen voor koffie en een praatje.",
          ("Iedereen is welkom, ook als je nieuw bent in het dorp.",),
          "koffie|ontmoeting"),
    _idea("Kerstmarkt", "multiday|allday", "11:00", 0, "gratis",
          "Kramen, lichtjes, muziek en glühwein in het hart van het dorp.",
          ("De opbrengst van de loterij gaat naar de voedselbank.",),
          "kerst|markt"),
    _idea("Oliebollenactie", "allday", "09:00", 0, "€ 7,50",
          "Verse oliebollen en appelflappen, gebakken door vrijwilligers.",
          ("Bestel vooraf, dan liggen ze voor je klaar.",),
          "oliebollen|oud en nieuw", True),
    _idea("Rommelmarkt", "allday|once", "09:00", 300, "gratis",
          "Struinen tussen tweedehands spullen in de sporthal.",
          ("Zelf een kraam? Aanmelden via de website.",),
          "rommelmarkt|tweedehands"),
    _idea("Spelletjesmiddag", "monthly", "14:00", 150, "gratis",
          "Rummikub, sjoelen en Triominos met dorpsgenoten.",
          ("Thee en koffie gratis.",),
          "spelletjes|ontmoeting"),
    _idea("Natuurwandeling met gids", "once", "10:00", 120, "€ 2,50",
          "Een gids vertelt over vogels, bomen en het landschap rond het dorp.",
          ("Stevige schoenen aanbevolen.",),
          "natuur|wandelen", True),
)

# --- stories ------------------------------------------------------------------------------

STORY_TITLES: tuple[str, ...] = (
    "In gesprek met {first} van {org}",
    "{first} zet zich al {years} jaar in voor {org}",
    "Achter de schermen bij {org}",
    "'Je doet het voor elkaar': {first} over {org}",
    "Een ochtend meedraaien bij {org}",
    "Zo helpt {org} inwoners van {village}",
    "{first}: 'Hier komt niemand alleen binnen'",
)

STORY_SUMMARIES: tuple[str, ...] = (
    "{first} vertelt over het werk bij {org} en waarom het dorp dit nodig heeft.",
    "Hoe een kleine groep vrijwilligers in {village} het verschil maakt.",
    "Buurtverbinder {author} ging op bezoek en stelde de vragen die je zelf ook had.",
    "Over koffie, doorzetten en elkaar vinden in {village}.",
)

STORY_INTROS: tuple[str, ...] = (
    "Het is {day}ochtend en bij {org} is het al druk. {first} schenkt koffie in en maakt "
    "tijd voor een gesprek.",
    "Wie in {village} woont, kent {first} waarschijnlijk wel. Sinds {year} is {first} het "
    "gezicht van {org}. We spraken elkaar op een gure middag.",
    "Voor deze aflevering van onze reeks over mensen die {village} draaiende houden, zocht ik "
    "{first} op bij {org}.",
)

#: Interview questions in order, each with possible answers.
STORY_QA: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Hoe ben je hier terechtgekomen?", (
        "Toen ik met pensioen ging, wilde ik iets zinnigs doen. Een buurvrouw zei: kom eens "
        "kijken bij {org}. Dat was in {year}, en ik ben nooit meer weggegaan.",
        "Eigenlijk via mijn kinderen. Die zaten hier, en voor je het weet sta je zelf achter "
        "de bar of in het bestuur.",
        "Ik kwam zelf ooit om hulp vragen. Nu geef ik iets terug; zo is de cirkel rond.",
    )),
    ("Wat doen jullie precies?", (
        "Kort gezegd: we zijn er voor iedereen in {village} die even een steuntje nodig "
        "heeft. Dat kan praktisch zijn, maar vaak is een luisterend oor al genoeg.",
        "We hebben een vaste kern van vrijwilligers en elke week een paar vaste momenten. "
        "Daarnaast springen we in waar het nodig is.",
        "Dat verschilt per week. De ene keer gaat het om een kapotte wasmachine, de andere "
        "keer om iemand die al weken niemand heeft gesproken.",
    )),
    ("Wat is het mooiste moment tot nu toe?", (
        "Een meneer die na maanden binnen zitten weer bij ons aan tafel zat, en later zelf "
        "vrijwilliger werd. Daar doe je het voor.",
        "Vorig jaar kregen we onverwacht hulp van de hele straat toen het dak lekte. Iedereen "
        "kwam helpen, binnen een dag was het gemaakt.",
        "Als kinderen die hier vroeger kwamen, nu zelf met hun kinderen terugkomen.",
    )),
    ("Waar lopen jullie tegenaan?", (
        "Vrijwilligers vinden is lastig. Mensen willen best helpen, maar liever niet elke week "
        "op een vaste tijd. Daar passen we ons op aan.",
        "Geld, natuurlijk. De huur gaat omhoog en de subsidie niet. Gelukkig hebben we trouwe "
        "donateurs.",
        "Dat mensen ons niet kennen. Daarom ben ik blij met dit portaal: wie zoekt, vindt ons "
        "nu ook.",
    )),
    ("Wie kan er bij jullie terecht?", (
        "Echt iedereen. Jong, oud, nieuw in het dorp of hier geboren.",
        "Iedereen uit {village} en omgeving. Je hoeft geen lid te zijn en je hoeft niets mee "
        "te nemen, alleen jezelf.",
    )),
    ("Werken jullie samen met anderen in het dorp?", (
        "Zeker. Met {other_org} hebben we korte lijntjes. Als iemand bij ons komt met een "
        "vraag die we niet kunnen beantwoorden, lopen we samen even naar hen toe.",
        "We delen de ruimte en de koffiepot met {other_org}. Dat scheelt kosten en je leert "
        "elkaar kennen.",
    )),
    ("Wat zou je inwoners willen meegeven?", (
        "Kom gewoon eens binnen. De drempel lijkt hoger dan hij is.",
        "Kijk eens om je heen. Misschien woont er naast je iemand die al dagen niemand heeft "
        "gesproken.",
        "Vraag om hulp als je die nodig hebt. Daar is niks mis mee, dat doen we allemaal wel "
        "eens.",
    )),
    ("Zoeken jullie nog mensen?", (
        "Altijd! Vooral op {day} kunnen we extra handen gebruiken. Bel gerust {phone}.",
        "Jazeker. Je hoeft niets speciaals te kunnen: als je van mensen houdt, ben je welkom.",
    )),
)

STORY_CLOSINGS: tuple[str, ...] = (
    "Meer weten over {org}? Kijk op [de website]({website}) of loop eens binnen aan de "
    "{street}.",
    "*{org} is te vinden aan de {street} in {village}. Bellen kan ook: {phone}.*",
    "Ken jij iemand die een verhaal verdient? Laat het de buurtverbinders weten.",
)

STORY_TAGS: tuple[str, ...] = (
    "vrijwilligers", "interview", "ontmoeting", "buurt", "zorg", "jeugd", "ouderen",
    "meedoen", "portret",
)

# --- plain pages --------------------------------------------------------------------------

PAGE_OVER = (
    "{portal} is het portaal van en voor {village}. Hier vind je de sociale kaart met "
    "organisaties, clubs en hulp in het dorp, de agenda en verhalen over de mensen die "
    "{village} samen maken.\n\n"
    "## Wie maken dit portaal?\n\n"
    "De inhoud wordt bijgehouden door de organisaties zelf en door onze buurtverbinders: "
    "inwoners die in het dorp rondkijken, luisteren en verhalen opschrijven. Het portaal is "
    "een initiatief van de gemeente {municipality}.\n\n"
    "## Staat jouw club of organisatie er niet bij?\n\n"
    "Stuur ons een bericht via [{email}](mailto:{email}). Je krijgt dan een eigen account "
    "waarmee je je gegevens en activiteiten zelf bijwerkt.\n"
)

PAGE_CONTACT = (
    "Heb je een vraag, een tip of zie je iets dat niet klopt? Laat het ons weten.\n\n"
    "- E-mail: [{email}](mailto:{email})\n"
    "- Telefoon: {phone} (op werkdagen van 9.00 tot 12.00 uur)\n\n"
    "## Buurtverbinders\n\n"
    "De buurtverbinders van {village} zijn {connectors}. Je kunt hen ook gewoon aanspreken "
    "als je ze in het dorp ziet.\n\n"
    "## Gegevens van een organisatie wijzigen\n\n"
    "Organisaties passen hun eigen gegevens aan via hun account. Lukt dat niet, mail dan "
    "naar het adres hierboven.\n"
)

PAGE_PRIVACY = (
    "We gaan zorgvuldig om met je gegevens. Dit portaal houdt zo weinig mogelijk bij.\n\n"
    "## Wat we niet doen\n\n"
    "- We plaatsen geen cookies en gebruiken geen trackers.\n"
    "- We laden geen lettertypen, kaarten of scripts van andere partijen, tenzij dat hieronder "
    "staat.\n"
    "- Je hebt geen account nodig om het portaal te gebruiken.\n\n"
    "## Wat we wel bewaren\n\n"
    "De gegevens van organisaties op de sociale kaart zijn openbaar en worden door de "
    "organisaties zelf aangeleverd. Namen in verhalen staan er alleen met toestemming van "
    "de geïnterviewde.\n\n"
    "Wil je dat iets over jou wordt aangepast of verwijderd? Mail naar "
    "[{email}](mailto:{email}). Verwerkingsverantwoordelijke is de gemeente {municipality}.\n"
)
