//! The web player: one HTML page listing every article with an `<audio>` player, its
//! subtitles as a captions `<track>`, and its text. With word timings in the manifest
//! (`aloud export --word-timings`) the word being heard is highlighted; without them, the
//! chunk. Self-contained: inline CSS and JavaScript, no external assets. Pure.

use std::fmt::Write as _;

use super::feed::{file_url, mime_type};
use super::library::Episode;
use super::FEED_FILE;

/// Escapes text for HTML element content and double-quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font:17px/1.55 system-ui,sans-serif;max-width:46em;margin:0 auto;padding:1em;color:#222;background:#fdfdfb}\
h1{font-size:1.5em}h2{font-size:1.25em;margin-bottom:.2em}h3{font-size:1.05em}\
article{border-top:1px solid #ddd;padding:.5em 0 1.5em}audio{width:100%}\
.meta{color:#666;font-size:.9em;margin:0 0 .5em}\
.script [data-s]{cursor:pointer;border-radius:3px}\
.script .now{background:#ffe27a}";

/// Highlights the word (or chunk) being heard: a binary search of the `data-s` start times
/// (ms) on each frame while playing; a click on a word seeks to it. One player plays at a
/// time.
const SCRIPT: &str = r#"(function(){
var players=document.querySelectorAll('article audio');
players.forEach(function(a){a.addEventListener('play',function(){players.forEach(function(b){if(b!==a)b.pause();});});});
document.querySelectorAll('article').forEach(function(art){
var audio=art.querySelector('audio');if(!audio)return;
var spans=Array.prototype.slice.call(art.querySelectorAll('.script [data-s]'));if(!spans.length)return;
var starts=spans.map(function(s){return +s.getAttribute('data-s');});
var ends=spans.map(function(s){return +s.getAttribute('data-e');});
var current=-1,raf=0;
function show(){var t=audio.currentTime*1000,lo=0,hi=starts.length-1,i=-1;
while(lo<=hi){var mid=(lo+hi)>>1;if(starts[mid]<=t){i=mid;lo=mid+1;}else{hi=mid-1;}}
if(i>=0&&t>ends[i]+300)i=-1;
if(i!==current){if(current>=0)spans[current].classList.remove('now');if(i>=0)spans[i].classList.add('now');current=i;}}
function loop(){show();raf=audio.paused?0:requestAnimationFrame(loop);}
audio.addEventListener('play',function(){if(!raf)raf=requestAnimationFrame(loop);});
['timeupdate','seeked','pause'].forEach(function(ev){audio.addEventListener(ev,show);});
spans.forEach(function(s,i){s.addEventListener('click',function(){audio.currentTime=starts[i]/1000;audio.play();});});
});})();"#;

/// The index page for `episodes`, titled `title`. Links are relative (`<slug>/<file>`), so
/// the page works under any address the folder is served from.
pub fn index_html(episodes: &[Episode], title: &str) -> String {
    let title = escape(title);
    let mut html = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title>\
         <link rel=\"alternate\" type=\"application/rss+xml\" href=\"{FEED_FILE}\" title=\"{title}\">\
         <style>{STYLE}</style></head>\n<body>\n<h1>{title}</h1>\n\
         <p class=\"meta\">{} article{} · <a href=\"{FEED_FILE}\">podcast feed</a></p>\n",
        episodes.len(),
        if episodes.len() == 1 { "" } else { "s" }
    );
    for e in episodes {
        article(&mut html, e);
    }
    let _ = write!(html, "<script>{SCRIPT}</script>\n</body></html>\n");
    html
}

fn article(html: &mut String, e: &Episode) {
    let m = &e.manifest;
    let lang = m.language.to_string();
    let url = |file: &str| escape(&file_url("", &e.slug, file)[1..]);
    let _ = write!(
        html,
        "<article id=\"{}\" lang=\"{lang}\">\n<h2>{}</h2>\n<p class=\"meta\">{}",
        escape(&e.slug),
        escape(m.title.as_deref().unwrap_or(&e.slug)),
        crate::export::human_duration(m.duration_ms),
    );
    if let Some(voice) = &m.engine.voice {
        let _ = write!(html, " · {} {}", escape(&m.engine.name), escape(voice));
    }
    if let Some(script) = &e.script {
        let _ = write!(html, " · <a href=\"{}\">script</a>", url(script));
    }
    html.push_str("</p>\n");
    let audio = e.audio_by_preference();
    if audio.is_empty() {
        html.push_str("<p class=\"meta\">No audio: this article was exported as a script.</p>\n");
    } else {
        html.push_str("<audio controls preload=\"metadata\">");
        for a in audio {
            let _ = write!(
                html,
                "<source src=\"{}\" type=\"{}\">",
                url(&a.file),
                mime_type(a.format)
            );
        }
        if let Some(vtt) = &e.vtt {
            let _ = write!(
                html,
                "<track kind=\"captions\" src=\"{}\" srclang=\"{lang}\" label=\"Captions\" default>",
                url(vtt)
            );
        }
        html.push_str("</audio>\n");
    }
    script(html, e);
    html.push_str("</article>\n");
}

/// The article's text, paragraph by paragraph (headings as `<h3>`), each word (with word
/// timings) or chunk in a span carrying its times in ms (`data-s`, `data-e`).
fn script(html: &mut String, e: &Episode) {
    let m = &e.manifest;
    let headings: Vec<usize> = m.chapters.iter().map(|c| c.chunk).collect();
    html.push_str("<div class=\"script\">\n");
    let mut paragraph = None;
    let mut closer = "";
    for c in m.chunks.iter().filter(|c| c.paragraph >= 1) {
        if paragraph != Some(c.paragraph) {
            html.push_str(closer);
            let tag = if headings.contains(&c.index) {
                "h3"
            } else {
                "p"
            };
            let _ = write!(html, "<{tag}>");
            closer = if tag == "h3" { "</h3>\n" } else { "</p>\n" };
            paragraph = Some(c.paragraph);
        } else {
            html.push(' ');
        }
        match &c.words {
            Some(words) if !words.is_empty() => {
                for (i, w) in words.iter().enumerate() {
                    if i > 0 {
                        html.push(' ');
                    }
                    let _ = write!(
                        html,
                        "<span data-s=\"{}\" data-e=\"{}\">{}</span>",
                        w.start_ms,
                        w.end_ms,
                        escape(&w.text)
                    );
                }
            }
            _ => {
                let _ = write!(
                    html,
                    "<span data-s=\"{}\" data-e=\"{}\">{}</span>",
                    c.start_ms,
                    c.end_ms,
                    escape(&c.text)
                );
            }
        }
    }
    html.push_str(closer);
    html.push_str("</div>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<b>"Tom" & 'Jerry'</b>"#),
            "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;"
        );
    }
}
