//! Kinds of real-page failure found on the extraction dev set, each shown by a small page
//! written for this test (no dev-set text): aloud reads the article, leaves out furniture, and
//! says so — loudly — when it could read only a fragment.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use serde_json::Value;

/// Writes `html` to `<dir>/<name>.html`.
fn page(dir: &Path, name: &str, html: &str) -> PathBuf {
    let p = dir.join(format!("{name}.html"));
    std::fs::write(&p, html).unwrap();
    p
}

/// `aloud script --json PAGE [extra]`: (plan, stderr). Panics unless it exits 0.
fn script(page: &Path, extra: &[&str]) -> (Value, String) {
    let out = aloud()
        .arg("script")
        .arg("--json")
        .args(extra)
        .arg(page)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{}: {stderr}", page.display());
    (serde_json::from_slice(&out.stdout).unwrap(), stderr)
}

fn paragraphs(plan: &Value) -> Vec<String> {
    plan["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap().to_string())
        .collect()
}

fn spoken(plan: &Value) -> String {
    plan["chunks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["spoken"].as_str().unwrap())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A paragraph of ordinary prose, `n` sentences long, about `topic`.
fn prose(topic: &str, n: usize) -> String {
    (1..=n)
        .map(|i| {
            format!(
                "The {topic} report noted change number {i} in the harbour district, where \
                 the council had argued for months about the cost of the new sea wall."
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A navigation bar of `n` links: visible words that are not the article.
fn nav(n: usize) -> String {
    let links: String = (0..n)
        .map(|i| format!(r#"<li><a href="/section/{i}">Section number {i} of the site</a></li>"#))
        .collect();
    format!("<nav><ul>{links}</ul></nav>")
}

#[test]
fn article_text_only_in_json_ld_is_read() {
    // A JavaScript app shell: the visible page is a menu, the story is in the JSON-LD.
    let dir = tempfile::tempdir().unwrap();
    let body = format!("{}\\n{}", prose("tide", 4), prose("storm", 4));
    let p = page(
        dir.path(),
        "app-shell",
        &format!(
            r#"<html><head><title>Storm season — Coast News</title>
            <script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",
            "headline":"Storm season","articleBody":"{body}"}}</script></head>
            <body><div id="root"><a href="/">Home</a> <a href="/news">News</a></div>
            <script>window.app.start()</script></body></html>"#
        ),
    );
    // rs-trafilatura reads articleBody itself; our own reader of it gives the same text.
    let (plan, stderr) = script(&p, &[]);
    let paras = paragraphs(&plan);
    assert_eq!(paras.len(), 2, "{paras:?}");
    assert!(paras[1].contains("storm report"), "{paras:?}");
    assert!(!paras.iter().any(|p| p.contains("Home")), "{paras:?}");
    assert!(!stderr.contains("warning"), "{stderr}");
    let (own, _) = script(&p, &["--extractor", "structured-data"]);
    assert_eq!(own["extraction"]["strategy"], "structured-data");
    assert_eq!(paragraphs(&own), paras);
}

#[test]
fn text_split_across_sibling_containers_is_all_read() {
    let dir = tempfile::tempdir().unwrap();
    let sections: String = ["first", "second", "third", "fourth"]
        .iter()
        .map(|s| {
            format!(
                r#"<div class="rich-text-block"><p>{}</p></div>"#,
                prose(s, 3)
            )
        })
        .collect();
    let p = page(
        dir.path(),
        "siblings",
        &format!(
            "<html><head><title>Sea wall</title></head><body>{}<main><h1>The sea wall</h1>\
             {sections}</main><footer>© Coast News</footer></body></html>",
            nav(10)
        ),
    );
    let (plan, _) = script(&p, &[]);
    let text = paragraphs(&plan).join("\n");
    for s in ["first", "second", "third", "fourth"] {
        assert!(
            text.contains(&format!("The {s} report")),
            "{s} missing: {text}"
        );
    }
    assert!(!text.contains("Section number"), "navigation read: {text}");
}

#[test]
fn a_long_comment_thread_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let comments: String = (0..80)
        .map(|i| {
            format!(
                r#"<div class="comment" id="c{i}"><span class="author">reader{i}</span>
                <p>Comment {i}: I disagree with the council, the old wall was fine and the
                money should have gone to the school instead of this project.</p></div>"#
            )
        })
        .collect();
    let p = page(
        dir.path(),
        "comments",
        &format!(
            r#"<html><head><title>Wall vote</title></head><body><article><h1>Wall vote</h1>
            <p>{}</p><p>{}</p></article><section id="comments"><h2>40 comments</h2>{comments}
            </section></body></html>"#,
            prose("vote", 5),
            prose("budget", 5)
        ),
    );
    let (plan, _) = script(&p, &[]);
    let text = paragraphs(&plan).join("\n");
    assert!(text.contains("The budget report"), "{text}");
    assert!(!text.contains("I disagree"), "comments read: {text}");
}

/// Sites name the article's own wrapper after the kind of page (`newsletter-post`,
/// `promo-content`): a wrapper marked with such a word that holds running prose is the
/// article and is read, in blocks; a signup box marked the same way is still left out.
#[test]
fn an_article_whose_wrapper_is_named_like_clutter_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "newsletter",
        &format!(
            r#"<html><head><title>Sea wall letter</title></head><body>
            <div class="newsletter-signup"><p>Join 9,000 readers and get this letter by
            e-mail every week.</p><button>Subscribe</button></div>
            <main><div class="typography newsletter-post post"><h1>Sea wall letter</h1>
            <p>{}</p><h2>The budget</h2><p>{}</p></div></main></body></html>"#,
            prose("vote", 4),
            prose("budget", 4)
        ),
    );
    for extractor in ["page", "trafilatura"] {
        let (plan, _) = script(&p, &["--extractor", extractor]);
        let text = paragraphs(&plan);
        assert!(
            text.iter().any(|t| t.starts_with("The vote report")),
            "{extractor}: {text:?}"
        );
        assert!(
            text.iter().any(|t| t == "The budget"),
            "{extractor}: heading kept: {text:?}"
        );
        assert!(
            !text.iter().any(|t| t.contains("Join 9,000")),
            "{extractor}: signup read: {text:?}"
        );
    }
}

/// A club's newsletter issue written as `<br>`-separated lines inside `<div class="newsletter">`
/// (no paragraphs to count as prose): it is the page, read whole and counted as visible, while
/// a signup box of the same name beside a story is still left out.
#[test]
fn a_newsletter_page_written_in_lines_is_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "club",
        r#"<html><head><title>Rowing club: March</title></head><body>
        <nav><a href="/">Home</a> <a href="/join">Join</a></nav>
        <div class="newsletter"><h2>March news</h2>
        Dear members,<br>Spring is here and the river is open again after the floods.<br>
        The boathouse roof was mended in February by twelve volunteers.<br><br>
        <b>Dates for your diary</b><br>Saturday 4 April: spring regatta, first race at nine.<br>
        Sunday 12 April: a taster morning for new rowers.<br>
        Friday 24 April: the annual meeting in the clubhouse.<br><br>
        <b>Coaching</b><br>Our head coach will run early sessions on Tuesdays and Thursdays.<br>
        Sign the sheet on the noticeboard if you want a seat in the eight.<br><br>
        See you on the water,<br>The committee</div>
        <footer>© Rowing club</footer></body></html>"#,
    );
    for extra in [&[][..], &["--extractor", "page"][..]] {
        let (plan, stderr) = script(&p, extra);
        let text = paragraphs(&plan).join(" | ");
        for line in [
            "Dates for your diary",
            "Coaching",
            "the floods",
            "The committee",
        ] {
            assert!(text.contains(line), "{extra:?}: {line:?} not read: {text}");
        }
        assert!(!stderr.contains("warning"), "{extra:?}: {stderr}");
        let visible = plan["extraction"]["words_visible"].as_u64().unwrap();
        assert!(
            visible >= 80,
            "{extra:?}: the issue counted as visible: {visible}"
        );
    }
    let story = page(
        dir.path(),
        "story",
        &format!(
            r#"<html><head><title>Sea wall</title></head><body><article><h1>Sea wall</h1>
            <p>{}</p></article><div class="newsletter"><p>Get the harbour letter every
            week: news, tide tables and the council's votes, straight to your inbox.</p>
            <input type="email"><button>Sign up</button></div></body></html>"#,
            prose("vote", 5)
        ),
    );
    let (plan, _) = script(&story, &["--extractor", "page"]);
    let text = paragraphs(&plan).join(" | ");
    assert!(!text.contains("harbour letter"), "signup read: {text}");
    // A pitch longer than the short story beside it, with no form, is still a pitch.
    let pitch = page(
        dir.path(),
        "pitch",
        r#"<html><head><title>Storm</title></head><body><main><article><h1>Storm</h1>
        <p>A storm made landfall on Tuesday night and cut power to thousands of homes.</p>
        <p>Schools will stay closed on Wednesday, officials said.</p></article>
        <div class="newsletter"><h2>Get the Morning Briefing</h2><p>Start every day with the
        stories that matter: our editors pick the most important news, analysis and opinion
        and send it to your inbox before breakfast, every weekday.</p><p>Join two million
        readers who trust the Morning Briefing. It is free, it takes five minutes, and you can
        unsubscribe at any time with a single click; we never sell your data to anyone.</p>
        <p>Subscribers also get the weekend long reads, early invitations to our live events
        and the members' podcast, all included at no cost.</p></div></main></body></html>"#,
    );
    for extra in [&[][..], &["--extractor", "page"][..]] {
        let (plan, _) = script(&pitch, extra);
        let text = paragraphs(&plan).join(" | ");
        assert!(
            text.contains("Schools will stay closed"),
            "{extra:?}: {text}"
        );
        assert!(
            !text.contains("Morning Briefing"),
            "{extra:?}: pitch read: {text}"
        );
    }
}

/// A thread whose posts are list items holding the member's column, the post and its buttons
/// (vBulletin 4 with its schema.org microdata): each post is read after its author and date,
/// without the column's figures or the buttons, and a first post whose question is the
/// thread's title keeps it.
#[test]
fn a_thread_of_list_item_posts_is_read_post_by_post() {
    let dir = tempfile::tempdir().unwrap();
    let post = |n: u32, who: &str, body: &str| {
        format!(
            r#"<li class="postbit postcontainer" id="post_{n}" itemscope itemtype="http://schema.org/Comment">
            <div class="posthead"><span class="postdate" itemprop="datePublished"><span class="date">
            03-0{n}-2026,&nbsp;<span class="time">07:4{n} PM</span></span></span>
            <a class="postcounter" href="\#post{n}">#{n}</a></div>
            <div class="userinfo"><a class="username"><strong itemprop="author">{who}</strong></a>
            <span class="usertitle">Senior Member</span><dl class="userstats"><dt>Join Date</dt>
            <dd>Jan 2010</dd><dt>Posts</dt><dd>1,234</dd></dl></div>
            <div class="postbody"><h2 class="posttitle">Which wood for a smoker?</h2>
            <div class="content"><blockquote class="postcontent"><span itemprop="text">{body}</span>
            </blockquote></div></div><div class="postfoot"><a class="newreply">Reply With Quote</a>
            <span class="thumbs">0</span></div></li>"#
        )
    };
    let p = page(
        dir.path(),
        "thread",
        &format!(
            r#"<html><head><title>Which wood for a smoker? - Pit Forum</title></head><body>
            <div class="navbar"><a href="/">Forum</a> <a href="/search">Search</a></div>
            <h1>Thread: Which wood for a smoker?</h1><ol id="posts" class="posts">{}{}{}</ol>
            <div class="footer"><a href="/contact">Contact Us</a></div></body></html>"#,
            post(1, "smokey_joe", "Hello all<br><br>Which wood for a smoker?<br><br>Oak seems popular but hickory is easier to find where I live."),
            post(2, "pitmaster", "Oak is the classic choice for brisket. Hickory works too, but go easy on it because it turns bitter over twelve hours."),
            post(3, "bbq_dan", "I mix oak with a little cherry for colour. Keep the fire small and clean."),
        ),
    );
    let (plan, _) = script(&p, &[]);
    let text = paragraphs(&plan);
    let at = |line: &str| text.iter().position(|t| t.starts_with(line));
    let (Some(joe), Some(question), Some(pit), Some(dan)) = (
        at("smokey_joe, 03-01-2026"),
        at("Which wood for a smoker?"),
        at("pitmaster, 03-02-2026"),
        at("bbq_dan, 03-03-2026"),
    ) else {
        panic!("posts' headers and the first post's question: {text:?}");
    };
    assert!(joe < question && question < pit && pit < dan, "{text:?}");
    let all = text.join(" | ");
    for furniture in [
        "Join Date",
        "Posts 1,234",
        "Reply With Quote",
        "Senior Member",
        "#2",
    ] {
        assert!(!all.contains(furniture), "{furniture:?} read: {all}");
    }
    assert!(
        spoken(&plan).contains("March second, twenty twenty-six"),
        "{}",
        spoken(&plan)
    );
    // vBulletin's "Thread: …" heading: the thread's name is the title, said once.
    assert_eq!(plan["title"], "Which wood for a smoker?");
    assert!(!all.contains("Thread:"), "{all}");
    // Without the microdata, the page's own reading still leaves the member's figures and
    // the buttons out, and keeps the member's name.
    let html = std::fs::read_to_string(&p).unwrap();
    let plain = page(
        dir.path(),
        "plain",
        &html.replace(r#" itemscope itemtype="http://schema.org/Comment""#, ""),
    );
    let (plan, _) = script(&plain, &["--extractor", "page"]);
    let all = paragraphs(&plan).join(" | ");
    assert!(all.contains("pitmaster"), "{all}");
    for furniture in ["Join Date", "Posts 1,234", "Reply With Quote"] {
        assert!(!all.contains(furniture), "{furniture:?} read: {all}");
    }
}

/// A list of links the article announces in a sentence ending in a colon is its reading list
/// and is read; one announced as other stories ("you might also like:") and a table of
/// contents (links to the page's own parts) are not.
#[test]
fn a_reading_list_the_article_announces_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "tides",
        &format!(
            r##"<html><head><title>Tides</title></head><body><article><h1>Tides</h1>
            <p>This guide is long, so here is where each part of it starts on this page:</p>
            <ul><li><a href="#moon">The moon</a></li><li><a href="#sun">The sun</a></li></ul>
            <h2 id="moon">The moon</h2><p>{}</p><h2 id="sun">The sun</h2><p>{}</p>
            <p>There are a number of other resources I would suggest for learning more about tides:</p>
            <ul><li><a href="https://tides.example.org/book">The Tide Book</a></li>
            <li><a href="https://ocean.example.net/course">An ocean course</a></li>
            <li><a href="https://maps.example.com/">A tide map</a></li></ul>
            <p>If you liked this post you might also like:</p>
            <ul><li><a href="/posts/waves">Why waves break</a></li>
            <li><a href="/posts/currents">Currents explained</a></li></ul>
            </article></body></html>"##,
            prose("moon", 3),
            prose("sun", 3)
        ),
    );
    for extra in [&[][..], &["--extractor", "page"][..]] {
        let (plan, _) = script(&p, extra);
        let text = paragraphs(&plan);
        for item in ["The Tide Book", "An ocean course", "A tide map"] {
            assert!(
                text.iter().any(|t| t == item),
                "{extra:?}: {item} not read: {text:?}"
            );
        }
        assert!(
            !text.iter().any(|t| t == "Why waves break"),
            "{extra:?}: {text:?}"
        );
        assert!(
            !text.iter().any(|t| t.contains("also like")),
            "{extra:?}: {text:?}"
        );
        for part in ["The moon", "The sun"] {
            let times = text.iter().filter(|t| *t == part).count();
            assert_eq!(times, 1, "{extra:?}: {part} read {times} times: {text:?}");
        }
    }
}

#[test]
fn footnote_markers_and_lists_are_left_out_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "notes",
        r##"<html><body><article><h1>Tides</h1>
        <p>The wall was rebuilt in the last century.<sup><a href="#fn1" id="r1">1</a></sup> By the next spring it had settled.<sup><a href="#fn2" id="r2">[2]</a></sup></p>
        <p>Engineers still argue about the foundations and about the cost of the repairs.</p>
        <ol><li id="fn1"><p>Rebuilt in 1931 by the county. <a href="#r1">↩︎</a></p></li>
        <li id="fn2"><p>Records disagree on the year. <a href="#r2">↩</a></p></li></ol>
        </article></body></html>"##,
    );
    let (plan, _) = script(&p, &[]);
    let text = paragraphs(&plan).join("\n");
    assert!(
        text.contains("the last century. By the next spring it had settled."),
        "{text}"
    );
    assert!(!text.contains("1931") && !text.contains('↩'), "{text}");
    assert_eq!(
        plan["paragraphs"][0]["sentences"].as_array().unwrap().len(),
        2
    );

    let (plan, _) = script(&p, &["--footnotes"]);
    let paras = paragraphs(&plan);
    let notes = paras
        .iter()
        .position(|p| p == "Notes")
        .expect("a Notes heading");
    assert_eq!(
        paras[notes + 1..],
        [
            "1. Rebuilt in 1931 by the county.",
            "2. Records disagree on the year."
        ]
    );

    // The same notes in the wrapper Markdown tools write.
    let html = std::fs::read_to_string(&p).unwrap().replace(
        "<ol><li id=\"fn1\">",
        "<section class=\"footnotes\" role=\"doc-endnotes\"><hr><ol><li id=\"fn1\">",
    );
    let wrapped = page(
        dir.path(),
        "notes-wrapped",
        &html.replace("</ol>", "</ol></section>"),
    );
    let (plan, _) = script(&wrapped, &[]);
    assert!(!paragraphs(&plan).join("\n").contains("1931"), "{plan}");
    let (plan, _) = script(&wrapped, &["--footnotes"]);
    let paras = paragraphs(&plan);
    assert!(paras.contains(&"Notes".to_string()), "{paras:?}");
    assert!(
        paras.contains(&"1. Rebuilt in 1931 by the county.".to_string()),
        "{paras:?}"
    );
}

