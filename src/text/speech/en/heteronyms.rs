//! Heteronyms whose reading the words around them settle: "lead poisoning" (the metal, said
//! "led"), "she read it yesterday" (the past, "red"), "a tear in the fabric" ("tare"), "wind
//! down" ("wined"), "please close the door" ("cloze"), "took a bow" ("bough"), "a row over
//! pay" ("rhow"), "minute traces" ("my-nute"), "dove into" ("dohv"), "wound up" ("wowned"),
//! "sea bass" ("bas"), "fresh produce" ("prodoose"), and "Polish the table" opening a sentence.
//!
//! espeak-ng (and Piper, which phonemizes with it) picks one reading per spelling, or guesses
//! from the word before: a fresh tester heard "leed poisoning", "I reed it yesterday", "a teer
//! in the fabric" (2026-12-07). Each rule here reads only where the neighbouring words leave
//! one reading (a metal's neighbours, a past-time word in the sentence, a verb's particle) and
//! writes the reading as a plain respelling every engine says the same way; where the words do
//! not decide, the engine's own choice stands. A second tester's 40 attempts to make the
//! rules misfire ("Did he read it?", "shed a tear", "in a row between the pillars") are rows
//! of `tests/data/speech_en.tsv` (behaviour `heteronyms`), and every reading they change in
//! the extraction dev set's 806 true texts was read and checked (README.md, stop 41).

use super::Word;

/// The word at `i` of `w`, lower-cased.
fn core_lower(w: &[Word], i: usize) -> Option<String> {
    w.get(i).map(|x| x.core.to_lowercase())
}

/// Whether the words at `a` and `a + 1` are adjacent in one phrase: no punctuation after `a`
/// and none before `a + 1`.
fn joined(w: &[Word], a: usize) -> bool {
    w.get(a).is_some_and(|x| x.trail.is_empty()) && w.get(a + 1).is_some_and(|x| x.lead.is_empty())
}

/// The next word after `i` in the same phrase, lower-cased.
fn next(w: &[Word], i: usize) -> Option<String> {
    joined(w, i).then(|| core_lower(w, i + 1)).flatten()
}

/// The word before `i` in the same phrase, lower-cased.
fn prev(w: &[Word], i: usize) -> Option<String> {
    (i > 0 && joined(w, i - 1))
        .then(|| core_lower(w, i - 1))
        .flatten()
}

fn is_in(word: Option<&String>, list: &[&str]) -> bool {
    word.is_some_and(|x| list.contains(&x.as_str()))
}

/// Nouns after "lead" that make it the metal: "lead poisoning", "lead pipes", "a lead
/// balloon". Not "content" or "service", which also follow the adjective ("lead content
/// designer").
const METAL_LEAD_NOUNS: &[&str] = &[
    "poisoning",
    "pipe",
    "pipes",
    "piping",
    "paint",
    "paints",
    "levels",
    "exposure",
    "contamination",
    "toxicity",
    "dust",
    "solder",
    "mine",
    "mines",
    "mining",
    "ore",
    "shot",
    "acid",
    "crystal",
    "sheet",
    "sheeting",
    "roof",
    "pencil",
    "pencils",
    "weights",
    "batteries",
    "battery",
    "smelter",
    "smelting",
    "bullets",
    "particles",
    "concentrations",
    "compounds",
    "balloon",
    "ammunition",
    "flashing",
];

/// Words joined to "lead" by a hyphen that make it the metal ("lead-free", "lead-based").
const METAL_LEAD_COMPOUNDS: &[&str] = &[
    "free",
    "based",
    "lined",
    "acid",
    "contaminated",
    "tainted",
    "glazed",
    "laden",
    "safe",
];

/// Measures and amounts before "of lead" ("traces of lead", "levels of lead").
const LEAD_AMOUNTS: &[&str] = &[
    "traces",
    "trace",
    "levels",
    "amounts",
    "amount",
    "concentrations",
    "concentration",
    "exposure",
    "sources",
    "grams",
    "tonnes",
    "tons",
    "kilograms",
    "micrograms",
    "ounces",
    "pounds",
    "sheets",
    "bars",
    "ingots",
    "made",
    "full",
];

/// Words before "with lead" or "for lead" that make it the metal ("contaminated with lead",
/// "tested for lead").
const LEAD_TESTS: &[&str] = &[
    "contaminated",
    "laced",
    "tainted",
    "poisoned",
    "painted",
    "lined",
    "tested",
    "test",
    "testing",
    "screened",
    "screening",
    "checked",
];

