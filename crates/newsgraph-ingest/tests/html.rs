mod common;
use common::*;
use newsgraph_ingest::{extract_html, BlockKind};

#[test]
fn main_content_keeps_the_article_and_drops_furniture() {
    let a = extract_html(article_page("").as_bytes(), None, None).unwrap();
    assert_eq!(a.text, expected_text());
    assert_eq!(a.title.as_deref(), Some(TITLE));
    let kinds: Vec<BlockKind> = a.blocks.iter().map(|b| b.kind).collect();
    use BlockKind::*;
    assert_eq!(kinds, vec![Paragraph, Paragraph, Heading, Paragraph, BlockQuote, Paragraph]);
    for b in &a.blocks {
        assert!(!a.text[b.start..b.end].contains("\n\n"));
    }
    assert_eq!(&a.text[a.blocks[2].start..a.blocks[2].end], SUBHEAD);
    assert_eq!(a.language.as_deref(), Some("en-GB"));
}

#[test]
fn entities_br_and_inline_markup_do_not_break_words() {
    let page = "<html><body><article>\
        <p>The mayor&#8217;s office said the <b>foot</b>bridge would cost &pound;4&nbsp;million, &amp; that work would start soon after the vote.</p>\
        <p>First line of the notice<br>second line of the notice, both long enough to count as article text here.</p>\
        <p>Some <em>emphasised</em> words and a <a href=\"/x\">link</a> in a sen&shy;tence that ends with a full&#8203;stop and is long.</p>\
        </article></body></html>";
    let a = extract_html(page.as_bytes(), None, None).unwrap();
    assert_eq!(
        a.text,
        "The mayor\u{2019}s office said the footbridge would cost \u{a3}4 million, & that work would start soon after the vote.\n\n\
         First line of the notice\nsecond line of the notice, both long enough to count as article text here.\n\n\
         Some emphasised words and a link in a sentence that ends with a fullstop and is long."
    );
}

#[test]
fn json_ld_gives_date_author_publisher_and_headline() {
    let ld = r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Courier site"},
        {"@type":"NewsArticle","headline":"Council approves bridge","datePublished":"2024-03-05T09:30:00+01:00",
         "author":[{"@type":"Person","name":"Sam Porter"},{"@type":"Person","name":"Lee Chan"}],
         "publisher":{"@type":"Organization","name":"The Riverton Courier"},"inLanguage":"en"}]}</script>"#;
    let a = extract_html(article_page(ld).as_bytes(), None, None).unwrap();
    assert_eq!(a.published.as_deref(), Some("2024-03-05T09:30:00+01:00"));
    assert_eq!(a.author.as_deref(), Some("Sam Porter, Lee Chan"));
    assert_eq!(a.site_name.as_deref(), Some("The Riverton Courier"));
    assert_eq!(a.title.as_deref(), Some("Council approves bridge"));
}

#[test]
fn opengraph_and_article_meta() {
    let head = r#"<meta property="og:title" content="Bridge approved in Riverton">
<meta property="og:site_name" content="Courier">
<meta property="article:published_time" content="2024-03-05T08:00:00Z">
<meta name="author" content="By Sam Porter">
<link rel="canonical" href="https://courier.example/news/bridge">"#;
    let a = extract_html(article_page(head).as_bytes(), None, None).unwrap();
    assert_eq!(a.title.as_deref(), Some("Bridge approved in Riverton"));
    assert_eq!(a.site_name.as_deref(), Some("Courier"));
    assert_eq!(a.published.as_deref(), Some("2024-03-05T08:00:00Z"));
    assert_eq!(a.author.as_deref(), Some("Sam Porter"));
    assert_eq!(a.canonical_url.as_deref(), Some("https://courier.example/news/bridge"));
}

#[test]
fn time_element_date() {
    let page = article_page("").replace(
        r#"<div class="byline">"#,
        r#"<time datetime="2024-03-06">6 March 2024</time><div class="byline">"#,
    );
    let a = extract_html(page.as_bytes(), None, None).unwrap();
    assert_eq!(a.published.as_deref(), Some("2024-03-06"));
}