#[test]
fn superscripts_and_subscripts_keep_their_meaning() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "science",
        "<html><body><article><h1>Water</h1><p>The basin holds 10<sup>6</sup> litres of \
         H<sub>2</sub>O over 400 m<sup>2</sup> of floor.</p><p>Einstein wrote E = mc<sup>2</sup> \
         in a paper that changed physics and the way we think about energy.</p></article></body></html>",
    );
    let (plan, _) = script(&p, &[]);
    let text = paragraphs(&plan).join("\n");
    assert!(text.contains("10^6 litres of H₂O over 400 m²"), "{text}");
    let said = spoken(&plan);
    for want in ["ten to the sixth", "square meters", "m c squared"] {
        assert!(said.contains(want), "{want:?} not in {said}");
    }

    // Ordinals, trademarks and letter exponents, whichever strategy reads the page.
    let p = page(
        dir.path(),
        "ordinals",
        "<html><body><p>She finished 1<sup>st</sup> and her sister came 2<sup>nd</sup> in the \
         Harbour<sup>TM</sup> race, where x<sup>n</sup> grows.</p></body></html>",
    );
    for extra in [
        &[][..],
        &["--extractor", "page"],
        &["--extractor", "trafilatura"],
    ] {
        let said = spoken(&script(&p, extra).0);
        for want in [
            "finished first",
            "came second",
            "Harbour race",
            "x to the n",
        ] {
            assert!(said.contains(want), "{extra:?}: {want:?} not in {said}");
        }
    }
}

#[test]
fn video_captions_and_link_list_labels_are_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "promo",
        &format!(
            r#"<html><body><article><h1>Harbour day</h1><p>{}</p>
            <video src="clip.mp4" controls></video><p><em>Clip: boats leave the harbour at dawn.</em></p>
            <p>{}</p><p>More great harbour stories</p>
            <ul><li><a href="/a">Boats of the bay</a></li><li><a href="/b">The lighthouse keeper</a></li>
            <li><a href="/c">Nets and knots</a></li></ul></article></body></html>"#,
            prose("dawn", 3),
            prose("dusk", 3)
        ),
    );
    let (plan, _) = script(&p, &[]);
    let text = paragraphs(&plan).join("\n");
    assert!(text.contains("The dusk report"), "{text}");
    for furniture in ["Clip:", "More great", "lighthouse keeper"] {
        assert!(!text.contains(furniture), "{furniture:?} read: {text}");
    }
}

#[test]
fn data_tables_are_read_row_by_row_long_ones_after_their_size_and_huge_ones_announced() {
    let dir = tempfile::tempdir().unwrap();
    let small =
        "<table><caption>Ferries from the <b>north</b> pier</caption><tr><th>Ferry</th><th>Leaves</th></tr><tr><td>Island</td><td>9:00</td></tr>\
                 <tr><td>Mainland</td><td>17:30</td></tr></table>";
    // Editors wrap cells in <p>: still a data table, one row a block.
    let wrapped = "<table><tr><td><p>Lighthouse</p></td><td><p>60%</p></td></tr>\
                   <tr><td><p>Pier</p></td><td><p>80%</p></td></tr></table>";
    let rows = |n: usize, what: &str| -> String {
        (0..n)
            .map(|i| format!("<tr><td>{what} {i}</td><td>{i} cm</td></tr>"))
            .collect()
    };
    let p = page(
        dir.path(),
        "tables",
        &format!(
            "<html><body><article><h1>Timetable</h1><p>{}</p>{small}{wrapped}<p>{}</p>\
             <table><caption>Tides in May:</caption><tr><th>Day</th><th>Tide</th></tr>{}</table><p>{}</p>\
             <table>{}</table></article></body></html>",
            prose("ferry", 2),
            prose("tide", 2),
            rows(40, "Day"),
            prose("storm", 2),
            rows(250, "Hour"),
        ),
    );
    let (plan, _) = script(&p, &[]);
    let paras = paragraphs(&plan);
    assert!(paras.contains(&"Island, 9:00.".to_string()), "{paras:?}");
    // A caption says what the rows are, before them.
    let caption = paras
        .iter()
        .position(|p| p == "Ferries from the north pier.")
        .unwrap_or_else(|| panic!("{paras:?}"));
    assert_eq!(paras[caption + 1], "Ferry, Leaves.", "{paras:?}");
    assert!(paras.contains(&"Lighthouse, 60%.".to_string()), "{paras:?}");
    assert!(!paras.contains(&"60%".to_string()), "{paras:?}");
    // 40 rows under a header row: said to be a table of 40 rows (the header is not one of
    // them), then read from the header.
    let long = paras
        .iter()
        .position(|p| p == "A table of 40 rows.")
        .unwrap_or_else(|| panic!("{paras:?}"));
    assert_eq!(paras[long - 1], "Tides in May:", "{paras:?}");
    assert_eq!(paras[long + 1], "Day, Tide.", "{paras:?}");
    assert_eq!(paras[long + 2], "Day 0, 0 cm.", "{paras:?}");
    assert!(paras.contains(&"Day 39, 39 cm.".to_string()), "{paras:?}");
    // Past MAX_TABLE_ROWS: announced as omitted, not read.
    assert!(
        paras.contains(&"A table is omitted.".to_string()),
        "{paras:?}"
    );
    assert!(!paras.iter().any(|p| p.contains("Hour 240")), "{paras:?}");
}

/// A page whose visible text is a consent dialog and navigation, with a two-sentence stub
/// where the article should be (as a page that builds its article with JavaScript looks when
/// saved).
fn fragment_page(dir: &Path) -> PathBuf {
    let consent: String = (0..40)
        .map(|i| {
            format!(
                "We and our {i} partners store and access information on your device, such as \
                 cookies, to measure audiences and show you personalised advertising. "
            )
        })
        .collect();
    page(
        dir,
        "stub",
        &format!(
            "<html><head><title>Story</title></head><body>{}<main><div id=\"app\">\
             <p>Loading the story. Please wait.</p></div></main><div class=\"cookie-consent\" \
             role=\"dialog\"><p>{consent}</p><button>Accept all</button></div></body></html>",
            nav(120)
        ),
    )
}

#[test]
fn an_article_under_a_big_menu_is_not_a_fragment() {
    // Navigation, footers and sidebars do not count as the page's text for the warning.
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "mega-menu",
        &format!(
            "<html><body><header>{}</header><article><h1>Ferry</h1><p>{}</p><p>{}</p></article>\
             <footer>{}</footer></body></html>",
            nav(250),
            prose("ferry", 2),
            prose("pier", 2),
            nav(100)
        ),
    );
    let (plan, stderr) = script(&p, &[]);
    assert_eq!(plan["extraction"]["fragment"], false, "{plan}");
    assert!(!stderr.contains("warning"), "{stderr}");
}

#[test]
fn a_fragment_warns_in_one_line_and_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let p = fragment_page(dir.path());
    let (plan, stderr) = script(&p, &[]);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    let line = lines[0];
    assert!(line.starts_with("warning: "), "{line}");
    assert!(
        line.contains(&p.display().to_string()),
        "names the page: {line}"
    );
    // The menus and the consent dialog are not the page's text: it shows 5 words.
    assert!(line.contains("the page shows only 5 words"), "{line}");
    assert!(
        line.contains("JavaScript") && line.contains("save"),
        "{line}"
    );
    assert_eq!(plan["extraction"]["fragment"], true);
    assert_eq!(plan["extraction"]["words_visible"], 5);
}

#[test]
fn strict_turns_a_fragment_into_an_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let p = fragment_page(dir.path());
    let out = dir.path().join("out");
    let assert = aloud()
        .args(["export", "--engine", "none", "--strict", "-o"])
        .arg(&out)
        .arg(&p)
        .assert()
        .code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("aloud: error: "), "{stderr}");
    assert!(stderr.contains("--strict"), "{stderr}");
    assert!(!out.exists(), "nothing written");
}

#[test]
fn the_manifest_records_the_strategy() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "plain",
        &format!(
            "<html><body><article><h1>Plain</h1><p>{}</p><p>{}</p></article></body></html>",
            prose("one", 3),
            prose("two", 3)
        ),
    );
    let out = dir.path().join("out");
    aloud()
        .args(["export", "--engine", "none", "-q", "-o"])
        .arg(&out)
        .arg(&p)
        .assert()
        .success();
    let m = read_json(&out.join("plain/manifest.json"));
    assert_eq!(m["extraction"]["strategy"], "trafilatura", "{m}");
    assert_eq!(m["extraction"]["fragment"], false);

    // Forcing a strategy is recorded too.
    let (plan, _) = script(&p, &["--extractor", "readability"]);
    assert_eq!(plan["extraction"]["strategy"], "readability");
}

#[test]
fn a_page_of_only_scripts_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "scripts",
        &format!(
            "<html><head><title>App</title></head><body>{}</body></html>",
            "<script>render()</script>".repeat(500)
        ),
    );
    let assert = aloud().arg("script").arg(&p).assert().code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains(&p.display().to_string()), "{stderr}");
    assert!(stderr.contains("JavaScript"), "{stderr}");
}