/// Metals and poisons "lead" is listed with ("mercury and lead", "lead, arsenic").
const METALS: &[&str] = &[
    "mercury",
    "arsenic",
    "cadmium",
    "zinc",
    "copper",
    "tin",
    "iron",
    "nickel",
    "chromium",
    "uranium",
    "asbestos",
    "silver",
    "aluminium",
    "aluminum",
];

/// Words before "lead" that make it the metal ("molten lead").
const LEAD_KINDS: &[&str] = &["molten", "tetraethyl", "leaded", "solid"];

/// Words before "lead" that make it the verb ("can you lead", "they lead"), whatever follows.
const LEAD_VERB_BEFORE: &[&str] = &[
    "to", "will", "would", "can", "could", "should", "must", "may", "might", "you", "they", "we",
    "i", "who", "help", "helps", "helped",
];

/// What "lead" may be found in as the metal ("lead in the water").
const LEAD_MEDIA: &[&str] = &[
    "water",
    "paint",
    "pipes",
    "soil",
    "dust",
    "blood",
    "air",
    "toys",
    "fuel",
    "petrol",
    "gasoline",
    "food",
    "spices",
    "pottery",
    "glaze",
    "makeup",
    "cosmetics",
];

fn is_metal_lead(w: &[Word], i: usize) -> bool {
    let n = next(w, i);
    let p = prev(w, i);
    // "exposure to lead".
    if p.as_deref() == Some("to") && i >= 2 && prev(w, i - 1).as_deref() == Some("exposure") {
        return true;
    }
    if is_in(p.as_ref(), LEAD_VERB_BEFORE) || p.as_deref().is_some_and(|p| p.ends_with("'s")) {
        // "can you lead exposure therapy", "Labour's lead levels out".
        return false;
    }
    if is_in(n.as_ref(), METAL_LEAD_NOUNS) {
        // "the lead levels off", "lead levels out": the verb "level" after a lead in a race.
        let levels_off = matches!(n.as_deref(), Some("levels"))
            && is_in(core_lower(w, i + 2).as_ref(), &["off", "out", "the"]);
        return !levels_off;
    }
    // "the lead content of the water", "lead in the drinking water".
    if n.as_deref() == Some("content") && core_lower(w, i + 2).as_deref() == Some("of") {
        return true;
    }
    if n.as_deref() == Some("in")
        && w[i + 1..]
            .iter()
            .skip(1)
            .take(3)
            .any(|x| LEAD_MEDIA.contains(&x.core.to_lowercase().as_str()))
    {
        return true;
    }
    if n.as_deref() == Some("service") && is_in(core_lower(w, i + 2).as_ref(), &["line", "lines"]) {
        return true;
    }
    if is_in(p.as_ref(), LEAD_KINDS) {
        return true;
    }
    if p.as_deref() == Some("of") && i >= 2 && is_in(prev(w, i - 1).as_ref(), LEAD_AMOUNTS) {
        return true;
    }
    if matches!(p.as_deref(), Some("with" | "for"))
        && i >= 2
        && is_in(prev(w, i - 1).as_ref(), LEAD_TESTS)
    {
        return true;
    }
    // In a list of metals: "mercury and lead", "arsenic, lead and cadmium", "lead or tin".
    let listed_before = (matches!(p.as_deref(), Some("and" | "or"))
        && i >= 2
        && is_in(core_lower(w, i - 2).as_ref(), METALS))
        || (i >= 1 && w[i - 1].trail == "," && is_in(core_lower(w, i - 1).as_ref(), METALS));
    let listed_after = (matches!(n.as_deref(), Some("and" | "or"))
        && is_in(core_lower(w, i + 2).as_ref(), METALS))
        || (w[i].trail == "," && is_in(core_lower(w, i + 1).as_ref(), METALS));
    listed_before || listed_after
}

/// Words that leave "read" in the present or the infinitive ("to read", "will read", "didn't
/// read", "go read"), or make it a noun ("the read timeout", "a good read").
const READ_PRESENT_BEFORE: &[&str] = &[
    "to", "will", "would", "can", "could", "should", "must", "may", "might", "do", "does", "did",
    "don't", "didn't", "doesn't", "shall", "please", "cannot", "can't", "won't", "let", "let's",
    "i'll", "you'll", "we'll", "they'll", "go", "come", "the", "a", "an", "this", "each", "every",
    "first", "good", "great", "quick", "easy",
];

