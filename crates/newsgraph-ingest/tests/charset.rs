mod common;
use common::*;
use newsgraph_ingest::{charset, extract_html};

#[test]
fn windows_1252_without_declaration_is_detected() {
    let text = "Le caf\u{e9} de la rue Fran\u{e7}ois a rouvert ses portes apr\u{e8}s des ann\u{e9}es de travaux \u{2014} \u{ab} enfin \u{bb}, disent les habitu\u{e9}s du quartier.";
    let page = format!("<html><body><article><p>{text}</p><p>{text}</p></article></body></html>");
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&page);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err());
    let a = extract_html(&bytes, None, None).unwrap();
    assert_eq!(a.text, format!("{text}\n\n{text}"));
}

#[test]
fn utf8_page_with_a_wrong_meta_charset_is_read_as_utf8() {
    let text = "Der B\u{fc}rgermeister er\u{f6}ffnete die Br\u{fc}cke \u{fc}ber den Fluss am Montag vor vielen Zuschauern aus der Stadt.";
    let page = format!("<html><head><meta charset=\"iso-8859-1\"></head><body><article><p>{text}</p></article></body></html>");
    let a = extract_html(page.as_bytes(), None, None).unwrap();
    assert_eq!(a.text, text);
}

#[test]
fn a_declared_legacy_charset_is_used_when_the_bytes_are_not_utf8() {
    let text = "\u{41f}\u{440}\u{438}\u{432}\u{435}\u{442} \u{43c}\u{438}\u{440}, \u{44d}\u{442}\u{43e} \u{43d}\u{43e}\u{432}\u{43e}\u{441}\u{442}\u{438} \u{433}\u{43e}\u{440}\u{43e}\u{434}\u{430} \u{43e} \u{43d}\u{43e}\u{432}\u{43e}\u{43c} \u{43c}\u{43e}\u{441}\u{442}\u{435}.";
    let page = format!("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"></head><body><article><p>{text}</p></article></body></html>");
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&page);
    assert_eq!(extract_html(&bytes, None, None).unwrap().text, text);
    // The HTTP charset wins over a missing meta.
    let plain = format!("<html><body><article><p>{text}</p></article></body></html>");
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&plain);
    assert_eq!(extract_html(&bytes, None, Some("windows-1251")).unwrap().text, text);
}

#[test]
fn invalid_utf8_is_decoded_lossily() {
    let mut page = article_page("").into_bytes();
    let at = page.windows(17).position(|w| w == b"build a footbridg").unwrap() + 12;
    page[at] = 0xff; // "foot\u{fffd}ridge"
    let a = extract_html(&page, None, None).unwrap();
    assert!(a.text.starts_with("The Riverton city council voted 7 to 2 on Tuesday to build a foot\u{fffd}ridge across"), "{}", a.text);
}

#[test]
fn content_type_charset_parameter() {
    assert_eq!(charset::content_type_charset("text/html; charset=\"ISO-8859-1\""), Some("ISO-8859-1"));
    assert_eq!(charset::content_type_charset("text/html"), None);
}

#[test]
fn undeclared_utf8_with_a_stray_byte_stays_utf8() {
    let text = "Caf\u{e9} cr\u{e8}me, na\u{ef}ve fa\u{e7}ade: the r\u{e9}sum\u{e9} of the new owner was read aloud at the meeting.";
    let mut bytes = format!("<html><body><article><p>{text} X</p></article></body></html>").into_bytes();
    let x = bytes.iter().position(|&b| b == b'X').unwrap();
    bytes[x] = 0x93; // a lone windows-1252 quote byte
    let a = extract_html(&bytes, None, None).unwrap();
    assert_eq!(a.text, format!("{text} \u{fffd}"));
}