#[test]
fn hostile_pages_finish_with_their_text() {
    // 200,000 nested <div>s and a 10 MB page: read, no stack overflow. Their speed is
    // measured in benches/hostile_html.py, not here.
    let dir = tempfile::tempdir().unwrap();
    let n = 200_000;
    let deep = page(
        dir.path(),
        "deep",
        &format!(
            "<html><body>{}<p>The only paragraph of this page sits under two hundred thousand \
             boxes and is still read.</p>{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        ),
    );
    let (plan, _) = script(&deep, &[]);
    assert!(paragraphs(&plan).join(" ").contains("still read"), "{plan}");

    // Distinct paragraphs: repeated ones would be read once.
    let paras: String = (0..65_000)
        .map(|i| format!("<p>Paragraph {i}. {}</p>\n", prose("long", 1)))
        .collect();
    let big_html = format!("<html><body><article><h1>Long</h1>{paras}</article></body></html>");
    assert!(big_html.len() > 10_000_000);
    let big = page(dir.path(), "big", &big_html);
    let (plan, _) = script(&big, &[]);
    assert!(paragraphs(&plan).len() > 10_000);
}

#[test]
fn product_page_boilerplate_is_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "product",
        r#"<html><head><title>Harbour Lantern | Coast Goods</title></head><body>
        <header><nav><a href="/">Home</a> <a href="/shop">Shop</a> <a href="/cart">Cart (0)</a></nav></header>
        <main><div class="product"><div class="gallery"><img src="a.jpg" alt="Lantern"></div>
        <div class="info"><h1>Harbour Lantern</h1><p class="price">$49.00</p>
        <form><select><option>Brass</option><option>Steel</option></select><button>Add to cart</button></form>
        <div class="description"><p>The harbour lantern is cast from recycled brass and burns for twelve
        hours on one filling of oil, long enough for a winter night on the quay.</p>
        <p>Each lantern is finished by hand in our workshop by the sea, so no two carry quite the
        same patina after a season outdoors.</p></div></div></div>
        <section class="related-products"><h2>Customers also bought</h2><ul>
        <li><a href="/p/1">Rope coaster set</a> $12.00</li><li><a href="/p/2">Tide clock</a> $65.00</li>
        <li><a href="/p/3">Oil can</a> $9.00</li></ul></section></main>
        <footer><p>© Coast Goods</p><ul><li><a href="/privacy">Privacy</a></li>
        <li><a href="/terms">Terms</a></li></ul></footer></body></html>"#,
    );
    let (plan, _) = script(&p, &[]);
    assert_eq!(plan["title"], "Harbour Lantern");
    let text = paragraphs(&plan).join("\n");
    assert!(text.contains("cast from recycled brass"), "{text}");
    assert!(
        text.contains("no two carry quite the same patina"),
        "{text}"
    );
    for furniture in [
        "Add to cart",
        "Tide clock",
        "Privacy",
        "Cart (0)",
        "Brass\n",
    ] {
        assert!(!text.contains(furniture), "{furniture:?} read: {text}");
    }
}

#[test]
fn nested_list_items_are_read_as_items_of_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "nested-lists",
        &format!(
            "<html><body><article><h1>Packing</h1><p>{}</p><ul><li>Clothes<ul><li>Warm socks</li>\
             <li>A rain jacket</li></ul></li><li>Food</li></ul><ol><li>Pack the <b>bag</b><ol>\
             <li>Heavy things first</li></ol></li><li>Close it</li></ol></article></body></html>",
            prose("packing", 2)
        ),
    );
    for extra in [&[][..], &["--extractor", "page"]] {
        let paras = paragraphs(&script(&p, extra).0);
        let items: Vec<&str> = paras.iter().skip(1).map(String::as_str).collect();
        assert_eq!(
            items,
            [
                "Clothes",
                "Warm socks",
                "A rain jacket",
                "Food",
                "1. Pack the bag",
                "1. Heavy things first",
                "2. Close it"
            ],
            "{extra:?}"
        );
    }
}

/// A documentation page: prose, a code example, a long table of options and a list of links
/// to the next pages, under a docs address.
fn docs_page(canonical: &str) -> String {
    let rows: String = (0..20)
        .map(|i| format!("<tr><td>--lamp-{i}</td><td>Sets lamp number {i}</td></tr>"))
        .collect();
    format!(
        r#"<html><head><title>Install the lighthouse kit | Lamp Docs</title>
        <link rel="canonical" href="{canonical}"></head><body>
        <nav><a href="/docs">Docs</a> <a href="/docs/api">API</a></nav>
        <main><h1>Install the lighthouse kit</h1><p>{}</p>
        <pre><code>lamp install --beam wide
lamp start</code></pre>
        <p>{}</p><table>{rows}</table>
        <div class="next-steps"><a href="/docs/configure">Configure the beam</a>
        <a href="/docs/upgrade">Upgrade the keeper daemon</a></div></main></body></html>"#,
        prose("install", 3),
        prose("keeper", 3)
    )
}

#[test]
fn documentation_reads_its_code_tables_and_links() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "docs",
        &docs_page("https://docs.example.org/docs/guide/install"),
    );
    let (plan, _) = script(&p, &[]);
    assert_eq!(plan["extraction"]["page_type"], "documentation");
    let paras = paragraphs(&plan);
    let text = paras.join("\n");
    let code = paras.iter().position(|p| p == "Code:").expect(&text);
    assert_eq!(paras[code + 1], "lamp install --beam wide", "{text}");
    assert!(text.contains("--lamp-17, Sets lamp number 17."), "{text}");
    assert!(text.contains("Upgrade the keeper daemon"), "{text}");
    assert!(!text.contains("A table is omitted."), "{text}");
}

#[test]
fn an_article_reads_short_code_and_tables_and_announces_long_code() {
    let dir = tempfile::tempdir().unwrap();
    let story = docs_page("https://news.example.org/2026/03/14/harbour-lamp-story")
        .replace("<main>", "<main><article>")
        .replace("</main>", "</article></main>");
    let p = page(dir.path(), "story", &story);
    let (plan, _) = script(&p, &[]);
    assert_eq!(plan["extraction"]["page_type"], "article");
    let paras = paragraphs(&plan);
    let text = paras.join("\n");
    // Two lines of commands: read after "Code:".
    let code = paras.iter().position(|p| p == "Code:").expect(&text);
    assert_eq!(paras[code + 1], "lamp install --beam wide", "{text}");
    assert!(!text.contains("A code example is omitted."), "{text}");
    // The 20-row table: its size, then its rows.
    assert!(text.contains("A table of 20 rows."), "{text}");
    assert!(text.contains("--lamp-17, Sets lamp number 17."), "{text}");

    // A listing of more than MAX_CODE_LINES lines is announced instead.
    let listing: String = (0..14).map(|i| format!("lamp set beam {i}\n")).collect();
    let p = page(
        dir.path(),
        "story-long-code",
        &story.replace(
            "lamp start</code>",
            &format!("lamp start\n{listing}</code>"),
        ),
    );
    let (plan, _) = script(&p, &[]);
    let text = paragraphs(&plan).join("\n");
    assert!(text.contains("A code example is omitted."), "{text}");
    assert!(!text.contains("lamp start"), "{text}");
    assert!(!text.contains("lamp set beam 9"), "{text}");
}

#[test]
fn a_page_that_shows_almost_no_text_warns_and_fails_with_strict() {
    // An app shell: a one-line teaser is all the saved page shows.
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "shell",
        r#"<html><head><title>Harbour app</title></head><body><div id="root">
        <p>Migrate your harbour timetables today and get a month free.</p>
        <script>window.__STATE__ = {"story": "the real page is built here"};</script>
        </div></body></html>"#,
    );
    let (plan, stderr) = script(&p, &[]);
    assert_eq!(plan["extraction"]["fragment"], true);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("the page shows only 10 words"), "{stderr}");
    let out = aloud()
        .args(["script", "--strict"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn an_article_under_div_menus_and_a_consent_dialog_is_not_called_a_fragment() {
    // A mega menu built of <div>s and a consent dialog outweigh a short story: words a reader
    // sees, but not the page's content; the story is read whole and nothing is warned about.
    let dir = tempfile::tempdir().unwrap();
    let menu: String = (0..150)
        .map(|i| {
            format!("<div class=\"mega-menu__item\"><a href=\"/c/{i}\">Harbour gear {i}</a></div>")
        })
        .collect();
    let story: String = (0..10)
        .map(|i| format!("<p>The tide clock on pier {i} was wound by hand every morning before the ferries left the quay.</p>"))
        .collect();
    let p = page(
        dir.path(),
        "menus",
        &format!(
            r#"<html><head><title>Tide clocks</title></head><body>
            <div class="site-header"><div class="mega-menu">{menu}</div></div>
            <div id="onetrust-consent-sdk"><div class="ot-pc-desc"><p>{consent}</p></div></div>
            <div class="layout-with-sidebar"><main><h1>The tide clocks of the harbour</h1>{story}</main></div>
            </body></html>"#,
            consent =
                "We and our partners use cookies to store and access information on your device. "
                    .repeat(12),
        ),
    );
    let (plan, stderr) = script(&p, &["--strict"]);
    assert_eq!(plan["extraction"]["fragment"], false, "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    let text = paragraphs(&plan).join("\n");
    assert!(text.contains("pier 9 was wound by hand"), "{text}");
    assert!(!text.contains("Harbour gear"), "{text}");
    // What is counted against the story is the story's part of the page, not the menus.
    let visible = plan["extraction"]["words_visible"].as_u64().unwrap();
    assert!(visible < 200, "{visible}");
}

#[test]
fn strict_with_keep_going_leaves_out_the_fragment_and_narrates_the_rest() {
    // A batch job: one page aloud cannot read among good inputs is one failed input.
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    fragment_page(&inputs);
    std::fs::write(
        inputs.join("notes.txt"),
        "Garden notes\n\nThe beans came up in a week and the peas in two.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let assert = aloud()
        .args([
            "export",
            "--engine",
            "none",
            "--strict",
            "--keep-going",
            "-q",
            "-o",
        ])
        .arg(&out)
        .arg(&inputs)
        .assert()
        .code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("stub.html") && stderr.contains("--strict was given"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 of 2 inputs failed (listed above); the other one was narrated"),
        "{stderr}"
    );
    assert!(out.join("notes/script.txt").exists(), "{stderr}");
    assert!(!out.join("stub").exists());
}

#[test]
fn an_app_shell_showing_only_its_spinner_is_refused_not_its_title_glued_thrice() {
    // rs-trafilatura's whole-page fallback ran the <title> and the spinner together, three
    // times over. What the page shows is its spinner, "Loading…", which is no text to read
    // (a placeholder, left out since stop 39): the page is refused with the one-line error
    // that says why and what to do, and nothing is written.
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "shell",
        r#"<html><head><title>Tide tables for the week</title></head><body><div id="app">
        <header><a href="/">Harbour</a> <a href="/about">About</a></header>
        <div class="spinner">Loading…</div></div><script>render()</script></body></html>"#,
    );
    let out = aloud().args(["script", "--json"]).arg(&p).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!out.status.success(), "{stderr}");
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        stderr.contains("shell.html") && stderr.contains("built by JavaScript"),
        "{stderr}"
    );
    assert!(!stderr.contains("weekTide"), "{stderr}");
}

#[test]
fn a_short_notice_read_whole_is_not_a_fragment_but_a_short_app_shell_is() {
    let dir = tempfile::tempdir().unwrap();
    let notice = |shell: &str| {
        format!(
            "<html><body><nav><a href=\"/\">Home</a> <a href=\"/visit\">Visit</a></nav>{shell}<main>\
             <h1>Library closed on Monday</h1><p>The reading room is closed on Monday for repairs \
             to the roof. Books due that day may be returned on Tuesday without a fine. We are sorry \
             for the trouble.</p></main><footer>City Library</footer></body></html>"
        )
    };
    // A notice of some thirty words, all read: said, and --strict lets it through.
    let p = page(dir.path(), "notice", &notice(""));
    let (plan, stderr) = script(&p, &["--strict"]);
    assert_eq!(plan["extraction"]["fragment"], false, "{stderr}");
    assert!(paragraphs(&plan).join(" ").contains("without a fine"));
    // The same words in a page built by a framework: an app shell, warned about.
    let p = page(
        dir.path(),
        "shell",
        &notice("<div id=\"root\"></div><noscript>Turn on JavaScript.</noscript>"),
    );
    let (plan, stderr) = script(&p, &[]);
    assert_eq!(plan["extraction"]["fragment"], true, "{plan}");
    assert!(stderr.contains("the page shows only"), "{stderr}");
}

#[test]
fn a_blog_post_under_its_comment_section_is_not_a_fragment() {
    // WordPress's default markup: the post, then dozens of comments outweighing it.
    let dir = tempfile::tempdir().unwrap();
    let comments: String = (0..80)
        .map(|i| {
            format!(
                "<li class=\"comment\"><div class=\"comment-body\"><p>Reader {i} says the \
                 harbour walk was lovely this spring and the new benches are very welcome.</p></div></li>"
            )
        })
        .collect();
    let p = page(
        dir.path(),
        "post",
        &format!(
            "<html><body><article><h1>A walk round the harbour</h1><p>{}</p><p>{}</p></article>\
             <section id=\"comments\" class=\"comments-area\"><ol class=\"comment-list\">{comments}</ol>\
             </section></body></html>",
            prose("harbour", 3),
            prose("bench", 3)
        ),
    );
    let (plan, stderr) = script(&p, &["--strict"]);
    assert_eq!(plan["extraction"]["fragment"], false, "{stderr}");
    assert!(!paragraphs(&plan).join(" ").contains("Reader 7"));
}

#[test]
fn a_headline_without_h1_that_the_title_repeats_is_said_once() {
    // A table-layout page: no <h1>; the headline is an <h2> in one page and a bold line run
    // together with its byline by a <br> in the other, and the <title> repeats it.
    let dir = tempfile::tempdir().unwrap();
    let body = format!("<p>{}</p><p>{}</p>", prose("tide", 4), prose("storm", 4));
    for (name, headline) in [
        ("h2", "<h2>Sea wall costs rise again</h2>"),
        (
            "bold",
            "<font size=\"5\"><b>Sea wall costs rise again</b></font><br><i>Posted 3 May</i>",
        ),
    ] {
        let p = page(
            dir.path(),
            name,
            &format!(
                "<html><head><title>Sea wall costs rise again - Harbour News</title></head><body>\
                 <table width=\"100%\"><tr><td class=\"nav\"><a href=\"/\">Home</a><br>\
                 <a href=\"/news\">News</a></td><td>{headline}{body}</td></tr></table></body></html>"
            ),
        );
        let (plan, _) = script(&p, &[]);
        assert_eq!(plan["title"], "Sea wall costs rise again", "{name}");
        // No address (no URL, no canonical link): the classifier's guess is not reported.
        assert!(plan["extraction"]["page_type"].is_null(), "{name}: {plan}");
        let text = paragraphs(&plan).join("\n");
        assert!(!text.contains("rise again"), "{name}: {text}");
        assert!(
            text.contains("The tide report noted change number 1"),
            "{name}: {text}"
        );
    }
}

#[test]
fn a_subscription_walls_pitch_is_not_read_but_headings_classed_header_are() {
    // A story cut by a paywall box after its first paragraph; its headings carry a class with
    // "header" in it, as some platforms' do, and a contents menu repeats them.
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "paywall",
        &format!(
            "<html><head><title>Sea wall costs rise again | The Harbour Times</title></head><body>\
             <div class=\"toc-menu\"><a href=\"#a\">What the council heard</a></div>\
             <main><article><h1>Sea wall costs rise again</h1><p>{}</p>\
             <h2 class=\"header-anchor-post\">What the council heard</h2><p>{}</p>\
             <div class=\"paywall\"><h3>Subscribe to continue reading</h3>\
             <p>Get unlimited access to The Harbour Times for just £1 a week.</p>\
             <a class=\"button\" href=\"/subscribe\">Subscribe now</a>\
             <p>Already a subscriber? <a href=\"/login\">Log in</a></p></div>\
             </article></main></body></html>",
            prose("tide", 3),
            prose("storm", 3)
        ),
    );
    let (plan, stderr) = script(&p, &[]);
    let text = paragraphs(&plan).join("\n");
    assert!(text.contains("What the council heard"), "{text}");
    assert!(
        text.contains("The storm report noted change number 3"),
        "{text}"
    );
    for pitch in ["Subscribe", "unlimited access", "Already a subscriber"] {
        assert!(!text.contains(pitch), "{pitch}: {text}");
    }
    // The story stops at the wall: said in one line, and an error with --strict.
    assert_eq!(plan["extraction"]["paywall"], true, "{plan}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("paywall.html: the article stops at a subscription wall after"),
        "{stderr}"
    );
    let out = aloud()
        .args(["script", "--strict"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));

    // A whole story with a newsletter box under it is not cut by a wall: no warning.
    let whole = page(
        dir.path(),
        "newsletter",
        &format!(
            "<html><body><main><article><h1>Sea wall costs rise again</h1><p>{}</p><p>{}</p>\
             <div class=\"newsletter-subscribe\"><p>Get the harbour news every morning.</p>\
             <a href=\"/subscribe\">Subscribe</a></div></article></main></body></html>",
            prose("tide", 3),
            prose("storm", 3)
        ),
    );
    let (plan, stderr) = script(&whole, &["--strict"]);
    assert!(plan["extraction"]["paywall"].is_null(), "{plan}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn an_embedded_post_is_read_as_a_quotation_by_its_author() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "tweet",
        &format!(
            "<html><body><main><article><h1>Sea wall costs rise again</h1><p>{}</p>\
             <blockquote class=\"twitter-tweet\"><p lang=\"en\">The sea wall vote is tonight. \
             Come along! <a href=\"https://t.co/abc\">pic.twitter.com/Xy12AbCd</a></p>&mdash; \
             Harbour Council (@HarbourCouncil) <a href=\"https://x.com/HarbourCouncil/status/1\">\
             March 3, 2024</a></blockquote><p>{}</p></article></main></body></html>",
            prose("tide", 3),
            prose("storm", 3)
        ),
    );
    let (plan, _) = script(&p, &[]);
    let text = paragraphs(&plan).join("\n");
    assert!(
        text.contains("Harbour Council posted: The sea wall vote is tonight. Come along!"),
        "{text}"
    );
    for gone in ["pic.twitter", "@HarbourCouncil", "March 3"] {
        assert!(!text.contains(gone), "{gone}: {text}");
    }
}