/// Words before "read" that make it a habit or a relative clause, present even in a sentence
/// set in the past ("those who read", "we always read").
const READ_HABIT_BEFORE: &[&str] = &[
    "who",
    "that",
    "which",
    "and",
    "or",
    "always",
    "often",
    "usually",
    "never",
    "sometimes",
];

/// Subjects after which a bare "read" is the past: the present would be "reads" ("he read",
/// "the sign read").
const READ_PAST_SUBJECTS: &[&str] = &[
    "he",
    "she",
    "it",
    "sign",
    "note",
    "letter",
    "headline",
    "message",
    "caption",
    "label",
    "banner",
    "notice",
    "placard",
    "inscription",
    "statement",
    "tweet",
    "post",
    "card",
];

/// Nouns "read" modifies ("read permissions", "read access"; the run over the dev set's true
/// texts found "worker processes have read permissions" said "red").
const READ_MODIFIES: &[&str] = &[
    "permission",
    "permissions",
    "access",
    "rights",
    "mode",
    "receipt",
    "receipts",
    "rate",
    "rates",
    "timeout",
    "timeouts",
    "operation",
    "operations",
    "error",
    "errors",
    "request",
    "requests",
    "speed",
    "speeds",
    "head",
    "heads",
    "lock",
    "locks",
    "replica",
    "replicas",
    "path",
    "paths",
    "buffer",
    "buffers",
    "throughput",
    "latency",
    "performance",
    "cycle",
];

/// Auxiliaries after which "read" is the participle ("has been read", "is read by millions",
/// "had read").
const READ_PARTICIPLE_BEFORE: &[&str] = &[
    "been", "being", "was", "were", "is", "are", "be", "had", "has", "have", "having", "get",
    "got", "gets", "getting",
];

/// Words that put a sentence in the past ("yesterday", "two years ago").
const PAST_MARKERS: &[&str] = &["yesterday", "ago", "earlier", "previously"];

/// Periods after "last" that put a sentence in the past ("last year", "last Tuesday").
const LAST_PERIODS: &[&str] = &[
    "week",
    "month",
    "year",
    "night",
    "summer",
    "winter",
    "spring",
    "autumn",
    "fall",
    "weekend",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "term",
    "semester",
    "season",
    "christmas",
    "time",
];

fn is_past_read(w: &[Word], i: usize) -> bool {
    let Some(p) = prev(w, i) else {
        return false;
    };
    if READ_PRESENT_BEFORE.contains(&p.as_str()) || READ_HABIT_BEFORE.contains(&p.as_str()) {
        return false;
    }
    // "Did he read it?", "Will she read…", "asked that he read": the subject after an
    // auxiliary or "that" takes the bare verb.
    let after_auxiliary = i >= 2
        && core_lower(w, i - 2).is_some_and(|a| {
            READ_PRESENT_BEFORE.contains(&a.as_str())
                || a.ends_with("n't")
                || matches!(
                    a.as_str(),
                    "that" | "if" | "once" | "when" | "whenever" | "until"
                )
        });
    if after_auxiliary {
        return false;
    }
    // "have read permissions", "a read timeout": a noun after it makes "read" its modifier.
    if is_in(next(w, i).as_ref(), READ_MODIFIES) {
        return false;
    }
    if READ_PAST_SUBJECTS.contains(&p.as_str()) || READ_PARTICIPLE_BEFORE.contains(&p.as_str()) {
        return true;
    }
    // A habit: "I read the paper every morning, as I have since I retired years ago".
    if w.iter().any(|x| {
        matches!(
            x.core.to_lowercase().as_str(),
            "every" | "each" | "always" | "usually" | "often" | "daily" | "sometimes" | "never"
        )
    }) {
        return false;
    }
    // "I read the book last year", "The Lords read the bill yesterday": after other subjects
    // the present is read too, unless the sentence is set in the past.
    w.iter().enumerate().any(|(k, x)| {
        let c = x.core.to_lowercase();
        PAST_MARKERS.contains(&c.as_str())
            || (c == "last" && is_in(core_lower(w, k + 1).as_ref(), LAST_PERIODS))
    })
}