#[test]
fn url_date_when_the_page_has_none() {
    let a = extract_html(article_page("").as_bytes(), Some("https://courier.example/2024/03/07/bridge-vote"), None).unwrap();
    assert_eq!(a.published.as_deref(), Some("2024-03-07"));
    let b = extract_html(article_page("").as_bytes(), Some("https://courier.example/news/20240308-bridge"), None).unwrap();
    assert_eq!(b.published.as_deref(), Some("2024-03-08"));
    use newsgraph_ingest::meta::date_from_url;
    assert_eq!(date_from_url("https://x.example/truth/article/2019/nov/18/guide/").as_deref(), Some("2019-11-18"));
    assert_eq!(date_from_url("https://x.example/2019-11-19/story.html").as_deref(), Some("2019-11-19"));
    assert_eq!(date_from_url("https://x.example/id/20191399/story"), None);
}

#[test]
fn dateline_date_when_nothing_else_has_one() {
    let page = article_page("").replace(PARAS[0], &format!("RIVERTON, March 9, 2024 \u{2014} {}", PARAS[0]));
    let a = extract_html(page.as_bytes(), None, None).unwrap();
    assert_eq!(a.published.as_deref(), Some("2024-03-09"));
}

#[test]
fn date_normalization() {
    use newsgraph_ingest::meta::normalize_date;
    assert_eq!(normalize_date("2024-03-05T09:30:00.123+0100").as_deref(), Some("2024-03-05T09:30:00+01:00"));
    assert_eq!(normalize_date("2024-03-05 09:30").as_deref(), Some("2024-03-05"));
    assert_eq!(normalize_date("Nov. 19, 2019").as_deref(), Some("2019-11-19"));
    assert_eq!(normalize_date("Tue, 19 Nov 2019 10:00:00 GMT").as_deref(), Some("2019-11-19"));
    assert_eq!(normalize_date("2024-13-45"), None);
}

#[test]
fn unclosed_tags_still_give_the_article() {
    let page = format!(
        "<html><head><title>{TITLE}</title><body><div class=nav><a href=/>Home</a><a href=/n>News</a>\
         <div class=story><p>{}<p>{}<p>{}<div><span>",
        PARAS[0], PARAS[1], PARAS[2]
    );
    let a = extract_html(page.as_bytes(), None, None).unwrap();
    assert_eq!(a.text, [PARAS[0], PARAS[1], PARAS[2]].join("\n\n"));
}

#[test]
fn deeply_nested_unclosed_divs_do_not_overflow() {
    let mut page = String::from("<html><body>");
    for _ in 0..100_000 {
        page.push_str("<div>");
    }
    page.push_str(&format!("<p>{}</p>", PARAS[0]));
    let a = extract_html(page.as_bytes(), None, None).unwrap();
    assert_eq!(a.text, PARAS[0]);
}

#[test]
fn hostile_nesting_and_attributes_stay_fast() {
    // Each of these took 10 s to minutes in the parser before the caps.
    let bold: String = (0..100_000).map(|i| format!("<b id={i}>w")).collect();
    let attrs: String = (0..200_000).map(|i| format!(" a{i}=1")).collect();
    let tables = "<table><tr><td>x".repeat(20_000);
    for page in [bold, format!("<div{attrs}><p>{}</p></div>", PARAS[0]), tables] {
        let t = std::time::Instant::now();
        let _ = extract_html(page.as_bytes(), None, None).unwrap();
        assert!(t.elapsed().as_secs() < 20, "took {:?}", t.elapsed());
    }
}

#[test]
fn a_50_mb_page_is_handled_in_bounded_time() {
    let para = format!("<p>{}</p>\n", PARAS[1]);
    let mut page = String::with_capacity(51 << 20);
    page.push_str("<html><body><article>");
    let mut n = 0;
    while page.len() < 50 << 20 {
        page.push_str(&para);
        n += 1;
    }
    page.push_str("</article></body></html>");
    let t = std::time::Instant::now();
    let a = extract_html(page.as_bytes(), None, None).unwrap();
    assert!(t.elapsed().as_secs() < 120, "took {:?}", t.elapsed());
    assert_eq!(a.blocks.len(), n);
    assert!(a.text.starts_with(PARAS[1]));
}

#[test]
fn pages_over_the_limit_are_refused_with_a_clear_error() {
    let page = vec![b' '; newsgraph_ingest::MAX_HTML_BYTES + 1];
    let e = extract_html(&page, None, None).unwrap_err();
    assert_eq!(e, format!("HTML page of {} bytes is over the limit of {} bytes", page.len(), newsgraph_ingest::MAX_HTML_BYTES));
}