#[test]
fn a_registration_wall_warns_and_a_closing_subscribe_line_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let story = |name: &str, end: &str| {
        page(
            dir.path(),
            name,
            &format!(
                "<html><body><main><article><h1>Sea wall costs rise again</h1><p>{}</p>{end}\
                 </article></main></body></html>",
                prose("tide", 2)
            ),
        )
    };
    // A teaser, then a registration wall of plain paragraphs and links (no class to go by).
    let stub = story(
        "stub",
        "<p><a href=\"/register\">Register for free to read this article</a></p>\
         <p>Already have an account? <a href=\"/login\">Sign in</a></p>",
    );
    let (plan, stderr) = script(&stub, &[]);
    assert_eq!(plan["extraction"]["paywall"], true, "{plan}");
    assert!(stderr.contains("stops at a subscription wall"), "{stderr}");
    let text = paragraphs(&plan).join("\n");
    assert!(
        !text.contains("Register") && !text.contains("Already"),
        "{text}"
    );

    // A complete short story that invites readers to subscribe for more stories.
    let whole = story(
        "whole",
        "<div class=\"inline-signup\"><h3>Enjoyed this story? Subscribe to continue reading \
         stories like this</h3></div>",
    );
    let (plan, stderr) = script(&whole, &["--strict"]);
    assert!(plan["extraction"]["paywall"].is_null(), "{plan}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn a_site_name_in_an_h1_is_not_the_title() {
    // A theme puts the site's name in the page's only <h1>; the headline is an <h2>.
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "site",
        &format!(
            "<html><head><title>Sea wall costs rise again – Harbour News</title></head><body>\
             <header><h1 class=\"site-name\"><a href=\"/\">Harbour News</a></h1></header>\
             <div class=\"article-wrap\"><h2 class=\"headline\">Sea wall costs rise again</h2>\
             <p>{}</p><p>{}</p></div></body></html>",
            prose("tide", 3),
            prose("storm", 3)
        ),
    );
    let (plan, _) = script(&p, &[]);
    assert_eq!(plan["title"], "Sea wall costs rise again", "{plan}");
    let text = paragraphs(&plan).join("\n");
    assert!(!text.contains("Harbour News"), "{text}");
    assert!(
        !text.contains("rise again"),
        "the headline is said once: {text}"
    );
}

#[test]
fn a_call_to_action_box_in_a_story_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "cta",
        &format!(
            "<html><body><main><article><h1>Sea wall costs rise again</h1><p>{}</p><p>{}</p>\
             <div class=\"cta\"><p>Like what you read? Become a member today for just £1 a \
             week.</p><a class=\"button\" href=\"/join\">Join now</a></div>\
             </article></main></body></html>",
            prose("tide", 3),
            prose("storm", 3)
        ),
    );
    let (plan, stderr) = script(&p, &["--strict"]);
    let text = paragraphs(&plan).join("\n");
    assert!(
        text.contains("The storm report noted change number 3"),
        "{text}"
    );
    assert!(!text.contains("member") && !text.contains("Join"), "{text}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn content_streamed_hidden_is_read_where_the_page_script_puts_it() {
    // React's streaming server rendering: the shell, then the content hidden at the end of
    // the body with the script call that moves it into place.
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "streamed",
        &format!(
            "<html><head><title>Tide tables</title></head><body><nav><a href=\"/\">Home</a> \
             <a href=\"/about\">About</a></nav><main><h1>Tide tables explained</h1>\
             <!--$?--><template id=\"B:0\"></template><div class=\"skeleton\">Loading…</div>\
             <!--/$--><template id=\"P:1\"></template></main>\
             <div hidden id=\"S:0\"><div><p>{}</p></div></div>\
             <script>$RC=function(b,c){{}};$RC(\"B:0\",\"S:0\")</script>\
             <div hidden id=\"S:1\"><p>{}</p></div><script>$RS(\"S:1\",\"P:1\")</script>\
             </body></html>",
            prose("tide", 4),
            prose("storm", 4)
        ),
    );
    let (plan, stderr) = script(&p, &["--strict"]);
    let text = paragraphs(&plan).join("\n");
    let tide = text.find("The tide report noted change number 1");
    let storm = text.find("The storm report noted change number 4");
    assert!(tide.is_some() && storm.is_some() && tide < storm, "{text}");
    assert!(!text.contains("Loading"), "{text}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn the_author_box_under_a_story_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "author-box",
        &format!(
            "<html><body><main><article><h1>Sea wall costs rise again</h1><p>{}</p><p>{}</p>\
             <div class=\"post-author__bio\"><h3>About the author</h3><p>Rowan Vale is a \
             freelance writer who has covered coastal towns for twelve years, and teaches \
             a night class on local history at the harbour library every other week.</p></div>\
             </article></main></body></html>",
            prose("tide", 3),
            prose("storm", 3)
        ),
    );
    let (plan, stderr) = script(&p, &["--strict"]);
    let text = paragraphs(&plan).join("\n");
    assert!(
        text.contains("The storm report noted change number 3"),
        "{text}"
    );
    assert!(
        !text.contains("Rowan Vale") && !text.contains("About the author"),
        "{text}"
    );
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn a_sign_up_box_inside_a_story_is_not_read_even_without_class_names() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "signup",
        &format!(
            "<html><body><main><article><h1>Sea wall costs rise again</h1><p>{}</p>\
             <div><h3>Sign up for our newsletter</h3><p>Twice a month, for people who \
             watch the tides.</p><p>By signing up, you agree to our Privacy Notice and \
             Terms of Use.</p></div><p>{}</p></article></main></body></html>",
            prose("tide", 3),
            prose("storm", 3)
        ),
    );
    let (plan, stderr) = script(&p, &["--strict"]);
    let text = paragraphs(&plan).join("\n");
    assert!(
        text.contains("The storm report noted change number 3"),
        "{text}"
    );
    assert!(
        !text.contains("newsletter") && !text.contains("Twice a month") && !text.contains("agree"),
        "{text}"
    );
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn a_rail_of_teasers_under_a_story_is_not_read_and_the_story_keeps_its_paragraphs() {
    // The story in a plain <div>, then "More stories": cards whose headline is a link and
    // whose one sentence is not (found by a fresh tester). rs-trafilatura gives such a region
    // as text only, headline and paragraphs run together; Readability's reading of the same
    // words, paragraphs apart, is taken, and the rail is left out.
    let dir = tempfile::tempdir().unwrap();
    let card = |i: usize, head: &str, teaser: &str| {
        format!(
            "<article class=\"card\"><h3><a href=\"/story/{i}\">{head}</a></h3>\
             <p>{teaser}</p><span>{i} hours ago</span></article>"
        )
    };
    let p = page(
        dir.path(),
        "rail",
        &format!(
            "<!DOCTYPE html><html lang=\"en\"><head><title>Ferry service halted - Bay Post\
             </title></head><body><header><a href=\"/\">Bay Post</a></header><main>\
             <div class=\"story-body\"><h1>Ferry service halted by high winds</h1>\
             <p>All crossings to the islands were cancelled on Monday as gusts reached \
             sixty miles an hour across the bay.</p>\
             <p>The operator said two ships stayed in port and that passengers would be \
             offered refunds or seats on later sailings.</p>\
             <p>\"Safety comes first on a day like this,\" a harbour official told reporters \
             at the terminal.</p>\
             <p>Forecasters expect the wind to ease by Wednesday morning, when the first \
             crossing is planned.</p></div>\
             <section class=\"more-stories\"><h2>More stories</h2>{}{}</section>\
             </main></body></html>",
            card(
                2,
                "Library opens new wing",
                "The reading rooms on the upper floor will open to the public next week after \
                 two years of building work."
            ),
            card(
                5,
                "Rowing club wins regatta",
                "The crew beat six rivals on a course that drew the largest crowd the river \
                 has seen in a decade."
            ),
        ),
    );
    let (plan, _) = script(&p, &[]);
    let got = paragraphs(&plan);
    assert!(
        got.iter()
            .any(|t| t.starts_with("All crossings") && t.ends_with("across the bay.")),
        "{got:#?}"
    );
    assert!(
        got.iter().any(|t| t.starts_with("Forecasters expect")),
        "{got:#?}"
    );
    let text = got.join("\n");
    for rail in [
        "More stories",
        "Library",
        "reading rooms",
        "Rowing",
        "hours ago",
    ] {
        assert!(!text.contains(rail), "{rail}: {text}");
    }
}

#[test]
fn pull_quotes_are_said_once_quotes_keep_their_source_and_accordions_their_questions() {
    // Found by a fresh tester: a pull quote repeated a sentence of the story (and its credit
    // line came after it), a quotation's <footer> ("— Name, Lecture") was dropped as page
    // furniture, and an accordion's questions, written as <button>s in headings, were lost.
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "quotes",
        &format!(
            "<html><head><title>The harbour vote</title></head><body><article>\
             <h1>The harbour vote</h1>\
             <p>The mayor staked her office on the vote. \"If the wall is not built, I will \
             step down,\" she told the council on Friday.</p>\
             <figure class=\"wp-block-pullquote\"><blockquote><p>If the wall is not built, I \
             will step down.</p><cite>Mayor Ines Lind</cite></blockquote></figure>\
             <p>{}</p>\
             <blockquote><p>A harbour is only as safe as its weakest stone, and ours are old.</p>\
             <footer>— Tomas Berg, harbour master, 1998</footer></blockquote>\
             <h2>Questions</h2>\
             <h3 class=\"accordion-header\"><button class=\"accordion-button\" type=\"button\">\
             When will the work start?</button></h3>\
             <div class=\"accordion-body\"><p>Work starts in the spring if the vote passes.</p>\
             </div></article></body></html>",
            prose("harbour", 3)
        ),
    );
    let (plan, _) = script(&p, &[]);
    let text = paragraphs(&plan).join("\n");
    assert_eq!(text.matches("I will step down").count(), 1, "{text}");
    assert!(!text.contains("Mayor Ines Lind"), "{text}");
    assert!(text.contains("Tomas Berg, harbour master"), "{text}");
    assert!(text.contains("When will the work start?"), "{text}");
    assert!(text.contains("Work starts in the spring"), "{text}");
}