/// Particles after "tear" that make it the verb "rip" ("tear down", "tear apart"). Not "up":
/// "she began to tear up" is crying.
const TEAR_PARTICLES: &[&str] = &["down", "apart", "open", "off", "through", "into"];

/// What a tear in a thing is made in ("a tear in the fabric"); a tear in a voice is crying.
const TORN_THINGS: &[&str] = &[
    "fabric",
    "material",
    "canvas",
    "tent",
    "sail",
    "lining",
    "jacket",
    "trousers",
    "shirt",
    "dress",
    "sleeve",
    "seam",
    "paper",
    "page",
    "screen",
    "membrane",
    "ligament",
    "muscle",
    "muscles",
    "tendon",
    "cartilage",
    "meniscus",
    "retina",
    "skin",
    "wall",
    "hull",
    "roof",
    "fence",
    "net",
    "bag",
    "sack",
    "tyre",
    "tire",
    "hose",
    "balloon",
    "fuselage",
    "tarp",
    "flag",
    "curtain",
    "wallpaper",
    "plastic",
    "film",
    "mesh",
    "aorta",
    "artery",
    "cuff",
];

/// Words before a noun: "a tear down her cheek" is crying, "tear down the wall" the verb.
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "one", "single", "his", "her", "their", "my", "your", "its", "our",
    "another", "first", "last", "this", "that",
];

/// Body parts and kinds of injury before "tear" ("an ACL tear", "a meniscus tear").
const TEAR_INJURIES: &[&str] = &[
    "acl",
    "mcl",
    "pcl",
    "meniscus",
    "cuff",
    "hamstring",
    "muscle",
    "ligament",
    "tendon",
    "labral",
    "achilles",
    "calf",
    "groin",
    "retinal",
    "cartilage",
    "partial",
    "quad",
    "quadriceps",
    "adductor",
    "pectoral",
    "bicep",
    "biceps",
    "tricep",
    "triceps",
    "oblique",
    "abdominal",
];

fn is_rip_tear(w: &[Word], i: usize) -> bool {
    let n = next(w, i);
    let p = prev(w, i);
    if (is_in(n.as_ref(), TEAR_PARTICLES) && !is_in(p.as_ref(), DETERMINERS))
        || is_in(p.as_ref(), TEAR_INJURIES)
    {
        return true;
    }
    // "wear and tear".
    if p.as_deref() == Some("and") && i >= 2 && prev(w, i - 1).as_deref() == Some("wear") {
        return true;
    }
    // "a tear in the fabric", not "a tear in her eye" or "a tear in her voice".
    n.as_deref() == Some("in")
        && w[i + 1..]
            .iter()
            .skip(1)
            .take(3)
            .any(|x| TORN_THINGS.contains(&x.core.to_lowercase().as_str()))
}

/// Words before "wind" that make it a verb when a particle or an object follows ("to wind
/// down", "will wind up").
const VERB_BEFORE: &[&str] = &[
    "to", "will", "would", "could", "should", "can", "may", "might", "must", "began", "begin",
    "begins", "started", "start", "starts", "plans", "plan", "planned", "i'll", "we'll", "they'll",
    "it'll", "he'll", "she'll", "please", "and",
];

/// What follows the verb "wind" ("wind down", "wind the clock").
const WIND_OBJECTS: &[&str] = &[
    "down", "up", "back", "the", "it", "its", "their", "his", "her", "round", "around", "through",
];

fn is_verb_wind(w: &[Word], i: usize) -> bool {
    is_in(prev(w, i).as_ref(), VERB_BEFORE) && is_in(next(w, i).as_ref(), WIND_OBJECTS)
        || (i == 0 && is_in(next(w, i).as_ref(), &["down", "up", "back", "the"]))
}

/// Whether the word at `i` opens its sentence (the chunk's first word, or after a full stop).
fn opens_sentence(w: &[Word], i: usize) -> bool {
    i == 0 || w[i - 1].trail.ends_with(['.', '!', '?', ':'])
}

fn is_verb_or_end_close(w: &[Word], i: usize) -> bool {
    let n = next(w, i);
    let p = prev(w, i);
    if p.as_deref() == Some("please") {
        return true;
    }
    // "Close the door." opening a sentence; "Close to 200" is not a verb.
    if opens_sentence(w, i) && is_in(n.as_ref(), &["the", "your", "all", "it", "them", "this"]) {
        return true;
    }
    // The end of a day's trading: "the close of trading", "at the close."
    p.as_deref() == Some("the")
        && (n.as_deref() == Some("of")
            || (!w[i].trail.is_empty()
                && i >= 2
                && is_in(
                    core_lower(w, i - 2).as_ref(),
                    &["at", "by", "before", "after", "near", "until", "to"],
                )))
}