#[test]
fn bylines_and_time_stamps_are_dropped_but_tweet_attributions_kept() {
    let page = article_page("").replace(
        &format!("<p>{}</p>", PARAS[0]),
        &format!(
            "<p>By Sam Porter</p><p>Published March 5, 2024 at 4:07 PM | Updated at 5:36 PM</p><p>{}</p>\
             <div class=\"social-media-embed\"><blockquote class=\"tweet\"><p>The bridge vote is today, come early.</p><p>\u{2014} Riverton Walkers (@rivwalk) March 5, 2024</p></blockquote></div>",
            PARAS[0]
        ),
    );
    let a = extract_html(page.as_bytes(), None, None).unwrap();
    let expected = [
        PARAS[0],
        "The bridge vote is today, come early.",
        "\u{2014} Riverton Walkers (@rivwalk) March 5, 2024",
        PARAS[1],
    ]
    .join("\n\n");
    assert!(a.text.starts_with(&expected), "{}", a.text);
    // The dropped time stamp still dates the page when nothing else does.
    assert_eq!(a.published.as_deref(), Some("2024-03-05"));
}

#[test]
fn link_lists_are_dropped_but_paragraphs_with_links_are_kept() {
    let linked = "The <a href=\"/c\">council</a> met after the <a href=\"/s\">state agency</a> gave the <a href=\"/g\">grant</a>, \
                  which covers most of the cost of the bridge and of the new path along the river bank to the station.";
    let page = format!(
        "<html><body><article><p>{}</p><p>{linked}</p><p><a href=\"/1\">Council delays vote on parking fees</a> | \
         <a href=\"/2\">Library hours extended</a> | <a href=\"/3\">Flood defences reviewed</a></p><p>{}</p></article></body></html>",
        PARAS[0], PARAS[1]
    );
    let a = extract_html(page.as_bytes(), None, None).unwrap();
    let plain_linked = "The council met after the state agency gave the grant, which covers most of the cost of the bridge and of the new path along the river bank to the station.";
    assert_eq!(a.text, [PARAS[0], plain_linked, PARAS[1]].join("\n\n"));
}

#[test]
fn an_article_split_into_same_class_chunks_is_joined() {
    // The second chunk carries a modifier class after the shared first class.
    let chunk = |ps: &[&str], class: &str| {
        format!(
            "<div class=\"grid\"><div class=\"{class}\">{}</div><div class=\"rail\"><a href=\"/ad\">Ad</a></div></div>",
            ps.iter().map(|p| format!("<p>{p}</p>")).collect::<String>()
        )
    };
    let page = format!(
        "<html><body><div class=\"page\"><h1>{TITLE}</h1>{}{}</div><div class=\"footer-links\"><a href=\"/x\">About us</a></div></body></html>",
        chunk(&PARAS[..2], "story-chunk"),
        chunk(&PARAS[2..], "story-chunk story-chunk--last")
    );
    let a = extract_html(page.as_bytes(), None, None).unwrap();
    assert_eq!(a.text, PARAS.join("\n\n"));
}

#[test]
fn author_from_microdata_or_rel_author_when_no_meta() {
    let page = article_page("").replace(
        r#"<div class="byline">By Sam Porter, Courier staff</div>"#,
        r#"<div class="byline">By <span itemprop="author" itemscope><span itemprop="name">Sam Porter</span></span></div>"#,
    );
    let a = extract_html(page.as_bytes(), None, None).unwrap();
    assert_eq!(a.author.as_deref(), Some("Sam Porter"));
    let page = article_page("").replace(
        r#"<div class="byline">By Sam Porter, Courier staff</div>"#,
        r#"<div class="byline">By <a rel="author" href="/staff/lee">Lee Chan</a></div>"#,
    );
    let a = extract_html(page.as_bytes(), None, None).unwrap();
    assert_eq!(a.author.as_deref(), Some("Lee Chan"));
    assert_eq!(a.text, expected_text());
}

#[test]
fn credit_lines_calls_to_action_and_galleries_are_dropped() {
    let long = "The paper's own reporting by a team of six over two years found that the river crossing had been promised in four elections, and that each time the money went elsewhere, to roads on the west side, to a new sports hall and to a car park at the old station that was started twice, stopped twice and never finished, all while the footbridge plans sat in a drawer.";
    assert!(long.len() > 300);
    let page = article_page("").replace(
        &format!("<p>{}</p>\n</div>", PARAS[3]),
        &format!(
            "<p>{}</p><p>{long}</p><div class=\"photo-gallery\"><p>Image 1 of 3</p><p>The east bank at dawn.</p></div>\
             <p>(Reporting by Sam Porter; Editing by Lee Chan)</p><p>Follow us on Twitter @courier for more news.</p></div>",
            PARAS[3]
        ),
    );
    let a = extract_html(page.as_bytes(), None, None).unwrap();
    assert_eq!(a.text, format!("{}\n\n{long}", expected_text()));
}