#[test]
fn forum_signatures_member_cards_and_edit_notes_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let post = |who: &str, body: &str, note: &str| {
        format!(
            "<div class=\"post\"><div class=\"message-userDetails\"><h4 class=\"message-name\">\
             {who}</h4><h5 class=\"userTitle message-userTitle\">Harbour regular</h5></div>\
             <div class=\"message-userExtras\"><dl class=\"pairs\"><dt>Berthed</dt>\
             <dd>Jan 8, 2012</dd><dt>Knots</dt><dd>12,094</dd></dl></div>\
             <div class=\"postbody\"><div class=\"content\"><p>{body}</p></div>{note}\
             <div class=\"signature\">Sailing since 1998 · Westerly Centaur · \
             Harbour berth 14</div></div></div>"
        )
    };
    let posts = [
        post(
            "tidewatcher",
            &prose("tide", 2),
            "<div class=\"notice\">Last edited by tidewatcher on Tue Aug 27, 2019 10:03 pm, \
             edited 2 times in total.</div>",
        ),
        post("harbourfan", &prose("storm", 2), ""),
        post(
            "tidewatcher",
            &prose("ferry", 2),
            "<p class=\"edited\">Edited by tidewatcher (see edit history)</p>",
        ),
    ]
    .concat();
    let p = page(
        dir.path(),
        "thread",
        &format!(
            "<html><head><link rel=\"canonical\" \
             href=\"https://forum.example.org/viewtopic.php?t=4411\"></head><body>\
             <h1>Sea wall works and the moorings</h1>{posts}</body></html>"
        ),
    );
    let (plan, _) = script(&p, &[]);
    let text = paragraphs(&plan).join("\n");
    for topic in ["tide", "storm", "ferry"] {
        assert!(
            text.contains(&format!("The {topic} report noted change number 2")),
            "{text}"
        );
    }
    assert!(!text.contains("Westerly Centaur"), "{text}");
    // The member's card beside each post: rank, join date and figures without labels.
    for card in ["Harbour regular", "Jan 8, 2012", "12,094", "Berthed"] {
        assert!(!text.contains(card), "{card}: {text}");
    }
    assert!(
        !text.contains("Last edited") && !text.contains("see edit history"),
        "{text}"
    );
}

#[test]
fn docusaurus_headings_classed_after_the_navbar_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let heading = |tag: &str, id: &str, text: &str| {
        format!(
            "<{tag} class=\"anchor anchorWithStickyNavbar_LWe7\" id=\"{id}\">{text}<a \
             href=\"#{id}\" class=\"hash-link\" aria-label=\"Direct link to {text}\">\u{200b}</a>\
             </{tag}>"
        )
    };
    let p = page(
        dir.path(),
        "docusaurus",
        &format!(
            "<html><body><nav class=\"navbar\"><a href=\"/docs\">Docs</a><a href=\"/blog\">Blog\
             </a></nav><main><article><div class=\"theme-doc-markdown markdown\"><header><h1>\
             Caching</h1></header><p>{}</p>{}<p>{}</p>{}<p>{}</p></div></article></main>\
             </body></html>",
            prose("tide", 2),
            heading("h2", "what-is-cached", "What is cached"),
            prose("storm", 2),
            heading("h3", "where", "Where it lives"),
            prose("ferry", 2)
        ),
    );
    let (plan, _) = script(&p, &[]);
    let text = paragraphs(&plan);
    let at = |s: &str| text.iter().position(|p| p.contains(s));
    let (tide, cached, storm, lives, ferry) = (
        at("The tide report"),
        at("What is cached"),
        at("The storm report"),
        at("Where it lives"),
        at("The ferry report"),
    );
    assert!(cached.is_some() && lives.is_some(), "{text:?}");
    assert!(
        tide < cached && cached < storm && storm < lives && lives < ferry,
        "{text:?}"
    );
}

#[test]
fn hidden_notes_and_a_drawn_drop_cap_are_not_read_in_a_story() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "hidden",
        &format!(
            "<html><body><main><article><h1>Sea wall holds</h1><p>{}</p>\
             <p hidden>DRAFT: add the forecaster's quote before publishing.</p>\
             <p style=\"display: none\">Loading interactive chart of tide levels.</p>\
             <div style=\"visibility:hidden\">Editor's note nobody should hear.</div>\
             <p><span class=\"dropcap\" aria-hidden=\"true\">T</span><span \
             class=\"sr-only\">T</span>he council met at dawn to count the cost.</p>\
             <p>{}</p><p>{}</p></article></main></body></html>",
            prose("tide", 3),
            prose("storm", 3),
            prose("ferry", 3)
        ),
    );
    let (plan, _) = script(&p, &[]);
    let text = paragraphs(&plan).join("\n");
    assert!(
        text.contains("The ferry report noted change number 3"),
        "{text}"
    );
    assert!(text.contains("\nThe council met at dawn"), "{text}");
    for hidden in ["DRAFT", "Loading interactive", "Editor's note", "TThe"] {
        assert!(!text.contains(hidden), "{hidden}: {text}");
    }
}

#[test]
fn a_saved_wikipedia_article_reads_without_edit_links_tagline_or_references() {
    let dir = tempfile::tempdir().unwrap();
    let edit = "<span class=\"mw-editsection\"><span class=\"mw-editsection-bracket\">[</span>\
                <a href=\"/w/index.php?title=Harbour&amp;action=edit&amp;section=1\">edit</a>\
                <span class=\"mw-editsection-bracket\">]</span></span>";
    let p = page(
        dir.path(),
        "wiki",
        &format!(
            "<html><body><main id=\"content\"><h1 id=\"firstHeading\">Harbour wall</h1>\
             <div id=\"bodyContent\"><div id=\"siteSub\" class=\"noprint\">From Wikipedia, the \
             free encyclopedia</div><div class=\"mw-parser-output\"><p>{}<sup id=\"cite_ref-1\" \
             class=\"reference\"><a href=\"#cite_note-1\">[1]</a></sup></p>\
             <div class=\"mw-heading mw-heading2\"><h2 id=\"History\">History</h2>{edit}</div>\
             <p>{}</p><div class=\"mw-heading mw-heading2\"><h2 id=\"Repairs\">Repairs</h2>{edit}\
             </div><p>{}</p><div class=\"mw-references-wrap\"><ol class=\"references\">\
             <li id=\"cite_note-1\"><span class=\"mw-cite-backlink\"><a href=\"#cite_ref-1\">\
             <span class=\"cite-accessibility-label\">Jump up </span>^</a></span> <span \
             class=\"reference-text\">Rowan Vale (2009). <i>The Harbour Book</i>. Tidewater \
             Press. p. 12.</span></li></ol></div></div><div class=\"printfooter\">Retrieved \
             from \"<a href=\"https://en.wikipedia.org/w/index.php?title=Harbour_wall&amp;oldid=1\">\
             https://en.wikipedia.org/w/index.php?title=Harbour_wall&amp;oldid=1</a>\"</div>\
             </div></main></body></html>",
            prose("tide", 3),
            prose("storm", 3),
            prose("ferry", 3)
        ),
    );
    let (plan, _) = script(&p, &[]);
    let text = paragraphs(&plan).join("\n");
    assert!(
        text.contains("History") && text.contains("Repairs"),
        "{text}"
    );
    assert!(
        text.contains("The ferry report noted change number 3"),
        "{text}"
    );
    for furniture in [
        "edit",
        "free encyclopedia",
        "Jump up",
        "Harbour Book",
        "Retrieved from",
    ] {
        assert!(!text.contains(furniture), "{furniture}: {text}");
    }
    let (plan, _) = script(&p, &["--footnotes"]);
    let text = paragraphs(&plan).join("\n");
    assert!(text.contains("The Harbour Book"), "{text}");
    assert!(!text.contains("Jump up") && !text.contains('^'), "{text}");
}

#[test]
fn substack_footnote_markers_are_not_read_and_their_notes_come_with_footnotes() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "substack",
        &format!(
            "<html><body><div class=\"post\"><h1 class=\"post-title\">Frost</h1>\
             <div class=\"body markup\"><p>{} A late frost took the crop.<a \
             class=\"footnote-anchor\" data-component-name=\"FootnoteAnchorToDOM\" \
             id=\"footnote-anchor-1\" href=\"#footnote-1\" target=\"_self\">1</a> Each time I \
             said it was a one-off.</p><p>{}</p><div class=\"footnote\" \
             data-component-name=\"FootnoteToDOM\"><a id=\"footnote-1\" \
             href=\"#footnote-anchor-1\" class=\"footnote-number\" contenteditable=\"false\" \
             target=\"_self\">1</a><div class=\"footnote-content\"><p>The other two were 2017 \
             and 2021.</p></div></div></div></div></body></html>",
            prose("tide", 3),
            prose("storm", 3)
        ),
    );
    let (plan, _) = script(&p, &[]);
    let text = paragraphs(&plan).join("\n");
    assert!(
        text.contains("A late frost took the crop. Each time I said it was a one-off."),
        "{text}"
    );
    assert!(!text.contains("2017"), "{text}");
    let (plan, _) = script(&p, &["--footnotes"]);
    let text = paragraphs(&plan);
    assert!(
        text.iter()
            .any(|p| p == "The other two were 2017 and 2021."),
        "{text:?}"
    );
    assert!(!text.iter().any(|p| p == "1"), "{text:?}");
}

#[test]
fn a_page_whose_title_is_never_closed_reads_its_article_not_its_markup() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "unclosed-title",
        &format!(
            "<html><head><title>Storm night</head><body><div id=main><h1>Storm night</h1>\
             <p>{}</p><p>{}</p></div></body></html>",
            prose("tide", 3),
            prose("storm", 3)
        ),
    );
    let (plan, _) = script(&p, &[]);
    let text = paragraphs(&plan).join("\n");
    assert!(
        text.contains("The storm report noted change number 3"),
        "{text}"
    );
    assert!(!text.contains('<') && !text.contains("div id"), "{text}");
    assert_eq!(plan["title"], "Storm night");
}

#[test]
fn a_page_that_only_frames_another_names_its_address_in_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let framed = page(
        dir.path(),
        "framed",
        "<!DOCTYPE html><html><head><title>Embedded story</title></head><body>\
         <iframe src=\"https://news.example.com/story/123\" width=\"100%\"></iframe></body></html>",
    );
    let scripted = page(
        dir.path(),
        "scripted",
        "<!DOCTYPE html><html><head><title>App</title></head><body><div id=\"root\"></div>\
         <script src=\"/app.js\"></script></body></html>",
    );
    for (p, says) in [
        (
            &framed,
            "it frames another page, https://news.example.com/story/123; narrate that address \
             instead",
        ),
        (&scripted, "probably built by JavaScript"),
    ] {
        let out = aloud().arg("script").arg(p).output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains(says), "{stderr}");
        assert!(stderr.contains(&p.display().to_string()), "{stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    }
}

#[test]
fn prose_set_in_a_heading_is_read_as_paragraphs_with_sentence_pauses() {
    // Testimonials styled as <h4>, and a headline whose <h2> is never closed, so the whole
    // story sits in it: both were read as headings, one chunk each, with no sentence pauses.
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "prose-in-headings",
        &format!(
            "<html><head><title>Harbour works</title></head><body><div id=main>\
             <h1>Harbour works<h2>\
             <p>{}</p><p>{}</p><h4>What residents say</h4><h4>{}</h4></div></body></html>",
            prose("tide", 3),
            prose("storm", 2),
            prose("ferry", 2)
        ),
    );
    let (plan, _) = script(&p, &[]);
    let paragraphs = plan["paragraphs"].as_array().unwrap();
    let heading = |needle: &str| {
        paragraphs
            .iter()
            .find(|p| p["text"].as_str().unwrap().contains(needle))
            .map(|p| p["heading"] == true)
            .unwrap_or_else(|| panic!("{needle} not read: {paragraphs:?}"))
    };
    assert!(heading("What residents say"), "{paragraphs:?}");
    assert!(!heading("The tide report"), "{paragraphs:?}");
    assert!(!heading("The ferry report"), "{paragraphs:?}");
    // Read sentence by sentence: each sentence of the ferry testimonial is a chunk of its own.
    let chunks = plan["chunks"].as_array().unwrap();
    let ferry = chunks
        .iter()
        .filter(|c| c["text"].as_str().unwrap().starts_with("The ferry report"))
        .count();
    assert_eq!(ferry, 2, "{chunks:?}");
}