/// Words that make "row" a quarrel: "a row over pay", "the row between…", "a bitter row".
const ROW_AFTER: &[&str] = &["over", "between", "erupted", "erupts", "broke", "escalated"];
const ROW_BEFORE: &[&str] = &[
    "diplomatic",
    "political",
    "bitter",
    "furious",
    "public",
    "legal",
    "growing",
    "expenses",
    "funding",
    "pay",
    "blazing",
    "heated",
    "fresh",
    "ongoing",
    "family",
    "bullying",
    "racism",
    "sleaze",
];

/// Whether "row" at `i` is a quarrel: after a determiner and before "over", "between"…
/// ("a row over funding"; not "in a row between the pillars", "they row over the lake", "the
/// third row over by the window"), or after a word only quarrels take ("a bitter row").
fn is_quarrel(w: &[Word], i: usize) -> bool {
    let p = prev(w, i);
    if is_in(p.as_ref(), ROW_BEFORE) {
        return true;
    }
    is_in(next(w, i).as_ref(), ROW_AFTER)
        && is_in(p.as_ref(), &["a", "the", "this", "that", "latest", "new"])
        && !(p.as_deref() == Some("a") && i >= 2 && prev(w, i - 1).as_deref() == Some("in"))
}

/// Words after "minute" that make it "very small" ("minute traces").
const MINUTE_NOUNS: &[&str] = &[
    "amounts",
    "amount",
    "quantities",
    "quantity",
    "traces",
    "trace",
    "details",
    "detail",
    "differences",
    "difference",
    "particles",
    "fraction",
    "fractions",
    "changes",
    "variations",
    "doses",
    "organisms",
    "crystals",
    "fragments",
    "droplets",
    "fibres",
    "fibers",
    "cracks",
];

/// Words before a closing "minute" that make it "very small" ("the differences are minute").
const MINUTE_BEFORE: &[&str] = &[
    "are",
    "is",
    "was",
    "were",
    "so",
    "very",
    "too",
    "seem",
    "seems",
    "remain",
    "extremely",
    "relatively",
    "truly",
];

/// Words after "dove" that make it the past of "dive" ("dove into the pool").
const DOVE_AFTER: &[&str] = &[
    "into",
    "in",
    "off",
    "under",
    "through",
    "headfirst",
    "onto",
    "deep",
    "deeper",
    "for",
];

/// Words that make "wound" the past of "wind" ("wound up", "it wound its way").
const WOUND_AFTER: &[&str] = &["up", "down", "round", "around", "tightly", "its", "their"];
const WOUND_SUBJECTS: &[&str] = &["he", "she", "they", "it", "we", "i", "you", "road", "path"];

/// Fish called "bass" ("sea bass", "bass fishing").
const BASS_BEFORE: &[&str] = &[
    "sea",
    "striped",
    "largemouth",
    "smallmouth",
    "chilean",
    "rock",
    "spotted",
    "peacock",
];
const BASS_AFTER: &[&str] = &[
    "fishing",
    "fishermen",
    "fishery",
    "fillet",
    "fillets",
    "boat",
];

/// Words that make "produce" the noun ("fresh produce", "the produce aisle").
const PRODUCE_BEFORE: &[&str] = &[
    "fresh",
    "local",
    "organic",
    "farm",
    "seasonal",
    "agricultural",
    "dairy",
    "frozen",
    "british",
    "homegrown",
    "garden",
    "imported",
];
const PRODUCE_AFTER: &[&str] = &[
    "aisle",
    "section",
    "stand",
    "stands",
    "market",
    "markets",
    "prices",
    "department",
    "box",
    "boxes",
    "delivery",
    "industry",
    "growers",
];

/// The words [`heteronym`] reads (and "lead-" compounds).
const HETERONYMS: &[&str] = &[
    "lead",
    "read",
    "tear",
    "tears",
    "wind",
    "wind-down",
    "wind-up",
    "close",
    "bow",
    "row",
    "rows",
    "minute",
    "dove",
    "wound",
    "bass",
    "produce",
    "polish",
];