#[test]
fn linked_sentences_are_kept_and_inline_link_cards_dropped() {
    let card = "<span class=\"card\"><a href=\"/p/1\">Council delays vote on parking fees again</a> \
                <a href=\"/p/2\">Library hours extended for the summer months</a> \
                <a href=\"/p/3\">Flood defences reviewed by the state agency</a></span>";
    let page = format!(
        "<html><body><article><p>{}</p>\
         <p>The plan was <a href=\"/old\">first proposed by the mayor's office in a report on river crossings in 2021</a>.</p>\
         <p>The city engineer, <a href=\"/dw\">Dana Whitfield</a>{card}, said the work would take fourteen months to finish.</p>\
         <p>{}</p></article></body></html>",
        PARAS[0], PARAS[1]
    );
    let a = extract_html(page.as_bytes(), None, None).unwrap();
    assert_eq!(
        a.text,
        [
            PARAS[0],
            "The plan was first proposed by the mayor's office in a report on river crossings in 2021.",
            "The city engineer, Dana Whitfield, said the work would take fourteen months to finish.",
            PARAS[1],
        ]
        .join("\n\n")
    );
}

#[test]
fn teaser_articles_of_other_stories_are_not_joined() {
    let teaser = "The library board said on Wednesday that the reading room will stay open until nine in the evening on weekdays, starting next month, after a survey of readers.";
    let page = format!(
        "<html><body><div class=\"page\"><div class=\"main\"><article class=\"post\">{}</article></div>\
         <div class=\"more\"><article class=\"post\"><p>{teaser}</p></article><article class=\"post\"><p>{teaser}</p></article></div></div></body></html>",
        PARAS.iter().map(|p| format!("<p>{p}</p>")).collect::<String>()
    );
    let a = extract_html(page.as_bytes(), None, None).unwrap();
    assert_eq!(a.text, PARAS.join("\n\n"));
}

#[test]
fn language_tags_are_normalized() {
    use newsgraph_ingest::meta::normalize_language;
    assert_eq!(normalize_language("EN_us").as_deref(), Some("en-US"));
    assert_eq!(normalize_language("zh-hant-tw").as_deref(), Some("zh-Hant-TW"));
    assert_eq!(normalize_language("pt-BR").as_deref(), Some("pt-BR"));
    assert_eq!(normalize_language("English"), None);
    let page = article_page("").replace(r#"<html lang="en-GB">"#, "<html>").replace(
        "<meta charset=\"utf-8\">",
        "<meta charset=\"utf-8\"><meta property=\"og:locale\" content=\"en_gb\">",
    );
    assert_eq!(extract_html(page.as_bytes(), None, None).unwrap().language.as_deref(), Some("en-GB"));
}

#[test]
fn pages_with_too_many_tags_are_refused_with_a_clear_error() {
    let page = "<p>x".repeat(newsgraph_ingest::MAX_HTML_TAGS + 1);
    let e = extract_html(page.as_bytes(), None, None).unwrap_err();
    assert_eq!(e, format!("HTML page with {} tags is over the limit of {} tags", newsgraph_ingest::MAX_HTML_TAGS + 1, newsgraph_ingest::MAX_HTML_TAGS));
}

#[test]
fn stand_alone_furniture_lines_are_dropped() {
    let page = article_page("").replace(
        &format!("<p>{}</p>\n</div>", PARAS[3]),
        &format!("<p>Advertisement</p><p>{}</p><p>Tags:</p><p>Post a Comment</p></div>", PARAS[3]),
    );
    let a = extract_html(page.as_bytes(), None, None).unwrap();
    assert_eq!(a.text, expected_text());
}

#[test]
fn a_page_wrapper_with_a_furniture_like_class_is_not_furniture() {
    let page = format!(
        "<html><body><div class=\"page-ad-margins\"><article>{}\
         <div class=\"promo-small\"><a href=\"/x\">Library hours extended</a><div>Readers get two more hours every weekday evening.</div></div>\
         </article></div></body></html>",
        PARAS.iter().map(|p| format!("<p>{p}</p>")).collect::<String>()
    );
    let a = extract_html(page.as_bytes(), None, None).unwrap();
    assert_eq!(a.text, PARAS.join("\n\n"));
}