#[test]
fn a_recipe_card_heading_above_its_units_switch_is_read() {
    // "Ingredients", then a units switch of two links, then the list: the heading was dropped
    // as the label of a dropped box of links. A "More stories" label above a list of links to
    // other stories still goes with its list.
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "recipe-card",
        &format!(
            "<html><head><title>Bread</title></head><body><article><h1>Bread</h1><p>{}</p>\
             <div class=\"recipe-ingredients\"><h3>Ingredients</h3>\
             <div class=\"unit-conversion\"><a href=\"#\">US Customary</a> - \
             <a href=\"#\">Metric</a></div>\
             <ul><li>3 ripe bananas, mashed</li><li>1 large egg</li></ul></div>\
             <p>{}</p><h3>More stories</h3><div><a href=\"/a\">Ten loaves to bake this \
             winter with the children</a> <a href=\"/b\">Why sourdough starters fail in a \
             cold kitchen</a></div></article></body></html>",
            prose("bakery", 3),
            prose("oven", 2)
        ),
    );
    let (plan, _) = script(&p, &[]);
    let text = paragraphs(&plan);
    let at = text.iter().position(|t| t == "Ingredients");
    assert!(at.is_some(), "{text:?}");
    assert!(
        text[at.unwrap() + 1].starts_with("3 ripe bananas"),
        "{text:?}"
    );
    let all = text.join("\n");
    assert!(
        !all.contains("US Customary") && !all.contains("More stories"),
        "{all}"
    );
}

#[test]
fn what_a_page_marks_for_read_aloud_tools_to_skip_is_not_read() {
    // Medium's byline block: publication, date, reading time, claps, marked
    // `speechify-ignore`; it was read between the subtitle and the story.
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "marked",
        &format!(
            "<html><head><title>Billing in Go</title></head><body><article>\
             <h1>Billing in Go</h1><h2>Six months and one long weekend</h2>\
             <div class=\"speechify-ignore ab cp\"><a href=\"/@dev\">Dev Patel</a> \
             <span>Published in</span><p>Better Engineering</p><span>9 min read</span> \
             <span>Nov 2, 2023</span><button>Listen</button></div>\
             <p>{}</p><p>{}</p></article></body></html>",
            prose("billing", 3),
            prose("invoice", 3)
        ),
    );
    let (plan, _) = script(&p, &[]);
    let text = paragraphs(&plan).join("\n");
    assert!(
        text.contains("The invoice report noted change number 3"),
        "{text}"
    );
    for furniture in [
        "Published in",
        "Better Engineering",
        "9 min read",
        "Nov 2, 2023",
    ] {
        assert!(!text.contains(furniture), "{furniture} read: {text}");
    }
    // Left unclosed, the marked block holds the story after it: the story is still read.
    let unclosed = page(
        dir.path(),
        "marked-unclosed",
        &format!(
            "<html><head><title>Billing in Go</title></head><body><article>\
             <h1>Billing in Go</h1><div class=\"speechify-ignore\"><span>9 min read</span>\
             <p>{}</p><p>{}</p></article></body></html>",
            prose("billing", 3),
            prose("invoice", 3)
        ),
    );
    let (plan, _) = script(&unclosed, &[]);
    let text = paragraphs(&plan).join("\n");
    assert!(
        text.contains("The invoice report noted change number 3"),
        "{text}"
    );
}

#[test]
fn edits_formulas_old_font_wrappers_and_accordion_titles_are_read_as_a_listener_needs() {
    // Four kinds from a fresh tester's pages: an edit's inserted text (dropped as an ad slot)
    // while the struck-out text was read; MathML formulas (dropped whole) that carry their
    // text form; a whole story wrapped in <font> (read as one paragraph); and a <details>
    // summary classed "accordion__header" (dropped as a page header).
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "edits",
        &format!(
            "<html><head><title>Tickets</title></head><body><article><h1>Tickets</h1>\
             <p>The ticket now costs <del>£20</del> <ins>£25</ins> and doors open at <s>7pm</s> \
             8pm. {}</p><p>Each query attends to at most <math alttext=\"k\"><mi>k</mi></math> \
             keys. {}</p>\
             <details><summary class=\"accordion__header\"><h2>Collect your permit</h2>\
             </summary><p>{}</p></details><h2>Categories</h2></article></body></html>",
            prose("ticket", 2),
            prose("query", 2),
            prose("permit", 2)
        ),
    );
    let (plan, _) = script(&p, &[]);
    let text = paragraphs(&plan);
    let all = text.join("\n");
    assert!(all.contains("costs £25 and doors open at 8pm"), "{all}");
    assert!(!all.contains("£20") && !all.contains("7pm"), "{all}");
    assert!(all.contains("at most k keys"), "{all}");
    assert!(text.iter().any(|t| t == "Collect your permit"), "{all}");
    // A heading that ends the article heads nothing.
    assert_ne!(text.last().map(String::as_str), Some("Categories"), "{all}");

    let font = page(
        dir.path(),
        "font",
        &format!(
            "<html><head><title>Engine house</title></head><body><table><tr><td>\
             <font face=\"Arial\"><h1>Engine house</h1><p>{}</p><h3>The boiler question</h3>\
             <p>{}</p></font></td></tr></table></body></html>",
            prose("engine", 3),
            prose("boiler", 3)
        ),
    );
    let (plan, _) = script(&font, &[]);
    let text = paragraphs(&plan);
    assert!(text.iter().any(|t| t == "The boiler question"), "{text:?}");
    assert!(text.len() >= 3, "{text:?}");
}

/// A discussion under a short post (a Hacker News item: the question, then replies each laid
/// out as a one-row table of indent, vote arrow and comment) is read with its replies; under
/// a story the comments stay out (see `a_long_comment_thread_is_not_read`).
#[test]
fn a_discussion_under_a_short_post_is_read_with_its_replies() {
    let dir = tempfile::tempdir().unwrap();
    let replies: String = (0..10)
        .map(|i| {
            format!(
                r#"<tr class="athing comtr" id="{i}"><td><table border="0"><tr>
                <td class="ind" indent="{d}"><img src="s.gif" height="1" width="{w}"></td>
                <td class="votelinks"><a href="vote?id={i}"><div class="votearrow"></div></a></td>
                <td class="default"><div><span class="comhead"><a class="hnuser">member{i}</a>
                <span class="age">{i} hours ago</span></span></div><br><div class="comment">
                <div class="commtext c00">Reply {i}: the backups on disk {i} have not failed since.</div>
                <div class="reply"><a href="reply?id={i}">reply</a></div></div></td>
                </tr></table></td></tr>"#,
                d = i % 2,
                w = (i % 2) * 40
            )
        })
        .collect();
    let p = page(
        dir.path(),
        "discussion",
        &format!(
            r#"<html><head><title>Ask: how do you run your home server?</title></head><body>
            <table id="hnmain"><tr><td><table class="fatitem"><tr class="athing submission">
            <td class="title"><span class="titleline"><a href="item?id=1">Ask: how do you run
            your home server?</a></span></td></tr><tr><td><div class="toptext">{}</div></td>
            </tr></table><table border="0" class="comment-tree">{replies}</table></td></tr>
            </table></body></html>"#,
            prose("server", 2)
        ),
    );
    let (plan, stderr) = script(&p, &[]);
    let text = paragraphs(&plan).join("\n");
    assert!(text.contains("The server report"), "{text}");
    for i in [0, 5, 9] {
        assert!(
            text.contains(&format!("Reply {i}: the backups on disk {i}")),
            "reply {i} not read: {text}"
        );
    }
    assert!(!stderr.contains("warning"), "{stderr}");
}

/// A date inside a sentence marked up as `<time>` is read (rs-trafilatura drops every
/// `<time>`: "will meet on at the library").
#[test]
fn a_date_inside_a_sentence_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "time",
        &format!(
            r#"<html><head><title>Library meeting</title></head><body><article>
            <h1>Library meeting</h1><p>{}</p><p>The committee will meet on
            <time datetime="2025-03-03">Monday 3 March</time> at the library.</p><p>{}</p>
            </article></body></html>"#,
            prose("library", 3),
            prose("committee", 3)
        ),
    );
    let (plan, _) = script(&p, &[]);
    let text = paragraphs(&plan).join("\n");
    assert!(
        text.contains("meet on Monday 3 March at the library"),
        "{text}"
    );
}

/// The title: a heading that shows the page's declared title (og:title, citation_title) is
/// the title even when a blog's name or a subject line is the first `<h1>` (Blogger's
/// `<h1>` blog name over an `<h3 class="post-title">`; arXiv's subject `<h1>` over its
/// "Title:" heading); an `<h1>` sharing no word with the declared title is not the title.
#[test]
fn the_title_is_the_heading_the_page_declares_as_its_title() {
    let dir = tempfile::tempdir().unwrap();
    let blog = page(
        dir.path(),
        "blogger",
        &format!(
            r#"<html><head><title>Railways of the Marches: The lost halt</title>
            <meta property="og:title" content="The lost halt"></head><body>
            <header><h1 class="title">Railways of the Marches</h1></header><div class="post">
            <h3 class="post-title">The lost halt</h3><div class="post-body"><p>{}</p><p>{}</p>
            </div></div></body></html>"#,
            prose("halt", 3),
            prose("railway", 3)
        ),
    );
    let (plan, _) = script(&blog, &[]);
    assert_eq!(plan["title"], "The lost halt");

    let paper = page(
        dir.path(),
        "abstract",
        &format!(
            r#"<html><head><title>[2503.01234] Sparse routing</title>
            <meta name="citation_title" content="Sparse routing for long speech"></head><body>
            <h1>Audio and Speech Processing</h1><div id="abs"><h1 class="title mathjax">
            <span class="descriptor">Title:</span>Sparse routing for long speech</h1>
            <blockquote class="abstract">{}</blockquote></div></body></html>"#,
            prose("routing", 4)
        ),
    );
    let (plan, _) = script(&paper, &[]);
    assert_eq!(plan["title"], "Sparse routing for long speech");
    let text = paragraphs(&plan).join("\n");
    assert!(!text.contains("Title:"), "{text}");

    let section = page(
        dir.path(),
        "section",
        &format!(
            r#"<html><head><title>Managing legal risk in gyms | Law Firm</title>
            <meta property="og:title" content="Managing legal risk in gyms"></head><body>
            <h1>Perspectives</h1><article><p>{}</p><p>{}</p></article></body></html>"#,
            prose("gym", 3),
            prose("risk", 3)
        ),
    );
    let (plan, _) = script(&section, &[]);
    assert_eq!(plan["title"], "Managing legal risk in gyms");
}

/// A how-to's steps each with a heading and a paragraph ("<li><h3>…</h3><p>…</p></li>") are
/// read apart, the step's number before its heading; an accordion's question in a button
/// with an icon is read before its answer.
#[test]
fn steps_with_headings_and_questions_with_icons_keep_their_headings() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "howto",
        &format!(
            r#"<html><head><title>Replace a tap</title></head><body><article>
            <h1>Replace a tap</h1><p>{}</p><h2>Instructions</h2><ol class="steps">
            <li><h3>Shut off the water</h3><p>Turn the valves under the sink until they
            stop.</p></li><li><h3>Remove the old tap</h3><p>Undo the nuts that hold it to the
            basin.</p></li></ol><h2>Questions</h2><h3 class="faq__question"><button
            class="faq__trigger" aria-expanded="false">Do I need a plumber?<span
            class="faq__icon" aria-hidden="true">+</span></button></h3><div hidden><p>No, a
            basin wrench and an hour are enough.</p></div><p>{}</p></article></body></html>"#,
            prose("tap", 3),
            prose("basin", 3)
        ),
    );
    let (plan, _) = script(&p, &[]);
    let text = paragraphs(&plan);
    assert!(
        text.iter().any(|t| t == "1. Shut off the water"),
        "{text:?}"
    );
    assert!(
        text.iter().any(|t| t == "2. Remove the old tap"),
        "{text:?}"
    );
    assert!(text.iter().any(|t| t == "Do I need a plumber?"), "{text:?}");
}

/// The first page of a paginated article (`<link rel="next">`, "Page 1 of 3") is read and
/// the listener told that the article goes on, and where; `--strict` does not fail on it.
#[test]
fn the_first_page_of_a_paginated_article_says_the_article_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let html = |pager: &str| {
        format!(
            r#"<html><head><title>Pallets</title>
            <link rel="next" href="https://news.example/pallets?page=2"></head><body>
            <article><h1>Pallets</h1><p>{}</p><p>{}</p>{pager}</article></body></html>"#,
            prose("pallet", 3),
            prose("freight", 3)
        )
    };
    let first = page(
        dir.path(),
        "paged",
        &html(r#"<nav class="pager"><span>Page 1 of 3</span><a href="?page=2">Next</a></nav>"#),
    );
    let (plan, stderr) = script(&first, &["--strict"]);
    assert_eq!(
        plan["extraction"]["continues"],
        "https://news.example/pallets?page=2"
    );
    assert!(
        stderr.contains("continues at https://news.example/pallets?page=2"),
        "{stderr}"
    );
    // A next chapter's link alone (Sphinx, a blog's next post) says nothing.
    let chapter = page(dir.path(), "chapter", &html(""));
    let (plan, stderr) = script(&chapter, &[]);
    assert!(plan["extraction"].get("continues").is_none(), "{plan}");
    assert!(!stderr.contains("continues"), "{stderr}");
}

#[test]
fn an_editorial_review_is_read_whole_not_as_a_product_page() {
    // rs-trafilatura's classifier calls a review with a price box a product page and drops its
    // body, a container classed "review-body", as customer reviews.
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "review",
        &format!(
            r#"<html><head><title>Aero 14 review</title>
            <script type="application/ld+json">{{"@context":"https://schema.org","@type":"Review",
            "itemReviewed":{{"@type":"Product","name":"Aero 14"}},"reviewRating":{{"@type":"Rating","ratingValue":"4"}}}}</script>
            </head><body><article class="review"><h1>Aero 14 review</h1>
            <p class="review-deck">A light laptop with one compromise, tested for a month.</p>
            <div class="price-widget"><span class="price">$1,099</span> <a class="btn">View deal</a></div>
            <div class="verdict-box"><p>Buy it if you carry your computer everywhere every day.</p></div>
            <div class="review-body"><h2>Design</h2><p>{}</p><h2>Battery</h2><p>{}</p></div>
            </article></body></html>"#,
            prose("design", 4),
            prose("battery", 4)
        ),
    );
    let (plan, _) = script(&p, &[]);
    let text = paragraphs(&plan).join("\n");
    assert!(text.contains("Battery"), "{text}");
    assert!(
        text.contains("The battery report noted change number 4"),
        "{text}"
    );
    assert!(
        text.contains("The design report noted change number 1"),
        "{text}"
    );
}