/// Reads the heteronym at `i` as its neighbours say (see the module's note), in one word.
pub(super) fn heteronym(w: &[Word], i: usize) -> Option<(String, usize)> {
    let word = w[i];
    // Every plain word of every chunk comes here: others leave before any allocation.
    let candidate = HETERONYMS.iter().any(|h| h.eq_ignore_ascii_case(word.core))
        || word
            .core
            .get(..5)
            .is_some_and(|p| p.eq_ignore_ascii_case("lead-"));
    if !candidate {
        return None;
    }
    let lower = word.core.to_lowercase();
    let upper = word.core.starts_with(char::is_uppercase);
    let say = |s: &str| {
        let s = if upper {
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        } else {
            s.to_string()
        };
        Some((format!("{}{s}{}", word.lead, word.trail), 1))
    };
    match lower.as_str() {
        "lead" if is_metal_lead(w, i) => say("led"),
        "read" if is_past_read(w, i) => say("red"),
        "tear" if is_rip_tear(w, i) => say("tare"),
        "tears"
            if is_in(next(w, i).as_ref(), TEAR_PARTICLES)
                && !is_in(prev(w, i).as_ref(), DETERMINERS) =>
        {
            say("tares")
        }
        "wind" if is_verb_wind(w, i) => say("wined"),
        "wind-down" | "wind-up" => say(&lower.replacen("wind", "wined", 1)),
        _ if lower
            .strip_prefix("lead-")
            .is_some_and(|rest| METAL_LEAD_COMPOUNDS.contains(&rest)) =>
        {
            say(&lower.replacen("lead", "led", 1))
        }
        "close" if is_verb_or_end_close(w, i) => say("cloze"),
        "bow"
            if (next(w, i)
                .as_deref()
                .is_some_and(|n| n == "to" || n == "out")
                && !is_in(prev(w, i).as_ref(), DETERMINERS))
                || (prev(w, i).as_deref() == Some("a")
                    && !(next(w, i).as_deref() == Some("and")
                        && is_in(core_lower(w, i + 2).as_ref(), &["arrow", "arrows"]))
                    && i >= 2
                    && is_in(
                        prev(w, i - 1).as_ref(),
                        &["take", "took", "taking", "takes", "taken"],
                    )) =>
        {
            say("bough")
        }
        "row" | "rows" if is_quarrel(w, i) => say(if lower == "row" { "rhow" } else { "rhows" }),
        "minute"
            if (is_in(next(w, i).as_ref(), MINUTE_NOUNS)
                && !is_in(
                    prev(w, i).as_ref(),
                    &[
                        "last", "final", "every", "each", "this", "that", "one", "per", "a",
                    ],
                ))
                || (is_in(prev(w, i).as_ref(), MINUTE_BEFORE) && !word.trail.is_empty()) =>
        {
            say("my-nute")
        }
        "dove"
            if is_in(next(w, i).as_ref(), DOVE_AFTER)
                && !is_in(
                    prev(w, i).as_ref(),
                    &["a", "the", "white", "peace", "mourning", "turtle", "rock"],
                ) =>
        {
            say("dohv")
        }
        "wound"
            if !is_in(prev(w, i).as_ref(), DETERMINERS)
                && !is_in(next(w, i).as_ref(), &["me", "him", "us", "them", "you"])
                && (is_in(next(w, i).as_ref(), WOUND_AFTER)
                    || is_in(prev(w, i).as_ref(), WOUND_SUBJECTS)) =>
        {
            say("wowned")
        }
        "bass"
            if is_in(prev(w, i).as_ref(), BASS_BEFORE)
                || is_in(next(w, i).as_ref(), BASS_AFTER) =>
        {
            say("bas")
        }
        "produce"
            if is_in(prev(w, i).as_ref(), PRODUCE_BEFORE)
                || (prev(w, i).as_deref() == Some("the")
                    && is_in(next(w, i).as_ref(), PRODUCE_AFTER)) =>
        {
            say("prodoose")
        }
        "polish"
            if word.core == "Polish"
                && opens_sentence(w, i)
                && is_in(
                    next(w, i).as_ref(),
                    &["the", "your", "it", "them", "off", "a", "each", "any"],
                ) =>
        {
            Some((format!("{}polish{}", word.lead, word.trail), 1))
        }
        _ => None,
    }
}
