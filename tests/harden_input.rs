//! Issue 12 item 12 through the real binary in a pseudo-terminal: a bracketed paste whose end
//! never comes (`ESC[200~abc` and nothing more) is ended after a short time by our own input
//! reader — no `TIOCSTI`, so this holds where the kernel forbids it
//! (`dev.tty.legacy_tiocsti = 0`) — and the keys after it work, in the viewer and in the
//! wizard. Pastes from Word (large, Chinese, split anywhere between reads, pausing) and an
//! input method's bursts still arrive whole.
mod common;
use common::examples::write_report;
use common::process::alive;
use common::pty::{keys, Session, DRAFT_TIMER_OFF};
use nianbao::tui::input::PASTE_TIMEOUT;
use std::path::Path;
use std::time::Duration;

fn spawn(dir: &Path, args: &[&str]) -> Session {
    Session::spawn_in(dir, args, &[DRAFT_TIMER_OFF])
}

/// Waits (the last bytes may still be on their way through the pseudo-terminal) until the
/// terminal is given back: main screen, bracketed paste off.
fn assert_terminal_given_back(s: &Session) {
    for _ in 0..100 {
        if s.with_screen(|scr| !scr.alternate_screen() && !scr.bracketed_paste()) {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("terminal not given back; screen:\n{}", s.screen());
}

#[test]
fn the_viewer_quits_after_a_paste_that_never_ends() {
    let dir = tempfile::tempdir().unwrap();
    write_report(dir.path(), "r.yaml", "淮安市人民政府");
    for quit in ["q", keys::CTRL_C] {
        let mut s = spawn(dir.path(), &["view", "r.yaml"]);
        s.wait_for("淮安市人民政府");
        s.send("\x1b[200~abc");
        std::thread::sleep(Duration::from_millis(300));
        // Within the paste a quit key is text (a paste may pause)…
        s.send(quit);
        std::thread::sleep(Duration::from_millis(700));
        assert!(alive(s.pid().unwrap()), "a key inside the paste quit");
        // …and once the paste has been ended, keys are keys again.
        std::thread::sleep(PASTE_TIMEOUT + Duration::from_millis(300));
        s.send(quit);
        assert_eq!(s.wait_exit(), 0, "quit with {quit:?}");
        assert_terminal_given_back(&s);
    }
}

#[test]
fn the_wizard_gets_the_text_of_a_paste_that_never_ends_and_keys_work_after_it() {
    let dir = tempfile::tempdir().unwrap();
    write_report(dir.path(), "r.yaml", "淮安市人民政府");
    let mut s = spawn(dir.path(), &["edit", "r.yaml"]);
    s.wait_for("机关名称");
    s.send("\x1b[200~abc");
    // What came is the paste, once it has gone quiet for a while.
    s.wait_for("淮安市人民政府abc");
    // The next key is typed, not pasted.
    s.send("d");
    s.wait_for("淮安市人民政府abcd");
    // Again, and now Ctrl-Q right after the paste has ended.
    s.send("\x1b[200~ef");
    s.wait_for("淮安市人民政府abcdef");
    s.send(keys::CTRL_Q);
    s.wait_for("有未保存的修改");
    s.send("y");
    assert_eq!(s.wait_exit(), 0);
    assert_terminal_given_back(&s);
}

#[test]
fn ctrl_q_ends_the_wizard_after_a_paste_that_never_ends() {
    let dir = tempfile::tempdir().unwrap();
    write_report(dir.path(), "r.yaml", "淮安市人民政府");
    let mut s = spawn(dir.path(), &["edit", "r.yaml"]);
    s.wait_for("机关名称");
    // An empty paste that never ends changes nothing: Ctrl-Q then quits without asking.
    s.send("\x1b[200~");
    std::thread::sleep(PASTE_TIMEOUT + Duration::from_millis(500));
    s.send(keys::CTRL_Q);
    assert_eq!(s.wait_exit(), 0);
}

/// A report body as a clerk copies it from Word: paragraphs of Chinese, full-width
/// punctuation, CR LF between paragraphs (about 40 KB).
fn word_text() -> String {
    let para = "2024年，淮安市人民政府办公室坚持以习近平新时代中国特色社会主义思想为指导，\
                全面贯彻《中华人民共和国政府信息公开条例》，主动公开政府信息1,234条（其中规范性文件56件），\
                依申请公开办理“一网通办”事项，做到应公开尽公开；";
    (1..=150)
        .map(|n| format!("（{n}）{para}"))
        .collect::<Vec<_>>()
        .join("\r\n")
}

#[test]
fn a_large_chinese_paste_split_between_reads_arrives_whole() {
    let dir = tempfile::tempdir().unwrap();
    write_report(dir.path(), "r.yaml", "淮安市人民政府");
    let mut s = spawn(dir.path(), &["edit", "r.yaml"]);
    s.wait_for("机关名称");
    s.send(keys::PAGE_DOWN);
    s.wait_for("第1段");
    s.send(keys::TAB);
    s.settle(Duration::from_millis(150));
    let text = word_text();
    assert!(text.len() > 30_000);
    let bytes = format!("\x1b[200~{text}\x1b[201~").into_bytes();
    // Pieces of 997 bytes: almost every one ends inside a 3-byte character, and in the end
    // marker; a pause of a second in the middle (a slow link) is still the same paste.
    for (i, piece) in bytes.chunks(997).enumerate() {
        s.send(piece);
        std::thread::sleep(Duration::from_millis(if i == 15 { 1000 } else { 3 }));
    }
    s.wait_for("（150）2024年");
    s.send(keys::CTRL_S);
    s.wait_for("已保存到 r.yaml");
    s.send(keys::CTRL_Q);
    assert_eq!(s.wait_exit(), 0);
    let r = nianbao::yaml::load_file(&dir.path().join("r.yaml"))
        .expect("saved file reads back")
        .report;
    assert_eq!(r.overview[0].body, text.replace("\r\n", "\n"));
}

#[test]
fn an_input_methods_bursts_arrive_whole() {
    let dir = tempfile::tempdir().unwrap();
    write_report(dir.path(), "r.yaml", "淮安市");
    let mut s = spawn(dir.path(), &["edit", "r.yaml"]);
    s.wait_for("机关名称");
    // A phrase committed at once (one write).
    s.send("人民政府");
    s.wait_for("淮安市人民政府");
    // A phrase whose characters are split between writes, with pauses longer than the
    // time a lone Esc waits.
    let b = "办公室".as_bytes();
    for piece in [&b[..1], &b[1..4], &b[4..8], &b[8..]] {
        s.send(piece);
        std::thread::sleep(Duration::from_millis(150));
    }
    s.wait_for("淮安市人民政府办公室");
    // A lone Esc is Esc: it closes the help, and the next key is typed as usual.
    s.send(keys::F1);
    s.wait_for("关闭帮助或对话框");
    s.send(keys::ESC);
    std::thread::sleep(Duration::from_millis(150));
    s.send("甲");
    s.wait_until("the help closed and 甲 typed", |scr| {
        scr.contains("淮安市人民政府办公室甲") && !scr.contains("关闭帮助或对话框")
    });
    s.send(keys::CTRL_S);
    s.wait_for("已保存到 r.yaml");
    s.send(keys::CTRL_Q);
    assert_eq!(s.wait_exit(), 0);
    let r = nianbao::yaml::load_file(&dir.path().join("r.yaml"))
        .unwrap()
        .report;
    assert_eq!(r.agency, "淮安市人民政府办公室甲");
}

#[test]
fn crossterms_reader_is_still_there_behind_nianbao_input() {
    let dir = tempfile::tempdir().unwrap();
    write_report(dir.path(), "r.yaml", "淮安市人民政府");
    let mut s = Session::spawn_in(
        dir.path(),
        &["edit", "r.yaml"],
        &[("NIANBAO_INPUT", "crossterm")],
    );
    s.wait_for("机关名称");
    s.paste("办公室");
    s.wait_for("淮安市人民政府办公室");
    s.send(keys::CTRL_Q);
    s.wait_for("有未保存的修改");
    s.send("y");
    assert_eq!(s.wait_exit(), 0);
}