#[test]
fn a_standfirst_named_in_french_or_by_a_css_module_is_read() {
    let dir = tempfile::tempdir().unwrap();
    for (name, class) in [
        ("chapo", "article__chapo"),
        ("module", "ArticleDek_root__gHi"),
    ] {
        let p = page(
            dir.path(),
            name,
            &format!(
                r#"<html><head><title>Harbour wall</title></head><body><main><article>
                <h1>Harbour wall</h1><p class="{class}">The council voted at last to rebuild the old sea wall this spring.</p>
                <div class="body"><p>{}</p><p>{}</p></div></article></main></body></html>"#,
                prose("wall", 3),
                prose("vote", 3)
            ),
        );
        let (plan, _) = script(&p, &[]);
        assert_eq!(
            paragraphs(&plan)[0],
            "The council voted at last to rebuild the old sea wall this spring.",
            "{class}"
        );
    }
}

#[test]
fn a_paywall_box_that_offers_the_article_free_is_no_wall_and_a_real_walls_box_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let offered = page(
        dir.path(),
        "offered",
        &format!(
            r#"<html><head><title>Vélos</title></head><body><main><article><h1>Vélos-cargos</h1>
            <div class="article__paywall-teaser"><p>Cet article vous est offert.</p></div>
            <p>{}</p><p>{}</p></article></main></body></html>"#,
            prose("cargo", 2),
            prose("bike", 2)
        ),
    );
    let (plan, stderr) = script(&offered, &[]);
    assert!(!stderr.contains("subscription wall"), "{stderr}");
    assert_eq!(plan["extraction"]["paywall"], Value::Null, "{plan}");

    let walled = page(
        dir.path(),
        "walled",
        &format!(
            r#"<html><head><title>Lights</title><link rel="canonical" href="https://lights.example.com/p/lights">
            </head><body><main><article><h1>The economics of lights</h1><p>{}</p>
            <div class="paywall"><h2 class="paywall-title">Keep reading with a 7-day free trial</h2>
            <p class="paywall-subtitle">Subscribe to Lights to keep reading this post.</p>
            <div class="paywall-cta"><a class="button">Start trial</a></div></div>
            </article></main></body></html>"#,
            prose("light", 3)
        ),
    );
    let (plan, stderr) = script(&walled, &[]);
    assert!(stderr.contains("subscription wall"), "{stderr}");
    let text = paragraphs(&plan).join("\n");
    assert!(!text.contains("Keep reading with"), "{text}");
    assert!(!text.contains("Start trial"), "{text}");
    assert!(
        text.contains("The light report noted change number 3"),
        "{text}"
    );
}

#[test]
fn a_wiki_pages_infobox_navigation_boxes_and_coordinates_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "wiki",
        &format!(
            r#"<html><head><title>Harbour Viaduct - Wikipedia</title></head><body><main id="content">
            <h1>Harbour Viaduct</h1><div class="mw-parser-output">
            <div role="note" class="hatnote">For the road bridge, see Harbour Bridge.</div>
            <p><span id="coordinates">Coordinates: 54°19′16″N 1°52′35″W</span></p>
            <table class="infobox"><tbody><tr><th colspan="2">Harbour Viaduct</th></tr>
            <tr><th scope="row">Carries</th><td>Valley Railway</td></tr>
            <tr><th scope="row">Opened</th><td>1 June 1866</td></tr></tbody></table>
            <p>{}</p><h2>History<span class="mw-editsection">[edit]</span></h2><p>{}</p>
            <h2>References</h2>
            <div role="navigation" class="navbox"><table><tbody><tr><th>Viaducts of the valley</th></tr>
            <tr><td><ul><li><a href="/a">Harbour</a></li><li><a href="/b">Ribble</a></li><li><a href="/c">Thorn</a></li></ul></td></tr>
            </tbody></table></div></div></main></body></html>"#,
            prose("viaduct", 3),
            prose("railway", 3)
        ),
    );
    let (plan, _) = script(&p, &[]);
    let text = paragraphs(&plan).join("\n");
    for furniture in [
        "Carries",
        "Coordinates",
        "For the road bridge",
        "[edit]",
        "Ribble",
        "References",
    ] {
        assert!(!text.contains(furniture), "{furniture}: {text}");
    }
    assert!(text.contains("History"), "{text}");
    assert!(
        text.contains("The railway report noted change number 3"),
        "{text}"
    );
}

#[test]
fn a_headings_permalink_mark_and_a_foreign_teaser_line_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "marks",
        &format!(
            r##"<html><head><title>Buttons</title></head><body><main><article><h1>Buttons</h1>
            <p>{}</p><h2 id="problem">The problem<a class="anchor" href="#problem">#</a></h2><p>{}</p>
            <h2 id="fix">The fix <a href="#fix">§</a></h2><p>{}</p>
            <p>Lire aussi : Les zones à faibles émissions changent au 1er janvier</p>
            <h2>Learning C#</h2><p>{}</p></article></main></body></html>"##,
            prose("button", 2),
            prose("bounce", 2),
            prose("counter", 2),
            prose("language", 2)
        ),
    );
    let (plan, _) = script(&p, &[]);
    let text = paragraphs(&plan);
    assert!(text.contains(&"The problem".to_string()), "{text:?}");
    assert!(text.contains(&"The fix".to_string()), "{text:?}");
    assert!(text.contains(&"Learning C#".to_string()), "{text:?}");
    assert!(
        !text.iter().any(|t| t.starts_with("Lire aussi")),
        "{text:?}"
    );
}

#[test]
fn a_posts_tag_list_and_display_none_marks_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "tags",
        &format!(
            r#"<html><head><title>Flux residue</title></head><body><main><article>
            <h1>Does flux residue need cleaning?</h1>
            <div class="post"><span class="d-none">$\begingroup$</span><p>{}</p>
            <div class="labels"><ul><li><a href="/t/soldering" rel="tag">soldering-iron</a></li>
            <li><a href="/t/flux" rel="tag">rosin-flux</a></li></ul></div>
            <span class="d-none">$\endgroup$</span></div>
            <div class="post"><p>{}</p>
            <p>The <a href="/t/no-clean" rel="tag">no-clean</a> wiki explains why the residue of that kind of flux may stay on the board.</p>
            <p class="d-none d-md-block">Boards kept in damp sheds should be cleaned whatever the flux.</p>
            <p>Filed under: <a href="/t/a" rel="category tag">workshop-notes</a>, <a href="/t/b" rel="tag">repairs-log</a></p></div>
            </article></main></body></html>"#,
            prose("solder", 3),
            prose("residue", 3)
        ),
    );
    let (plan, _) = script(&p, &[]);
    let text = paragraphs(&plan).join("\n");
    for furniture in [
        "soldering-iron",
        "rosin-flux",
        "begingroup",
        "endgroup",
        "workshop-notes",
        "repairs-log",
        "Filed under",
    ] {
        assert!(!text.contains(furniture), "{furniture}: {text}");
    }
    assert!(text.contains("The no-clean wiki explains"), "{text}");
    assert!(text.contains("Boards kept in damp sheds"), "{text}");
    assert!(
        text.contains("The solder report noted change number 3"),
        "{text}"
    );
}

#[test]
fn a_bold_label_on_its_own_line_and_a_glued_label_are_read_apart() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "labels",
        &format!(
            r#"<html><head><title>Nettle soup</title></head><body><main><article>
            <h1>Nettle soup</h1><p>{}</p>
            <p><b>Ingredients</b><br>Two handfuls of young nettle tops, one onion and a litre of stock.</p>
            <p><strong>Serves</strong><br>Four people as a starter.</p>
            <p><b>Harbour Hotel</b><br>Up to $200 in instant savings</p>
            <p>Abstract:<span>We study the soup and its keeping.</span></p>
            <p>{}</p></article></main></body></html>"#,
            prose("nettle", 3),
            prose("stock", 3)
        ),
    );
    let (plan, _) = script(&p, &[]);
    let text = paragraphs(&plan);
    for line in [
        "Ingredients",
        "Two handfuls of young nettle tops, one onion and a litre of stock.",
        "Serves",
        "Four people as a starter.",
        // An offer's name over its terms (no sentence) stays one line.
        "Harbour Hotel Up to $200 in instant savings",
        "Abstract: We study the soup and its keeping.",
    ] {
        assert!(text.contains(&line.to_string()), "{line}: {text:?}");
    }
}

#[test]
fn a_questions_heading_above_main_is_the_title_and_a_posts_buttons_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "question",
        &format!(
            r#"<html><head><title>git - How do I undo my last local commit? - Q and A</title></head>
            <body><header><nav><a href="/">Home</a></nav></header>
            <div id="question-header"><h1><a href="/q/1">How do I undo my last local commit in Git?</a></h1></div>
            <div id="mainbar" role="main"><div class="question"><p>{}</p></div>
            <div class="answer"><h1>Undo a commit and redo</h1><p>{}</p>
            <div class="wp-block-buttons"><div class="wp-block-button"><a class="wp-block-button__link" href="/guide">Get my free Git guide</a></div></div>
            </div></div></body></html>"#,
            prose("commit", 3),
            prose("reset", 3)
        ),
    );
    let (plan, _) = script(&p, &[]);
    assert_eq!(plan["title"], "How do I undo my last local commit in Git?");
    let text = paragraphs(&plan).join("\n");
    assert!(text.contains("Undo a commit and redo"), "{text}");
    assert!(!text.contains("Get my free Git guide"), "{text}");
    assert!(
        text.contains("The reset report noted change number 3"),
        "{text}"
    );
}

#[test]
fn a_subscribers_saved_page_reads_the_paid_part_its_structured_data_names() {
    // Google's markup for paywalled articles names the paid part's class ("paywall"), which
    // was taken for the wall itself: a subscriber's saved page lost the paid paragraphs and
    // was told to save the page while logged in (found by a fresh tester).
    let dir = tempfile::tempdir().unwrap();
    let html = |paid: &str| {
        format!(
            r#"<html><head><title>Bees — Farm Review</title>
            <script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",
            "headline":"Bees","isAccessibleForFree":"False","hasPart":{{"@type":"WebPageElement",
            "cssSelector":".paywall","isAccessibleForFree":false}}}}</script></head>
            <body><nav><ul><li><a href="/a">Science</a></li><li><a href="/b">Economy</a></li></ul></nav>
            <article><h1>Bees</h1><div class="article-body"><p>{}</p><p>{}</p>{paid}</div></article>
            <footer><p>Terms and privacy of the review.</p></footer></body></html>"#,
            prose("hive", 2),
            prose("meadow", 1)
        )
    };
    let paid = format!(
        r#"<div class="paywall"><p>{}</p><p>{}</p></div>"#,
        prose("orchard", 2),
        prose("pollination", 2)
    );
    let p = page(dir.path(), "subscriber", &html(&paid));
    let (plan, stderr) = script(&p, &[]);
    let paras = paragraphs(&plan);
    assert!(
        paras.iter().any(|t| t.contains("pollination report")),
        "{paras:?}"
    );
    assert!(!stderr.contains("subscription wall"), "{stderr}");
    // Without the paid part, the wall's prompt still warns.
    let wall = r#"<div class="paywall"><h3>Subscribe to continue reading</h3>
        <p>Already a subscriber? Sign in</p></div>"#;
    let p = page(dir.path(), "reader", &html(wall));
    let (plan, stderr) = script(&p, &[]);
    assert!(stderr.contains("subscription wall"), "{stderr}");
    assert!(
        !paragraphs(&plan).iter().any(|t| t.contains("Subscribe")),
        "{:?}",
        paragraphs(&plan)
    );
}

#[test]
fn the_next_stories_an_infinite_scroll_appended_are_not_read() {
    // A news site's infinite scroll appends each next story as an <article data-url> of its
    // own; they were read as one story (found by a fresh tester). A listing's teasers, none of
    // them the page's own story, are all read.
    let dir = tempfile::tempdir().unwrap();
    let story = |slug: &str, tag: &str, title: &str, topic: &str| {
        format!(
            r#"<article class="post" data-url="https://food.example/2024/{slug}"><{tag}>{title}</{tag}>
            <p>{}</p><p>{}</p></article>"#,
            prose(topic, 2),
            prose(&format!("{topic} market"), 2)
        )
    };
    let stories = [
        story("sourdough", "h1", "Why sourdough is back", "bakery"),
        story("olive-oil", "h2", "Olive oil prices fall", "orchard"),
        story("tipping", "h2", "The tipping backlash", "diner"),
    ]
    .concat();
    for canonical in [
        "",
        r#"<link rel="canonical" href="https://food.example/2024/sourdough/">"#,
    ] {
        let p = page(
            dir.path(),
            "stream",
            &format!(
                r#"<html><head><title>Why sourdough is back</title>{canonical}</head><body>
                <div class="article-stream">{stories}</div></body></html>"#
            ),
        );
        let (plan, _) = script(&p, &[]);
        let text = paragraphs(&plan).join("\n");
        assert!(text.contains("bakery market report"), "{canonical}: {text}");
        assert!(!text.contains("orchard"), "{canonical}: {text}");
        assert!(!text.contains("Olive oil"), "{canonical}: {text}");
        assert!(!text.contains("diner"), "{canonical}: {text}");
    }
    let teasers = [
        story("sourdough", "h2", "Why sourdough is back", "bakery"),
        story("olive-oil", "h2", "Olive oil prices fall", "orchard"),
    ]
    .concat();
    let p = page(
        dir.path(),
        "listing",
        &format!(
            r#"<html><head><title>Food news</title>
            <link rel="canonical" href="https://food.example/news/"></head><body>
            <h1>Food news</h1>{teasers}</body></html>"#
        ),
    );
    let (plan, _) = script(&p, &[]);
    let text = paragraphs(&plan).join("\n");
    assert!(
        text.contains("bakery") && text.contains("orchard"),
        "{text}"
    );
}

