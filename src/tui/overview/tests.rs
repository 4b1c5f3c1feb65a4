use super::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

fn press(o: &mut Overview, c: char) -> Outcome {
    o.update(&Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::NONE,
    )))
}

#[test]
fn filtering_when_no_report_has_errors_says_so() {
    let mut o = Overview::new(
        vec![example("huaian-2024.yaml"), example("hongze-2024.yaml")],
        0,
        2026,
        80,
        24,
        Theme::plain(),
    );
    o.compute_all();
    press(&mut o, 'f');
    assert!(o.order().is_empty());
    assert_eq!(o.message.as_deref(), Some("没有有错误的报告；f 显示全部"));
    // Enter with nothing shown does nothing.
    assert_eq!(o.act(Action::Open), Outcome::Nothing);
    press(&mut o, 'f');
    assert_eq!(o.order(), [0, 1]);
}

#[test]
fn sorting_while_computing_puts_the_rows_to_come_last() {
    let paths = vec![
        example("huaian-2024.yaml"),
        example("hongze-2024.yaml"),
        example("hongze-2023.yaml"),
    ];
    let mut o = Overview::new(paths, 2, 2026, 80, 24, Theme::plain());
    assert_eq!(
        o.current(),
        Some(2),
        "the cursor starts on the viewer's file"
    );
    o.tick(Duration::ZERO);
    o.tick(Duration::ZERO);
    assert_eq!(o.computed(), 2);
    // Sort by 本年新收: 95 (hongze-2024) before 3119 (huaian); hongze-2023 still to come.
    o.column = Column::Received;
    press(&mut o, 's');
    assert_eq!(o.order(), [1, 0, 2]);
    o.compute_all();
    // Once computed it takes its place: 21 first.
    assert_eq!(o.order(), [2, 1, 0]);
}

#[test]
fn standard_input_is_not_read() {
    match compute_row(Path::new("-"), 2026) {
        Row::Unreadable { error, .. } => assert!(error.contains("标准输入"), "{error}"),
        other => panic!("{other:?}"),
    }
}
