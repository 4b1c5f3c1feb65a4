//! Kill -9 in the middle of saves (issue 5): a child process saves two reports in turn, as
//! fast as it can, and is killed with SIGKILL at many different moments. FILE is always the
//! one report or the other, complete — never partial, never empty.

use nianbao::model::Report;
use nianbao::persist::save_report;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

const CHILD_ENV: &str = "NIANBAO_PERSIST_CRASH_CHILD";

fn reports() -> (Report, Report) {
    let a = nianbao::yaml::load_file(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/huaian-2024.yaml"
    )))
    .unwrap()
    .report;
    let mut b = a.clone();
    b.agency = "另一个机关".into();
    // Make B much longer than A, so a partial write would be visible as a short file.
    b.overview[0].body = "很长的正文。".repeat(20_000);
    (a, b)
}

/// In the child: saves A and B in turn until killed.
#[test]
#[ignore = "the child process of `kill_9_during_saves_never_leaves_a_partial_file`, which runs it with --ignored"]
fn child_saves_forever() {
    let file = std::env::var_os(CHILD_ENV)
        .expect("run only as the child of its parent test, which sets the environment");
    let (a, b) = reports();
    loop {
        save_report(Path::new(&file), &b).unwrap();
        save_report(Path::new(&file), &a).unwrap();
    }
}

#[test]
fn kill_9_during_saves_never_leaves_a_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.yaml");
    let (a, b) = reports();
    save_report(&file, &a).unwrap();
    let (ya, yb) = (nianbao::yaml::to_yaml(&a), nianbao::yaml::to_yaml(&b));
    let mut seen = (0, 0);
    for round in 0..30u64 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "child_saves_forever",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, &file)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Different moments in the save cycle: 20 ms to about 200 ms after the start.
        std::thread::sleep(Duration::from_millis(20 + (round * 37) % 180));
        // SAFETY: kill with the pid of the child we started.
        unsafe {
            libc::kill(child.id() as i32, libc::SIGKILL);
        }
        let _ = child.wait();
        let now = std::fs::read_to_string(&file).unwrap();
        if now == ya {
            seen.0 += 1;
        } else if now == yb {
            seen.1 += 1;
        } else {
            panic!(
                "round {round}: FILE is neither report ({} bytes, A {} B {})",
                now.len(),
                ya.len(),
                yb.len()
            );
        }
        assert_eq!(
            nianbao::yaml::load_str(&now, "report.yaml").map(|_| ()),
            Ok(())
        );
    }
    eprintln!("FILE was A {} times, B {} times", seen.0, seen.1);
}