#[test]
fn a_standfirst_in_wrappers_of_its_own_is_read_before_the_story() {
    let dir = tempfile::tempdir().unwrap();
    let body: String = (0..9)
        .map(|i| format!("<p>{}</p>", prose(&format!("ferry {i}"), 2)))
        .collect();
    let p = page(
        dir.path(),
        "wrapped",
        &format!(
            r#"<html><head><title>The ferry</title></head><body><main><article>
            <div data-gu-name="headline"><h1>The night ferry is back</h1></div>
            <div data-gu-name="standfirst"><div class="x1"><p>Most towns kept the late
            crossing. The test is whether it survives the winter timetable</p></div></div>
            <div data-gu-name="body"><div class="article-body">{body}</div></div>
            </article></main></body></html>"#
        ),
    );
    let (plan, _) = script(&p, &[]);
    let text = paragraphs(&plan);
    assert!(
        text[0].starts_with("Most towns kept the late crossing"),
        "{text:?}"
    );
    // A site's name in its header is no headline: its tagline is not read as a standfirst.
    let p = page(
        dir.path(),
        "blog",
        &format!(
            r#"<html><head><title>Small boats</title></head><body>
            <header><div class="titlewrapper"><h1 class="title"><a href="/">Harbour Notes</a></h1></div>
            <div class="descriptionwrapper"><p class="description">Thoughts on boats, tides,
            ferries and a whole bunch of other topics from the coast.</p></div></header>
            <div class="post"><h2>Small boats</h2>{body}</div></body></html>"#
        ),
    );
    let (plan, _) = script(&p, &[]);
    let text = paragraphs(&plan).join("\n");
    assert!(!text.contains("whole bunch of other topics"), "{text}");
}

#[test]
fn a_fact_box_reads_each_term_with_its_value_and_steps_are_numbered_once() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "fair",
        &format!(
            r#"<html><head><title>Harbour fair</title></head><body><article>
            <h1>The harbour fair returns</h1><p>{}</p>
            <dl><div><dt>Date</dt><dd><time datetime="2026-07-18">Sat 18 Jul 2026</time> –
            <time datetime="2026-07-19">Sun 19 Jul 2026</time></dd></div>
            <div><dt>Venue</dt><dd>The old quay, Portsmouth</dd></div></dl>
            <dl><dt>Weight</dt><dd>254 g</dd><dt>Battery life</dt><dd>Up to 30 hours</dd></dl>
            <h2>Getting there</h2>
            <ol><li><strong>Step 1:</strong> Take the ferry from the town pier at nine.</li>
            <li>2. Walk along the quay to the old customs house and turn left.</li>
            <li>Find the fair behind the lifeboat station on the harbour front.</li></ol>
            <p>{}</p></article></body></html>"#,
            prose("fair", 3),
            prose("quay", 3)
        ),
    );
    let (plan, _) = script(&p, &[]);
    let text = paragraphs(&plan);
    for line in [
        "Date: Sat 18 Jul 2026 – Sun 19 Jul 2026",
        "Venue: The old quay, Portsmouth",
        "Weight: 254 g",
        "Battery life: Up to 30 hours",
        "Step 1: Take the ferry from the town pier at nine.",
        "2. Walk along the quay to the old customs house and turn left.",
        "3. Find the fair behind the lifeboat station on the harbour front.",
    ] {
        assert!(text.iter().any(|t| t == line), "{line}: {text:?}");
    }
}

#[test]
fn a_recipe_cards_header_and_a_meters_nudge_are_read_as_the_article() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "curry",
        &format!(
            r#"<html><head><title>Chickpea curry</title></head><body><article>
            <h1>One-pan chickpea curry</h1>
            <div class="paywall-banner"><p>You have 2 free articles remaining this month.</p></div>
            <p>{}</p>
            <div class="recipe-card"><div class="tasty-recipes-entry-header"><h2>One-Pan Chickpea Curry</h2>
            <ul><li>Prep Time: 10 minutes</li><li>Yield: 4 servings</li></ul></div>
            <h3>Instructions</h3><ol><li>Fry the onion in the oil until soft and golden.</li>
            <li>Add the spices, then the tomatoes and the chickpeas.</li></ol></div>
            <p>Published: Jan 23, 2026</p>
            <p><strong>Read also:</strong> <a href="/dal">Our favourite red lentil dal</a></p>
            </article></body></html>"#,
            prose("kitchen", 4)
        ),
    );
    let (plan, stderr) = script(&p, &[]);
    let text = paragraphs(&plan).join("\n");
    assert!(text.contains("Prep Time: 10 minutes"), "{text}");
    assert!(text.contains("Yield: 4 servings"), "{text}");
    assert!(!text.contains("Published"), "{text}");
    assert!(!text.contains("red lentil dal"), "{text}");
    assert!(!stderr.contains("wall"), "{stderr}");
}

#[test]
fn text_a_page_hides_inside_a_line_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "preheader",
        &format!(
            r#"<html><head><title>Garden notes</title></head><body><article>
            <h1>Garden notes for August</h1>
            <p>The beans grew all summer before the heat came up<span style="display:none">
            SECRET PREHEADER</span> over the hills, and we picked them every morning.</p>
            <p>{}<span hidden>HIDDEN RUN</span></p></article></body></html>"#,
            prose("garden", 4)
        ),
    );
    let (plan, _) = script(&p, &[]);
    let text = paragraphs(&plan).join("\n");
    assert!(
        text.contains("before the heat came up over the hills"),
        "{text}"
    );
    assert!(
        !text.contains("SECRET") && !text.contains("HIDDEN"),
        "{text}"
    );
}

#[test]
fn a_story_the_page_also_gives_as_json_ld_text_is_read_from_its_markup() {
    // rs-trafilatura reads the JSON-LD articleBody instead of the markup when its region
    // opens like boilerplate (a "©" credit): a publisher's plain text that runs paragraphs
    // together and has left out its links' words ("The latest survey from shows…").
    let dir = tempfile::tempdir().unwrap();
    let paras = [
        format!(
            "{} The work is running ahead of the spring tides.",
            prose("wall", 2)
        ),
        "The latest survey from <a href=\"https://example.org/survey\">the coastal engineering \
         board</a> shows that most of the damage was done in a single night."
            .to_string(),
        format!(
            "{} Engineers say the new walls curve at the top.",
            prose("surge", 2)
        ),
        "According to <a href=\"https://example.org/report\">a report by the harbour trust</a>, \
         the cost of the repairs has doubled since November."
            .to_string(),
        prose("fleet", 3),
    ];
    let plain: Vec<String> = paras
        .iter()
        .map(|p| {
            p.replace(
                "<a href=\"https://example.org/survey\">the coastal engineering board</a> ",
                "",
            )
            .replace(
                "<a href=\"https://example.org/report\">a report by the harbour trust</a>",
                "",
            )
        })
        .collect();
    let body = plain.join("\\n\\n");
    let p = page(
        dir.path(),
        "walls",
        &format!(
            r#"<html><head><title>Harbour towns rebuild their sea walls</title>
            <script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",
            "headline":"Harbour towns rebuild their sea walls","articleBody":"{body}"}}</script></head>
            <body><main><h1>Harbour towns rebuild their sea walls</h1>
            <p><small>Photograph: Ann Lee © Coast News</small></p>
            {}</main></body></html>"#,
            paras.map(|p| format!("<p>{p}</p>")).join("\n")
        ),
    );
    let (plan, _) = script(&p, &[]);
    let read = paragraphs(&plan);
    let text = read.join("\n");
    assert!(
        text.contains("The latest survey from the coastal engineering board shows"),
        "{text}"
    );
    assert!(
        text.contains("According to a report by the harbour trust, the cost"),
        "{text}"
    );
    // Paragraphs stay apart: the fleet's paragraph is one of its own.
    assert!(
        read.iter().any(|p| p.starts_with("The fleet report")),
        "{read:?}"
    );
}

#[test]
fn icons_hidden_from_screen_readers_widget_labels_and_glued_answers_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "faq",
        &format!(
            r##"<html><head><title>Heat pump questions</title></head><body><article>
            <h1>Heat pump questions, answered</h1>
            <div class="ez-toc-container"><p class="ez-toc-title">Contents</p>
            <a class="ez-toc-toggle" href="#">Toggle</a></div>
            <p><span class="badge">LIVE</span></p>
            <p>{}</p>
            <details><summary><span>Do heat pumps work in cold weather?</span><span class="icon" aria-hidden="true">+</span></summary><div><p>Yes, down to about minus twenty degrees.</p></div></details>
            <details><summary>Can I keep my radiators?</summary>Often, yes, though some rooms need larger ones.</details>
            <p><span aria-hidden="true">T</span><span class="sr-only">T</span>he grants change in April.</p>
            <p>4.92 from 61 votes</p>
            <p>Older posts Page 1 of 3</p>
            </article></body></html>"##,
            prose("heating", 4)
        ),
    );
    let (plan, _) = script(&p, &[]);
    let text = paragraphs(&plan).join("\n");
    assert!(
        text.contains("Do heat pumps work in cold weather?"),
        "{text}"
    );
    assert!(
        !text.contains("weather?+") && !text.contains("weather? +"),
        "{text}"
    );
    assert!(text.contains("radiators? Often, yes"), "{text}");
    assert!(text.contains("The grants change in April."), "{text}");
    for furniture in ["Toggle", "LIVE", "61 votes", "Older posts"] {
        assert!(!text.contains(furniture), "{furniture} read: {text}");
    }
}

#[test]
fn a_story_told_in_pictures_is_read_with_its_captions_and_other_stories_without() {
    let dir = tempfile::tempdir().unwrap();
    let slide = |n: usize, text: &str| {
        format!(
            r#"<figure class="gallery__item"><img src="/{n}.jpg" alt=""><figcaption>
            <span class="gallery__num">{n}/5</span><p class="gallery__caption">{text}</p>
            <span class="gallery__credit">Photograph: Ellis Carr</span></figcaption></figure>"#
        )
    };
    let captions = [
        "Mist lifts off the river at dawn. The mill has stood here since 1802 and still turns on river power alone.",
        "The miller tests the texture of freshly ground spelt between her fingers before the sacks are filled.",
        "Sacks of wholemeal flour wait for collection. Most go to bakeries within twenty miles of the mill.",
        "The undershot wheel, rebuilt in oak in 2019 after the old one rotted through in a wet winter.",
        "Evening at the mill pond, where the leat is closed each night to rest the wheel and the stones.",
    ];
    let slides: String = captions
        .iter()
        .enumerate()
        .map(|(i, c)| slide(i + 1, c))
        .collect();
    let p = page(
        dir.path(),
        "gallery",
        &format!(
            r#"<html><head><title>In pictures: the last watermills</title></head><body><main>
            <article class="gallery"><h1>In pictures: the last watermills</h1>
            <p class="gallery__intro">Only three mills still grind flour. A photographer spent a year with them.</p>
            <p class="gallery__count">5 photos</p>{slides}</article></main></body></html>"#
        ),
    );
    let (plan, stderr) = script(&p, &[]);
    let text = paragraphs(&plan).join("\n");
    for c in captions {
        assert!(text.contains(c), "{c} not read: {text}");
    }
    for furniture in ["Photograph:", "5 photos", "1/5"] {
        assert!(!text.contains(furniture), "{furniture} read: {text}");
    }
    assert!(!stderr.contains("warning"), "{stderr}");
    // A story with a photograph or two keeps leaving its captions out.
    let p = page(
        dir.path(),
        "story",
        &format!(
            r#"<html><head><title>Mills</title></head><body><main><article><h1>Mills</h1>
            <p>{}</p>{}{}{}<p>{}</p></article></main></body></html>"#,
            prose("mill", 5),
            slide(1, captions[0]),
            slide(2, captions[1]),
            slide(3, captions[2]),
            prose("river", 5)
        ),
    );
    let (plan, _) = script(&p, &[]);
    let text = paragraphs(&plan).join("\n");
    assert!(!text.contains(captions[0]), "{text}");
}

#[test]
fn a_blogs_name_over_its_post_and_a_headline_shown_twice_are_not_the_title_or_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "blogger",
        &format!(
            r#"<html><head><title>Attic Finds: The mystery of the blue tin box</title></head><body>
            <div class="header"><h1 class="title"><a href="/">Attic Finds</a></h1>
            <p class="description">Things we found in the attic</p></div>
            <div class="post"><h3 class="post-title entry-title">The mystery of the blue tin box</h3>
            <div class="post-body entry-content"><p>{}</p><p>{}</p></div></div></body></html>"#,
            prose("attic", 4),
            prose("tin", 4)
        ),
    );
    let (plan, _) = script(&p, &[]);
    assert_eq!(plan["title"], "The mystery of the blue tin box");
    let read = paragraphs(&plan);
    assert!(!read.iter().any(|p| p.contains("blue tin box")), "{read:?}");
    let p = page(
        dir.path(),
        "twice",
        &format!(
            r#"<html><head><title>Merino Trail Sock | Northfold</title></head><body><main>
            <h1>Merino Trail Sock</h1><a href="/p/sock"><h2 class="h1">Merino Trail Sock</h2></a>
            <p>{}</p></main></body></html>"#,
            prose("sock", 4)
        ),
    );
    let (plan, _) = script(&p, &[]);
    assert_eq!(plan["title"], "Merino Trail Sock");
    let read = paragraphs(&plan);
    assert!(!read.iter().any(|p| p == "Merino Trail Sock"), "{read:?}");
}
